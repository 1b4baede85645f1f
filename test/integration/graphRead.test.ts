// The Graph client against the Graph simulator (issue 10): the folder tree with source keys, the
// dumpster's Deletions by name, a big folder paged to the end, and OData filters with hostile values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFolder } from '../../electron/graph/operations/getFolder';
import { listFolderTree } from '../../electron/graph/operations/listFolders';
import { listMessagesPage, nextMessagesPage } from '../../electron/graph/operations/listMessages';
import { compare } from '../../electron/graph/odata';
import type { GraphMessage } from '../../electron/graph/message';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, simClient, type SimClient } from './graphSupport';

const BULK = 2_345;
let sim: RunningGraphSimulator;
let graph: SimClient;

beforeAll(async () => {
  sim = await startGraphSimulator({ tls: true, simulatorOptions: { seed: 'demo', bulkItems: BULK, demoScale: 0.05, throttling: false }, throttling: false });
  graph = simClient(sim);
});

afterAll(async () => {
  graph.close();
  await sim.close();
});

describe('Graph client against the Graph simulator: folders', () => {
  it("lists the whole folder tree with each folder's PR_SOURCE_KEY, matching the mailbox", async () => {
    const tree = await listFolderTree(graph.client, ADMIN);
    expect(tree.ok).toBe(true);
    if (!tree.ok) return;
    const names = tree.folders.map((f) => f.displayName);
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Deleted Items', 'Sent Items', 'Bulk notifications']));
    const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    const graphInbox = tree.folders.find((f) => f.displayName === 'Inbox');
    expect(graphInbox).toMatchObject({ sourceKey: inbox?.sourceKey, totalItemCount: inbox?.totalCount });
    // Every folder Graph listed maps back to a live mailbox folder by its source key.
    for (const folder of tree.folders)
      expect(sim.ews.store.folderBySourceKey(folder.sourceKey ?? '')?.displayName, folder.displayName).toBe(folder.displayName);
    expect(new Set(tree.folders.map((f) => f.id)).size).toBe(tree.folders.length);
  });

  it("gets the dumpster's Deletions by its well-known name", async () => {
    const deletions = await getFolder(graph.client, ADMIN, 'recoverableitemsdeletions');
    const ews = sim.ews.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions');
    expect(deletions).toMatchObject({ ok: true, folder: { displayName: 'Deletions', sourceKey: ews?.sourceKey, totalItemCount: ews?.totalCount } });
  });

  it('reports a name Graph does not have (Purges) as a typed Graph error', async () => {
    const purges = await getFolder(graph.client, ADMIN, 'recoverableitemspurges');
    expect(purges).toMatchObject({ ok: false, failure: { kind: 'graph-error', status: 400 } });
  });
});

describe('Graph client against the Graph simulator: messages', () => {
  it('pages a big folder to the end with $top=1000, $count and nextLink', async () => {
    const bulk = sim.ews.store.folderByPath(ADMIN, 'Inbox/Bulk notifications');
    const tree = await listFolderTree(graph.client, ADMIN);
    const folder = tree.ok ? tree.folders.find((f) => f.sourceKey === bulk?.sourceKey) : undefined;
    expect(folder?.totalItemCount).toBe(BULK);
    const seen: GraphMessage[] = [];
    let page = await listMessagesPage(graph.client, ADMIN, { folder: folder?.id ?? '', count: true, select: ['id', 'subject', 'receivedDateTime'] });
    let pages = 0;
    for (;;) {
      expect(page.ok).toBe(true);
      if (!page.ok) return;
      pages++;
      if (pages === 1) expect(page.page.count).toBe(BULK);
      seen.push(...page.page.items);
      if (!page.page.nextLink) break;
      page = await nextMessagesPage(graph.client, page.page.nextLink, true);
    }
    expect(pages).toBe(Math.ceil(BULK / 1000));
    expect(seen).toHaveLength(BULK);
    expect(new Set(seen.map((m) => m.id)).size).toBe(BULK);
  });

  it('keeps a hostile subject inside its literal: the filter matches exactly that subject', async () => {
    const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    const hostile = "Q3 numbers' or subject ne 'x";
    sim.ews.store.seedItems(inbox?.id ?? '', 1, { subject: hostile });
    const hit = await listMessagesPage(graph.client, ADMIN, { folder: 'inbox', filter: compare('subject', 'eq', hostile), select: ['id', 'subject'] });
    expect(hit.ok && hit.page.items.map((m) => m.subject)).toEqual([hostile]);
    const none = await listMessagesPage(graph.client, ADMIN, { folder: 'inbox', filter: compare('subject', 'eq', "x' or subject ne '"), select: ['id'] });
    expect(none.ok && none.page.items).toEqual([]);
  });

  it('takes $top=1000 and refuses 1001 before sending (the simulator refuses it too)', async () => {
    expect((await listMessagesPage(graph.client, ADMIN, { folder: 'inbox', top: 1000, select: ['id'] })).ok).toBe(true);
    await expect(listMessagesPage(graph.client, ADMIN, { folder: 'inbox', top: 1001 })).rejects.toThrow(RangeError);
  });
});
