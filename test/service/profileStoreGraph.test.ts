// Graph profiles in profiles.json: saved with their settings and no secret, listed with the
// backend, handed back for connect; a file written before Graph profiles existed reads as EWS.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILES_FILE, ProfileStore } from '../../electron/service/profileStore';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { reversibleSecretStore } from './helpers';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sweeper-profiles-graph-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const delegated: GraphConnectionSettings = {
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  signIn: 'delegated',
  mailbox: 'alice@contoso.com',
};

const appOnly: GraphConnectionSettings = {
  tenantId: '6f2d1b7a-3c4e-4a5b-9d8e-1f2a3b4c5d6e',
  clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  authorityUrl: 'https://login.microsoftonline.us/6f2d1b7a-3c4e-4a5b-9d8e-1f2a3b4c5d6e',
  graphUrl: 'https://graph.microsoft.us/v1.0',
  signIn: 'appOnly',
  certificate: { certificatePath: 'C:\\Certs\\sweeper.pem', privateKeyPath: 'C:\\Certs\\sweeper.key', thumbprint: 'AB'.repeat(20) },
  mailbox: 'carol@contoso.com',
};

describe('Graph profiles', () => {
  it('saves, lists and hands back a delegated and an app-only profile, with no secret', async () => {
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    const first = await store.saveGraph('Contoso (Graph)', delegated);
    const second = await store.saveGraph('GCC High', appOnly);
    expect(first).toEqual({
      id: first.id,
      name: 'Contoso (Graph)',
      url: 'https://graph.microsoft.com/v1.0',
      authKind: 'bearer',
      backend: 'graph',
      graph: delegated,
      hasSecret: false,
    });
    expect(second).toMatchObject({ url: 'https://graph.microsoft.us/v1.0', backend: 'graph', graph: appOnly });
    expect((await store.list()).profiles).toEqual([first, second]);
    expect(await store.connection(first.id)).toEqual({ url: 'https://graph.microsoft.com/v1.0', authKind: 'bearer', backend: 'graph', graph: delegated });
    expect(await store.connection(second.id)).toMatchObject({ backend: 'graph', graph: appOnly });
    const file = await readFile(join(dataDir, PROFILES_FILE), 'utf8');
    expect(file).not.toMatch(/sealedSecret|sealedProxyPassword/);
  });

  it('replaces a profile of the same name, EWS by Graph', async () => {
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    const ews = await store.save({ name: 'Contoso', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin', secret: 'pw' });
    const graph = await store.saveGraph('Contoso', delegated);
    expect(graph.id).toBe(ews.profile.id);
    expect((await store.list()).profiles).toEqual([graph]);
  });

  it('reads a profiles file written before Graph profiles existed as EWS', async () => {
    const old = {
      version: 1,
      profiles: [{ id: 'p1', name: 'On-premises', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'password', user: 'CONTOSO\\admin' }],
    };
    await writeFile(join(dataDir, PROFILES_FILE), JSON.stringify(old));
    const store = new ProfileStore(dataDir, reversibleSecretStore());
    const [profile] = (await store.list()).profiles;
    expect(profile).toEqual({ id: 'p1', name: 'On-premises', url: old.profiles[0]?.url, authKind: 'password', user: 'CONTOSO\\admin', hasSecret: false });
    expect(profile?.backend).toBeUndefined();
    const connection = await store.connection('p1');
    expect(connection?.backend).toBeUndefined();
    expect(connection?.graph).toBeUndefined();
  });
});
