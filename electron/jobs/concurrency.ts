// How many batches may be in flight at once for one job: additive increase on clean answers,
// multiplicative decrease when the server pushes back, never above the configured cap (kept well
// below Exchange's EWSMaxConcurrency of 27, which is shared with every other client of the account).

export interface ConcurrencyOptions {
  initial: number;
  cap: number;
}

export const defaultConcurrencyOptions: ConcurrencyOptions = { initial: 2, cap: 8 };

export class AdaptiveConcurrency {
  private value: number;
  private readonly cap: number;

  constructor(opts: Partial<ConcurrencyOptions> = {}) {
    const o = { ...defaultConcurrencyOptions, ...opts };
    this.cap = Math.max(1, o.cap);
    this.value = Math.min(this.cap, Math.max(1, o.initial));
  }

  get limit(): number {
    return Math.max(1, Math.floor(this.value));
  }

  onClean(): void {
    // About +1 per round of `limit` clean answers.
    this.value = Math.min(this.cap, this.value + 1 / Math.max(1, this.limit));
  }

  onBusy(): void {
    this.value = Math.max(1, this.value / 2);
  }

  onTransient(): void {
    this.value = Math.max(1, this.value - 1);
  }
}
