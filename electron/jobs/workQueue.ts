// The items a job has yet to send, and how they become batches: items read ahead from the plan wait
// in `ready` (in seq order, a bounded number), items to send again in the retry queue; both go into
// buckets by destination (recover groups items by home folder), and a batch is taken from a bucket.
import type { PlannedItem } from './journal';
import type { ItemHistory } from './outcomePolicy';
import { Signal } from './signals';

/** An item on its way through the send loop, with what its earlier sends said. */
export interface WorkItem extends ItemHistory {
  item: PlannedItem;
}

export function workItem(item: PlannedItem, afterLost: boolean): WorkItem {
  return { item, attempts: 0, busy: 0, afterLost };
}

/** Items read ahead from the journal's plan, waiting for a batch. */
export const READY_MAX = 2000;
/** Buckets hold at most this many batches' worth before a batch must be taken. */
const BUFFERED_BATCHES = 4;
/** The consumed head of `ready` is dropped once it is this long and half the array. */
const COMPACT_AT = 1024;

export class WorkQueue {
  private readonly retryQueue: WorkItem[] = [];
  private readonly buckets = new Map<string, WorkItem[]>();
  private buffered = 0;
  /** Items read from the plan, in seq order, not yet in a bucket (ready[readyHead..]). */
  private ready: WorkItem[] = [];
  private readyHead = 0;
  /** The reader of the plan has yielded everything (or was stopped). */
  private exhausted = false;
  /** Room in `ready` for the reader. */
  private readonly room = new Signal();

  /** `keyOf`: the bucket of an item; a batch never mixes buckets. */
  constructor(private readonly keyOf: (w: WorkItem) => string) {}

  /** An item read from the plan. */
  push(w: WorkItem): void {
    this.ready.push(w);
  }

  /** An item to send again; it goes before new ones. */
  requeue(w: WorkItem): void {
    this.retryQueue.push(w);
  }

  /** The reader should wait for room before pushing more. */
  isFull(): boolean {
    return this.readyCount() >= READY_MAX;
  }

  /** Settles when a batch has taken enough of `ready` (or wakeReader is called). */
  waitForRoom(): Promise<void> {
    return this.room.wait();
  }

  /** Wakes a reader waiting for room (so that it sees it was told to stop). */
  wakeReader(): void {
    this.room.notify();
  }

  /** Nothing more will be pushed. */
  endOfSource(): void {
    this.exhausted = true;
  }

  /** Nothing more will come from the plan and nothing read is left in `ready`. */
  get sourceDone(): boolean {
    return this.exhausted && this.readyCount() === 0;
  }

  /**
   * The next batch: retries first, then new items; all items of a batch share one bucket. Buffers
   * at most a few batches' worth. A short batch goes only when nothing more is coming; undefined:
   * wait (for the planner or an answer).
   */
  nextBatch(size: number): WorkItem[] | undefined {
    while (this.retryQueue.length > 0) {
      const w = this.retryQueue.shift();
      if (w) this.addToBucket(w);
    }
    for (;;) {
      for (const [key, list] of this.buckets) if (list.length >= size) return this.take(key, list, size);
      if (this.buffered >= size * BUFFERED_BATCHES) break;
      const w = this.takeReady();
      if (!w) break;
      this.addToBucket(w);
    }
    if (this.readyCount() < READY_MAX / 2) this.room.notify();
    if (!this.sourceDone && this.buffered < size * BUFFERED_BATCHES) return undefined;
    let best: [string, WorkItem[]] | undefined;
    for (const entry of this.buckets) if (!best || entry[1].length > best[1].length) best = entry;
    return best ? this.take(best[0], best[1], size) : undefined;
  }

  /** Everything held (retries, buckets, ready), emptying the queue: the job ends before sending them. */
  takeAll(): WorkItem[] {
    const all: WorkItem[] = [...this.retryQueue];
    this.retryQueue.length = 0;
    for (const list of this.buckets.values()) all.push(...list);
    for (let w = this.takeReady(); w; w = this.takeReady()) all.push(w);
    this.buckets.clear();
    this.buffered = 0;
    return all;
  }

  private readyCount(): number {
    return this.ready.length - this.readyHead;
  }

  private takeReady(): WorkItem | undefined {
    if (this.readyHead >= this.ready.length) return undefined;
    const w = this.ready[this.readyHead++];
    if (this.readyHead >= COMPACT_AT && this.readyHead * 2 >= this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
    return w;
  }

  private addToBucket(w: WorkItem): void {
    const key = this.keyOf(w);
    const list = this.buckets.get(key);
    if (list) list.push(w);
    else this.buckets.set(key, [w]);
    this.buffered += 1;
  }

  private take(key: string, list: WorkItem[], size: number): WorkItem[] {
    const batch = list.splice(0, size);
    if (list.length === 0) this.buckets.delete(key);
    this.buffered -= batch.length;
    return batch;
  }
}
