// The job's entry in the history list (JobHistoryEntry), written to the data folder at each state
// change and at most every couple of seconds while the job runs.
import type { JobHistoryEntry, JobSpec, JournalTrust } from '../../shared/domain';
import type { Clock } from './backoff';
import { abbreviatedSpec, jobTitle } from './describe';
import { writeSummary } from './history';
import type { JournalHeader } from './journal';
import { totalSoFar } from './progressSnapshot';
import type { RunState } from './runState';

/** While a job runs, its summary is written at most this often (besides each state change). */
export const SUMMARY_EVERY_MS = 2_000;

export function jobSummary(header: JournalHeader, spec: JobSpec, s: RunState, trust: JournalTrust | undefined, updatedAt: string): JobHistoryEntry {
  const e: JobHistoryEntry = {
    jobId: header.jobId,
    title: jobTitle(spec),
    spec: abbreviatedSpec(spec),
    state: s.state,
    counts: { ...s.counts },
    total: totalSoFar(s.size()),
    createdAt: header.createdAt,
    updatedAt,
    resumable: false,
    user: header.user,
  };
  if (s.finished) e.finishedAt = e.updatedAt;
  if (header.retryOf) e.retryOf = header.retryOf;
  if (s.fatalError) e.error = s.fatalError;
  if (trust) e.integrity = trust;
  return e;
}

/** Writes summaries in order (an older one never overwrites a newer one), not more often than due. */
export class SummaryWriter {
  private lastAt = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly build: () => JobHistoryEntry,
  ) {}

  /** More than SUMMARY_EVERY_MS since the last one. */
  due(): boolean {
    return this.clock.now() - this.lastAt > SUMMARY_EVERY_MS;
  }

  save(force: boolean): Promise<void> {
    if (!force && this.clock.now() - this.lastAt < SUMMARY_EVERY_MS) return this.chain;
    this.lastAt = this.clock.now();
    const summary = this.build();
    this.chain = this.chain.then(() => writeSummary(this.dataDir, summary)).catch(() => undefined);
    return this.chain;
  }
}
