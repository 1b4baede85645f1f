// A profiles file with a damaged entry: the good profiles are still offered and usable, the damaged
// entry is never offered but is written back as it was (minus any credentials in its addresses), so
// a save never silently loses what the admin might repair by hand.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILES_FILE, ProfileStore } from '../../electron/service/profileStore';
import { reversibleSecretStore } from './helpers';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sweeper-profiles-damage-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const good = (id: string, name: string) => ({ id, name, url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin@contoso.com' });
const damaged = { id: 'bad-1', name: 'Broken', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'carrier-pigeon' };

async function fileWith(profiles: unknown[]): Promise<void> {
  await writeFile(join(dataDir, PROFILES_FILE), JSON.stringify({ version: 1, profiles }));
}

async function stored(): Promise<unknown[]> {
  return (JSON.parse(await readFile(join(dataDir, PROFILES_FILE), 'utf8')) as { profiles: unknown[] }).profiles;
}

describe('ProfileStore with a damaged entry', () => {
  it('offers the good profiles and connects with them', async () => {
    await fileWith([good('a', 'First'), damaged, { id: 7 }, 'not even an object', good('b', 'Second')]);
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['First', 'Second']);
    expect(await store.connection('b')).toMatchObject({ url: good('b', 'Second').url, authKind: 'basic', user: 'admin@contoso.com' });
    expect(await store.connection('bad-1')).toBeUndefined();
  });

  it('writes the damaged entries back as they were when it saves or removes a profile', async () => {
    await fileWith([good('a', 'First'), damaged, { id: 7 }]);
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    await store.save({ name: 'Third', url: 'https://other.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'x' });
    expect(await stored()).toEqual([good('a', 'First'), expect.objectContaining({ name: 'Third' }) as unknown, damaged, { id: 7 }]);
    await store.remove('a');
    expect(await stored()).toEqual([expect.objectContaining({ name: 'Third' }) as unknown, damaged, { id: 7 }]);
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['Third']);
  });

  it('never writes back a password typed into a damaged entry’s addresses', async () => {
    const withSecret = { ...damaged, url: 'https://admin:typed-secret@mail.contoso.com/EWS/Exchange.asmx', proxyUrl: 'http://p:proxy-secret@proxy:8080' };
    await fileWith([withSecret]);
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    await store.save({ name: 'New', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'x' });
    const text = await readFile(join(dataDir, PROFILES_FILE), 'utf8');
    expect(text).not.toContain('typed-secret');
    expect(text).not.toContain('proxy-secret');
    expect(await stored()).toContainEqual({ ...damaged, proxyUrl: 'http://proxy:8080/' });
  });
});
