// GraphMailbox (the read side over Graph) against the Graph simulator: the folder tree with counts,
// well-known names and the dumpster rows Graph cannot open flagged "EWS only"; item pages; the
// reading pane; the dumpster check; the job backend it hands out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphMailbox } from '../../../electron/backends/graph/mailbox';
import { EWS_ONLY_REASON } from '../../../electron/backends/graph/mailboxFolders';
import { ADMIN, newFolder, startRig, type GraphRig } from './support';

let rig: GraphRig;
let mailbox: GraphMailbox;

beforeAll(async () => {
  rig = await startRig();
  mailbox = new GraphMailbox(rig.graph.client, {
    info: { url: rig.sim.graphUrl, mailbox: ADMIN, demo: false, hasArchive: false },
    actor: ADMIN,
    signedInUser: ADMIN,
  });
});
afterAll(async () => {
  await rig.close();
});

describe('GraphMailbox', () => {
  it('lists the tree: named well-known folders with counts, Deletions under the dumpster root, Versions/Purges/DiscoveryHolds as EWS only', async () => {
    const f = await newFolder(rig, 'Tree test');
    rig.sim.ews.store.seedItems(f.ews, 7, { subject: (i) => `t-${i}` });
    const tree = await mailbox.listFolders('primary');
    expect(tree.find((t) => t.id === f.graph)).toMatchObject({ totalCount: 7, area: 'ipm', sourceKey: f.sourceKey });
    const inbox = tree.find((t) => t.distinguishedId === 'inbox');
    expect(inbox).toMatchObject({ displayName: 'Inbox', area: 'ipm' });
    expect(tree.find((t) => t.id === f.graph)?.parentId).toBe(inbox?.id);
    const root = tree.find((t) => t.distinguishedId === 'recoverableitemsroot');
    const deletions = tree.find((t) => t.distinguishedId === 'recoverableitemsdeletions');
    expect(deletions).toMatchObject({ area: 'recoverable', parentId: root?.id });
    expect(deletions?.unavailableReason).toBeUndefined();
    for (const name of ['recoverableitemsversions', 'recoverableitemspurges', 'recoverableitemsdiscoveryholds']) {
      expect(tree.find((t) => t.distinguishedId === name)).toMatchObject({ area: 'recoverable', parentId: root?.id, unavailableReason: EWS_ONLY_REASON });
    }
    await expect(mailbox.listFolders('archive')).rejects.toThrow(/archive mailbox is not available over Microsoft Graph/);
  });

  it('pages items (sorted by subject without a filter; newest first with one) and reads one for the pane', async () => {
    const f = await newFolder(rig, 'Pane test');
    rig.sim.ews.store.seedItems(f.ews, 5, { subject: (i) => `pane-${4 - i}`, received: '2025-01-02T00:00:00Z', receivedStepSeconds: 60 });
    const bySubject = await mailbox.listItems({ folderId: f.graph, offset: 0, max: 3, sort: { field: 'subject', direction: 'asc' } });
    expect(bySubject).toMatchObject({ total: 5, last: false });
    expect(bySubject.rows.map((r) => r.subject)).toEqual(['pane-0', 'pane-1', 'pane-2']);
    const filtered = await mailbox.listItems({ folderId: f.graph, offset: 1, max: 10, filter: { receivedBefore: '2025-01-02T00:00:00Z' } });
    expect(filtered.rows.map((r) => r.subject)).toEqual(['pane-2', 'pane-1', 'pane-0']);
    const details = await mailbox.getItemDetails({ itemId: bySubject.rows[0]?.id ?? '', body: 'text' });
    expect(details).toMatchObject({ subject: 'pane-0', parentFolderId: f.graph, itemClass: 'IPM.Note' });
    expect(Array.isArray(details.to)).toBe(true);
    await expect(mailbox.listItems({ folderId: 'ews-only:recoverableitemspurges', offset: 0, max: 10 })).rejects.toThrow(/EWS only/);
  });

  it('checks the dumpster, reads its countable folders, refuses built-in folder deletes, and hands out job backends for its mailbox only', async () => {
    expect(await mailbox.checkRecoverableItems()).toMatchObject({ ok: true, detail: expect.stringContaining('Deletions opens over Microsoft Graph') });
    const health = await mailbox.dumpsterReader().readPart('primary');
    expect(health.map((h) => h.distinguishedId)).toEqual(['recoverableitemsroot', 'recoverableitemsdeletions']);
    expect(await mailbox.deleteFolder('inbox', 'HardDelete')).toEqual({ ok: false, message: 'Built-in folders cannot be deleted.' });
    expect(mailbox.jobBackend({ part: 'primary' }).accountKey).toBeDefined();
    expect(() => mailbox.jobBackend({ smtp: 'someone@contoso.com', part: 'primary' })).toThrow(/Connect to that mailbox first/);
  });
});
