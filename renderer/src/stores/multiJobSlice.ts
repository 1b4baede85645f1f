// The job half of the "Many mailboxes" store (multiMailboxStore.ts): start, follow, cancel, resume
// an interrupted job, open an earlier one, page its items not done, retry and export. Kept apart so
// each file stays small; the store spreads this slice into itself.
import type {
  AuditRow,
  MailboxJobStatus,
  MailboxPreview,
  MultiJobAction,
  MultiJobProgress,
  MultiJobSummary,
  MultiMailboxSearchSpec,
  OutcomeKind,
} from '../../../shared/domain';
import { errorMessage, sweeper } from '../lib/api';
import { REPORT_PAGE } from '../lib/multiJobList';
import { cleanAction } from '../lib/multiMailbox';

/** What the report of a job lists on screen: the items not done. */
const NOT_DONE: OutcomeKind[] = ['failed', 'unknown', 'notAttempted'];

export interface MultiJobState {
  multiJobId: string;
  progress?: MultiJobProgress;
  /** Each mailbox as last heard of. */
  mailboxes: Record<string, MailboxJobStatus>;
  summary?: MultiJobSummary;
  /** One page of the items not done (failed, unknown, not attempted), loaded when the job ends. */
  report?: { rows: AuditRow[]; total: number; offset: number; loading?: boolean };
}

export interface MultiJobSlice {
  job?: MultiJobState;
  /** Earlier jobs over many mailboxes (interrupted ones can be resumed), loaded when the screen opens. */
  pastJobs?: MultiJobSummary[];
  loadPastJobs: () => Promise<void>;
  /** Continues a job cut short by a quit or a crash, and follows it. */
  resumeJob: (multiJobId: string) => Promise<void>;
  /** Shows an earlier job: its progress if it runs, else its results. */
  openJob: (multiJobId: string) => Promise<void>;
  /** Shows another page of the items not done. */
  reportPage: (offset: number) => Promise<void>;
  startJob: () => Promise<void>;
  cancelJob: () => Promise<void>;
  receiveJob: (progress: MultiJobProgress) => void;
  retryFailed: () => Promise<void>;
  exportReport: () => Promise<void>;
}

/** What the slice reads and writes of the rest of the store. */
export interface JobSliceHost extends MultiJobSlice {
  step: 1 | 2 | 3;
  notice?: string;
  search?: { spec: MultiMailboxSearchSpec; rows: MailboxPreview[] };
  action: MultiJobAction;
}

type SetState<S> = (partial: Partial<S> | ((s: S) => Partial<S>)) => void;

export function createJobSlice<S extends JobSliceHost>(set: SetState<S>, get: () => S): MultiJobSlice {
  const put = set as SetState<JobSliceHost>;
  const guard = async (call: () => Promise<void>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      put({ notice: errorMessage(error) });
    }
  };

  /** Once a job has ended: its totals per mailbox and the first page of the items it did not do. */
  const loadResults = async (multiJobId: string): Promise<void> => {
    const [summary, report] = await Promise.all([
      sweeper().multiJobSummary({ multiJobId }),
      sweeper().multiJobReport({ multiJobId, outcomes: NOT_DONE, offset: 0, max: REPORT_PAGE }),
    ]);
    const job = get().job;
    if (job?.multiJobId !== multiJobId) return;
    const mailboxes = Object.fromEntries(summary.mailboxes.map((m) => [m.mailbox, m]));
    put({ job: { ...job, summary, report: { ...report, offset: 0 }, mailboxes } });
    void get().loadPastJobs();
  };

  const follow = (multiJobId: string): void => put({ job: { multiJobId, mailboxes: {} }, notice: undefined, step: 3 });

  return {
    job: undefined,
    pastJobs: undefined,

    loadPastJobs: () =>
      guard(async () => {
        const pastJobs = await sweeper().multiListJobs();
        put({ pastJobs });
      }),

    resumeJob: (multiJobId) =>
      guard(async () => {
        const resumed = await sweeper().multiResumeJob({ multiJobId });
        follow(resumed.multiJobId);
        await get().loadPastJobs();
      }),

    openJob: (multiJobId) =>
      guard(async () => {
        follow(multiJobId);
        const summary = await sweeper().multiJobSummary({ multiJobId });
        if (summary.state !== 'running') return loadResults(multiJobId);
        // Still running: its mailboxes as they stand, then its progress events.
        const mailboxes = Object.fromEntries(summary.mailboxes.map((m) => [m.mailbox, m]));
        put((s) => (s.job?.multiJobId === multiJobId ? { job: { ...s.job, mailboxes } } : {}));
        return undefined;
      }),

    reportPage: (offset) =>
      guard(async () => {
        const job = get().job;
        if (job?.report === undefined) return;
        put({ job: { ...job, report: { ...job.report, loading: true } } });
        try {
          const page = await sweeper().multiJobReport({ multiJobId: job.multiJobId, outcomes: NOT_DONE, offset, max: REPORT_PAGE });
          put((s) => (s.job?.multiJobId === job.multiJobId ? { job: { ...s.job, report: { ...page, offset } } } : {}));
        } catch (error) {
          put((s) => (s.job?.multiJobId === job.multiJobId && s.job.report ? { job: { ...s.job, report: { ...s.job.report, loading: false } } } : {}));
          throw error;
        }
      }),

    startJob: () =>
      guard(async () => {
        const search = get().search;
        if (search === undefined) return;
        // Only the mailboxes with hits: the others would be opened and searched for nothing.
        const withHits = search.rows.filter((r) => r.hits > 0).map((r) => r.mailbox);
        const { multiJobId } = await sweeper().multiStartJob({ search: { ...search.spec, mailboxes: withHits }, action: cleanAction(get().action) });
        follow(multiJobId);
      }),

    cancelJob: () =>
      guard(async () => {
        const job = get().job;
        if (job !== undefined) await sweeper().multiCancelJob({ multiJobId: job.multiJobId });
      }),

    receiveJob: (progress) => {
      const job = get().job;
      if (job?.multiJobId !== progress.multiJobId) return;
      const mailboxes = progress.mailbox === undefined ? job.mailboxes : { ...job.mailboxes, [progress.mailbox.mailbox]: progress.mailbox };
      put({ job: { ...job, progress, mailboxes } });
      if (progress.state !== 'running') void guard(() => loadResults(progress.multiJobId));
    },

    retryFailed: () =>
      guard(async () => {
        const job = get().job;
        if (job === undefined) return;
        const result = await sweeper().multiRetryFailed({ multiJobId: job.multiJobId });
        if (result.multiJobId === undefined) {
          put({ notice: `Nothing to retry: ${result.finalErrors} item(s) failed with an error a retry cannot fix.` });
          return;
        }
        follow(result.multiJobId);
        if (result.finalErrors > 0) put({ notice: `${result.finalErrors} item(s) with errors a retry cannot fix are left out (see the first job's report).` });
      }),

    exportReport: () =>
      guard(async () => {
        const job = get().job;
        if (job === undefined) return;
        const result = await sweeper().multiExportReport({ multiJobId: job.multiJobId, format: 'csv' });
        put({ notice: result.saved ? `Report saved to ${result.path ?? 'the chosen file'}` : 'Export cancelled' });
      }),
  };
}
