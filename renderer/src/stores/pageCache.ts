// One item view's page cache. The pages the viewport needs are fetched first; once the view's
// first page has answered, the rest of the view loads in the background (nearest the viewport
// first, a few pages at a time) up to a row cap, beyond which pages load only on demand and the
// ones farthest from the viewport are dropped. One instance per view: closing it drops late
// answers and stops the background load. Fetching and timers are passed in, so the cache runs
// (and is tested) without a browser.
import type { IndexRange } from '../lib/indexRanges';
import { defaultLimits, type PageCacheLimits, type PageCacheOptions } from './pageCacheConfig';

type Lane = 'foreground' | 'background';

export class PageCache<Row extends { id: string }> {
  private readonly pageSize: number;
  private readonly limits: PageCacheLimits;
  private readonly capPages: number;
  private readonly pages = new Map<number, readonly Row[]>();
  private cachedRows = 0;
  private readonly inFlight = new Map<number, Lane>();
  /** Pages the viewport needs that are not asked for yet. */
  private wanted: number[] = [0];
  /** The rows the viewport (with its prefetch margin) covers: arrivals there are published at once. */
  private viewportStart = 0;
  private viewportEnd: number;
  /** Set when background pages kept failing: the view then loads on demand only. */
  private backgroundHalted = false;
  /** Background failures in a row; each waits longer before the next background request. */
  private backgroundFailures = 0;
  private cancelRetry: (() => void) | undefined;
  /** The latest total seen, published with the next flush. */
  private latestTotal: number | undefined;
  /** The total as last published. */
  private shownTotal: number | undefined;
  private cancelFlush: (() => void) | undefined;
  private viewportDirty = false;
  private closed = false;

  constructor(private readonly options: PageCacheOptions<Row>) {
    this.pageSize = options.pageSize;
    this.limits = { ...defaultLimits, ...options.limits };
    this.capPages = Math.ceil(this.limits.backgroundRowCap / this.pageSize);
    this.viewportEnd = this.pageSize;
  }

  /** Asks for the first page (and, once it answers, the rest in the background). */
  start(): void {
    this.pump();
  }

  /** Stops the load: timers cancelled, answers still on their way ignored. */
  close(): void {
    this.closed = true;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.cancelFlush?.();
    this.cancelFlush = undefined;
  }

  get loadedRows(): number {
    return this.cachedRows;
  }

  /** Page numbers in the cache, ascending. */
  cachedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** Makes sure the pages covering [start, end) are loaded or on their way, ahead of any background page. */
  ensureRange(start: number, end: number): void {
    const total = this.shownTotal;
    const last = total === undefined ? start : Math.min(end, total) - 1;
    this.viewportStart = start;
    this.viewportEnd = Math.max(start + 1, end);
    const pages: number[] = [];
    for (let p = Math.floor(start / this.pageSize); p <= Math.floor(Math.max(last, start) / this.pageSize); p++) {
      if (!this.pages.has(p) && !this.inFlight.has(p)) pages.push(p);
    }
    // Only what the viewport needs now: pages wanted for a spot scrolled past are dropped.
    this.wanted = pages;
    this.pump();
  }

  rowAt(index: number): Row | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Index ranges covered by the pages loaded so far (what "select all on screen" selects). */
  loadedRanges(): IndexRange[] {
    const total = this.shownTotal ?? 0;
    const size = this.pageSize;
    return [...this.pages.entries()].map(([page, rows]) => ({ start: page * size, end: Math.min(total, page * size + rows.length) }));
  }

  /** The ids at the given indices, fetching any pages not loaded yet (for a Shift-range over unloaded rows). */
  async idsForRanges(ranges: readonly IndexRange[]): Promise<string[]> {
    const size = this.pageSize;
    const missing = new Set<number>();
    for (const range of ranges) {
      for (let p = Math.floor(range.start / size); p <= Math.floor((range.end - 1) / size); p++) if (!this.pages.has(p)) missing.add(p);
    }
    const fetched = new Map<number, readonly Row[]>();
    for (const page of missing) {
      const result = await this.options.fetchPage(page * size, size);
      fetched.set(page, result.rows);
    }
    if (!this.closed) {
      for (const [page, rows] of fetched) this.storePage(page, rows);
      this.evictIfOverCap();
      this.options.listener.rowsAdded(this.cachedRows);
    }
    const ids: string[] = [];
    for (const range of ranges) {
      for (let i = range.start; i < range.end; i++) {
        const page = Math.floor(i / size);
        const row = (fetched.get(page) ?? this.pages.get(page))?.[i % size];
        if (row) ids.push(row.id);
      }
    }
    return ids;
  }

  private storePage(page: number, rows: readonly Row[]): void {
    this.cachedRows += rows.length - (this.pages.get(page)?.length ?? 0);
    this.pages.set(page, rows);
  }

  private dropPage(page: number): void {
    this.cachedRows -= this.pages.get(page)?.length ?? 0;
    this.pages.delete(page);
  }

  private countInFlight(lane: Lane): number {
    let n = 0;
    for (const l of this.inFlight.values()) if (l === lane) n++;
    return n;
  }

  private viewportCenterPage(): number {
    return Math.floor((this.viewportStart + this.viewportEnd) / 2 / this.pageSize);
  }

  /** The unloaded page nearest the viewport, or undefined when every page of the view is loaded or on its way. */
  private nextBackgroundPage(total: number): number | undefined {
    const pageCount = Math.ceil(total / this.pageSize);
    const center = Math.min(this.viewportCenterPage(), Math.max(0, pageCount - 1));
    for (let distance = 0; distance < pageCount; distance++) {
      for (const page of distance === 0 ? [center] : [center + distance, center - distance]) {
        if (page >= 0 && page < pageCount && !this.pages.has(page) && !this.inFlight.has(page)) return page;
      }
    }
    return undefined;
  }

  /** Drops the pages farthest from the viewport once on-demand loading has gone well past the cap. */
  private evictIfOverCap(): void {
    if (this.pages.size <= this.capPages + this.limits.evictionSlackPages) return;
    const center = this.viewportCenterPage();
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
    for (const page of byDistance.slice(0, this.pages.size - this.capPages)) this.dropPage(page);
  }

  private overlapsViewport(page: number): boolean {
    return page * this.pageSize < this.viewportEnd && (page + 1) * this.pageSize > this.viewportStart;
  }

  private backgroundRemaining(): boolean {
    const total = this.latestTotal;
    if (total === undefined || this.backgroundHalted) return false;
    return this.pages.size + this.inFlight.size < Math.min(this.capPages, Math.ceil(total / this.pageSize)) && this.nextBackgroundPage(total) !== undefined;
  }

  private flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    const viewportChanged = this.viewportDirty;
    this.viewportDirty = false;
    this.shownTotal = this.latestTotal;
    this.options.listener.published({
      total: this.latestTotal,
      loadedRows: this.cachedRows,
      backgroundLoading: this.backgroundRemaining() || this.countInFlight('background') > 0,
      viewportChanged,
    });
  }

  private scheduleFlush(): void {
    this.cancelFlush ??= this.options.schedule(() => {
      this.cancelFlush = undefined;
      this.flush();
    }, this.limits.flushIntervalMs);
  }

  private fetch(page: number, lane: Lane): void {
    this.inFlight.set(page, lane);
    this.options
      .fetchPage(page * this.pageSize, this.pageSize)
      .then((result) => {
        if (this.closed) return;
        this.inFlight.delete(page);
        if (lane === 'background') this.backgroundFailures = 0;
        this.storePage(page, result.rows);
        const firstAnswer = this.latestTotal === undefined;
        this.latestTotal = result.total;
        this.options.listener.answered();
        this.evictIfOverCap();
        if (firstAnswer || this.overlapsViewport(page)) this.viewportDirty = true;
        this.pump();
        // What the admin is looking at, and the end of the load, show at once; the rest in batches.
        if (this.viewportDirty || this.inFlight.size === 0) this.flush();
        else this.scheduleFlush();
      })
      .catch((error: unknown) => {
        if (this.closed) return;
        this.inFlight.delete(page);
        if (lane === 'background' && this.backgroundFailures < this.limits.backgroundRetries) {
          // Quietly, after a pause: the page goes back to the pool and the load resumes.
          const wait = this.limits.retryBaseMs * 2 ** this.backgroundFailures++;
          this.cancelRetry ??= this.options.schedule(() => {
            this.cancelRetry = undefined;
            if (!this.closed) this.pump();
          }, wait);
        } else {
          if (lane === 'background') this.backgroundHalted = true;
          this.options.listener.failed(error);
        }
        this.pump();
        this.flush();
      });
  }

  private pump(): void {
    if (this.closed) return;
    while (this.countInFlight('foreground') < this.limits.foregroundSlots && this.wanted.length > 0) {
      const page = this.wanted.shift();
      if (page === undefined || this.pages.has(page) || this.inFlight.has(page)) continue;
      this.fetch(page, 'foreground');
    }
    // The background waits while the viewport still wants pages.
    if (this.wanted.length > 0) return;
    // During a retry pause nothing new starts in the background (what is in flight goes on).
    while (this.cancelRetry === undefined && this.countInFlight('background') < this.limits.backgroundSlots && this.backgroundRemaining()) {
      const page = this.nextBackgroundPage(this.latestTotal ?? 0);
      if (page === undefined) break;
      this.fetch(page, 'background');
    }
  }
}
