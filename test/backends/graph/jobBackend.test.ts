// GraphJobBackend against the Graph simulator over https: every operation, paging, $batch order,
// throttled sub-requests and lost answers, with the store checked directly (the mailbox both
// simulators serve).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphJobBackend } from '../../../electron/backends/graph/jobBackend';
import { BackendRequestError, type ItemResult } from '../../../electron/jobs/backend';
import { GraphClient } from '../../../electron/graph/client';
import { ADMIN, ewsFolder, graphIds, never, newFolder, startRig, subjectsIn, type GraphRig } from './support';

let rig: GraphRig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('GraphJobBackend: listing', () => {
  it('pages a folder newest first with $top/$skip and $count, the filter leading with receivedDateTime', async () => {
    const f = await newFolder(rig, 'Paging');
    rig.sim.ews.store.seedItems(f.ews, 2500, { subject: (i) => `page-${i}`, received: '2025-03-01T12:00:00Z', receivedStepSeconds: 60 });
    const first = await rig.backend.listItems({ folderId: f.graph, filter: {}, offset: 0, max: 1000, order: 'receivedDesc' }, never());
    expect(first).toMatchObject({ offset: 0, total: 2500, last: false });
    expect(first.rows).toHaveLength(1000);
    // The size is PR_MESSAGE_SIZE (the message resource has none): the store's, as EWS's Size says.
    const stored = rig.sim.ews.store.folderItems(f.ews, { offset: 0, limit: 1 })[0];
    expect(first.rows[0]).toMatchObject({ subject: 'page-0', received: '2025-03-01T12:00:00Z', itemClass: 'IPM.Note', size: stored?.size });
    expect(first.rows[0]?.size).toBeGreaterThan(0);
    const tail = await rig.backend.listItems({ folderId: f.graph, filter: {}, offset: 2000, max: 1000, order: 'receivedDesc' }, never());
    expect(tail).toMatchObject({ offset: 2000, total: 2500, last: true });
    expect(tail.rows.map((r) => r.subject)).toEqual(Array.from({ length: 500 }, (_, i) => `page-${2000 + i}`));

    // The engine's keyset form: an upper bound plus its own filter, newest first (Graph's InefficientFilter rule holds).
    const windowed = await rig.backend.listItems(
      { folderId: f.graph, filter: { receivedBefore: '2025-03-01T11:00:00Z', read: 'unread' }, offset: 0, max: 5, order: 'receivedDesc' },
      never(),
    );
    expect(windowed.rows.map((r) => r.received)).toEqual([
      '2025-03-01T10:59:00Z',
      '2025-03-01T10:58:00Z',
      '2025-03-01T10:57:00Z',
      '2025-03-01T10:56:00Z',
      '2025-03-01T10:55:00Z',
    ]);
    // A filter without a received term still lists newest first (the leading receivedDateTime ge 1900 term).
    const unread = await rig.backend.listItems({ folderId: f.graph, filter: { read: 'unread' }, offset: 0, max: 2, order: 'receivedDesc' }, never());
    expect(unread.rows.map((r) => r.subject)).toEqual(['page-0', 'page-1']);
  });

  it('a folder that does not exist (or Graph cannot reach) is a fatal request error', async () => {
    const gone = rig.backend.listItems({ folderId: 'recoverableitemspurges', filter: {}, offset: 0, max: 10 }, never());
    await expect(gone).rejects.toMatchObject({ kind: 'fatal', code: 'FolderUnavailableOverGraph' });
    await expect(rig.backend.listItems({ folderId: 'not-an-id', filter: {}, offset: 0, max: 10 }, never())).rejects.toMatchObject({
      kind: 'fatal',
      code: 'ErrorInvalidIdMalformed',
      mayHaveExecuted: false,
    });
    await expect(rig.backend.listItems({ folderId: 'inbox', filter: { hasCategories: true }, offset: 0, max: 10 }, never())).rejects.toMatchObject({
      code: 'FilterUnavailableOverGraph',
    });
  });
});

describe('GraphJobBackend: item actions in $batches', () => {
  it('moves 45 items in three $batches; answers stay in input order (the simulator shuffles them), a dead id is notFound', async () => {
    const src = await newFolder(rig, 'Move source');
    const dst = await newFolder(rig, 'Move target');
    rig.sim.ews.store.seedItems(src.ews, 45, { subject: (i) => `mv-${i}` });
    const ids = await graphIds(rig, src.graph);
    const moved = await rig.backend.moveItems(ids.slice(0, 1), dst.graph, never());
    const firstNew = moved[0]?.status === 'ok' ? moved[0].newId : undefined;
    expect(firstNew).toBeDefined();
    // The first id is dead now (a move gives a new id); the rest go in one call of 44.
    const results = await rig.backend.moveItems(ids, dst.graph, never());
    expect(results).toHaveLength(45);
    expect(results[0]).toMatchObject({ status: 'notFound', code: 'ErrorItemNotFound' });
    const newIds = results.slice(1).map((r) => (r.status === 'ok' ? r.newId : undefined));
    expect(newIds.every((id) => typeof id === 'string')).toBe(true);
    // Each answer belongs to its own item: looking the new ids up gives the subjects in input order.
    const looked = await rig.backend.getItems(newIds as string[], never());
    expect(looked.map((l) => (l.status === 'found' ? l.row.subject : l.status))).toEqual(Array.from({ length: 44 }, (_, i) => `mv-${i + 1}`));
    expect(looked.every((l) => l.status === 'found' && l.parentFolderId === dst.graph)).toBe(true);
    expect(rig.sim.ews.store.itemCount(src.ews)).toBe(0);
    expect(rig.sim.ews.store.itemCount(dst.ews)).toBe(45);
  });

  it('copies, and looks items up (found with folder, notFound, malformed id as an error)', async () => {
    const src = await newFolder(rig, 'Copy source');
    const dst = await newFolder(rig, 'Copy target');
    rig.sim.ews.store.seedItems(src.ews, 3, { subject: (i) => `cp-${i}` });
    const ids = await graphIds(rig, src.graph);
    const copies = await rig.backend.copyItems(ids, dst.graph, never());
    expect(copies.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(subjectsIn(rig, src.ews)).toEqual(['cp-0', 'cp-1', 'cp-2']);
    expect(subjectsIn(rig, dst.ews).sort()).toEqual(['cp-0', 'cp-1', 'cp-2']);
    const looked = await rig.backend.getItems([ids[0] ?? '', 'bogus'], never());
    expect(looked[0]).toMatchObject({ status: 'found', parentFolderId: src.graph, row: { subject: 'cp-0' } });
    expect(looked[1]).toMatchObject({ status: 'error', code: 'ErrorInvalidIdMalformed', retryable: false });
  });

  it('deletes with each strength: Deleted Items, Deletions (new id, LastActiveParentEntryId = the source key), Purges', async () => {
    const src = await newFolder(rig, 'Delete source');
    rig.sim.ews.store.seedItems(src.ews, 3, { subject: (i) => `del-${i}` });
    const [a, b, c] = await graphIds(rig, src.graph);
    const deletedBefore = rig.sim.ews.store.itemCount(ewsFolder(rig, 'deleteditems'));
    const purgesBefore = rig.sim.ews.store.itemCount(ewsFolder(rig, 'recoverableitemspurges'));
    expect(await rig.backend.deleteItems([a ?? ''], 'MoveToDeletedItems', never())).toEqual([{ status: 'ok' }]);
    const soft = await rig.backend.deleteItems([b ?? ''], 'SoftDelete', never());
    expect(soft[0]).toMatchObject({ status: 'ok', newId: expect.any(String) });
    expect(await rig.backend.deleteItems([c ?? ''], 'HardDelete', never())).toEqual([{ status: 'ok' }]);
    expect(rig.sim.ews.store.itemCount(ewsFolder(rig, 'deleteditems'))).toBe(deletedBefore + 1);
    expect(rig.sim.ews.store.itemCount(ewsFolder(rig, 'recoverableitemspurges'))).toBe(purgesBefore + 1);
    const softId = soft[0]?.status === 'ok' ? (soft[0].newId ?? '') : '';
    const [inDeletions] = await rig.backend.getItems([softId], never());
    expect(inDeletions).toMatchObject({ status: 'found', row: { subject: 'del-1', lastActiveParentEntryId: src.sourceKey } });
    // Deleting again: already gone.
    expect((await rig.backend.deleteItems([c ?? ''], 'HardDelete', never()))[0]).toMatchObject({ status: 'notFound' });
  });

  it('empties a folder (no EmptyFolder in Graph: listing + batch deletes) with more items than one page', async () => {
    const f = await newFolder(rig, 'Empty me');
    rig.sim.ews.store.seedItems(f.ews, 1030, { subject: (i) => `e-${i}` });
    const purgesBefore = rig.sim.ews.store.itemCount(ewsFolder(rig, 'recoverableitemspurges'));
    expect(await rig.backend.emptyFolder(f.graph, 'HardDelete', false, never())).toEqual({ status: 'ok' });
    expect(rig.sim.ews.store.itemCount(f.ews)).toBe(0);
    expect(rig.sim.ews.store.itemCount(ewsFolder(rig, 'recoverableitemspurges'))).toBe(purgesBefore + 1030);
  });
});

describe('GraphJobBackend: folders', () => {
  it('gets folders by well-known name and id; Graph-less dumpster folders are refused', async () => {
    const inbox = await rig.backend.getFolder('inbox', never());
    expect(inbox.displayName).toBe('Inbox');
    expect(await rig.backend.getFolder(inbox.id, never())).toEqual(inbox);
    expect((await rig.backend.getFolder('recoverableitemsdeletions', never())).displayName).toBe('Deletions');
    await expect(rig.backend.getFolder('recoverableitemsversions', never())).rejects.toMatchObject({ kind: 'fatal', code: 'FolderUnavailableOverGraph' });
  });

  it("lists the visible tree with PR_SOURCE_KEY equal to the store's", async () => {
    const tree = await rig.backend.listFoldersWithSourceKeys(never());
    const inbox = rig.sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    const hit = tree.find((f) => f.sourceKey === inbox?.sourceKey);
    expect(hit).toMatchObject({ displayName: 'Inbox', part: 'primary', area: 'ipm' });
    expect(tree.every((f) => f.sourceKey !== undefined)).toBe(true);
  });
});

describe('GraphJobBackend: throttling and lost answers', () => {
  it('throttled sub-requests come back as retry with Retry-After; only our own lane keeps within 4 at once', async () => {
    const src = await newFolder(rig, 'Throttled');
    const dst = await newFolder(rig, 'Throttled target');
    rig.sim.ews.store.seedItems(src.ews, 12, { subject: (i) => `th-${i}` });
    const ids = await graphIds(rig, src.graph);
    rig.sim.setThrottling({ enabled: true, maxConcurrency: 4, concurrencyRetryAfterSeconds: 1 });
    rig.sim.setLatency(150);
    try {
      // Another client of the same app, outside our lane (another process, say), holds two of the four slots.
      const outsider = new GraphClient({
        baseUrl: rig.sim.graphUrl,
        token: () => Promise.resolve(rig.sim.mintAccessToken({ user: ADMIN })),
        http: rig.graph.transport,
      });
      const held = [
        outsider.send({ method: 'GET', path: `/users/${ADMIN}/mailFolders/drafts` }),
        outsider.send({ method: 'GET', path: `/users/${ADMIN}/mailFolders/sentitems` }),
      ];
      await sleep(40);
      const results = await rig.backend.moveItems(ids, dst.graph, never());
      await Promise.all(held);
      const throttled = results.filter((r): r is Extract<ItemResult, { status: 'retry' }> => r.status === 'retry');
      expect(throttled.length).toBeGreaterThan(0);
      for (const r of throttled) expect(r).toMatchObject({ code: 'ApplicationThrottled', throttled: true, backOffMs: 1000 });
      // Sent again after the wait, the throttled ones go through and nothing moved twice.
      await sleep(1000);
      const again = ids.filter((_, i) => results[i]?.status === 'retry');
      expect((await rig.backend.moveItems(again, dst.graph, never())).every((r) => r.status === 'ok')).toBe(true);
      expect(rig.sim.ews.store.itemCount(dst.ews)).toBe(12);
      // Our own calls alone, however many at once, are never throttled: the lane holds them to 4.
      const back = await graphIds(rig, dst.graph);
      const parallel = await Promise.all([back.slice(0, 6), back.slice(6)].map((part) => rig.backend.moveItems(part, src.graph, never())));
      expect(parallel.flat().every((r) => r.status === 'ok')).toBe(true);
    } finally {
      rig.sim.setLatency(0);
      rig.sim.setThrottling({ enabled: false });
    }
  });

  it('an outage answer (503 with Retry-After) per sub-request is a throttled retry', async () => {
    const f = await newFolder(rig, 'Outage');
    rig.sim.ews.store.seedItems(f.ews, 2, { subject: (i) => `o-${i}` });
    const ids = await graphIds(rig, f.graph);
    rig.sim.failNext(1, 2);
    const results = await rig.backend.deleteItems(ids, 'HardDelete', never());
    expect(results.map((r) => r.status).sort()).toEqual(['ok', 'retry']);
    expect(results.find((r) => r.status === 'retry')).toMatchObject({ throttled: true, backOffMs: 2000 });
  });

  it('a lost answer (no answer within the timeout) is a transient error that may have executed, and it did', async () => {
    const src = await newFolder(rig, 'Lost');
    const dst = await newFolder(rig, 'Lost target');
    rig.sim.ews.store.seedItems(src.ews, 3, { subject: (i) => `lost-${i}` });
    const ids = await graphIds(rig, src.graph);
    const impatient = new GraphClient({
      baseUrl: rig.sim.graphUrl,
      token: () => Promise.resolve(rig.sim.mintAccessToken({ user: ADMIN })),
      http: rig.graph.transport,
      timeoutMs: 150,
    });
    const backend = new GraphJobBackend(impatient, { part: 'primary' }, { signedInUser: ADMIN });
    rig.sim.setLatency(400);
    try {
      const lost = backend.moveItems(ids, dst.graph, never());
      await expect(lost).rejects.toBeInstanceOf(BackendRequestError);
      await expect(lost).rejects.toMatchObject({ kind: 'transient', mayHaveExecuted: true });
      await sleep(500);
    } finally {
      rig.sim.setLatency(0);
    }
    expect(rig.sim.ews.store.itemCount(dst.ews)).toBe(3);
  });

  it('one gate per mailbox: the account key names the client and the mailbox', () => {
    const other = new GraphJobBackend(rig.graph.client, { smtp: 'Alice@Contoso.com', part: 'primary' });
    const same = new GraphJobBackend(rig.graph.client, { smtp: 'alice@contoso.com', part: 'primary' });
    expect(other.accountKey).toBe(same.accountKey);
    expect(other.accountKey).not.toBe(rig.backend.accountKey);
    expect(() => new GraphJobBackend(rig.graph.client, { part: 'archive' })).toThrow(/archive/);
  });
});
