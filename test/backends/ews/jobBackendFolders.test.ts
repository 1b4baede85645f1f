// The EWS adapter's folder calls against the simulator over HTTP: CreateFolder's answers as the
// engine sees them (made, name taken, parent gone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, startSimulator, type RunningSimulator } from '../../../electron/sim';
import type { EwsClient } from '../../../electron/ews';
import type { EwsJobBackend } from '../../../electron/backends/ews/jobBackend';
import { ewsBackend } from '../../jobs/simHarness';

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

describe('moveFolder', () => {
  it('moves a folder out of Deleted Items with its items and subfolders; the folder keeps its id', async () => {
    const deleted = sim.store.folderByDistinguished(DEMO_ADMIN, 'deleteditems');
    const folder = sim.store.createFolder(deleted?.id ?? '', 'Deleted project');
    const sub = sim.store.createFolder(folder.id, 'Minutes');
    sim.store.seedItems(folder.id, 4);
    sim.store.seedItems(sub.id, 2);
    const moved = await backend.moveFolder(folder.id, 'msgfolderroot', signal());
    expect(moved).toEqual({ status: 'moved', id: folder.id });
    const root = sim.store.folderByDistinguished(DEMO_ADMIN, 'msgfolderroot');
    expect(sim.store.folder(folder.id)?.parentId).toBe(root?.id);
    expect(sim.store.itemCount(folder.id)).toBe(4);
    expect(sim.store.childFolders(folder.id).map((f) => [f.displayName, f.totalCount])).toEqual([['Minutes', 2]]);
  });

  it('answers refusals for the folder as values: gone, built-in', async () => {
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    const gone = sim.store.createFolder(inbox?.id ?? '', 'Gone before the move').id;
    sim.store.removeFolder(gone);
    expect(await backend.moveFolder(gone, 'msgfolderroot', signal())).toMatchObject({ status: 'refused', code: expect.stringMatching(/NotFound/) });
    expect(await backend.moveFolder(inbox?.id ?? '', 'deleteditems', signal())).toMatchObject({ status: 'refused', code: 'ErrorMoveDistinguishedFolder' });
  });
});
