// Actions through JSON $batch against the Graph simulator (answers shuffled by default), checked
// on the mailbox through the EWS simulator's store: move, DELETE to Deleted Items, soft delete to
// Deletions, permanentDelete to Purges; per-request results in input order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_REQUESTS, runBatch } from '../../electron/graph/batch';
import { listMessagesPage } from '../../electron/graph/operations/listMessages';
import { getMessage } from '../../electron/graph/operations/getMessage';
import { readCreatedItem, readNoContent } from '../../electron/graph/operations/itemAction';
import { moveRequest } from '../../electron/graph/operations/move';
import { deleteRequest } from '../../electron/graph/operations/delete';
import { permanentDeleteRequest } from '../../electron/graph/operations/permanentDelete';
import { softDeleteRequest } from '../../electron/graph/operations/softDelete';
import { getFolder } from '../../electron/graph/operations/getFolder';
import { compare } from '../../electron/graph/odata';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, simClient, type SimClient } from './graphSupport';

let sim: RunningGraphSimulator;
let graph: SimClient;

beforeAll(async () => {
  sim = await startGraphSimulator({ tls: true, simulatorOptions: { seed: 'empty', throttling: false }, throttling: false });
  graph = simClient(sim);
});

afterAll(async () => {
  graph.close();
  await sim.close();
});

/** Seeds `count` messages in the Inbox with this subject and returns their Graph ids. */
async function seed(subject: string, count: number): Promise<string[]> {
  const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
  sim.ews.store.seedItems(inbox?.id ?? '', count, { subject });
  const page = await listMessagesPage(graph.client, ADMIN, { folder: 'inbox', filter: compare('subject', 'eq', subject), select: ['id'] });
  if (!page.ok) throw new Error('seed listing failed');
  return page.page.items.map((m) => m.id);
}

function count(name: string): number {
  return sim.ews.store.itemCount(sim.ews.store.folderByDistinguished(ADMIN, name)?.id ?? '');
}

describe('$batch against the Graph simulator', () => {
  it("moves 20 messages in one batch; each result is its own message's new id, in input order", async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_BATCH_REQUESTS; i++) ids.push(...(await seed(`batch move ${i}`, 1)));
    const drafts = await getFolder(graph.client, ADMIN, 'drafts', false);
    const result = await runBatch(
      graph.client,
      ids.map((id) => moveRequest(ADMIN, id, 'drafts')),
    );
    expect(result.ok).toBe(true);
    if (!result.ok || !drafts.ok) return;
    const moved = result.results.map(readCreatedItem);
    expect(moved.every((r) => r.ok)).toBe(true);
    // The i-th result names the i-th message (its subject says which), now in Drafts under a new id.
    for (const [i, outcome] of moved.entries()) {
      const newId = outcome.ok ? (outcome.newId ?? '') : '';
      expect(newId).not.toBe(ids[i]);
      const now = await getMessage(graph.client, ADMIN, newId, { select: ['id', 'subject', 'parentFolderId'] });
      expect(now).toMatchObject({ ok: true, message: { subject: `batch move ${i}`, parentFolderId: drafts.folder.id } });
    }
    expect(count('drafts')).toBe(MAX_BATCH_REQUESTS);
  });

  it('deletes, soft-deletes and permanently deletes in one batch, each landing where Exchange puts it', async () => {
    const [a, b, c] = await seed('three ways', 3);
    const before = { deleted: count('deleteditems'), deletions: count('recoverableitemsdeletions'), purges: count('recoverableitemspurges') };
    const result = await runBatch(graph.client, [deleteRequest(ADMIN, a ?? ''), softDeleteRequest(ADMIN, b ?? ''), permanentDeleteRequest(ADMIN, c ?? '')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [deleted, softDeleted, purged] = result.results;
    expect(deleted && readNoContent(deleted)).toEqual({ ok: true });
    expect(softDeleted && readCreatedItem(softDeleted)).toMatchObject({ ok: true, newId: expect.any(String) as string });
    expect(purged && readNoContent(purged)).toEqual({ ok: true });
    expect(count('deleteditems')).toBe(before.deleted + 1);
    expect(count('recoverableitemsdeletions')).toBe(before.deletions + 1);
    expect(count('recoverableitemspurges')).toBe(before.purges + 1);
    expect(count('inbox')).toBe(0);
  });

  it('reports an id that is already gone per item, next to successes', async () => {
    const [live] = await seed('gone and live', 1);
    const gone = (await seed('will vanish', 1))[0] ?? '';
    const first = await runBatch(graph.client, [permanentDeleteRequest(ADMIN, gone)]);
    expect(first.ok && first.results.map(readNoContent)).toEqual([{ ok: true }]);
    const result = await runBatch(graph.client, [deleteRequest(ADMIN, gone), deleteRequest(ADMIN, live ?? '')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.results.map(readNoContent)).toEqual([
      { ok: false, alreadyGone: true, failure: expect.objectContaining({ kind: 'graph-error', status: 404, code: 'ErrorItemNotFound' }) as unknown },
      { ok: true },
    ]);
  });
});
