// The service's parts (sweeperService.ts wires them): the handler sets together bind exactly the
// IPC methods; CurrentSession's folder-path cache; Graph reached through the backend registry.
import { afterEach, describe, expect, it } from 'vitest';
import type { FolderInfo } from '../../shared/domain';
import { sweeperMethods, type GraphConnectionSettings } from '../../shared/ipc';
import type { GraphConnector, MailboxBackend } from '../../electron/backends/port';
import { CurrentSession } from '../../electron/service/currentSession';
import { NotConnectedError } from '../../electron/service/notConnected';
import { createRig, type ServiceRig } from './helpers';

let rig: ServiceRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A backend whose tree the test controls; counts the tree reads. */
function fakeBackend(folders: FolderInfo[], kind: 'ews' | 'graph' = 'ews'): MailboxBackend & { reads: number } {
  const backend = {
    kind,
    reads: 0,
    info: { backend: kind, url: 'https://example.test', signedInWith: 'test', mailbox: 'a@contoso.com', demo: false, hasArchive: false },
    actor: 'a@contoso.com',
    listFolders: async () => {
      backend.reads++;
      return folders;
    },
    listItems: async () => ({ rows: [], total: 0 }),
    getItemDetails: async () => {
      throw new Error('unused');
    },
    deleteFolder: async () => ({ ok: true }),
    checkRecoverableItems: async () => ({ ok: true, detail: '' }),
    dumpsterReader: () => ({ readPart: async () => [] }),
    assertMailbox: () => undefined,
    jobBackend: () => {
      throw new Error('unused');
    },
    close: () => undefined,
  };
  return backend as unknown as MailboxBackend & { reads: number };
}

const folder = (id: string, displayName: string, parentId?: string): FolderInfo =>
  ({ id, displayName, ...(parentId === undefined ? {} : { parentId }), part: 'primary' }) as unknown as FolderInfo;

describe('the service parts', () => {
  it('bind every IPC method and dispose, nothing more', async () => {
    rig = await createRig();
    expect(Object.keys(rig.service).sort()).toEqual([...sweeperMethods, 'dispose'].sort());
  });

  it('CurrentSession refuses views without a connection and reads paths once until told the tree changed', async () => {
    const current = new CurrentSession();
    expect(() => current.require()).toThrow(NotConnectedError);
    expect(current.paths()).toBeUndefined();
    const backend = fakeBackend([folder('root', 'Top'), folder('inbox', 'Inbox', 'root')]);
    current.backend = backend;
    const first = await current.paths();
    expect(first?.get('inbox')).toBeDefined();
    await current.paths();
    expect(backend.reads).toBe(1);
    current.forgetPaths();
    await current.paths();
    expect(backend.reads).toBe(2);
    // Another session: its own tree.
    const other = fakeBackend([folder('x', 'Other')]);
    current.backend = other;
    await current.paths();
    expect(other.reads).toBe(1);
  });

  it('CurrentSession does not keep a failed tree read', async () => {
    const current = new CurrentSession();
    const backend = fakeBackend([]);
    let fail = true;
    backend.listFolders = async () => {
      backend.reads++;
      if (fail) throw new Error('busy');
      return [folder('inbox', 'Inbox')];
    };
    current.backend = backend;
    await expect(current.paths()).rejects.toThrow('busy');
    fail = false;
    expect((await current.paths())?.size).toBe(1);
    expect(backend.reads).toBe(2);
  });

  it('reaches Graph through the registry: refused in words without it, its connector when registered', async () => {
    const settings: GraphConnectionSettings = { tenantId: 'contoso.onmicrosoft.com', clientId: 'app', signIn: 'delegated', mailbox: 'a@contoso.com' };
    rig = await createRig();
    const refused = await rig.service.connect({ backend: 'graph', graph: settings });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(await rig.service.signOut()).toEqual({ ok: true });
    await rig.close();

    const calls: string[] = [];
    const graphSession = fakeBackend([], 'graph');
    const graph: GraphConnector = {
      kind: 'graph',
      testConnection: async () => ({ ok: true, steps: [] }),
      open: async (s) => {
        calls.push(`open ${s.mailbox}`);
        return { ok: true, session: graphSession };
      },
      openMailboxes: async () => ({ ok: false, error: { kind: 'unavailable', message: 'not in this test' } }),
      signOut: async () => {
        calls.push('signOut');
      },
      cancelSignIn: () => false,
      close: () => undefined,
    };
    rig = await createRig({ graph });
    expect(await rig.service.connect({ backend: 'graph', graph: settings })).toMatchObject({ ok: true, session: { backend: 'graph' } });
    expect(await rig.service.listFolders({ part: 'primary' })).toEqual([]);
    expect(await rig.service.signOut()).toEqual({ ok: true });
    // Sign out closes the Graph connection with its tokens.
    await expect(rig.service.listFolders({ part: 'primary' })).rejects.toThrow(NotConnectedError);
    expect(calls).toEqual(['open a@contoso.com', 'signOut']);
  });
});
