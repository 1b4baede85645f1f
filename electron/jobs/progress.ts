// Progress events for one job, coalesced to at most one per interval (default 100 ms: ~10 a second
// whatever the job size), plus the throughput window behind items/s and the ETA.
import type { JobProgress } from '../../shared/domain';
import type { Clock } from './backoff';

export type ProgressListener = (event: JobProgress) => void;

/** Items settled over a sliding window, for items/s. */
export class RateMeter {
  private samples: { at: number; settled: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  record(at: number, settled: number): void {
    this.samples.push({ at, settled });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? at) < at - this.windowMs) this.samples.shift();
  }

  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.settled - first.settled) * 1000) / (last.at - first.at);
  }
}

export class ProgressEmitter {
  private listeners = new Set<ProgressListener>();
  private lastEmit = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `snapshot` builds the current event; called only when an event is actually sent. */
  constructor(
    private readonly clock: Clock,
    private readonly snapshot: () => JobProgress,
    private readonly intervalMs = 100,
  ) {}

  subscribe(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something changed: send an event now or at the end of the current interval. */
  changed(): void {
    if (this.timer) return;
    const wait = this.lastEmit + this.intervalMs - this.clock.now();
    if (wait <= 0) this.emit(this.snapshot());
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.emit(this.snapshot());
      }, wait);
  }

  /** Sends a final event at once (finished), dropping any pending one. */
  final(event: JobProgress): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.emit(event);
  }

  private emit(event: JobProgress): void {
    this.lastEmit = this.clock.now();
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener's failure must not stop the job.
      }
    }
  }
}
