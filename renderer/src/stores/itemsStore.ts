// The open folder's item view and its page cache. Pages are fetched on demand around the
// viewport (never the whole folder up front), at most a few at a time; a view change bumps the
// generation so that late answers for the old view are dropped.
import { create } from 'zustand';
import type { ItemFilter, ItemRow, ItemSort } from '../../../shared/domain';
import { errorMessage, sweeper } from '../lib/api';
import type { IndexRange } from '../lib/indexRanges';

export const PAGE_SIZE = 500;
const MAX_IN_FLIGHT = 3;

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
  /** Bumped on every page arrival so components re-render without copying the cache. */
  pagesVersion: number;
  error?: string;
  openFolder: (folderId: string) => void;
  setSort: (sort: ItemSort) => void;
  setFilter: (filter: ItemFilter) => void;
  /** Re-queries the current view (after a job changed the folder). */
  refresh: () => void;
  /** Makes sure the pages covering [start, end) are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
  clear: () => void;
}

export const defaultSort: ItemSort = { field: 'received', direction: 'desc' };

// Request bookkeeping lives outside React state: it changes often and nothing renders it.
const inFlight = new Set<number>();
let wanted: number[] = [];
const cache = new Map<number, readonly ItemRow[]>();

export const useItemsStore = create<ItemsState>()((set, get) => {
  const pump = (): void => {
    const { view, generation } = get();
    if (!view) return;
    while (inFlight.size < MAX_IN_FLIGHT && wanted.length > 0) {
      const page = wanted.shift();
      if (page === undefined || cache.has(page) || inFlight.has(page)) continue;
      inFlight.add(page);
      sweeper()
        .listItems({ folderId: view.folderId, offset: page * PAGE_SIZE, max: PAGE_SIZE, sort: view.sort, filter: view.filter })
        .then((result) => {
          if (get().generation !== generation) return;
          cache.set(page, result.rows);
          set((s) => ({ total: result.total, pagesVersion: s.pagesVersion + 1, error: undefined }));
        })
        .catch((error: unknown) => {
          if (get().generation === generation) set({ error: errorMessage(error) });
        })
        .finally(() => {
          if (get().generation !== generation) return;
          inFlight.delete(page);
          pump();
        });
    }
  };

  const startView = (view: ItemView | undefined): void => {
    cache.clear();
    inFlight.clear();
    wanted = view ? [0] : [];
    set((s) => ({ view, generation: s.generation + 1, total: undefined, pagesVersion: s.pagesVersion + 1, error: undefined }));
    pump();
  };

  return {
    generation: 0,
    pagesVersion: 0,
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
    for (const [page, rows] of fetched) cache.set(page, rows);
  }
  const ids: string[] = [];
  for (const range of ranges) {
    for (let i = range.start; i < range.end; i++) {
      const row = (cache.get(Math.floor(i / PAGE_SIZE)) ?? fetched.get(Math.floor(i / PAGE_SIZE)))?.[i % PAGE_SIZE];
      if (row) ids.push(row.id);
    }
  }
  return ids;
}
