// What a page cache is given: the fetch, the timers, the limits of its load and the listener it
// reports to. Apart from the cache itself so that tests and the store can name them.

export interface Page<Row> {
  rows: readonly Row[];
  /** Items matching the view, as of this answer. */
  total: number;
}

/** Runs `callback` after `ms` milliseconds; the returned function cancels it. */
export type Schedule = (callback: () => void, ms: number) => () => void;

export const timerSchedule: Schedule = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

export interface PageCacheLimits {
  /** Requests for pages the viewport needs; they never wait behind background ones. */
  foregroundSlots: number;
  /**
   * Requests of the background load: enough to keep the EWS client busy while the server
   * prepares the next pages, few enough to leave most of Exchange's per-user concurrency budget
   * (EWSMaxConcurrency, 27 by default) to running jobs.
   */
  backgroundSlots: number;
  /** Rows loaded ahead of need; larger views load the rest as the admin scrolls. */
  backgroundRowCap: number;
  /** Pages fetched on demand beyond the cap before the ones farthest from the viewport are dropped. */
  evictionSlackPages: number;
  /** Background arrivals are published at most this often (one store update per batch). */
  flushIntervalMs: number;
  /**
   * A failed background page (a 503, a dropped connection) is asked again after base, 2×base,
   * 4×base… ms; after this many failures in a row the background load stops and the error shows.
   */
  backgroundRetries: number;
  retryBaseMs: number;
}

export const defaultLimits: PageCacheLimits = {
  foregroundSlots: 3,
  backgroundSlots: 4,
  backgroundRowCap: 250_000,
  evictionSlackPages: 20,
  flushIntervalMs: 100,
  backgroundRetries: 5,
  retryBaseMs: 250,
};

/** What the cache tells its owner (the items store). */
export interface PageCacheListener {
  /** A batch of arrivals to show; `viewportChanged` when rows under the viewport (or the first answer) came in. */
  published(snapshot: { total?: number; loadedRows: number; backgroundLoading: boolean; viewportChanged: boolean }): void;
  /** A page answered: an error shown earlier no longer holds. */
  answered(): void;
  /** A viewport page failed, or the background gave up after its retries. */
  failed(error: unknown): void;
  /** Pages fetched for `idsForRanges` joined the cache. */
  rowsAdded(loadedRows: number): void;
}

export interface PageCacheOptions<Row> {
  pageSize: number;
  fetchPage: (offset: number, max: number) => Promise<Page<Row>>;
  schedule: Schedule;
  listener: PageCacheListener;
  limits?: Partial<PageCacheLimits>;
}
