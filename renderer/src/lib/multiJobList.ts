// The screen's list of earlier jobs over many mailboxes and the paging of a job's report: pure, so
// the store and the components only render what these say.
import type { MultiJobSummary } from '../../../shared/domain';
import { formatCount } from './format';

export const multiJobStateLabels: Record<MultiJobSummary['state'], string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export interface PastJobRow {
  multiJobId: string;
  title: string;
  createdAt: string;
  state: string;
  /** Items with an outcome, of the items known. */
  settled: number;
  total: number;
  mailboxes: number;
  /** Cut short by a quit or a crash: it can go on from where it stopped. */
  canResume: boolean;
}

/** The earlier jobs, newest first; interrupted ones say so and offer Resume. */
export function pastJobRows(jobs: readonly MultiJobSummary[]): PastJobRow[] {
  return [...jobs]
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((j) => {
      const c = j.counts;
      return {
        multiJobId: j.multiJobId,
        title: j.title,
        createdAt: j.createdAt,
        state: multiJobStateLabels[j.state],
        settled: c.done + c.alreadyGone + c.failed + c.unknown + c.notAttempted,
        total: j.total,
        mailboxes: j.mailboxes.length,
        canResume: j.resumable && j.state === 'interrupted',
      };
    });
}

/** Jobs cut short that wait for a Resume. */
export function interruptedCount(jobs: readonly MultiJobSummary[]): number {
  return jobs.filter((j) => j.resumable && j.state === 'interrupted').length;
}

/** Items shown per page of a job's "items not done". */
export const REPORT_PAGE = 200;

/** "Items 201–400 of 3,512" for a page of the report (or nothing when it all fits on one page). */
export function reportRange(offset: number, shown: number, total: number): string | undefined {
  if (total <= shown && offset === 0) return undefined;
  if (shown === 0) return `None of ${formatCount(total)} from item ${formatCount(offset + 1)}`;
  return `Items ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

/** The offset of the page before or after, or undefined when there is none. */
export function neighbourPage(offset: number, total: number, direction: 'previous' | 'next', size = REPORT_PAGE): number | undefined {
  if (direction === 'previous') return offset === 0 ? undefined : Math.max(0, offset - size);
  return offset + size < total ? offset + size : undefined;
}
