// The "Many mailboxes" screen: the mailboxes chosen (step 1), the search preview filled in as each
// mailbox answers (step 2), and the job over all of them with its progress, report and retry (step 3).
import { create } from 'zustand';
import type { FolderHits, ItemFilter, ItemRow, MailboxPreview, MultiJobAction, MultiMailboxSearchSpec } from '../../../shared/domain';
import type { MailboxChoiceRequest, MultiSearchEvent } from '../../../shared/multiIpc';
import { errorMessage, sweeper } from '../lib/api';
import { emptySetup, mergeSelection, newSearchId, searchSpec, withPreview, type MultiSetup } from '../lib/multiMailbox';
import { useDirectoryAccessStore } from './directoryAccessStore';
import { createJobSlice, type MultiJobSlice } from './multiJobSlice';

const DRILL_PAGE = 50;

export interface MultiSearchState {
  searchId: string;
  spec: MultiMailboxSearchSpec;
  running: boolean;
  rows: MailboxPreview[];
  done: number;
  total: number;
  etaSeconds?: number;
  error?: string;
}

export interface DrillState {
  mailbox: string;
  folder: FolderHits;
  rows: ItemRow[];
  total: number;
  loading: boolean;
  error?: string;
}

export type { MultiJobState } from './multiJobSlice';

interface MultiMailboxState extends MultiJobSlice {
  open: boolean;
  step: 1 | 2 | 3;
  setup: MultiSetup;
  choosing: boolean;
  search?: MultiSearchState;
  drill?: DrillState;
  action: MultiJobAction;
  notice?: string;
  show: () => void;
  close: () => void;
  goTo: (step: 1 | 2 | 3) => void;
  choose: (request: MailboxChoiceRequest) => Promise<void>;
  removeMailbox: (mailbox: string) => void;
  updateSetup: (patch: Partial<MultiSetup>) => void;
  runSearch: (filter: ItemFilter) => Promise<void>;
  cancelSearch: () => Promise<void>;
  receiveSearch: (event: MultiSearchEvent) => void;
  drillInto: (mailbox: string, folder: FolderHits) => Promise<void>;
  moreHits: () => Promise<void>;
  closeDrill: () => void;
  setAction: (action: MultiJobAction) => void;
  /** Leaves the job (it keeps running in the main process) for a new search over the same list. */
  startOver: () => void;
}

const initial = {
  open: false,
  step: 1 as const,
  setup: emptySetup,
  choosing: false,
  search: undefined,
  drill: undefined,
  action: { kind: 'delete', mode: 'SoftDelete' } as MultiJobAction,
  notice: undefined,
};

export const useMultiMailboxStore = create<MultiMailboxState>()((set, get) => {
  const guard = async (call: () => Promise<void>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      set({ notice: errorMessage(error) });
    }
  };

  return {
    ...initial,
    ...createJobSlice(set, get),
    show: () => {
      set({ open: true });
      // What the last connection could look up is not this one's.
      useDirectoryAccessStore.getState().reset();
      void get().loadPastJobs();
    },
    close: () => set({ open: false }),
    goTo: (step) => set({ step }),

    choose: (request) =>
      guard(async () => {
        set({ choosing: true, notice: undefined });
        try {
          const selection = await sweeper().multiChooseMailboxes(request);
          set((s) => ({ setup: mergeSelection(s.setup, selection) }));
        } finally {
          set({ choosing: false });
        }
      }),

    removeMailbox: (mailbox) => set((s) => ({ setup: { ...s.setup, mailboxes: s.setup.mailboxes.filter((m) => m !== mailbox) } })),

    updateSetup: (patch) => set((s) => ({ setup: { ...s.setup, ...patch } })),

    runSearch: (filter) =>
      guard(async () => {
        const spec = searchSpec(get().setup, filter);
        const searchId = newSearchId();
        set({ search: { searchId, spec, running: true, rows: [], done: 0, total: spec.mailboxes.length }, drill: undefined, notice: undefined });
        try {
          const rows = await sweeper().multiSearch({ searchId, spec });
          set((s) => {
            if (s.search?.searchId !== searchId) return {};
            const { etaSeconds: _eta, ...rest } = s.search;
            return { search: { ...rest, rows: mergeAll(s.search.rows, spec.mailboxes, rows), running: false } };
          });
        } catch (error) {
          set((s) => (s.search?.searchId === searchId ? { search: { ...s.search, running: false, error: errorMessage(error) } } : {}));
        }
      }),

    cancelSearch: () =>
      guard(async () => {
        const search = get().search;
        if (search?.running) await sweeper().multiCancelSearch({ searchId: search.searchId });
      }),

    receiveSearch: (event) =>
      set((s) => {
        if (s.search?.searchId !== event.searchId) return {};
        const search = {
          ...s.search,
          rows: withPreview(s.search.rows, s.search.spec.mailboxes, event.preview),
          done: event.mailboxesDone,
          total: event.mailboxesTotal,
        };
        if (event.etaSeconds === undefined) delete search.etaSeconds;
        else search.etaSeconds = event.etaSeconds;
        return { search };
      }),

    drillInto: (mailbox, folder) =>
      guard(async () => {
        set({ drill: { mailbox, folder, rows: [], total: folder.hits, loading: true } });
        await get().moreHits();
      }),

    moreHits: () =>
      guard(async () => {
        const drill = get().drill;
        const filter = get().search?.spec.filter;
        if (drill === undefined || filter === undefined) return;
        set({ drill: { ...drill, loading: true } });
        try {
          const page = await sweeper().multiHits({
            mailbox: drill.mailbox,
            part: drill.folder.part,
            folderId: drill.folder.folderId,
            filter,
            offset: drill.rows.length,
            max: DRILL_PAGE,
          });
          set((s) =>
            s.drill?.folder.folderId === drill.folder.folderId
              ? { drill: { ...s.drill, rows: [...s.drill.rows, ...page.rows], total: page.total, loading: false } }
              : {},
          );
        } catch (error) {
          set((s) => (s.drill ? { drill: { ...s.drill, loading: false, error: errorMessage(error) } } : {}));
        }
      }),

    closeDrill: () => set({ drill: undefined }),

    setAction: (action) => set({ action }),

    startOver: () => {
      set({ job: undefined, search: undefined, drill: undefined, step: 1, notice: undefined });
      void get().loadPastJobs();
    },
  };
});

/** The search's answer merged with rows already received (the answer is authoritative for each mailbox it has). */
function mergeAll(received: readonly MailboxPreview[], order: readonly string[], answer: readonly MailboxPreview[]): MailboxPreview[] {
  let rows = [...received];
  for (const preview of answer) rows = withPreview(rows, order, preview);
  return rows;
}

/** Wires the main process's many-mailbox events into the store once, at start-up. */
export function subscribeToMultiMailboxEvents(): () => void {
  const api = sweeper();
  const offSearch = api.onMultiSearchProgress((event) => useMultiMailboxStore.getState().receiveSearch(event));
  const offJob = api.onMultiJobProgress((progress) => useMultiMailboxStore.getState().receiveJob(progress));
  return () => {
    offSearch();
    offJob();
  };
}
