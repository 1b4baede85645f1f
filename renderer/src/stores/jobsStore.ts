// Running and finished jobs: live progress (coalesced so a 100,000-item job re-renders the page a
// few times a second at most), the job history, and which job's report is open.
import { create } from 'zustand';
import type { JobProgress, JobSpec } from '../../../shared/domain';
import type { JobSummary, UnreadableEntry } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { jobDisplayTitle } from '../lib/jobTitle';
import { useFoldersStore } from './foldersStore';
import { useItemsStore } from './itemsStore';
import { useSelectionStore } from './selectionStore';
import { useSessionStore } from './sessionStore';

const FLUSH_MS = 200;

interface JobsState {
  progress: Record<string, JobProgress>;
  titles: Record<string, string>;
  /** The job the progress panel follows (the last one started). */
  activeJobId?: string;
  history: JobSummary[];
  /** Jobs left out of the history because their journals cannot be read. */
  unreadableJobs: UnreadableEntry[];
  reportJobId?: string;
  historyOpen: boolean;
  notice?: string;
  start: (spec: JobSpec, title: string) => Promise<void>;
  pause: (jobId: string) => Promise<void>;
  resume: (jobId: string) => Promise<void>;
  cancel: (jobId: string) => Promise<void>;
  retryFailed: (jobId: string) => Promise<void>;
  resumeInterrupted: (jobId: string) => Promise<void>;
  /** Removes a finished or interrupted job from the history (its journal is deleted). */
  deleteJob: (jobId: string) => Promise<void>;
  exportReport: (jobId: string) => Promise<void>;
  loadHistory: () => Promise<void>;
  openReport: (jobId: string | undefined) => void;
  setHistoryOpen: (open: boolean) => void;
  dismissActive: () => void;
  receive: (progress: JobProgress) => void;
}

let pending = new Map<string, JobProgress>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/** After a job ends the folder counts and the open view are stale. */
function refreshAfterJob(): void {
  const session = useSessionStore.getState().session;
  if (!session) return;
  void useFoldersStore.getState().load(session.hasArchive ? ['primary', 'archive'] : ['primary']);
  useSelectionStore.getState().clear();
  useItemsStore.getState().refresh();
}

export const useJobsStore = create<JobsState>()((set, get) => {
  const flush = (): void => {
    flushTimer = undefined;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    set((s) => ({ progress: { ...s.progress, ...Object.fromEntries(batch) } }));
    if ([...batch.values()].some((p) => p.kind === 'finished')) {
      refreshAfterJob();
      void get().loadHistory();
    }
  };

  const follow = (jobId: string, title: string): void => {
    set((s) => ({ activeJobId: jobId, titles: { ...s.titles, [jobId]: title }, notice: undefined }));
  };

  const titleOf = (jobId: string): string | undefined =>
    jobDisplayTitle(
      get().history.find((j) => j.jobId === jobId),
      get().titles[jobId],
      useFoldersStore.getState().byId,
    );

  const guard = async (call: () => Promise<unknown>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      set({ notice: errorMessage(error) });
    }
  };

  return {
    progress: {},
    titles: {},
    history: [],
    unreadableJobs: [],
    historyOpen: false,
    start: (spec, title) =>
      guard(async () => {
        const { jobId } = await sweeper().startJob(spec);
        follow(jobId, title);
      }),
    pause: (jobId) => guard(() => sweeper().pauseJob({ jobId })),
    resume: (jobId) => guard(() => sweeper().resumeJob({ jobId })),
    cancel: (jobId) => guard(() => sweeper().cancelJob({ jobId })),
    retryFailed: (jobId) =>
      guard(async () => {
        const { jobId: retryId } = await sweeper().retryFailed({ jobId });
        follow(retryId, `Retry of ${titleOf(jobId) ?? 'job'}`);
        set({ reportJobId: undefined });
      }),
    resumeInterrupted: (jobId) =>
      guard(async () => {
        const { jobId: resumedId } = await sweeper().resumeInterrupted({ jobId });
        const title = titleOf(jobId) ?? 'Resumed job';
        follow(resumedId, title);
        set({ historyOpen: false });
      }),
    deleteJob: (jobId) =>
      guard(async () => {
        await sweeper().deleteJob({ jobId });
        set((s) => ({
          history: s.history.filter((job) => job.jobId !== jobId),
          activeJobId: s.activeJobId === jobId ? undefined : s.activeJobId,
          reportJobId: s.reportJobId === jobId ? undefined : s.reportJobId,
          notice: undefined,
        }));
      }),
    exportReport: (jobId) =>
      guard(async () => {
        const result = await sweeper().exportReport({ jobId, format: 'csv' });
        set({ notice: result.saved ? `Report saved to ${result.path ?? 'the chosen file'}` : 'Export cancelled' });
      }),
    loadHistory: () =>
      guard(async () => {
        const { jobs: history, unreadable } = await sweeper().listJobs();
        // `titles` keeps only the names this session gave its jobs; others are named from their spec.
        set({ history, unreadableJobs: unreadable });
      }),
    openReport: (jobId) => set({ reportJobId: jobId, notice: undefined }),
    setHistoryOpen: (open) => {
      set({ historyOpen: open });
      if (open) void get().loadHistory();
    },
    dismissActive: () => set({ activeJobId: undefined }),
    receive: (progress) => {
      pending.set(progress.jobId, progress);
      if (progress.kind === 'finished') {
        if (flushTimer) clearTimeout(flushTimer);
        flush();
      } else if (!flushTimer) {
        flushTimer = setTimeout(flush, FLUSH_MS);
      }
    },
  };
});

/** Wires the main process's events into the store once, at start-up. */
export function subscribeToJobEvents(): () => void {
  const api = sweeper();
  const offProgress = api.onJobProgress((progress) => useJobsStore.getState().receive(progress));
  const offChanged = api.onJobsChanged(() => void useJobsStore.getState().loadHistory());
  return () => {
    offProgress();
    offChanged();
  };
}
