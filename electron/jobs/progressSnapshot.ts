// The progress event a job shows at a moment (planning, paused, backing off, running), and the
// job's size as far as it is known: exact once planned or for an id list, else estimated from what
// listing found so far and the server's count.
import type { JobProgress, JobSpec, JobState, OutcomeCounts } from '../../shared/domain';

/** What the job knows of its size. */
export interface JobSize {
  /** Planning is over: `total` is exact. */
  planned: boolean;
  total: number;
  /** Items planned so far. */
  found: number;
  /** While a query is listed: the server's count of what the job will come to (see planJob). */
  expected: number | undefined;
  /** Known before planning ends (knownTotal). */
  known: number | undefined;
}

/** Known before planning ends for an id list: every id is planned, resolvable or not. */
export function knownTotal(spec: JobSpec): number | undefined {
  return spec.action.kind !== 'emptyFolder' && spec.target.kind === 'ids' ? spec.target.ids.length : undefined;
}

/** For the job's summary: what is planned so far. */
export function totalSoFar(s: JobSize): number {
  return s.planned ? s.total : s.found;
}

/** The total to show: exact once planned or for an id list, else the larger of found so far and the server's count. */
export function totalEstimate(s: JobSize): number {
  if (s.planned) return s.total;
  return s.known ?? Math.max(s.found, s.expected ?? 0);
}

/** Items with a final outcome. */
export function settledOf(c: OutcomeCounts): number {
  return c.done + c.alreadyGone + c.failed + c.unknown + c.notAttempted;
}

export interface ProgressView extends JobSize {
  jobId: string;
  state: JobState;
  counts: OutcomeCounts;
  cancelRequested: boolean;
  /** Ms before the account's gate opens again, and why it is closed. */
  gateWaitMs: number;
  gateReason: string;
  itemsPerSecond: number;
  batchSize: number;
  concurrency: number;
}

export function progressSnapshot(v: ProgressView): JobProgress {
  const { jobId } = v;
  const counts = { ...v.counts };
  if (v.state === 'planning') {
    const expected = v.known ?? v.expected;
    return expected === undefined ? { kind: 'planning', jobId, found: v.found } : { kind: 'planning', jobId, found: v.found, expected };
  }
  if (v.state === 'paused') return { kind: 'paused', jobId, counts };
  const wait = v.gateWaitMs;
  if (wait > 0 && !v.cancelRequested) {
    return { kind: 'backoff', jobId, counts, waitMs: wait, reason: `waiting ${Math.ceil(wait / 1000)} s: ${v.gateReason}` };
  }
  const perSecond = v.itemsPerSecond;
  const total = totalEstimate(v);
  const remaining = total - settledOf(counts);
  const ev: JobProgress = {
    kind: 'running',
    jobId,
    counts,
    total,
    ...(v.planned || v.known !== undefined ? {} : { totalEstimated: true }),
    itemsPerSecond: Math.round(perSecond * 10) / 10,
    batchSize: v.batchSize,
    concurrency: v.concurrency,
  };
  if (perSecond > 0) ev.etaSeconds = Math.ceil(remaining / perSecond);
  return ev;
}
