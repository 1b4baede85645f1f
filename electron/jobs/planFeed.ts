// How planned items reach the send loop: read back from the journal's plan, in seq order, as the
// planner releases them (see planner.ts for why acting while listing is safe). On a fresh run the
// reader follows the journal's moving end while planning goes on; on a resumed one the plan is
// read up to where it ended (or follows it again if listing goes on). Only items still pending
// are handed on, each marked held. The feed also reads the plan for what a previous run left
// unanswered and, after an early stop, for what the reader never reached.
import { readPlan, tailPlan, type PlannedItem } from './journal';
import { ItemStatus, type SeqStatus } from './replay';
import { Signal } from './signals';
import { workItem, type WorkItem, type WorkQueue } from './workQueue';

export interface PlanFeedDeps {
  journalFile: string;
  /** The planning pass whose items count (it changes when planning starts over). */
  epoch: () => number;
  /**
   * The end of the journal's complete records in the file: plan records lie before it. They may
   * not be on disk yet; the intent that sends an item is synced, which puts its plan there first.
   */
  writtenBytes: () => number;
  status: SeqStatus;
  /** A damaged journal: every item is handled as if an earlier answer was lost. */
  verifyAll: boolean;
  queue: WorkQueue;
  /** Items are ready for the send loop, or the feed has ended. */
  wake: () => void;
  /** Reading the plan failed (a damaged line): the job stops with this. */
  onError: (message: string) => void;
}

export class PlanFeed {
  /** Items with seq below this may be sent (the planner holds back the rest for a while). */
  private releasedSeq = 0;
  /** Journal size once the plan is complete: plan records all lie before it. */
  private planEnd: number | undefined;
  private stopped = false;
  /** The reader reached the end of the plan (not stopped early): every planned item passed through it. */
  private completed = false;
  private running: Promise<void> = Promise.resolve();
  /** Planning appended a page, released items or finished; or the reader is told to stop. */
  private readonly changed = new Signal();

  constructor(private readonly deps: PlanFeedDeps) {}

  get released(): number {
    return this.releasedSeq;
  }

  /** Items below `seq` may be sent; true if that releases more than before. */
  release(seq: number): boolean {
    if (seq <= this.releasedSeq) return false;
    this.releasedSeq = seq;
    return true;
  }

  /** A plan page was journalled (and perhaps released). */
  appended(): void {
    this.changed.notify();
  }

  /** The plan is complete and ends at journal offset `end`: everything in it may be sent. */
  complete(end: number): void {
    this.planEnd = end;
    this.releasedSeq = Infinity;
    this.changed.notify();
  }

  /** Wakes the reader to look at its state again (the journal failed). */
  wake(): void {
    this.changed.notify();
  }

  /** Reads released items into the work queue in the background, a bounded number ahead of the send loop. */
  start(): void {
    const { queue } = this.deps;
    this.running = (async () => {
      try {
        for await (const w of this.pending()) {
          queue.push(w);
          this.deps.wake();
          while (queue.isFull() && !this.stopped) await queue.waitForRoom();
          if (this.stopped) break;
        }
      } catch (err) {
        this.deps.onError(`journal: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        queue.endOfSource();
        this.deps.wake();
      }
    })();
  }

  /** Stops the reader and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.changed.notify();
    this.deps.queue.wakeReader();
    await this.running;
  }

  /** On resume: items the previous run sent without a recorded answer, each marked held. */
  async *unanswered(): AsyncGenerator<PlannedItem> {
    const { status } = this.deps;
    for await (const item of readPlan(this.deps.journalFile, this.deps.epoch(), this.deps.writtenBytes())) {
      if (status.get(item.seq) !== ItemStatus.InFlight) continue;
      status.set(item.seq, ItemStatus.Held);
      yield item;
    }
  }

  /** After the reader stopped before the end of the plan: the pending items it did not reach. */
  async *unreached(): AsyncGenerator<WorkItem> {
    if (this.completed) return;
    for await (const item of readPlan(this.deps.journalFile, this.deps.epoch(), this.planEnd)) {
      const st = this.deps.status.get(item.seq);
      if (st === ItemStatus.Pending || st === ItemStatus.PendingAfterLost) yield workItem(item, st === ItemStatus.PendingAfterLost);
    }
  }

  /** Items not yet handled, streamed from the journal's plan in seq order as they are released. */
  private async *pending(): AsyncGenerator<WorkItem> {
    const { status } = this.deps;
    const more = async (): Promise<boolean> => {
      if (this.planEnd !== undefined || this.stopped) return false;
      await this.changed.wait();
      return true;
    };
    for await (const item of tailPlan(this.deps.journalFile, this.deps.epoch(), () => this.planEnd ?? this.deps.writtenBytes(), more)) {
      while (item.seq >= this.releasedSeq && !this.stopped) await this.changed.wait();
      if (this.stopped) return;
      const st = status.get(item.seq);
      if (st !== ItemStatus.Pending && st !== ItemStatus.PendingAfterLost) continue;
      status.set(item.seq, ItemStatus.Held);
      yield workItem(item, this.deps.verifyAll || st === ItemStatus.PendingAfterLost);
    }
    if (!this.stopped) this.completed = true;
  }
}
