// Hand-driven stand-ins for what the page cache is given: a fetch whose answers the test releases
// one by one, and a clock whose timers run only when the test advances it.
import type { ItemPage, ItemRow } from '../../../shared/domain';
import type { Schedule } from '../../../renderer/src/stores/pageCacheConfig';

export interface PendingFetch {
  offset: number;
  max: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A folder of `total` rows with ids `r<index>`; every fetch waits until the test answers it. */
export class FakeFolder {
  readonly pending: PendingFetch[] = [];
  readonly asked: number[] = [];

  constructor(public total: number) {}

  readonly fetchPage = (offset: number, max: number): Promise<ItemPage> =>
    new Promise((resolve, reject) => {
      this.asked.push(offset);
      const entry: PendingFetch = {
        offset,
        max,
        resolve: () => {
          const count = Math.max(0, Math.min(max, this.total - offset));
          const rows = Array.from({ length: count }, (_, i): ItemRow => ({
            id: `r${offset + i}`,
            itemClass: 'IPM.Note',
            subject: `Item ${offset + i}`,
            size: 1,
          }));
          resolve({ rows, offset, total: this.total, last: offset + count >= this.total });
        },
        reject,
      };
      this.pending.push(entry);
    });

  /** Offsets asked for and not answered yet, in the order asked. */
  pendingOffsets(): number[] {
    return this.pending.map((p) => p.offset);
  }

  /** Answers the request for `offset` (the oldest one when omitted). */
  answer(offset?: number): void {
    this.take(offset).resolve();
  }

  fail(offset?: number, message = 'HTTP 503'): void {
    this.take(offset).reject(new Error(message));
  }

  private take(offset: number | undefined): PendingFetch {
    const index = offset === undefined ? 0 : this.pending.findIndex((p) => p.offset === offset);
    const entry = this.pending[index];
    if (index < 0 || !entry) throw new Error(`no pending fetch at ${String(offset)} (pending: ${this.pendingOffsets().join(', ')})`);
    this.pending.splice(index, 1);
    return entry;
  }
}

/** Timers that fire only in `advance`, in due order. */
export class FakeClock {
  now = 0;
  private timers: { at: number; callback: () => void; live: boolean }[] = [];

  readonly schedule: Schedule = (callback, ms) => {
    const timer = { at: this.now + ms, callback, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  };

  /** Delays of the timers still waiting, from now. */
  waiting(): number[] {
    return this.timers.filter((t) => t.live).map((t) => t.at - this.now);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.live = false;
      this.now = next.at;
      next.callback();
    }
    this.now = until;
    this.timers = this.timers.filter((t) => t.live);
  }
}

/** Lets answered fetches run their handlers. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
