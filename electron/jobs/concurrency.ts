// How many batches may be in flight at once for one job: additive increase on clean answers,
// multiplicative decrease when the server pushes back, never above the configured cap (kept well
// below Exchange's EWSMaxConcurrency of 27, which is shared with every other client of the account).

export interface ConcurrencyOptions {
  initial: number;
  cap: number;
}

export const defaultConcurrencyOptions: ConcurrencyOptions = { initial: 14, cap: 14 };

export class AdaptiveConcurrency {
  private value: number;
  private readonly cap: number;
  /** Until the first sign of congestion, grow by one per clean answer (doubling per round). */
  private slowStart = true;

  constructor(opts: Partial<ConcurrencyOptions> = {}) {
    const o = { ...defaultConcurrencyOptions, ...opts };
    this.cap = Math.max(1, o.cap);
    this.value = Math.min(this.cap, Math.max(1, o.initial));
  }

  get limit(): number {
    return Math.max(1, Math.floor(this.value));
  }

  onClean(): void {
    this.value = Math.min(this.cap, this.value + (this.slowStart ? 1 : 1 / Math.max(1, this.limit)));
  }

  /**
   * Too many requests open at once (ErrorExceededConnectionCount): halve. A busy answer for an
   * exhausted time budget is not a reason: the budget refills at the same rate however many
   * requests wait, and the account gate already holds them all.
   */
  onTooManyConcurrent(): void {
    this.slowStart = false;
    this.value = Math.max(1, this.value / 2);
  }

  /** Timeouts, resets, 503s, slow answers: one less. */
  onTransient(): void {
    this.slowStart = false;
    this.value = Math.max(1, this.value - 1);
  }
}
