// What a job run is told (RunOptions) and what it ends with (JobResult).
import type { JobState, OutcomeCounts } from '../../shared/domain';
import type { BackoffOptions, Clock } from './backoff';
import type { BatchSizerOptions } from './batchSizer';
import type { ConcurrencyOptions } from './concurrency';

export interface RunOptions {
  batch: Partial<BatchSizerOptions>;
  concurrency: Partial<ConcurrencyOptions>;
  backoff: BackoffOptions;
  /** Per request; above Exchange's one-minute batch limit so a slow batch is not cut short by us. */
  requestTimeoutMs: number;
  /**
   * An item may be refused as busy this many times in a row, with no item of the job settled by the
   * server in between, before it is given up (failed, retryable). Refusals while other requests
   * get through are the budget being shared out, not a server that refuses everything: they do
   * not count towards the limit.
   */
  maxBusyPerItem: number;
  /**
   * How long the server may go on working on a request after we stopped waiting for it: Exchange
   * limits a batch request to one minute. A copy whose answer was lost is looked for only once that
   * much time has passed since it was sent, so a request still running cannot copy it a second time.
   */
  serverRequestLimitMs: number;
  progressIntervalMs: number;
  clock: Clock;
}

export interface JobResult {
  jobId: string;
  state: Extract<JobState, 'completed' | 'cancelled' | 'failed'>;
  counts: OutcomeCounts;
  total: number;
  error?: string;
}
