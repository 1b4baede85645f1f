// The engine over the real EWS client against the simulator over HTTP: every action and outcome
// kind, lost answers, unanswered requests, throttling, impersonation and archive, cancel.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, NO_FAULTS, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { JobBackend } from '../../electron/jobs/backend';
import type { MailboxRef } from '../../shared/domain';
import { makeEngine, outcomesOf, tempDir } from './helpers';
import { ewsBackend, RecordingBackend } from './simHarness';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const closers: (() => void)[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(async () => {
  for (const c of closers) c();
  await sim.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  sim.setFaults({ ...NO_FAULTS, seed: 7 });
  sim.setThrottling(false);
});
afterEach(() => cleanup());

const me: MailboxRef = { part: 'primary' };

function backend(mailbox: MailboxRef = me): JobBackend {
  const { backend: b, client } = ewsBackend(sim.url, mailbox);
  closers.push(() => client.close());
  return b;
}

function engineOn(b: JobBackend, extra: Parameters<typeof makeEngine>[2] = {}) {
  // Eight attempts per item, as in production: the fault rates below are far above real life.
  return makeEngine(dir, b, { requestTimeoutMs: 2_000, backoff: { defaultBusyMs: 20, baseMs: 5, maxMs: 50, maxAttempts: 8 }, ...extra });
}

let folderCounter = 0;
function freshFolder(user = DEMO_ADMIN, parentName = 'inbox'): string {
  const parent = sim.store.folderByDistinguished(user, parentName);
  if (!parent) throw new Error(`no ${parentName} for ${user}`);
  return sim.store.createFolder(parent.id, `F${++folderCounter}`).id;
}

function seed(folderId: string, n: number, prefix: string): string[] {
  return sim.store.seedItems(folderId, n, { subject: (i) => `${prefix}-${i}`, receivedStepSeconds: 1, received: '2025-06-01T00:00:00Z', size: 2048 });
}

function subjectsIn(folderId: string): Set<string> {
  return new Set(sim.store.folderItems(folderId).map((i) => i.subject));
}

function distinguished(name: string, user = DEMO_ADMIN): string {
  const f = sim.store.folderByDistinguished(user, name);
  if (!f) throw new Error(`no ${name}`);
  return f.id;
}

describe('actions against the simulator', () => {
  it('moves an explicit list: done with the new ids the server gave', async () => {
    const src = freshFolder();
    const dst = freshFolder();
    const ids = seed(src, 230, 'mv');
    const job = await engineOn(backend()).start({ mailbox: me, action: { kind: 'move', toFolderId: dst }, target: { kind: 'ids', ids } });
    const res = await job.done;
    expect(res.counts).toEqual({ done: 230, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 });
    expect(sim.store.itemCount(src)).toBe(0);
    expect(sim.store.itemCount(dst)).toBe(230);
    for (const row of (await outcomesOf(dir, job.jobId)).values()) {
      expect(row.newId).toBeDefined();
      expect(sim.store.locate(row.newId ?? '')?.folderId).toBe(dst);
    }
  });

  it('copies by query, leaving the source and items outside the filter alone', async () => {
    const src = freshFolder();
    const dst = freshFolder();
    seed(src, 120, 'cp-yes');
    seed(src, 30, 'other');
    const res = await (
      await engineOn(backend()).start({
        mailbox: me,
        action: { kind: 'copy', toFolderId: dst },
        target: { kind: 'query', folderId: src, filter: { subjectContains: 'cp-yes' } },
      })
    ).done;
    expect(res.counts.done).toBe(120);
    expect(sim.store.itemCount(src)).toBe(150);
    expect([...subjectsIn(dst)].every((s) => s.startsWith('cp-yes'))).toBe(true);
    expect(sim.store.itemCount(dst)).toBe(120);
  });

  it.each([
    ['MoveToDeletedItems', 'deleteditems'],
    ['SoftDelete', 'recoverableitemsdeletions'],
    ['HardDelete', 'recoverableitemspurges'],
  ] as const)('deletes by query across pages with %s', async (mode, where) => {
    const src = freshFolder();
    seed(src, 1300, `del-${mode}`);
    const before = sim.store.itemCount(distinguished(where));
    const res = await (
      await engineOn(backend()).start({ mailbox: me, action: { kind: 'delete', mode }, target: { kind: 'query', folderId: src, filter: {} } })
    ).done;
    expect(res.counts.done).toBe(1300);
    expect(sim.store.itemCount(src)).toBe(0);
    expect(sim.store.itemCount(distinguished(where)) - before).toBe(1300);
  });

  it('reports deleting an id that is already gone as alreadyGone', async () => {
    const src = freshFolder();
    const ids = seed(src, 20, 'gone');
    const engine = engineOn(backend());
    await (
      await engine.start({ mailbox: me, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: ids.slice(0, 5) } })
    ).done;
    const res = await (await engine.start({ mailbox: me, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids } })).done;
    expect(res.counts).toMatchObject({ done: 15, alreadyGone: 5, failed: 0 });
  });

  it('recovers to the original folders, and to the fallback when the home folder is gone (dry run first)', async () => {
    const homeA = freshFolder();
    const homeB = freshFolder();
    const doomed = freshFolder();
    const fallback = freshFolder();
    const deletions = distinguished('recoverableitemsdeletions');
    const tag = `rec${folderCounter}`;
    sim.store.seedItems(deletions, 60, { subject: (i) => `${tag}-a-${i}`, lastActiveParentFolderId: homeA, received: '2025-01-01T00:00:00Z' });
    sim.store.seedItems(deletions, 40, { subject: (i) => `${tag}-b-${i}`, lastActiveParentFolderId: homeB, received: '2025-01-01T00:00:00Z' });
    sim.store.seedItems(deletions, 25, { subject: (i) => `${tag}-c-${i}`, lastActiveParentFolderId: doomed, received: '2025-01-01T00:00:00Z' });
    sim.store.removeFolder(doomed);

    const engine = engineOn(backend());
    const spec = {
      mailbox: me,
      action: { kind: 'recover' as const, fallbackFolderId: fallback },
      target: { kind: 'query' as const, folderId: deletions, filter: { subjectContains: tag } },
    };
    const dry = await engine.dryRun(spec);
    const by = new Map(dry.byDestination.map((d) => [d.folderId, d]));
    expect(dry.itemCount).toBe(125);
    expect(by.get(homeA)?.itemCount).toBe(60);
    expect(by.get(homeB)?.itemCount).toBe(40);
    expect(by.get(fallback)).toMatchObject({ itemCount: 25, fallback: true });
    expect(sim.store.itemCount(homeA)).toBe(0);

    const res = await (await engine.start(spec)).done;
    expect(res.counts.done).toBe(125);
    expect(sim.store.itemCount(homeA)).toBe(60);
    expect(sim.store.itemCount(homeB)).toBe(40);
    expect(sim.store.itemCount(fallback)).toBe(25);
    const rows = [...(await outcomesOf(dir, (await engine.listJobs())[0]?.jobId ?? '')).values()];
    expect(rows.filter((r) => r.destinationFolderId === fallback)).toHaveLength(25);
  });

  it('empties a folder', async () => {
    const junk = freshFolder();
    seed(junk, 300, 'junk');
    const engine = engineOn(backend());
    const spec = {
      mailbox: me,
      action: { kind: 'emptyFolder' as const, folderId: junk, mode: 'HardDelete' as const, deleteSubFolders: false },
      target: { kind: 'ids' as const, ids: [] },
    };
    expect((await engine.dryRun(spec)).itemCount).toBe(300);
    const res = await (await engine.start(spec)).done;
    expect(res.counts.done).toBe(1);
    expect(sim.store.itemCount(junk)).toBe(0);
  });

  it("works in an impersonated user's archive", async () => {
    const alice = 'alice@contoso.com';
    const archive: MailboxRef = { smtp: alice, part: 'archive' };
    const src = freshFolder(alice, 'archivemsgfolderroot');
    seed(src, 50, 'alice-arch');
    const before = sim.store.itemCount(distinguished('archivedeleteditems', alice));
    const res = await (
      await engineOn(backend(archive)).start({
        mailbox: archive,
        action: { kind: 'delete', mode: 'MoveToDeletedItems' },
        target: { kind: 'query', folderId: src, filter: {} },
      })
    ).done;
    expect(res.counts.done).toBe(50);
    expect(sim.store.itemCount(distinguished('archivedeleteditems', alice)) - before).toBe(50);
  });
});

describe('outcomes under faults', () => {
  it('per-item errors are final failures and leave the items untouched; per-item busy is retried', async () => {
    const src = freshFolder();
    const dst = freshFolder();
    const ids = seed(src, 400, 'pie');
    sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0.05, ErrorServerBusy: 0.1 } });
    const job = await engineOn(backend()).start({ mailbox: me, action: { kind: 'move', toFolderId: dst }, target: { kind: 'ids', ids } });
    const res = await job.done;
    expect(res.counts.failed).toBeGreaterThan(0);
    expect(res.counts.done + res.counts.failed).toBe(400);
    const rows = [...(await outcomesOf(dir, job.jobId)).values()];
    for (const r of rows.filter((x) => x.outcome === 'failed')) {
      expect(r.code).toBe('ErrorAccessDenied');
      expect(sim.store.locate(r.itemId)?.folderId).toBe(src);
    }
    expect(sim.store.itemCount(dst)).toBe(res.counts.done);
  });

  it('lost move answers are settled by looking: each item moved exactly once, none unknown', async () => {
    const src = freshFolder();
    const dst = freshFolder();
    const ids = seed(src, 600, 'lost');
    sim.setFaults({ rates: { lostResponse: 0.3 } });
    const rec = new RecordingBackend(backend());
    const job = await engineOn(rec, { batch: { initial: 50, max: 50 } }).start({
      mailbox: me,
      action: { kind: 'move', toFolderId: dst },
      target: { kind: 'ids', ids },
    });
    const res = await job.done;
    expect(res.counts).toMatchObject({ done: 600, unknown: 0, failed: 0 });
    expect(sim.store.itemCount(dst)).toBe(600);
    expect(rec.movedNewIds).toEqual([]);
    for (const n of rec.okMoves.values()) expect(n).toBe(1);
    for (const row of (await outcomesOf(dir, job.jobId)).values()) expect(sim.store.locate(row.newId ?? '')?.folderId).toBe(dst);
  });

  it('lost copy answers do not make second copies', async () => {
    const src = freshFolder();
    const dst = freshFolder();
    const ids = seed(src, 300, 'lostcp');
    sim.setFaults({ rates: { lostResponse: 0.3 } });
    const res = await (
      await engineOn(backend(), { batch: { initial: 50, max: 50 } }).start({
        mailbox: me,
        action: { kind: 'copy', toFolderId: dst },
        target: { kind: 'ids', ids },
      })
    ).done;
    expect(res.counts.done).toBe(300);
    expect(sim.store.itemCount(dst)).toBe(300);
    expect(subjectsIn(dst).size).toBe(300);
  });

  it('unanswered, reset, 503, malformed and HTML answers to deletes are retried to completion', async () => {
    const src = freshFolder();
    seed(src, 800, 'flaky');
    sim.setFaults({
      rates: { noAnswer: 0.04, connectionReset: 0.05, http503: 0.05, malformedXml: 0.05, htmlLoginPage: 0.05, internalErrorFault: 0.05, lostResponse: 0.05 },
    });
    const res = await (
      await engineOn(backend(), { requestTimeoutMs: 500, batch: { initial: 50, max: 100 } }).start({
        mailbox: me,
        action: { kind: 'delete', mode: 'SoftDelete' },
        target: { kind: 'query', folderId: src, filter: {} },
      })
    ).done;
    expect(res.counts.done + res.counts.alreadyGone).toBe(800);
    expect(sim.store.itemCount(src)).toBe(0);
  });

  it('obeys the throttling budget: waits when told, loses nothing', async () => {
    const src = freshFolder();
    seed(src, 3000, 'thr');
    sim.setThrottling({ enabled: true, itemCostMs: 1, burstMs: 300, rechargeMsPerSecond: 1000, maxConcurrency: 27 });
    sim.resetThrottling();
    const job = await engineOn(backend(), { progressIntervalMs: 20 }).start({
      mailbox: me,
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: src, filter: {} },
    });
    const kinds = new Set<string>();
    job.onProgress((e) => kinds.add(e.kind));
    const res = await job.done;
    expect(res.counts.done, JSON.stringify(res)).toBe(3000);
    expect(kinds.has('backoff')).toBe(true);
  });

  it('cancel mid-run: in-flight batches are recorded, the rest is not attempted and untouched', async () => {
    const src = freshFolder();
    const dst = freshFolder();
    const ids = seed(src, 4000, 'cancel');
    sim.setFaults({ requestLatencyMs: 30 });
    const job = await engineOn(backend(), { batch: { initial: 100, max: 100 } }).start({
      mailbox: me,
      action: { kind: 'move', toFolderId: dst },
      target: { kind: 'ids', ids },
    });
    job.onProgress((e) => {
      if (e.kind === 'running' && e.counts.done >= 500) job.cancel();
    });
    const res = await job.done;
    expect(res.state).toBe('cancelled');
    expect(res.counts.done).toBeGreaterThanOrEqual(500);
    expect(res.counts.notAttempted).toBeGreaterThan(0);
    expect(res.counts.done + res.counts.notAttempted).toBe(4000);
    expect(sim.store.itemCount(dst)).toBe(res.counts.done);
    const rows = await outcomesOf(dir, job.jobId);
    for (const r of rows.values()) {
      if (r.outcome === 'notAttempted') expect(sim.store.locate(r.itemId)?.folderId).toBe(src);
      else expect(sim.store.locate(r.newId ?? '')?.folderId).toBe(dst);
    }
  });
});
