// Adapts the number of items per request. Exchange charges a time budget per item and cuts a
// batch off at one minute, and has no fixed maximum, so the size follows what the server shows:
// grow while answers are fast and clean, shrink on busy answers, timeouts or slow answers.

export interface BatchSizerOptions {
  initial: number;
  min: number;
  max: number;
  /** An answer slower than this shrinks the next batches. Kept far below Exchange's one-minute batch limit. */
  slowMs: number;
  /** An answer faster than this (and clean) lets batches grow. */
  fastMs: number;
}

export const defaultBatchSizerOptions: BatchSizerOptions = { initial: 100, min: 10, max: 500, slowMs: 15_000, fastMs: 5_000 };

export type BatchSignal = 'clean' | 'busy' | 'timeout' | 'transient';

export class BatchSizer {
  private current: number;
  private readonly opts: BatchSizerOptions;

  constructor(opts: Partial<BatchSizerOptions> = {}) {
    this.opts = { ...defaultBatchSizerOptions, ...opts };
    this.current = clamp(this.opts.initial, this.opts.min, this.opts.max);
  }

  get size(): number {
    return this.current;
  }

  /** Feeds back one answered request of `items` items that took `elapsedMs`. */
  record(signal: BatchSignal, items: number, elapsedMs: number): void {
    const { min, max, slowMs, fastMs } = this.opts;
    if (signal === 'timeout') {
      this.current = clamp(Math.floor(this.current / 2), min, max);
      return;
    }
    if (signal === 'busy') {
      // Gentler than a timeout: per-item cost, not batch size, spends the budget, but smaller
      // batches give back control sooner while the server is short of it.
      this.current = clamp(Math.floor(this.current * 0.75), min, max);
      return;
    }
    if (signal === 'transient') return;
    if (elapsedMs > slowMs) {
      // Scale towards the size that would have answered in about half the slow threshold.
      const perItem = elapsedMs / Math.max(1, items);
      this.current = clamp(Math.floor(slowMs / 2 / perItem), min, Math.max(min, Math.floor(this.current * 0.75)));
      return;
    }
    // Only a full-sized batch tells us the current size is comfortable.
    if (elapsedMs < fastMs && items >= this.current) {
      this.current = clamp(Math.ceil(this.current * 1.25), min, max);
    }
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
