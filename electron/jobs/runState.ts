// A job run's shared bookkeeping: where the job stands (state, counts, per-item status, plan size,
// batch numbers) and what it has been told (cancel, pause) or has run into (a fatal error, a
// failed journal write), with the wake-ups its parts wait on. The runner's parts read and update
// it; only the runner decides the job's state.
import type { JobState, OutcomeCounts } from '../../shared/domain';
import type { JobSize } from './progressSnapshot';
import { settledOf } from './progressSnapshot';
import type { OutcomeRecord } from './journal';
import { emptyCounts, ItemStatus, SeqStatus, type ReplayedJob } from './replay';
import { Signal } from './signals';
import type { WorkItem } from './workQueue';

export class RunState {
  state: JobState = 'planning';
  readonly counts: OutcomeCounts;
  readonly status: SeqStatus;
  /** The planning pass whose plan records count. */
  epoch: number;
  planned: boolean;
  total: number;
  found = 0;
  /** While a query is listed: the server's count of what the job will come to (see planJob). */
  expected: number | undefined;
  /** The last batch number used (journalled with each intent and result). */
  batchNo: number;
  /** Answers in which the server settled at least one item (busy refusals count between them). */
  progressMark = 0;
  /** Items in batches awaiting their answer. */
  inFlightItems = 0;
  cancelRequested = false;
  pauseRequested = false;
  fatalError: string | undefined;
  /** Set at the first journal write that failed (disk full…): from then on nothing is written, the run stops as a crash would. */
  journalStopped: string | undefined;
  /** Aborted on cancel: wakes waits (back-off, pause) and stops planning; never aborts a request in flight. */
  readonly stop = new AbortController();
  /** Aborted when the send loop ends early (cancel, fatal error): planning stops too. */
  readonly planStop = new AbortController();
  /** Something the send loop may be waiting for happened (items ready, planning over, cancel). */
  readonly wake = new Signal();
  /** Resume or cancel after a pause. */
  readonly resumed = new Signal();

  constructor(
    replayed: ReplayedJob | undefined,
    /** The job's size known before planning (an id list's length). */
    private readonly known: number | undefined,
  ) {
    this.counts = replayed ? { ...replayed.counts } : emptyCounts();
    this.status = replayed?.status ?? new SeqStatus();
    this.epoch = replayed?.epoch ?? 0;
    this.planned = replayed?.planned ?? false;
    this.total = replayed?.total ?? 0;
    this.batchNo = replayed?.lastBatch ?? 0;
  }

  /** Stop sending and wake every wait; false when it was already asked or the job has ended. */
  requestCancel(): boolean {
    if (this.cancelRequested || this.finished) return false;
    this.cancelRequested = true;
    this.stop.abort();
    this.resumed.notify();
    this.wake.notify();
    return true;
  }

  /** Pause after the batches in flight; false when cancelled or ended. */
  requestPause(): boolean {
    if (this.cancelRequested || this.finished) return false;
    this.pauseRequested = true;
    this.wake.notify();
    return true;
  }

  requestResume(): void {
    this.pauseRequested = false;
    this.resumed.notify();
  }

  /** The first failed journal write: stop like a crash, waking every wait (planning's and the send loop's). */
  stopForJournal(reason: string): void {
    this.journalStopped = reason;
    this.fatalError = reason;
    this.stop.abort();
    this.planStop.abort();
    this.resumed.notify();
    this.wake.notify();
  }

  /** The first fatal error stands. */
  fail(message: string): void {
    this.fatalError ??= message;
  }

  /** Cancelled or failed: nothing more is sent. */
  get halted(): boolean {
    return this.cancelRequested || this.fatalError !== undefined;
  }

  get finished(): boolean {
    return this.state === 'completed' || this.state === 'cancelled' || this.state === 'failed';
  }

  settled(): number {
    return settledOf(this.counts);
  }

  size(): JobSize {
    return { planned: this.planned, total: this.total, found: this.found, expected: this.expected, known: this.known };
  }

  /**
   * The end-of-job invariant: every planned item has exactly one final outcome (the status table
   * and the counts agree with the plan's size). What is wrong if not (the job then fails, saying
   * how many items are unaccounted for); `incompletePlan`: a damaged journal's set-aside lines may
   * hold items this run could not list again.
   */
  integrityProblem(incompletePlan: string | undefined): string | undefined {
    const final = this.status.countOf(ItemStatus.Final);
    const settled = this.settled();
    if (!(this.planned && this.status.length === this.total && final === this.total && settled === this.total)) {
      return `integrity check: ${this.total} items planned, ${final} with a final outcome, ${settled} outcomes counted; the job cannot be reported as completed`;
    }
    if (incompletePlan) {
      return `integrity check: every item listed now has its outcome, but the journal was damaged while the folder was being listed, and items listed in the set-aside lines may have been acted on without an outcome here (${incompletePlan})`;
    }
    return undefined;
  }

  /** Takes a journalled batch result: each outcome counted once, each item to send again held. */
  applyResult(out: readonly OutcomeRecord[], again: readonly WorkItem[]): void {
    for (const o of out) {
      if (this.status.get(o.s) !== ItemStatus.Final) this.counts[o.k] += 1;
      this.status.set(o.s, ItemStatus.Final);
    }
    for (const w of again) this.status.set(w.item.seq, ItemStatus.Held);
  }

  async waitWhilePaused(): Promise<void> {
    while (this.pauseRequested && !this.cancelRequested) await this.resumed.wait();
  }
}
