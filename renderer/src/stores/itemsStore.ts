// The open folder's item view and its page cache. The pages the viewport needs are fetched
// first; once the view's first page has answered, the rest of the view loads in the background
// (nearest the viewport first, a few pages at a time) up to a row cap, beyond which pages load
// only on demand. A view change bumps the generation so that late answers for the old view are
// dropped and the background load is abandoned.
import { create } from 'zustand';
import type { ItemFilter, ItemRow, ItemSort } from '../../../shared/domain';
import { errorMessage, sweeper } from '../lib/api';
import type { IndexRange } from '../lib/indexRanges';

/** EWS's largest FindItem page. */
export const PAGE_SIZE = 1000;
/** Requests for pages the viewport needs; they never wait behind background ones. */
const FOREGROUND_SLOTS = 3;
/**
 * Requests of the background load. Four keep the EWS client busy while the server prepares the
 * next pages (bench:ui: about 2.1 s for 100,000 items against 2.6 s with two) and leave most of
 * Exchange's per-user concurrency budget (EWSMaxConcurrency, 27 by default) to running jobs.
 */
const BACKGROUND_SLOTS = 4;
/** Rows loaded ahead of need per view; larger folders load the rest as the admin scrolls. */
export const BACKGROUND_ROW_CAP = 250_000;
const CAP_PAGES = Math.ceil(BACKGROUND_ROW_CAP / PAGE_SIZE);
/** Pages fetched on demand beyond the cap before the ones farthest from the viewport are dropped. */
const EVICTION_SLACK_PAGES = 20;
/** Background arrivals are published to React at most this often (one store update per batch). */
const FLUSH_INTERVAL_MS = 100;
/**
 * A failed background page (a 503, a dropped connection) is asked again after 0.25, 0.5, 1, 2, 4 s;
 * after that many failures in a row the background load stops and the error shows.
 */
const BACKGROUND_RETRIES = 5;
const BACKGROUND_RETRY_BASE_MS = 250;

export interface ItemView {
  folderId: string;
  sort: ItemSort;
  filter: ItemFilter;
}

interface ItemsState {
  view?: ItemView;
  generation: number;
  /** Matching items; undefined until the first page of the view answers. */
  total?: number;
  /** Bumped when pages covering the viewport arrive, so the grid re-renders without copying the cache. */
  pagesVersion: number;
  /** Rows in the page cache (published in batches). */
  loadedRows: number;
  /** True while the background load of the view is still fetching pages. */
  backgroundLoading: boolean;
  error?: string;
  openFolder: (folderId: string) => void;
  setSort: (sort: ItemSort) => void;
  setFilter: (filter: ItemFilter) => void;
  /** Re-queries the current view (after a job changed the folder). */
  refresh: () => void;
  /** Makes sure the pages covering [start, end) are loaded or on their way, ahead of any background page. */
  ensureRange: (start: number, end: number) => void;
  clear: () => void;
}

export const defaultSort: ItemSort = { field: 'received', direction: 'desc' };

// Request bookkeeping lives outside React state: it changes often and nothing renders it.
type Lane = 'foreground' | 'background';
const inFlight = new Map<number, Lane>();
let wanted: number[] = [];
const cache = new Map<number, readonly ItemRow[]>();
let cachedRows = 0;
/** The rows the viewport (with its prefetch margin) covers: arrivals there are published at once. */
let viewportStart = 0;
let viewportEnd = PAGE_SIZE;
/** Set when background pages kept failing: the view then loads on demand only. */
let backgroundHalted = false;
/** Background failures in a row; each waits longer before the next background request. */
let backgroundFailures = 0;
let backgroundRetryTimer: ReturnType<typeof setTimeout> | undefined;
/** The latest total seen for the current view, published with the next flush. */
let latestTotal: number | undefined;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let viewportDirty = false;

function storePage(page: number, rows: readonly ItemRow[]): void {
  cachedRows += rows.length - (cache.get(page)?.length ?? 0);
  cache.set(page, rows);
}

function dropPage(page: number): void {
  cachedRows -= cache.get(page)?.length ?? 0;
  cache.delete(page);
}

function countInFlight(lane: Lane): number {
  let n = 0;
  for (const l of inFlight.values()) if (l === lane) n++;
  return n;
}

function viewportCenterPage(): number {
  return Math.floor((viewportStart + viewportEnd) / 2 / PAGE_SIZE);
}

/** The unloaded page nearest the viewport, or undefined when every page of the view is loaded or on its way. */
function nextBackgroundPage(total: number): number | undefined {
  const pageCount = Math.ceil(total / PAGE_SIZE);
  const center = Math.min(viewportCenterPage(), Math.max(0, pageCount - 1));
  for (let distance = 0; distance < pageCount; distance++) {
    for (const page of distance === 0 ? [center] : [center + distance, center - distance]) {
      if (page >= 0 && page < pageCount && !cache.has(page) && !inFlight.has(page)) return page;
    }
  }
  return undefined;
}

/** Drops the pages farthest from the viewport once on-demand loading has gone well past the cap. */
function evictIfOverCap(): void {
  if (cache.size <= CAP_PAGES + EVICTION_SLACK_PAGES) return;
  const center = viewportCenterPage();
  const byDistance = [...cache.keys()].sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
  for (const page of byDistance.slice(0, cache.size - CAP_PAGES)) dropPage(page);
}

function overlapsViewport(page: number): boolean {
  return page * PAGE_SIZE < viewportEnd && (page + 1) * PAGE_SIZE > viewportStart;
}

export const useItemsStore = create<ItemsState>()((set, get) => {
  const backgroundRemaining = (): boolean => {
    const total = latestTotal;
    if (total === undefined || backgroundHalted) return false;
    return cache.size + inFlight.size < Math.min(CAP_PAGES, Math.ceil(total / PAGE_SIZE)) && nextBackgroundPage(total) !== undefined;
  };

  const flush = (): void => {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    const bumpVersion = viewportDirty;
    viewportDirty = false;
    set((s) => ({
      total: latestTotal,
      loadedRows: cachedRows,
      backgroundLoading: backgroundRemaining() || countInFlight('background') > 0,
      pagesVersion: bumpVersion ? s.pagesVersion + 1 : s.pagesVersion,
    }));
  };

  const scheduleFlush = (): void => {
    if (flushTimer === undefined) flushTimer = setTimeout(flush, FLUSH_INTERVAL_MS);
  };

  const fetchPage = (page: number, lane: Lane, generation: number, view: ItemView): void => {
    inFlight.set(page, lane);
    sweeper()
      .listItems({ folderId: view.folderId, offset: page * PAGE_SIZE, max: PAGE_SIZE, sort: view.sort, filter: view.filter })
      .then((result) => {
        if (get().generation !== generation) return;
        inFlight.delete(page);
        if (lane === 'background') backgroundFailures = 0;
        storePage(page, result.rows);
        const firstAnswer = latestTotal === undefined;
        latestTotal = result.total;
        if (get().error !== undefined) set({ error: undefined });
        evictIfOverCap();
        if (firstAnswer || overlapsViewport(page)) viewportDirty = true;
        pump();
        // What the admin is looking at, and the end of the load, show at once; the rest in batches.
        if (viewportDirty || inFlight.size === 0) flush();
        else scheduleFlush();
      })
      .catch((error: unknown) => {
        if (get().generation !== generation) return;
        inFlight.delete(page);
        if (lane === 'background' && backgroundFailures < BACKGROUND_RETRIES) {
          // Quietly, after a pause: the page goes back to the pool and the load resumes.
          const wait = BACKGROUND_RETRY_BASE_MS * 2 ** backgroundFailures++;
          backgroundRetryTimer ??= setTimeout(() => {
            backgroundRetryTimer = undefined;
            if (get().generation === generation) pump();
          }, wait);
        } else {
          if (lane === 'background') backgroundHalted = true;
          set({ error: errorMessage(error) });
        }
        pump();
        flush();
      });
  };

  const pump = (): void => {
    const { view, generation } = get();
    if (!view) return;
    while (countInFlight('foreground') < FOREGROUND_SLOTS && wanted.length > 0) {
      const page = wanted.shift();
      if (page === undefined || cache.has(page) || inFlight.has(page)) continue;
      fetchPage(page, 'foreground', generation, view);
    }
    // The background waits while the viewport still wants pages.
    if (wanted.length > 0) return;
    // During a retry pause nothing new starts in the background (what is in flight goes on).
    while (backgroundRetryTimer === undefined && countInFlight('background') < BACKGROUND_SLOTS && backgroundRemaining()) {
      const page = nextBackgroundPage(latestTotal ?? 0);
      if (page === undefined) break;
      fetchPage(page, 'background', generation, view);
    }
  };

  const startView = (view: ItemView | undefined): void => {
    cache.clear();
    cachedRows = 0;
    inFlight.clear();
    wanted = view ? [0] : [];
    viewportStart = 0;
    viewportEnd = PAGE_SIZE;
    backgroundHalted = false;
    backgroundFailures = 0;
    if (backgroundRetryTimer !== undefined) clearTimeout(backgroundRetryTimer);
    backgroundRetryTimer = undefined;
    latestTotal = undefined;
    viewportDirty = false;
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    set((s) => ({
      view,
      generation: s.generation + 1,
      total: undefined,
      loadedRows: 0,
      backgroundLoading: view !== undefined,
      pagesVersion: s.pagesVersion + 1,
      error: undefined,
    }));
    pump();
  };

  return {
    generation: 0,
    pagesVersion: 0,
    loadedRows: 0,
    backgroundLoading: false,
    openFolder: (folderId) => startView({ folderId, sort: get().view?.sort ?? defaultSort, filter: {} }),
    setSort: (sort) => {
      const view = get().view;
      if (view) startView({ ...view, sort });
    },
    setFilter: (filter) => {
      const view = get().view;
      if (view) startView({ ...view, filter });
    },
    refresh: () => startView(get().view),
    ensureRange: (start, end) => {
      const total = get().total;
      const last = total === undefined ? start : Math.min(end, total) - 1;
      viewportStart = start;
      viewportEnd = Math.max(start + 1, end);
      const pages: number[] = [];
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(Math.max(last, start) / PAGE_SIZE); p++) {
        if (!cache.has(p) && !inFlight.has(p)) pages.push(p);
      }
      // Only what the viewport needs now: pages wanted for a spot scrolled past are dropped.
      wanted = pages;
      pump();
    },
    clear: () => startView(undefined),
  };
});

export function rowAt(index: number): ItemRow | undefined {
  return cache.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/** Index ranges covered by the pages loaded so far (what "select all on screen" selects). */
export function loadedRanges(): IndexRange[] {
  const total = useItemsStore.getState().total ?? 0;
  return [...cache.entries()].map(([page, rows]) => ({ start: page * PAGE_SIZE, end: Math.min(total, page * PAGE_SIZE + rows.length) }));
}

/** The ids at the given indices, fetching any pages not loaded yet (for a Shift-range over unloaded rows). */
export async function idsForRanges(ranges: readonly IndexRange[]): Promise<string[]> {
  const { view, generation } = useItemsStore.getState();
  if (!view) return [];
  const missing = new Set<number>();
  for (const range of ranges) {
    for (let p = Math.floor(range.start / PAGE_SIZE); p <= Math.floor((range.end - 1) / PAGE_SIZE); p++) if (!cache.has(p)) missing.add(p);
  }
  const fetched = new Map<number, readonly ItemRow[]>();
  for (const page of missing) {
    const result = await sweeper().listItems({ folderId: view.folderId, offset: page * PAGE_SIZE, max: PAGE_SIZE, sort: view.sort, filter: view.filter });
    fetched.set(page, result.rows);
  }
  if (useItemsStore.getState().generation === generation) {
    for (const [page, rows] of fetched) storePage(page, rows);
    evictIfOverCap();
    useItemsStore.setState({ loadedRows: cachedRows });
  }
  const ids: string[] = [];
  for (const range of ranges) {
    for (let i = range.start; i < range.end; i++) {
      const row = (fetched.get(Math.floor(i / PAGE_SIZE)) ?? cache.get(Math.floor(i / PAGE_SIZE)))?.[i % PAGE_SIZE];
      if (row) ids.push(row.id);
    }
  }
  return ids;
}
