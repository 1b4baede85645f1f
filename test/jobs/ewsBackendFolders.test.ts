// The EWS adapter's folder calls against the simulator over HTTP: CreateFolder's answers as the
// engine sees them (made, name taken, parent gone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { EwsClient } from '../../electron/ews';
import type { EwsJobBackend } from '../../electron/jobs/ewsBackend';
import { ewsBackend } from './simHarness';

let sim: RunningSimulator;
let backend: EwsJobBackend;
let client: EwsClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ backend, client } = ewsBackend(sim.url, { part: 'primary' }));
});
afterAll(async () => {
  client.close();
  await sim.close();
});

const signal = (): AbortSignal => AbortSignal.timeout(5_000);

describe('createFolder', () => {
  it('makes a folder under a well-known parent and answers its id', async () => {
    const made = await backend.createFolder('msgfolderroot', 'Made by the backend', signal());
    expect(made.status).toBe('created');
    const root = sim.store.folderByDistinguished(DEMO_ADMIN, 'msgfolderroot');
    const child = sim.store.childFolders(root?.id ?? '').find((f) => f.displayName === 'Made by the backend');
    expect(made).toEqual({ status: 'created', id: child?.id });
  });

  it("answers 'exists' for a name the parent has, in any case, and makes nothing", async () => {
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    sim.store.createFolder(inbox?.id ?? '', 'Taken');
    const before = sim.store.childFolders(inbox?.id ?? '').length;
    expect(await backend.createFolder(inbox?.id ?? '', 'TAKEN', signal())).toEqual({ status: 'exists' });
    expect(sim.store.childFolders(inbox?.id ?? '')).toHaveLength(before);
  });

  it('throws a fatal request error when the parent is gone', async () => {
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    const gone = sim.store.createFolder(inbox?.id ?? '', 'Soon gone').id;
    sim.store.removeFolder(gone);
    await expect(backend.createFolder(gone, 'Child', signal())).rejects.toMatchObject({ kind: 'fatal' });
  });
});
