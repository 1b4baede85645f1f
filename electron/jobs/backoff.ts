// Waiting: the per-account gate that holds every request after the server said "busy", and the
// bounded exponential back-off with jitter for transient failures (503, resets, timeouts).
import { BackendRequestError } from './backend';
import { Deadline, Signal } from './signals';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface BackoffOptions {
  /** Wait used when ErrorServerBusy carries no BackOffMilliseconds (or 0); doubled on each consecutive one. */
  defaultBusyMs: number;
  /** First back-off for transient failures; doubled per consecutive failure. */
  baseMs: number;
  maxMs: number;
  /** Attempts per item (or per lookup call) before giving up on transient failures. */
  maxAttempts: number;
  /**
   * Longest wait a BackOffMilliseconds is obeyed for. A server (or anything posing as one) can ask
   * for any number: 99,999,999,999,999 ms would park the job for three thousand years. Past the cap
   * the job waits the cap, says that the server asked for more, and then tries again (a server
   * still busy answers busy again).
   */
  maxBusyWaitMs?: number;
}

export const DEFAULT_MAX_BUSY_WAIT_MS = 5 * 60_000;

export const defaultBackoffOptions: BackoffOptions = {
  defaultBusyMs: 2_000,
  baseMs: 500,
  maxMs: 30_000,
  maxAttempts: 8,
  maxBusyWaitMs: DEFAULT_MAX_BUSY_WAIT_MS,
};

/** "1,234 s" (waits are shown in seconds; rounded up so that a short wait never shows as 0). */
function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000).toLocaleString('en-US')} s`;
}

/** First pause after a busy answer with an explicit BackOffMilliseconds of 0 (see AccountGate.busy). */
export const ZERO_BACKOFF_MS = 5;

/** Exponential delay with "equal jitter": between half and all of base·2^n, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * One gate per throttled account (the engine keys it by the backend's accountKey): after a busy
 * answer nothing more is sent under that account until the wait is over, whichever job, batch or
 * mailbox asked. Shared by all jobs of the account.
 */
export class AccountGate {
  private openAt = 0;
  private consecutiveBusy = 0;
  private consecutiveTransient = 0;
  /** Consecutive busy answers that said BackOffMilliseconds 0 ("retry now"). */
  private consecutiveZero = 0;
  private lastReason = '';
  /** Requests of the account answered without a refusal so far (see callWithRetry's busy bound). */
  private answered = 0;
  /** Batches in flight for the account, over all of its jobs (see slotAvailable). */
  private slotsUsed = 0;
  private readonly slotFreedSignal = new Signal();

  constructor(
    private readonly clock: Clock,
    private readonly opts: BackoffOptions,
    private readonly random: () => number,
    /** Most batches in flight for the account at once, over all of its jobs. */
    private readonly slotCap = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Whether the account may have one more batch in flight. EWSMaxConcurrency (27 by default)
   * counts the account's connections from every client, so two jobs under one account share one
   * allowance instead of each taking its own cap and running into ErrorExceededConnectionCount.
   */
  slotAvailable(): boolean {
    return this.slotsUsed < this.slotCap;
  }

  takeSlot(): void {
    this.slotsUsed += 1;
  }

  releaseSlot(): void {
    this.slotsUsed = Math.max(0, this.slotsUsed - 1);
    this.slotFreedSignal.notify();
  }

  /** Settles at the next releaseSlot (the waiter then checks slotAvailable again). */
  slotFreed(): Promise<void> {
    return this.slotFreedSignal.wait();
  }

  /** Ms left before requests may go out again. */
  remaining(): number {
    return Math.max(0, this.openAt - this.clock.now());
  }

  get reason(): string {
    return this.lastReason;
  }

  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.remaining(); left > 0 && !signal?.aborted; left = this.remaining()) {
      await this.clock.sleep(left, signal);
    }
  }

  /**
   * The server said busy: hold the account for its BackOffMilliseconds, or a growing default when
   * it gave none. An explicit 0 is the server saying its balance is already back (Exchange and the
   * simulator compute the wait as the time until the balance reaches zero, which may have passed
   * by the time the fault is written): that is obeyed as a short, growing pause (ZERO_BACKOFF_MS,
   * doubling per consecutive 0, never above defaultBusyMs), not as "no value given", which would
   * park every request of the account for seconds while the budget refills unused.
   * Returns the wait.
   */
  busy(backOffMs: number | undefined): number {
    this.consecutiveBusy += 1;
    let wait: number;
    let reason: string;
    const cap = this.opts.maxBusyWaitMs ?? DEFAULT_MAX_BUSY_WAIT_MS;
    if (backOffMs !== undefined && backOffMs > cap) {
      this.consecutiveZero = 0;
      wait = cap;
      reason = `the server asked us to back off for ${seconds(backOffMs)} (ErrorServerBusy), more than the ${seconds(cap)} limit: waiting ${seconds(cap)}, then trying again`;
    } else if (backOffMs !== undefined && backOffMs > 0) {
      this.consecutiveZero = 0;
      wait = backOffMs;
      reason = `the server asked us to back off (ErrorServerBusy, ${backOffMs} ms)`;
    } else if (backOffMs === 0) {
      wait = Math.min(this.opts.defaultBusyMs, ZERO_BACKOFF_MS * 2 ** this.consecutiveZero);
      this.consecutiveZero += 1;
      reason = 'the server asked us to back off (ErrorServerBusy, 0 ms)';
    } else {
      wait = backoffDelay(this.consecutiveBusy - 1, this.opts.defaultBusyMs, this.opts.maxMs, this.random) + this.opts.defaultBusyMs / 2;
      reason = 'the server is busy (no back-off time given)';
    }
    this.hold(wait, reason);
    return wait;
  }

  /** A transient failure (503, reset, timeout): exponential back-off with jitter. Returns the wait. */
  transient(what: string): number {
    const wait = backoffDelay(this.consecutiveTransient, this.opts.baseMs, this.opts.maxMs, this.random);
    this.consecutiveTransient += 1;
    this.hold(wait, `retrying after ${what}`);
    return wait;
  }

  /** The gate's clock (for bounds measured in time). */
  now(): number {
    return this.clock.now();
  }

  /** How many of the account's requests were answered without a refusal, so far. */
  get answeredCount(): number {
    return this.answered;
  }

  success(): void {
    this.answered += 1;
    this.consecutiveBusy = 0;
    this.consecutiveZero = 0;
    this.consecutiveTransient = 0;
  }

  private hold(ms: number, reason: string): void {
    const until = this.clock.now() + ms;
    if (until > this.openAt) {
      this.openAt = until;
      this.lastReason = reason;
    }
  }
}

/** What a read-only call needs: where to send it, how to wait, how long and how often to try. */
export interface CallLimits {
  /** Attempts before giving up on transient failures (busy refusals are not counted here). */
  maxAttempts: number;
  timeoutMs: number;
  /** Busy refusals of one call before giving up (default DEFAULT_MAX_BUSY_REFUSALS)... */
  maxBusy?: number;
  /** ...once they have also gone on for this long (default DEFAULT_MIN_BUSY_MS; 0: the count alone). */
  minBusyMs?: number;
}

/**
 * Busy refusals in a row, with no request of the account answered in between, that one read-only
 * call sits out (for at least DEFAULT_MIN_BUSY_MS) before the job gives up on it. A refusal is the server's budget talking, not a
 * failure of the call: while the job's own batches keep spending the account's balance, a listing
 * request can be refused many times in a row, each time with the back-off to obey (short ones: the
 * balance is back in milliseconds). Bounded only so that a server that never recovers still ends the job.
 */
export const DEFAULT_MAX_BUSY_REFUSALS = 50;

/**
 * How long a call's refusals in a row must also have lasted before it gives up. The server's
 * back-off is the time until the balance is back, often milliseconds, while one admitted batch
 * can be worked through for a second or more (its items charged as the balance recharges) with
 * every other request of the account refused meanwhile: 50 refusals can pass in half a second.
 */
export const DEFAULT_MIN_BUSY_MS = 60_000;

/**
 * Runs a read-only call (paging, lookups) through the gate with bounded retries. Busy refusals are
 * waited out (up to maxBusy); transient failures are retried up to maxAttempts; fatal ones and
 * exhausted bounds are thrown.
 */
export async function callWithRetry<T>(gate: AccountGate, limits: CallLimits, signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  let attempt = 0;
  let busy = 0;
  let answeredAtLastBusy = gate.answeredCount;
  let busySince = 0;
  for (;;) {
    await gate.wait(signal);
    try {
      // Each attempt gets its own deadline: a request the server never answers must not hang the job.
      const result = await withDeadline(signal, limits.timeoutMs, call);
      gate.success();
      return result;
    } catch (err) {
      const e = asRequestError(err);
      if (e.kind === 'fatal' || signal?.aborted) throw e;
      if (e.kind === 'busy') {
        // Refusals while the account's other requests are answered (the job's own batches spending the
        // balance as it recharges) mean this call's turn has not come yet, not a server that never
        // recovers: only refusals in a row with nothing answered in between count toward the bound.
        if (gate.answeredCount !== answeredAtLastBusy) busy = 0;
        answeredAtLastBusy = gate.answeredCount;
        if (busy === 0) busySince = gate.now();
        busy += 1;
        const lasted = gate.now() - busySince;
        if (busy >= (limits.maxBusy ?? DEFAULT_MAX_BUSY_REFUSALS) && lasted >= (limits.minBusyMs ?? DEFAULT_MIN_BUSY_MS)) throw e;
        gate.busy(e.backOffMs);
      } else {
        if (++attempt >= limits.maxAttempts) throw e;
        gate.transient(e.code);
      }
    }
  }
}

/** Runs `call` with a signal that aborts when `signal` does or after `ms` (see Deadline for how). */
export async function withDeadline<T>(signal: AbortSignal, ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new Deadline(ms, signal);
  try {
    return await call(deadline.signal);
  } finally {
    deadline.dispose();
  }
}

/** Anything a backend throws, as a request error (unknown throws count as transient lost responses). */
export function asRequestError(err: unknown): BackendRequestError {
  if (err instanceof BackendRequestError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BackendRequestError({ kind: 'transient', code: 'UnexpectedError', message, mayHaveExecuted: true });
}
