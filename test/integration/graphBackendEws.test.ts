// One mailbox, two protocols: items deleted through the Graph backend (each strength) are seen over
// EWS where Exchange puts them, with LastActiveParentEntryId equal to the source folder's
// PR_SOURCE_KEY as EWS reads it; and an EWS delete is seen as gone over Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ewsBackend } from '../jobs/simHarness';
import { graphIds, never, newFolder, startRig, type GraphRig } from '../backends/graph/support';

let rig: GraphRig;
let ews: ReturnType<typeof ewsBackend>;

beforeAll(async () => {
  rig = await startRig();
  ews = ewsBackend(rig.sim.ews.url, { part: 'primary' });
});
afterAll(async () => {
  ews.client.close();
  await rig.close();
});

async function ewsSubjects(folder: string): Promise<string[]> {
  const page = await ews.backend.listItems({ folderId: folder, filter: { subjectContains: 'x-proto' }, offset: 0, max: 1000 }, never());
  return page.rows.map((r) => r.subject).sort();
}

describe('Graph backend and EWS on one store', () => {
  it('deletes over Graph land where EWS looks for them', async () => {
    const f = await newFolder(rig, 'Cross protocol');
    rig.sim.ews.store.seedItems(f.ews, 3, { subject: (i) => `x-proto-${i}` });
    const ids = await graphIds(rig, f.graph);
    const bySubject = new Map((await rig.backend.getItems(ids, never())).map((l, i) => [l.status === 'found' ? l.row.subject : '', ids[i] ?? '']));
    await rig.backend.deleteItems([bySubject.get('x-proto-0') ?? ''], 'MoveToDeletedItems', never());
    await rig.backend.deleteItems([bySubject.get('x-proto-1') ?? ''], 'SoftDelete', never());
    await rig.backend.deleteItems([bySubject.get('x-proto-2') ?? ''], 'HardDelete', never());

    expect(await ewsSubjects(f.ews)).toEqual([]);
    expect(await ewsSubjects('deleteditems')).toEqual(['x-proto-0']);
    const deletions = await ews.backend.listItems(
      { folderId: 'recoverableitemsdeletions', filter: { subjectContains: 'x-proto' }, offset: 0, max: 10 },
      never(),
    );
    expect(deletions.rows.map((r) => r.subject)).toEqual(['x-proto-1']);
    // Recover to the original folder works across protocols: the pointer is the folder's source key as EWS sees it.
    const tree = await ews.backend.listFoldersWithSourceKeys(never());
    expect(tree.find((t) => t.id === f.ews)?.sourceKey).toBe(deletions.rows[0]?.lastActiveParentEntryId);
    expect(await ewsSubjects('recoverableitemspurges')).toEqual(['x-proto-2']);
  });

  it('an item deleted over EWS is gone over Graph', async () => {
    const f = await newFolder(rig, 'Cross protocol 2');
    rig.sim.ews.store.seedItems(f.ews, 1, { subject: () => 'x-proto-ews' });
    const [graphId] = await graphIds(rig, f.graph);
    const [ewsRow] = (await ews.backend.listItems({ folderId: f.ews, filter: {}, offset: 0, max: 10 }, never())).rows;
    expect(await ews.backend.deleteItems([ewsRow?.id ?? ''], 'HardDelete', never())).toEqual([{ status: 'ok' }]);
    expect(await rig.backend.getItems([graphId ?? ''], never())).toMatchObject([{ status: 'notFound' }]);
    expect(await rig.backend.deleteItems([graphId ?? ''], 'HardDelete', never())).toMatchObject([{ status: 'notFound' }]);
  });
});
