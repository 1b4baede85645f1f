// Listing one page ahead (keysetListing.ts): the next FindItem page is asked for while the current
// page is handed on and its batches run; a cancel during that prefetch leaves every planned item
// with one outcome and no request running; a crash with a page fetched but not journalled lists
// it again on resume, nothing skipped or planned twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeleteMode, ItemPage } from '../../shared/domain';
import type { ItemResult, ListItemsRequest } from '../../electron/jobs/backend';
import { defaultBackoffOptions, AccountGate, realClock } from '../../electron/jobs/backoff';
import type { JobHandle } from '../../electron/jobs/engine';
import type { KeysetCursor, PlannedItem } from '../../electron/jobs/journal';
import { planJob, type PlanContext, type PlanPageInfo } from '../../electron/jobs/planner';
import type { JobSpec } from '../../shared/domain';
import { FakeBackend } from './fakeBackend';
import { countKinds, makeEngine, outcomesOf, tempDir } from './helpers';

const mailbox = { part: 'primary' as const };
const spec: JobSpec = { mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'query', folderId: 'inbox', filter: {} } };

let dir: { dir: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

/** A fake mailbox that tells when each FindItem page is asked for, and can hold one open. */
class ListingBackend extends FakeBackend {
  /** Resolved at the nth listItems call (1-based), with what had happened by then. */
  readonly asked: { n: number; batchesSent: number; batchesAnswered: number }[] = [];
  batchesSent = 0;
  batchesAnswered = 0;
  /** The nth listItems call never answers until its signal aborts. */
  hangList?: number;
  listAborted = false;
  onList?: (n: number) => void;
  private lists = 0;

  override async listItems(req: ListItemsRequest, signal: AbortSignal): Promise<ItemPage> {
    const n = ++this.lists;
    this.asked.push({ n, batchesSent: this.batchesSent, batchesAnswered: this.batchesAnswered });
    this.onList?.(n);
    if (n === this.hangList) {
      this.inFlight++;
      try {
        if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        this.listAborted = true;
        throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      } finally {
        this.inFlight--;
      }
    }
    return super.listItems(req, signal);
  }

  override async deleteItems(ids: readonly string[], mode: DeleteMode, signal: AbortSignal): Promise<ItemResult[]> {
    this.batchesSent++;
    try {
      return await super.deleteItems(ids, mode, signal);
    } finally {
      this.batchesAnswered++;
    }
  }
}

function planContext(fb: FakeBackend, signal: AbortSignal): PlanContext {
  return {
    backend: fb,
    gate: new AccountGate(realClock, { ...defaultBackoffOptions, baseMs: 5, maxMs: 50 }, () => 0.5, 20),
    limits: { maxAttempts: 3, timeoutMs: 10_000 },
    signal,
  };
}

/** Settles with 'timeout' if the promise has not settled within ms. */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);
}

describe('query listing one page ahead (planner)', () => {
  it('asks for the next page while the current one is still being handed on', async () => {
    const fb = new ListingBackend();
    const items = fb.addItems('inbox', 2500);
    const waiters: { n: number; resolve: () => void }[] = [];
    fb.onList = (n) => {
      for (const w of waiters) if (w.n <= n) w.resolve();
    };
    const asked = (n: number): Promise<void> => (fb.asked.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })));
    const planned: PlannedItem[] = [];
    const infos: PlanPageInfo[] = [];
    const seqs = await planJob(spec, planContext(fb, new AbortController().signal), async (page, info) => {
      // Each page's sink (in a job: its journal write, then its batches) waits for the next page
      // to be asked for: without listing ahead this would never return.
      const pageNo = infos.length + 1;
      if (!info?.cursor?.end) expect(await within(asked(pageNo + 1), 5_000)).not.toBe('timeout');
      planned.push(...page);
      if (info) infos.push(info);
    });
    expect(infos).toHaveLength(3);
    expect(fb.asked).toHaveLength(3);
    expect(seqs).toBe(2500);
    expect(planned.map((p) => p.seq)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(new Set(planned.map((p) => p.id))).toEqual(new Set(items.map((i) => i.id)));
    expect(infos.at(-1)?.cursor?.end).toBe(true);
  });

  it('a stop during the prefetch ends planning after the page handed on, with the prefetch aborted and nothing in flight', async () => {
    const fb = new ListingBackend();
    fb.addItems('inbox', 2500);
    fb.hangList = 2;
    const stop = new AbortController();
    const pages: number[] = [];
    const seqs = await planJob(spec, planContext(fb, stop.signal), async (page) => {
      pages.push(page.length);
      stop.abort();
    });
    expect(pages).toEqual([1000]);
    expect(seqs).toBe(1000);
    expect(fb.listAborted).toBe(true);
    expect(fb.inFlight).toBe(0);
    expect(fb.asked).toHaveLength(2);
  });

  it('a crash with a page fetched but not journalled lists it again from the journalled cursor: every item once', async () => {
    const fb = new ListingBackend();
    const items = fb.addItems('inbox', 2600, (i) => ({ received: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 1000).toISOString() }));
    const crash = new AbortController();
    const first: PlannedItem[] = [];
    let journalled: { cursor: KeysetCursor; released: number } | undefined;
    // The "journal" keeps page 1 and its cursor; the process dies while page 2 is being fetched.
    fb.hangList = 2;
    await planJob(spec, planContext(fb, crash.signal), async (page, info) => {
      first.push(...page);
      if (info?.cursor && info.released !== undefined) journalled = { cursor: info.cursor, released: info.released };
      crash.abort();
    });
    expect(fb.asked).toHaveLength(2);
    expect(journalled?.cursor.end).toBeUndefined();
    const cursor = journalled?.cursor;
    if (!cursor) throw new Error('no cursor journalled');
    fb.hangList = undefined;
    const rest: PlannedItem[] = [];
    const total = await planJob(spec, planContext(fb, new AbortController().signal), async (page) => void rest.push(...page), undefined, {
      cursor,
      nextSeq: first.length,
      released: journalled?.released ?? 0,
    });
    const all = [...first, ...rest];
    expect(total).toBe(2600);
    expect(all.map((p) => p.seq)).toEqual(Array.from({ length: 2600 }, (_, i) => i));
    expect(new Set(all.map((p) => p.id)).size).toBe(2600);
    expect(new Set(all.map((p) => p.id))).toEqual(new Set(items.map((i) => i.id)));
  });
});

describe('query listing one page ahead (engine)', () => {
  it("requests the second FindItem page before the first page's batches finish, and deletes every item once", async () => {
    const fb = new ListingBackend();
    fb.latencyMs = 5;
    const items = fb.addItems('inbox', 2500);
    const job = await makeEngine(dir.dir, fb, { batch: { initial: 100, max: 100 }, concurrencyCap: 4, initialConcurrency: 4 }).start(spec);
    const res = await job.done;
    expect(res.counts.done).toBe(2500);
    for (const it of items) expect(fb.applied.get(it.key)).toBe(1);
    // Page 2 was asked for before any batch of page 1 was sent (the planner-level test above shows
    // it is asked for before page 1 is even handed on).
    expect(fb.asked[1]).toEqual({ n: 2, batchesSent: 0, batchesAnswered: 0 });
    // Page 3 was asked for while page 1's 10 batches (of 100) were still being worked through.
    expect(fb.asked[2]?.batchesAnswered).toBeLessThan(10);
  });

  it('cancel while the next page is being fetched: every planned item has one outcome, the prefetch is aborted, nothing runs on', async () => {
    const fb = new ListingBackend();
    fb.latencyMs = 5;
    fb.addItems('inbox', 2500);
    fb.hangList = 2;
    const started: { job?: JobHandle } = {};
    let cancelledDuringPrefetch = false;
    const deleteItems = fb.deleteItems.bind(fb);
    fb.deleteItems = async (ids, mode, signal) => {
      const r = await deleteItems(ids, mode, signal);
      if (!cancelledDuringPrefetch && started.job && fb.asked.length === 2 && !fb.listAborted) {
        cancelledDuringPrefetch = true;
        started.job.cancel();
      }
      return r;
    };
    const handle = await makeEngine(dir.dir, fb, { batch: { initial: 100, max: 100 }, concurrencyCap: 2, initialConcurrency: 2 }).start(spec);
    started.job = handle;
    const res = await handle.done;
    expect(cancelledDuringPrefetch).toBe(true);
    expect(res.state).toBe('cancelled');
    expect(fb.listAborted).toBe(true);
    expect(fb.asked).toHaveLength(2);
    expect(fb.inFlight).toBe(0);
    // Page 1 was planned (the page fetched ahead never was): each of its items ends with one outcome.
    expect(res.total).toBe(1000);
    const outcomes = await outcomesOf(dir.dir, handle.jobId);
    expect(outcomes.size).toBe(1000);
    const kinds = countKinds(outcomes.values());
    expect(kinds.done).toBeGreaterThan(0);
    expect(kinds.notAttempted).toBeGreaterThan(0);
    expect(kinds.done + kinds.notAttempted).toBe(1000);
    expect(fb.calls.reduce((n, c) => n + c.ids.length, 0)).toBe(kinds.done);
  });
});
