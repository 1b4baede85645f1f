// The open folder's item view. Its rows live in a PageCache (one per view, see pageCache.ts) held
// in the store's state; a view change closes the old cache, so late answers for the old view are
// dropped and its background load is abandoned.
import { create } from 'zustand';
import type { ItemFilter, ItemPage, ItemRow, ItemSort } from '../../../shared/domain';
import type { ItemPageRequest } from '../../../shared/ipc';
import { FIND_ITEM_PAGE_LIMIT } from '../../../shared/paging';
import { errorMessage, sweeper } from '../lib/api';
import type { IndexRange } from '../lib/indexRanges';
import { PageCache } from './pageCache';
import { defaultLimits, timerSchedule, type PageCacheLimits, type Schedule } from './pageCacheConfig';

/** One page of the view: EWS's largest FindItem page. */
export const PAGE_SIZE = FIND_ITEM_PAGE_LIMIT;
/** Rows loaded ahead of need per view; larger folders load the rest as the admin scrolls. */
export const BACKGROUND_ROW_CAP = defaultLimits.backgroundRowCap;

export interface ItemView {
  folderId: string;
  sort: ItemSort;
  filter: ItemFilter;
}

export interface ItemsState {
  view?: ItemView;
  generation: number;
  /** The current view's pages; undefined when no folder is open. */
  pages?: PageCache<ItemRow>;
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

/** Where the store gets its pages and its timers: window.sweeper and setTimeout in the app, fakes in tests. */
export interface ItemsStoreDeps {
  listItems: (request: ItemPageRequest) => Promise<ItemPage>;
  schedule: Schedule;
  limits?: Partial<PageCacheLimits>;
}

const appDeps: ItemsStoreDeps = { listItems: (request) => sweeper().listItems(request), schedule: timerSchedule };

export function createItemsStore(deps: ItemsStoreDeps = appDeps) {
  return create<ItemsState>()((set, get) => {
    const startView = (view: ItemView | undefined): void => {
      get().pages?.close();
      const pages = view
        ? new PageCache<ItemRow>({
            pageSize: PAGE_SIZE,
            fetchPage: (offset, max) => deps.listItems({ folderId: view.folderId, offset, max, sort: view.sort, filter: view.filter }),
            schedule: deps.schedule,
            limits: deps.limits,
            listener: {
              published: ({ total, loadedRows, backgroundLoading, viewportChanged }) =>
                set((s) => ({ total, loadedRows, backgroundLoading, pagesVersion: viewportChanged ? s.pagesVersion + 1 : s.pagesVersion })),
              answered: () => {
                if (get().error !== undefined) set({ error: undefined });
              },
              failed: (error) => set({ error: errorMessage(error) }),
              rowsAdded: (loadedRows) => set({ loadedRows }),
            },
          })
        : undefined;
      set((s) => ({
        view,
        pages,
        generation: s.generation + 1,
        total: undefined,
        loadedRows: 0,
        backgroundLoading: view !== undefined,
        pagesVersion: s.pagesVersion + 1,
        error: undefined,
      }));
      pages?.start();
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
      ensureRange: (start, end) => get().pages?.ensureRange(start, end),
      clear: () => startView(undefined),
    };
  });
}

export const useItemsStore = createItemsStore();

export function rowAt(index: number): ItemRow | undefined {
  return useItemsStore.getState().pages?.rowAt(index);
}

/** Index ranges covered by the pages loaded so far (what "select all on screen" selects). */
export function loadedRanges(): IndexRange[] {
  return useItemsStore.getState().pages?.loadedRanges() ?? [];
}

/** The ids at the given indices, fetching any pages not loaded yet (for a Shift-range over unloaded rows). */
export async function idsForRanges(ranges: readonly IndexRange[]): Promise<string[]> {
  return (await useItemsStore.getState().pages?.idsForRanges(ranges)) ?? [];
}
