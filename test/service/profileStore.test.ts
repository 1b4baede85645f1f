// The profiles file: sealed secrets only, concurrent saves kept, a damaged file named clearly.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILES_FILE, ProfileStore } from '../../electron/service/profileStore';
import { reversibleSecretStore } from './helpers';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sweeper-profiles-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const base = { url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic' as const, user: 'admin@contoso.com' };

describe('ProfileStore', () => {
  it('never stores or hands on a password typed into an address (issue 14)', async () => {
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    const saved = await store.save({
      ...base,
      url: 'https://admin:typed-secret@mail.contoso.com/EWS/Exchange.asmx',
      proxyUrl: 'http://puser:proxy-secret@proxy.contoso.com:8080',
      name: 'Typed',
    });
    expect(saved.profile.url).toBe('https://mail.contoso.com/EWS/Exchange.asmx');
    const text = await readFile(join(dataDir, PROFILES_FILE), 'utf8');
    expect(text).not.toContain('typed-secret');
    expect(text).not.toContain('proxy-secret');
    // A file written by an older version that kept one: never listed or connected with it.
    await writeFile(join(dataDir, PROFILES_FILE), text.replace('https://mail.contoso.com', 'https://admin:old-secret@mail.contoso.com'));
    expect(JSON.stringify(await store.list())).not.toContain('old-secret');
    expect((await store.connection(saved.profile.id))?.url).toBe('https://mail.contoso.com/EWS/Exchange.asmx');
    await store.save({ ...base, name: 'Other' });
    expect(await readFile(join(dataDir, PROFILES_FILE), 'utf8')).not.toContain('old-secret');
  });

  it('keeps both of two concurrent saves and replaces a profile of the same name', async () => {
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    await Promise.all([store.save({ ...base, name: 'One', secret: 'first-secret' }), store.save({ ...base, name: 'Two', secret: 'second-secret' })]);
    const replaced = await store.save({ ...base, name: 'One', impersonate: 'alice@contoso.com', secret: 'third-secret' });
    const { profiles } = await store.list();
    expect(profiles.map((profile) => profile.name).sort()).toEqual(['One', 'Two']);
    expect(profiles.find((profile) => profile.name === 'One')).toEqual({ ...replaced.profile, impersonate: 'alice@contoso.com' });
    expect((await store.connection(replaced.profile.id))?.secret).toBe('third-secret');
    const text = await readFile(join(dataDir, PROFILES_FILE), 'utf8');
    for (const secret of ['first-secret', 'second-secret', 'third-secret']) expect(text).not.toContain(secret);
  });

  it('writes the file readable by its owner only', async () => {
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    await store.save({ ...base, name: 'One', secret: 'pw' });
    expect((await stat(join(dataDir, PROFILES_FILE))).mode & 0o777).toBe(0o600);
  });

  it('treats a secret sealed elsewhere (cannot be opened) as no stored secret', async () => {
    const store = new ProfileStore(dataDir, {
      isAvailable: () => true,
      encrypt: () => 'sealed-on-another-machine',
      decrypt: () => {
        throw new Error('wrong key');
      },
    });
    const { profile } = await store.save({ ...base, name: 'Moved', secret: 'pw' });
    expect(await store.connection(profile.id)).toEqual({ ...base, impersonate: undefined, secret: undefined });
  });

  it('names a damaged profiles file instead of silently losing it (a damaged entry alone: profileStoreDamage.test.ts)', async () => {
    await writeFile(join(dataDir, PROFILES_FILE), JSON.stringify({ version: 2, profiles: [] }));
    await expect(new ProfileStore(dataDir, reversibleSecretStore()).list()).rejects.toThrow(/profiles file .*profiles\.json is damaged/);
    await writeFile(join(dataDir, PROFILES_FILE), '{"version":1,"prof');
    await expect(new ProfileStore(dataDir, reversibleSecretStore()).list()).rejects.toThrow(/is damaged/);
  });
});
