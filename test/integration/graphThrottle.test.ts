// Throttling against the Graph simulator's Outlook limits (4 concurrent requests per app per
// mailbox): throttled calls come back as typed values with Retry-After, whole calls and $batch
// sub-requests alike, and retrying only those after the wait finishes the work exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../electron/graph/batch';
import type { GraphRequestSpec, GraphResult } from '../../electron/graph/client';
import { deleteRequest } from '../../electron/graph/operations/delete';
import { getFolder } from '../../electron/graph/operations/getFolder';
import { readNoContent } from '../../electron/graph/operations/itemAction';
import { mayHaveApplied } from '../../electron/graph/errors';
import { listMessagesPage } from '../../electron/graph/operations/listMessages';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, simClient, type SimClient } from './graphSupport';

let sim: RunningGraphSimulator;
let graph: SimClient;

beforeAll(async () => {
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    throttling: { maxConcurrency: 4, concurrencyRetryAfterSeconds: 1 },
  });
  graph = simClient(sim);
});

afterAll(async () => {
  graph.close();
  await sim.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function throttledWait(result: GraphResult): number | undefined {
  return !result.ok && result.failure.kind === 'throttled' ? result.failure.retryAfterMs : undefined;
}

describe('Graph throttling against the simulator', () => {
  it('a fifth concurrent call is throttled with Retry-After; retried after the wait, every call succeeds', async () => {
    const names = ['inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'outbox', 'msgfolderroot', 'recoverableitemsdeletions'];
    // Open eight keep-alive connections first, so TLS handshakes cannot spread the calls apart.
    sim.setThrottling({ enabled: false });
    sim.setLatency(100);
    await Promise.all(names.map((n) => getFolder(graph.client, ADMIN, n, false)));
    sim.setThrottling({ enabled: true });
    sim.setLatency(300);
    try {
      const first = await Promise.all(names.map((n) => graph.client.send({ method: 'GET', path: `/users/${ADMIN}/mailFolders/${n}` })));
      const throttled = first.flatMap((r, i) => (throttledWait(r) === undefined ? [] : [i]));
      expect(first.filter((r) => r.ok).length).toBeLessThanOrEqual(4);
      expect(throttled.length).toBeGreaterThanOrEqual(names.length - 4);
      for (const i of throttled)
        expect(first[i]).toMatchObject({ ok: false, failure: { kind: 'throttled', status: 429, retryAfterMs: 1000, code: 'ApplicationThrottled' } });

      // Obey: wait what the answers asked, then send only the throttled ones again, four at a time.
      const wait = Math.max(...throttled.map((i) => throttledWait(first[i] as GraphResult) ?? 0));
      const started = Date.now();
      await sleep(wait);
      for (let at = 0; at < throttled.length; at += 4) {
        const retried = await Promise.all(throttled.slice(at, at + 4).map((i) => getFolder(graph.client, ADMIN, names[i] ?? '', false)));
        expect(retried.every((r) => r.ok)).toBe(true);
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      sim.setLatency(0);
    }
  });

  it('throttles $batch sub-requests one by one; re-sending only those after Retry-After deletes each message once', async () => {
    const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    sim.ews.store.seedItems(inbox?.id ?? '', 4, { subject: (i: number) => `throttled ${i}` });
    const page = await listMessagesPage(graph.client, ADMIN, { folder: 'inbox', select: ['id', 'subject'] });
    const ids = page.ok ? page.page.items.filter((m) => m.subject?.startsWith('throttled ')).map((m) => m.id) : [];
    expect(ids).toHaveLength(4);
    const deletedBefore = sim.ews.store.itemCount(sim.ews.store.folderByDistinguished(ADMIN, 'deleteditems')?.id ?? '');

    sim.setLatency(200);
    let pending: GraphRequestSpec[] = ids.map((id) => deleteRequest(ADMIN, id));
    let rounds = 0;
    let sawSubThrottle = false;
    try {
      // Two plain calls hold two of the mailbox's four slots while the batch's four are dispatched.
      const held = [getFolder(graph.client, ADMIN, 'drafts', false), getFolder(graph.client, ADMIN, 'sentitems', false)];
      await sleep(40);
      while (pending.length > 0 && rounds < 5) {
        rounds++;
        const result = await runBatch(graph.client, pending);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const again: GraphRequestSpec[] = [];
        let wait = 0;
        for (const [i, sub] of result.results.entries()) {
          const retryAfter = throttledWait(sub);
          if (retryAfter !== undefined) {
            sawSubThrottle = true;
            again.push(pending[i] as GraphRequestSpec);
            wait = Math.max(wait, retryAfter);
          } else expect(readNoContent(sub)).toEqual({ ok: true });
        }
        pending = again;
        if (pending.length > 0) await sleep(wait);
      }
      await Promise.all(held);
    } finally {
      sim.setLatency(0);
    }
    expect(sawSubThrottle).toBe(true);
    expect(pending).toEqual([]);
    expect(rounds).toBeGreaterThan(1);
    const deletedAfter = sim.ews.store.itemCount(sim.ews.store.folderByDistinguished(ADMIN, 'deleteditems')?.id ?? '');
    expect(deletedAfter - deletedBefore).toBe(4);
  });

  it('an outage answer (503 with Retry-After) is throttling, not an unknown outcome, per call and per sub-request', async () => {
    sim.failNext(1, 3);
    const down = await getFolder(graph.client, ADMIN, 'inbox', false);
    expect(down).toMatchObject({ ok: false, failure: { kind: 'throttled', status: 503, retryAfterMs: 3000 } });
    expect(!down.ok && mayHaveApplied(down.failure)).toBe(false);
    expect((await getFolder(graph.client, ADMIN, 'inbox', false)).ok).toBe(true);

    const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    sim.ews.store.seedItems(inbox?.id ?? '', 2, { subject: (i: number) => `outage ${i}` });
    const page = await listMessagesPage(graph.client, ADMIN, { folder: 'inbox', select: ['id', 'subject'] });
    const ids = page.ok ? page.page.items.filter((m) => m.subject?.startsWith('outage ')).map((m) => m.id) : [];
    sim.failNext(1, 2);
    const result = await runBatch(
      graph.client,
      ids.map((id) => deleteRequest(ADMIN, id)),
    );
    expect(result.ok).toBe(true);
    const kinds = result.ok ? result.results.map((r) => (r.ok ? r.status : r.failure.kind)) : [];
    expect([...kinds].sort()).toEqual([204, 'throttled'].sort());
  });
});
