// The engine against the scripted fake backend: every action, every outcome kind, throttling,
// lost answers, cancel, pause, fatal errors, resume after an abandoned run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountGate } from '../../electron/jobs/backoff';
import type { JobEngine } from '../../electron/jobs/engine';
import { FakeBackend } from './fakeBackend';
import { collect, makeEngine, outcomesOf, tempDir } from './helpers';
import type { JobProgress } from '../../shared/domain';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const mailbox = { part: 'primary' as const };

/** Jobs capped at 4 batches each under an account allowance of 6. */
function allowanceTuning() {
  return { batch: { initial: 20, max: 20 }, concurrencyCap: 4, initialConcurrency: 4, accountConcurrencyCap: 6 };
}

/** Runs two 1500-item delete jobs at once, one on each engine; returns their done counts. */
async function twoJobs(fb: FakeBackend, a: JobEngine, b: JobEngine): Promise<number[]> {
  fb.latencyMs = 3;
  const spec = (ids: string[]) => ({ mailbox, action: { kind: 'delete' as const, mode: 'HardDelete' as const }, target: { kind: 'ids' as const, ids } });
  const first = fb.addItems('inbox', 1500).map((i) => i.id);
  const second = fb.addItems('inbox', 1500).map((i) => i.id);
  const jobs = await Promise.all([a.start(spec(first)), b.start(spec(second))]);
  return (await Promise.all(jobs.map((job) => job.done))).map((r) => r.counts.done);
}

describe('actions', () => {
  it('moves an explicit list: every item done with its new id, in the destination', async () => {
    const fb = new FakeBackend();
    fb.addFolder('archive2024', 'Archive 2024', 'msgfolderroot');
    const items = fb.addItems('inbox', 250);
    const engine = makeEngine(dir, fb);
    const job = await engine.start({ mailbox, action: { kind: 'move', toFolderId: 'archive2024' }, target: { kind: 'ids', ids: items.map((i) => i.id) } });
    const res = await job.done;
    expect(res.state).toBe('completed');
    expect(res.counts).toEqual({ done: 250, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 });
    const out = await outcomesOf(dir, job.jobId);
    for (const it of items) {
      const row = out.get(it.id);
      const now = fb.byKey(it.key);
      expect(now?.folderId).toBe('archive2024');
      expect(row?.newId).toBe(now?.id);
      expect(row?.folderId).toBe('inbox');
      expect(row?.destinationFolderId).toBe('archive2024');
    }
    expect(fb.inFolder('inbox')).toHaveLength(0);
  });

  it('copies: sources stay, copies appear in the destination', async () => {
    const fb = new FakeBackend();
    fb.addFolder('keep', 'Keep', 'msgfolderroot');
    const items = fb.addItems('inbox', 30);
    const job = await makeEngine(dir, fb).start({
      mailbox,
      action: { kind: 'copy', toFolderId: 'keep' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    expect((await job.done).counts.done).toBe(30);
    expect(fb.inFolder('inbox')).toHaveLength(30);
    expect(fb.inFolder('keep')).toHaveLength(30);
  });

  it.each([
    ['MoveToDeletedItems', 'deleteditems'],
    ['SoftDelete', 'recoverableitemsdeletions'],
    ['HardDelete', 'recoverableitemspurges'],
  ] as const)('deletes by query (%s) across several pages, touching only matching items', async (mode, dest) => {
    const fb = new FakeBackend();
    const hits = fb.addItems('inbox', 2300, (i) => ({ subject: `Newsletter ${i}` }));
    const others = fb.addItems('inbox', 400, (i) => ({ subject: `Personal ${i}` }));
    const job = await makeEngine(dir, fb).start({
      mailbox,
      action: { kind: 'delete', mode },
      target: { kind: 'query', folderId: 'inbox', filter: { subjectContains: 'newsletter' } },
    });
    const res = await job.done;
    expect(res.counts.done).toBe(2300);
    expect(res.total).toBe(2300);
    for (const h of hits) expect(fb.byKey(h.key)?.folderId).toBe(dest);
    for (const o of others) expect(fb.byKey(o.key)?.folderId).toBe('inbox');
    for (const h of hits) expect(fb.applied.get(h.key)).toBe(1);
  });

  it('leaves out excluded ids of a query', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 20);
    const keep = items.slice(0, 3).map((i) => i.id);
    const job = await makeEngine(dir, fb).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: 'inbox', filter: {}, excludeIds: keep },
    });
    expect((await job.done).counts.done).toBe(17);
    expect(
      fb
        .inFolder('inbox')
        .map((i) => i.id)
        .sort(),
    ).toEqual([...keep].sort());
  });

  it('shows the server\'s count of a query as the total ("about") while the folder is still being listed', async () => {
    const fb = new FakeBackend();
    fb.latencyMs = 5;
    // Distinct seconds, so each listed page of 1000 is released whole and acted on while listing goes on.
    const items = fb.addItems('inbox', 4500, (i) => ({ received: new Date(Date.UTC(2025, 0, 1) - i * 1000).toISOString() }));
    const excluded = [items[10]?.id ?? '', items[3000]?.id ?? ''];
    const job = await makeEngine(dir, fb, { progressIntervalMs: 5 }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: 'inbox', filter: {}, excludeIds: excluded },
    });
    const events = collect(job);
    expect((await job.done).counts.done).toBe(4498);
    const planning = events.filter((e): e is Extract<JobProgress, { kind: 'planning' }> => e.kind === 'planning' && e.expected !== undefined);
    const running = events.filter((e): e is Extract<JobProgress, { kind: 'running' }> => e.kind === 'running');
    const estimated = running.filter((e) => e.totalEstimated === true);
    // Some progress was drawn before the listing ended, and it already knew the final size.
    expect(planning.length + estimated.length).toBeGreaterThan(0);
    for (const e of planning) expect(e.expected).toBe(4498);
    expect(estimated.map((e) => e.total)).toEqual(estimated.map(() => 4498));
    // Once listed, the total is exact and no longer marked as an estimate.
    const exact = running.filter((e) => e.totalEstimated === undefined);
    expect(exact.length).toBeGreaterThan(0);
    for (const e of exact) expect(e.total).toBe(4498);
  });

  it('names the folder the items were selected in for those Exchange refuses to look up', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 6);
    const refused = items[2]?.key;
    fb.lookupFault = (it) => (it.key === refused ? { status: 'error', code: 'ErrorAccessDenied', message: 'Access is denied.', retryable: false } : undefined);
    fb.itemFault = (_op, it) =>
      it.key === refused ? { status: 'error', code: 'ErrorAccessDenied', message: 'Access is denied.', retryable: false } : undefined;
    const engine = makeEngine(dir, fb);
    const job = await engine.start({
      mailbox,
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id), folderId: 'inbox' },
    });
    expect((await job.done).counts).toMatchObject({ done: 5, failed: 1 });
    const [row] = (await engine.reportPage(job.jobId, { offset: 0, max: 10 })).rows;
    expect(row).toMatchObject({ id: items[2]?.id, folder: 'inbox', subject: '', code: 'ErrorAccessDenied' });
    // A retry of it keeps the folder.
    const retry = await engine.retryFailed(job.jobId);
    await retry?.done;
    expect((await engine.reportPage(retry?.jobId ?? '', { offset: 0, max: 10 })).rows[0]).toMatchObject({ folder: 'inbox' });
  });

  it('reports a delete of a vanished id as already gone, never as a failure', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 5);
    const job = await makeEngine(dir, fb).start({
      mailbox,
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids: [...items.map((i) => i.id), 'id-that-is-gone'] },
    });
    const res = await job.done;
    expect(res.counts).toMatchObject({ done: 5, alreadyGone: 1, failed: 0 });
    expect((await outcomesOf(dir, job.jobId)).get('id-that-is-gone')?.outcome).toBe('alreadyGone');
  });

  it('recovers items to their original folders, and to the fallback when home is gone', async () => {
    const fb = new FakeBackend();
    fb.addFolder('projects', 'Projects', 'inbox');
    fb.addFolder('doomed', 'Doomed', 'msgfolderroot');
    fb.addFolder('recovered', 'Recovered', 'msgfolderroot');
    const fromInbox = fb.addItems('inbox', 40);
    const fromProjects = fb.addItems('projects', 25);
    const fromDoomed = fb.addItems('doomed', 10);
    const all = [...fromInbox, ...fromProjects, ...fromDoomed];
    await (
      await makeEngine(dir, fb).start({ mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids: all.map((i) => i.id) } })
    ).done;
    fb.folders.delete('doomed');

    const engine = makeEngine(dir, fb);
    const spec = {
      mailbox,
      action: { kind: 'recover' as const, fallbackFolderId: 'recovered' },
      target: { kind: 'query' as const, folderId: 'recoverableitemsdeletions', filter: {} },
    };
    const dry = await engine.dryRun(spec);
    expect(dry.itemCount).toBe(75);
    const byDest = new Map(dry.byDestination.map((d) => [d.folderId, d]));
    expect(byDest.get('inbox')?.itemCount).toBe(40);
    expect(byDest.get('projects')).toMatchObject({ itemCount: 25, displayName: 'Projects' });
    expect(byDest.get('recovered')).toMatchObject({ itemCount: 10, fallback: true, displayName: 'Recovered' });
    expect(dry.totalSize).toBe(all.reduce((s, i) => s + i.size, 0));
    expect(fb.inFolder('recoverableitemsdeletions')).toHaveLength(75);

    const res = await (await engine.start(spec)).done;
    expect(res.counts.done).toBe(75);
    for (const i of fromInbox) expect(fb.byKey(i.key)?.folderId).toBe('inbox');
    for (const i of fromProjects) expect(fb.byKey(i.key)?.folderId).toBe('projects');
    for (const i of fromDoomed) expect(fb.byKey(i.key)?.folderId).toBe('recovered');
    // Each batch went to one destination.
    for (const call of fb.calls.filter((c) => c.op === 'move')) expect(new Set(call.ids.map((id) => fb.items.get(id)?.folderId)).size).toBe(1);
  });

  it('empties a folder (one operation) and dry-runs it first', async () => {
    const fb = new FakeBackend();
    fb.addFolder('junk', 'Junk', 'msgfolderroot');
    fb.addItems('junk', 120);
    const engine = makeEngine(dir, fb);
    const spec = {
      mailbox,
      action: { kind: 'emptyFolder' as const, folderId: 'junk', mode: 'SoftDelete' as const, deleteSubFolders: false },
      target: { kind: 'ids' as const, ids: [] },
    };
    const dry = await engine.dryRun(spec);
    expect(dry).toMatchObject({ action: 'emptyFolder', itemCount: 120 });
    expect(dry.byDestination[0]?.folderId).toBe('recoverableitemsdeletions');
    const res = await (await engine.start(spec)).done;
    expect(res.counts.done).toBe(1);
    expect(fb.inFolder('junk')).toHaveLength(0);
    expect(fb.inFolder('recoverableitemsdeletions')).toHaveLength(120);
  });

  it('dry run changes nothing and counts per destination', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    fb.addItems('inbox', 1500, (i) => ({ size: 10 + (i % 2) }));
    const dry = await makeEngine(dir, fb).dryRun({
      mailbox,
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'query', folderId: 'inbox', filter: {} },
    });
    expect(dry).toEqual({
      action: 'move',
      itemCount: 1500,
      totalSize: 750 * 10 + 750 * 11,
      byDestination: [{ folderId: 'dest', displayName: 'Dest', itemCount: 1500, totalSize: 750 * 21 }],
    });
    expect(fb.calls).toHaveLength(0);
  });
});

describe('failures and throttling', () => {
  it('retries per-item busy answers and keeps other per-item errors final', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 50);
    const busyOnce = new Set(items.slice(0, 10).map((i) => i.key));
    const broken = items[20]?.key;
    fb.itemFault = (_op, it) => {
      if (busyOnce.delete(it.key)) return { status: 'retry', code: 'ErrorServerBusy', message: 'busy', throttled: true, backOffMs: 10 };
      if (it.key === broken) return { status: 'error', code: 'ErrorMoveCopyFailed', message: 'could not move', retryable: true };
      return undefined;
    };
    const job = await makeEngine(dir, fb).start({
      mailbox,
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts).toMatchObject({ done: 49, failed: 1 });
    const failed = [...(await outcomesOf(dir, job.jobId)).values()].find((r) => r.outcome === 'failed');
    expect(failed).toMatchObject({ code: 'ErrorMoveCopyFailed', itemId: items[20]?.id });
  });

  it('resends what a batch-stopping error left unprocessed at once, and looks those items up again while planning', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 40);
    const denied = items[5]?.key;
    // Like Exchange: after ErrorAccessDenied every later item of the same request is answered
    // ErrorBatchProcessingStopped (a Warning: not processed).
    let stopped = false;
    fb.requestFault = () => {
      stopped = false;
      return undefined;
    };
    const stop = (it: { key: string }): 'denied' | 'stopped' | undefined => {
      if (it.key === denied) {
        stopped = true;
        return 'denied';
      }
      return stopped ? 'stopped' : undefined;
    };
    const stoppedAnswer = { status: 'retry', code: 'ErrorBatchProcessingStopped', message: 'not processed', throttled: false } as const;
    const answer = (it: { key: string }) => {
      const s = stop(it);
      if (s === 'denied') return { status: 'error', code: 'ErrorAccessDenied', message: 'access denied', retryable: false } as const;
      return s === 'stopped' ? stoppedAnswer : undefined;
    };
    fb.lookupFault = answer;
    fb.itemFault = (_op, it) => answer(it);
    const job = await makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1, progressIntervalMs: 10 }).start({
      mailbox,
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const events = collect(job);
    const res = await job.done;
    expect(res.counts).toMatchObject({ done: 39, failed: 1, unknown: 0 });
    expect(events.some((e) => e.kind === 'backoff')).toBe(false);
    const rows = [...(await outcomesOf(dir, job.jobId)).values()];
    expect(rows.find((r) => r.outcome === 'failed')).toMatchObject({ code: 'ErrorAccessDenied', itemId: items[5]?.id });
    // Every item the server could read carries its subject in the audit log.
    expect(rows.filter((r) => r.itemId !== items[5]?.id).every((r) => r.subject !== '')).toBe(true);
  });

  it('waits BackOffMilliseconds after ErrorServerBusy before sending anything more, and says so', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 300);
    const sentAt: number[] = [];
    fb.requestFault = ({ op, n }) => {
      if (op !== 'delete') return undefined;
      sentAt.push(Date.now());
      return n === 1 ? { kind: 'busy', backOffMs: 300 } : undefined;
    };
    const job = await makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1, progressIntervalMs: 20 }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const events = collect(job);
    const res = await job.done;
    expect(res.counts.done).toBe(300);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(290);
    const backoff = events.find((e): e is Extract<JobProgress, { kind: 'backoff' }> => e.kind === 'backoff');
    expect(backoff?.reason).toMatch(/^waiting \d+ s: the server asked us to back off/);
    expect(backoff?.waitMs).toBeGreaterThan(0);
  });

  it('backs off with a default when busy carries no BackOffMilliseconds', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 10);
    const sentAt: number[] = [];
    fb.requestFault = ({ op, n }) => {
      if (op !== 'delete') return undefined;
      sentAt.push(Date.now());
      return n <= 2 ? { kind: 'busy' } : undefined;
    };
    const engine = makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1, backoff: { defaultBusyMs: 100, baseMs: 5, maxMs: 1000, maxAttempts: 4 } });
    const res = await (
      await engine.start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: items.map((i) => i.id) } })
    ).done;
    expect(res.counts.done).toBe(10);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(95);
    // Growing: the second consecutive busy waits longer than the first.
    expect((sentAt[2] ?? 0) - (sentAt[1] ?? 0)).toBeGreaterThan((sentAt[1] ?? 0) - (sentAt[0] ?? 0));
  });

  it('treats an explicit BackOffMilliseconds of 0 as "retry soon", not as "no value given"', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 10);
    const sentAt: number[] = [];
    fb.requestFault = ({ op, n }) => {
      if (op !== 'delete') return undefined;
      sentAt.push(Date.now());
      return n <= 2 ? { kind: 'busy', backOffMs: 0 } : undefined;
    };
    // A default of 2 s would show if a 0 were taken for "not given".
    const engine = makeEngine(dir, fb, {
      initialConcurrency: 1,
      concurrencyCap: 1,
      backoff: { defaultBusyMs: 2_000, baseMs: 5, maxMs: 5_000, maxAttempts: 4 },
    });
    const res = await (
      await engine.start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: items.map((i) => i.id) } })
    ).done;
    expect(res.counts.done).toBe(10);
    // Still a pause (the gate is obeyed), short and growing: 5 ms, then 10 ms.
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(4);
    expect((sentAt[2] ?? 0) - (sentAt[1] ?? 0)).toBeGreaterThanOrEqual(9);
    expect((sentAt[2] ?? 0) - (sentAt[0] ?? 0)).toBeLessThan(1_000);
  });

  it('gives items up as failed (retryable) when the server refuses everything as busy, without a progress in between', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 10);
    fb.requestFault = ({ op }) => (op === 'delete' ? { kind: 'busy', backOffMs: 1 } : undefined);
    const job = await makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1, maxBusyPerItem: 3 }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts.failed).toBe(10);
    expect(fb.inFolder('inbox')).toHaveLength(10);
    expect((await outcomesOf(dir, job.jobId)).get(items[0]?.id ?? '')).toMatchObject({ outcome: 'failed', code: 'ErrorServerBusy' });
  });

  it('retries transient failures (503) with bounded attempts, then fails the items as retryable', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 20);
    fb.requestFault = ({ op, n }) => (op === 'delete' && n <= 2 ? { kind: 'transient' } : undefined);
    const ok = await (
      await makeEngine(dir, fb).start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: items.map((i) => i.id) } })
    ).done;
    expect(ok.counts.done).toBe(20);

    const fb2 = new FakeBackend();
    const items2 = fb2.addItems('inbox', 20);
    fb2.requestFault = ({ op }) => (op === 'delete' ? { kind: 'transient', code: 'HTTP503' } : undefined);
    const job = await makeEngine(dir, fb2).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items2.map((i) => i.id) },
    });
    const bad = await job.done;
    expect(bad.counts.failed).toBe(20);
    expect(fb2.calls).toHaveLength(0);
    const row = (await outcomesOf(dir, job.jobId)).get(items2[0]?.id ?? '');
    expect(row).toMatchObject({ outcome: 'failed', code: 'HTTP503' });
    expect(fb2.inFolder('inbox')).toHaveLength(20);
  });

  it('settles a move whose answer was lost by looking, without moving anything twice', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 300);
    fb.requestFault = ({ op, n }) => (op === 'move' && n === 1 ? { kind: 'lost' } : undefined);
    const job = await makeEngine(dir, fb, { initialConcurrency: 1 }).start({
      mailbox,
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts).toMatchObject({ done: 300, unknown: 0, failed: 0 });
    const out = await outcomesOf(dir, job.jobId);
    for (const it of items) {
      expect(fb.applied.get(it.key)).toBe(1);
      expect(out.get(it.id)?.newId).toBe(fb.byKey(it.key)?.id);
    }
  });

  it('re-sends a move whose request failed before reaching the store (item still at its old id)', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 40);
    fb.requestFault = ({ op, n }) => (op === 'move' && n === 1 ? { kind: 'hang' } : undefined);
    const job = await makeEngine(dir, fb, { requestTimeoutMs: 100 }).start({
      mailbox,
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts.done).toBe(40);
    for (const it of items) expect(fb.applied.get(it.key)).toBe(1);
  });

  it('reports unknown when a lost move cannot be found in source or destination', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    fb.addFolder('elsewhere', 'Elsewhere', 'msgfolderroot');
    const items = fb.addItems('inbox', 5);
    // The move goes through, its answer is lost, and another client moves the items on meanwhile.
    fb.requestFault = ({ op, n }) =>
      op === 'move' && n === 1
        ? {
            kind: 'lost',
            after: () => {
              for (const it of items) {
                const live = fb.byKey(it.key);
                if (live) fb.relocate(live, 'elsewhere');
              }
            },
          }
        : undefined;
    const job = await makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1 }).start({
      mailbox,
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts.unknown).toBe(5);
    const row = [...(await outcomesOf(dir, job.jobId)).values()][0];
    expect(row?.message).toMatch(/not found in dest/);
  });

  it('settles a copy whose answer was lost without making a second copy', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 120);
    fb.requestFault = ({ op, n }) => (op === 'copy' && n === 1 ? { kind: 'lost' } : undefined);
    const res = await (
      await makeEngine(dir, fb, { initialConcurrency: 1 }).start({
        mailbox,
        action: { kind: 'copy', toFolderId: 'dest' },
        target: { kind: 'ids', ids: items.map((i) => i.id) },
      })
    ).done;
    expect(res.counts.done).toBe(120);
    expect(fb.inFolder('dest')).toHaveLength(120);
  });

  it('looks for a lost copy only once the server can no longer be running it, so it is never copied twice', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 50);
    // The client gives up at once; the server copies the batch 300 ms later.
    fb.requestFault = ({ op, n }) => (op === 'copy' && n === 1 ? { kind: 'late', applyAfterMs: 300 } : undefined);
    const res = await (
      await makeEngine(dir, fb, { initialConcurrency: 1, serverRequestLimitMs: 600 }).start({
        mailbox,
        action: { kind: 'copy', toFolderId: 'dest' },
        target: { kind: 'ids', ids: items.map((i) => i.id) },
      })
    ).done;
    expect(res.counts.done).toBe(50);
    // One copy each, also once the late request has surely finished: looked for too early, the
    // batch would have been copied a second time.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fb.inFolder('dest')).toHaveLength(50);
  });

  it('re-sends a delete whose answer was lost; "not found" then counts as already gone', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 150);
    fb.requestFault = ({ op, n }) => (op === 'delete' && n === 1 ? { kind: 'lost' } : undefined);
    const job = await makeEngine(dir, fb, { initialConcurrency: 1 }).start({
      mailbox,
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts.done + res.counts.alreadyGone).toBe(150);
    expect(res.counts.alreadyGone).toBeGreaterThan(0);
    expect(res.counts.failed + res.counts.unknown).toBe(0);
    for (const it of items) expect(fb.applied.get(it.key)).toBe(1);
  });

  it('stops on a fatal error: that batch fails, the rest is not attempted and untouched', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 500);
    fb.requestFault = ({ op, n }) => (op === 'delete' && n === 2 ? { kind: 'fatal', code: 'ErrorImpersonateUserDenied' } : undefined);
    const job = await makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1 }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.state).toBe('failed');
    expect(res.error).toMatch(/ErrorImpersonateUserDenied/);
    expect(res.counts.done + res.counts.failed + res.counts.notAttempted).toBe(500);
    expect(res.counts.failed).toBeGreaterThan(0);
    expect(res.counts.notAttempted).toBeGreaterThan(0);
    const out = await outcomesOf(dir, job.jobId);
    for (const it of items) {
      const o = out.get(it.id)?.outcome;
      if (o === 'done') expect(fb.byKey(it.key)?.folderId).toBe('recoverableitemspurges');
      else expect(fb.byKey(it.key)?.folderId).toBe('inbox');
    }
  });

  it('fails the job when planning cannot read the folder', async () => {
    const fb = new FakeBackend();
    const res = await (
      await makeEngine(dir, fb).start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'query', folderId: 'nope', filter: {} } })
    ).done;
    expect(res.state).toBe('failed');
    expect(res.error).toMatch(/ErrorFolderNotFound/);
  });
});

describe('control', () => {
  it('cancel: in-flight batches finish and are recorded, the rest is not attempted and untouched', async () => {
    const fb = new FakeBackend();
    fb.latencyMs = 20;
    const items = fb.addItems('inbox', 3000);
    const engine = makeEngine(dir, fb, { batch: { initial: 50, max: 50 }, initialConcurrency: 3, concurrencyCap: 3 });
    const job = await engine.start({ mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids: items.map((i) => i.id) } });
    let cancelledWithInFlight = -1;
    fb.requestFault = ({ op, n }) => {
      if (op === 'delete' && n === 5) {
        // Cancel while this request (at least) is in flight: it must still be carried out and recorded.
        cancelledWithInFlight = fb.inFlight;
        job.cancel();
      }
      return undefined;
    };
    const res = await job.done;
    expect(res.state).toBe('cancelled');
    expect(cancelledWithInFlight).toBeGreaterThan(0);
    const deleted = fb.calls.reduce((n, c) => n + c.ids.length, 0);
    expect(res.counts.done).toBe(deleted);
    expect(res.counts.notAttempted).toBe(3000 - deleted);
    const out = await outcomesOf(dir, job.jobId);
    expect(out.size).toBe(3000);
    for (const it of items) {
      const o = out.get(it.id)?.outcome;
      expect(fb.byKey(it.key)?.folderId).toBe(o === 'done' ? 'recoverableitemsdeletions' : 'inbox');
    }
    expect((await engine.listJobs())[0]).toMatchObject({ jobId: job.jobId, state: 'cancelled', resumable: false });
  });

  it('pause stops sending after in-flight batches; resume finishes the job', async () => {
    const fb = new FakeBackend();
    fb.latencyMs = 5;
    const items = fb.addItems('inbox', 2000);
    const job = await makeEngine(dir, fb, { batch: { initial: 50, max: 50 } }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const events = collect(job);
    while (fb.calls.length < 3) await new Promise((r) => setTimeout(r, 2));
    job.pause();
    while (job.state !== 'paused') await new Promise((r) => setTimeout(r, 2));
    const sentWhenPaused = fb.calls.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(fb.calls.length).toBe(sentWhenPaused);
    expect(events.some((e) => e.kind === 'paused')).toBe(true);
    job.resume();
    const res = await job.done;
    expect(res.counts.done).toBe(2000);
  });

  it('sends at most the concurrency cap of batches at once', async () => {
    const fb = new FakeBackend();
    fb.latencyMs = 3;
    const items = fb.addItems('inbox', 3000);
    await (
      await makeEngine(dir, fb, { batch: { initial: 20, max: 20 }, concurrencyCap: 4, initialConcurrency: 4 }).start({
        mailbox,
        action: { kind: 'delete', mode: 'HardDelete' },
        target: { kind: 'ids', ids: items.map((i) => i.id) },
      })
    ).done;
    // Batches; the lookups of the next ids overlap them (one at a time).
    expect(fb.maxBatchesInFlight).toBe(4);
  });

  it('knows the total of an id list from the start, while its items are still being looked up', async () => {
    const fb = new FakeBackend();
    fb.latencyMs = 3;
    const items = fb.addItems('inbox', 1200);
    const ids = [...items.map((i) => i.id), 'an-id-that-is-gone'];
    const job = await makeEngine(dir, fb, { progressIntervalMs: 5 }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids },
    });
    const events = collect(job);
    expect((await job.done).counts).toMatchObject({ done: 1200, alreadyGone: 1 });
    const planning = events.filter((e): e is Extract<JobProgress, { kind: 'planning' }> => e.kind === 'planning');
    const running = events.filter((e): e is Extract<JobProgress, { kind: 'running' }> => e.kind === 'running');
    expect(planning.length + running.length).toBeGreaterThan(0);
    for (const e of planning) expect(e.expected).toBe(1201);
    for (const e of running) expect([e.total, e.totalEstimated]).toEqual([1201, undefined]);
  });

  it('shares one allowance of batches in flight between the jobs of one account', async () => {
    const fb = new FakeBackend();
    const engine = makeEngine(dir, fb, allowanceTuning());
    await expect(twoJobs(fb, engine, engine)).resolves.toEqual([1500, 1500]);
    // Each job alone would send 4 at once (8 together); the account allows 6, and both use it.
    expect(fb.maxBatchesInFlight).toBe(6);
  });

  it('shares the allowance across engines given the same gates (a job still running on an earlier connection)', async () => {
    const fb = new FakeBackend();
    const tuning = { ...allowanceTuning(), gates: new Map<string, AccountGate>() };
    await expect(twoJobs(fb, makeEngine(dir, fb, tuning), makeEngine(dir, fb, tuning))).resolves.toEqual([1500, 1500]);
    expect(fb.maxBatchesInFlight).toBe(6);
  });

  it('emits at most about ten progress events a second, whatever the job size', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 20_000);
    const started = Date.now();
    const job = await makeEngine(dir, fb, { batch: { initial: 10, max: 10, min: 10 } }).start({
      mailbox,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const events = collect(job);
    const res = await job.done;
    const seconds = (Date.now() - started) / 1000;
    expect(res.counts.done).toBe(20_000);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 3);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ kind: 'finished', state: 'completed' });
    const running = events.filter((e): e is Extract<JobProgress, { kind: 'running' }> => e.kind === 'running');
    expect(running.length).toBeGreaterThan(0);
    expect(running[running.length - 1]?.total).toBe(20_000);
  });
});
