// The item view's page cache, driven by hand: a fake folder whose answers the test releases and
// a fake clock. Pages of 10 rows keep the numbers readable.
import { describe, expect, it } from 'vitest';
import type { ItemRow } from '../../shared/domain';
import { PageCache } from '../../renderer/src/stores/pageCache';
import { timerSchedule, type PageCacheLimits, type PageCacheListener } from '../../renderer/src/stores/pageCacheConfig';
import { FakeClock, FakeFolder, settle } from './support/fakes';

type Published = Parameters<PageCacheListener['published']>[0];

function setup(total: number, limits: Partial<PageCacheLimits> = {}) {
  const folder = new FakeFolder(total);
  const clock = new FakeClock();
  const published: Published[] = [];
  const failures: string[] = [];
  const added: number[] = [];
  let answered = 0;
  const cache = new PageCache<ItemRow>({
    pageSize: 10,
    fetchPage: folder.fetchPage,
    schedule: clock.schedule,
    limits,
    listener: {
      published: (snapshot) => published.push(snapshot),
      answered: () => answered++,
      failed: (error) => failures.push(error instanceof Error ? error.message : String(error)),
      rowsAdded: (rows) => added.push(rows),
    },
  });
  const answer = async (offset?: number): Promise<void> => {
    folder.answer(offset);
    await settle();
  };
  const fail = async (offset?: number): Promise<void> => {
    folder.fail(offset);
    await settle();
  };
  return { folder, clock, cache, published, failures, added, answer, fail, answeredCount: () => answered };
}

describe('PageCache loading', () => {
  it('asks for the first page only, then loads the rest nearest the viewport first, four at a time', async () => {
    const { folder, cache, answer, published } = setup(100);
    cache.start();
    expect(folder.pendingOffsets()).toEqual([0]);
    await answer(0);
    expect(folder.pendingOffsets()).toEqual([10, 20, 30, 40]);
    // The first answer shows at once, with the total.
    expect(published.at(-1)).toEqual({ total: 100, loadedRows: 10, backgroundLoading: true, viewportChanged: true });
    let most = 0;
    while (folder.pending.length > 0) {
      most = Math.max(most, folder.pending.length);
      await answer();
    }
    expect(most).toBe(4);
    expect(folder.asked).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(cache.loadedRows).toBe(100);
    expect(published.at(-1)).toEqual({ total: 100, loadedRows: 100, backgroundLoading: false, viewportChanged: false });
    expect(cache.rowAt(57)?.id).toBe('r57');
  });

  it('publishes background arrivals outside the viewport in batches, at most every 100 ms', async () => {
    const { clock, cache, answer, published } = setup(100);
    cache.start();
    await answer(0);
    const before = published.length;
    await answer(10);
    await answer(20);
    expect(published.length).toBe(before);
    expect(clock.waiting()).toEqual([100]);
    clock.advance(100);
    expect(published.length).toBe(before + 1);
    expect(published.at(-1)).toMatchObject({ loadedRows: 30, viewportChanged: false });
  });

  it('serves the viewport ahead of the background, and holds the background while the viewport still wants pages', async () => {
    const { folder, cache, answer } = setup(100);
    cache.start();
    await answer(0);
    expect(folder.pendingOffsets()).toEqual([10, 20, 30, 40]);
    // Five pages wanted, three foreground slots: three go at once beside the four background ones.
    cache.ensureRange(50, 100);
    expect(folder.pendingOffsets()).toEqual([10, 20, 30, 40, 50, 60, 70]);
    // A background answer starts nothing while pages 8 and 9 still wait for a slot.
    await answer(10);
    expect(folder.pendingOffsets()).toEqual([20, 30, 40, 50, 60, 70]);
    await answer(50);
    expect(folder.pendingOffsets()).toEqual([20, 30, 40, 60, 70, 80]);
    await answer(60);
    // Page 9 takes the freed slot; pages 2–4 are still on their way, so nothing else is left to ask.
    expect(folder.pendingOffsets()).toEqual([20, 30, 40, 70, 80, 90]);
  });

  it('continues the background load outward from where the viewport is', async () => {
    const { folder, cache, answer } = setup(300);
    cache.start();
    await answer(0);
    cache.ensureRange(150, 160);
    await answer(150);
    // Each background slot that frees up goes to the unloaded page nearest page 15.
    await answer(10);
    await answer(20);
    await answer(30);
    expect(folder.asked).toEqual([0, 10, 20, 30, 40, 150, 160, 140, 170]);
  });

  it('drops wanted pages the viewport scrolled past', async () => {
    const { folder, cache, answer } = setup(1000, { foregroundSlots: 1, backgroundSlots: 1 });
    cache.start();
    await answer(0);
    cache.ensureRange(100, 130); // pages 10..12: one slot, so 11 and 12 wait
    cache.ensureRange(500, 510); // scrolled on: only page 50 is wanted now
    await answer(100);
    expect(folder.asked).toEqual([0, 10, 100, 500]);
  });
});

describe('PageCache eviction', () => {
  it('keeps at most cap + slack pages, dropping the ones farthest from the viewport down to the cap', async () => {
    // Cap of 3 pages (30 rows), slack of 1 page.
    const { folder, cache, answer } = setup(200, { backgroundRowCap: 30, evictionSlackPages: 1 });
    cache.start();
    await answer(0);
    // The background stops at the cap.
    expect(folder.pendingOffsets()).toEqual([10, 20]);
    await answer(10);
    await answer(20);
    expect(folder.pending).toHaveLength(0);
    expect(cache.cachedPages()).toEqual([0, 1, 2]);

    cache.ensureRange(100, 110);
    await answer(100);
    expect(cache.cachedPages()).toEqual([0, 1, 2, 10]);
    cache.ensureRange(150, 160);
    await answer(150);
    // Five pages > 3 + 1: the two farthest from page 15 go.
    expect(cache.cachedPages()).toEqual([2, 10, 15]);
    expect(cache.loadedRows).toBe(30);
    expect(cache.rowAt(5)).toBeUndefined();
    expect(cache.rowAt(155)?.id).toBe('r155');
  });

  it('reports loaded ranges clipped to the total', async () => {
    const { cache, answer, folder } = setup(25);
    cache.start();
    await answer(0);
    while (folder.pending.length > 0) await answer();
    expect(cache.loadedRanges()).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 20, end: 25 },
    ]);
  });
});

describe('PageCache retry', () => {
  it('asks a failed background page again after 0.25, 0.5, 1, 2, 4 s, then stops the background and shows the error', async () => {
    const { folder, clock, cache, answer, fail, failures, published } = setup(100, { backgroundSlots: 1 });
    cache.start();
    await answer(0);
    expect(folder.pendingOffsets()).toEqual([10]);
    for (const wait of [250, 500, 1000, 2000, 4000]) {
      await fail(10);
      expect(failures).toEqual([]);
      expect(clock.waiting()).toEqual([wait]);
      // Nothing new starts in the background during the pause.
      clock.advance(wait - 1);
      expect(folder.pending).toHaveLength(0);
      clock.advance(1);
      expect(folder.pendingOffsets()).toEqual([10]);
    }
    await fail(10);
    expect(failures).toEqual(['HTTP 503']);
    expect(folder.pending).toHaveLength(0);
    expect(clock.waiting()).toEqual([]);
    expect(published.at(-1)).toMatchObject({ backgroundLoading: false, loadedRows: 10 });
    // The viewport still loads on demand.
    cache.ensureRange(40, 50);
    expect(folder.pendingOffsets()).toEqual([40]);
  });

  it('starts counting again after a background page succeeds', async () => {
    const { folder, clock, cache, answer, fail } = setup(100, { backgroundSlots: 1 });
    cache.start();
    await answer(0);
    await fail(10);
    clock.advance(250);
    await fail(10);
    expect(clock.waiting()).toEqual([500]);
    clock.advance(500);
    await answer(10);
    expect(folder.pendingOffsets()).toEqual([20]);
    await fail(20);
    expect(clock.waiting()).toEqual([250]);
  });

  it('shows a failed viewport page at once, without retrying it', async () => {
    const { folder, clock, cache, fail, failures, published } = setup(100);
    cache.start();
    await fail(0);
    expect(failures).toEqual(['HTTP 503']);
    expect(clock.waiting()).toEqual([]);
    expect(folder.pending).toHaveLength(0);
    expect(published.at(-1)).toEqual({ total: undefined, loadedRows: 0, backgroundLoading: false, viewportChanged: false });
  });

  it('tells its owner when a page answers, so an error shown earlier can go', async () => {
    const { cache, answer, answeredCount } = setup(10);
    cache.start();
    await answer(0);
    expect(answeredCount()).toBe(1);
  });
});

describe('PageCache close', () => {
  it('ignores answers that arrive after it was closed and cancels its timers', async () => {
    const { folder, clock, cache, answer, fail, published } = setup(100);
    cache.start();
    await answer(0);
    await answer(10); // a batched arrival: the flush timer waits
    await fail(20); // a retry pause waits too
    expect(clock.waiting().length).toBeGreaterThan(0);
    const seen = published.length;
    const asked = folder.asked.length;
    cache.close();
    expect(clock.waiting()).toEqual([]);
    await answer(30);
    clock.advance(10_000);
    expect(published).toHaveLength(seen);
    expect(cache.rowAt(35)).toBeUndefined();
    // Nothing new was asked for, and a viewport request is refused too.
    cache.ensureRange(90, 100);
    expect(folder.asked).toHaveLength(asked);
  });
});

describe('PageCache idsForRanges', () => {
  it('fetches the pages a range needs and returns the ids in order, keeping the pages', async () => {
    // A cap of one page: no background load, so only what the test asks is fetched.
    const { folder, cache, answer, added } = setup(100, { backgroundRowCap: 10 });
    cache.start();
    await answer(0);
    expect(folder.pending).toHaveLength(0);
    const ids = cache.idsForRanges([
      { start: 5, end: 15 },
      { start: 95, end: 97 },
    ]);
    await settle();
    expect(folder.pendingOffsets()).toEqual([10]);
    await answer(10);
    expect(folder.pendingOffsets()).toEqual([90]);
    await answer(90);
    expect(await ids).toEqual(['r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r95', 'r96']);
    expect(added).toEqual([30]);
    expect(cache.cachedPages()).toEqual([0, 1, 9]);
  });

  it('returns the ids but keeps nothing when the view was closed meanwhile', async () => {
    const { cache, answer, added } = setup(100, { backgroundRowCap: 10 });
    cache.start();
    await answer(0);
    const ids = cache.idsForRanges([{ start: 10, end: 12 }]);
    await settle();
    cache.close();
    await answer(10);
    expect(await ids).toEqual(['r10', 'r11']);
    expect(added).toEqual([]);
    expect(cache.cachedPages()).toEqual([0]);
  });
});

describe("timerSchedule (the app's timers)", () => {
  it('runs the callback after the delay, and not at all once cancelled', async () => {
    const fired: string[] = [];
    timerSchedule(() => fired.push('kept'), 5);
    const cancel = timerSchedule(() => fired.push('cancelled'), 5);
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(['kept']);
  });
});
