// The send loop: keeps up to the concurrency limit of batches in flight, each taken from the work
// queue, while the account's gate is open and it has a slot free; stops sending on pause (once the
// batches in flight are back), on cancel and on a fatal error; ends when the plan is exhausted and
// every batch has come back.
import type { JobState } from '../../shared/domain';
import type { AccountGate } from './backoff';
import type { BatchSizer } from './batchSizer';
import type { AdaptiveConcurrency } from './concurrency';
import type { RunState } from './runState';
import type { WorkItem, WorkQueue } from './workQueue';

export interface SendLoopDeps {
  state: RunState;
  gate: AccountGate;
  sizer: BatchSizer;
  concurrency: AdaptiveConcurrency;
  queue: WorkQueue;
  send(batch: WorkItem[]): Promise<void>;
  setState(state: JobState): Promise<void>;
  progressChanged(): void;
}

export class SendLoop {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly d: SendLoopDeps) {}

  async run(): Promise<void> {
    const { state, gate, concurrency, queue } = this.d;
    for (;;) {
      if (state.halted) break;
      if (state.pauseRequested) {
        await Promise.all(this.inFlight);
        if (state.pauseRequested && !state.cancelRequested) {
          await this.d.setState('paused');
          await state.waitWhilePaused();
          if (!state.cancelRequested) await this.d.setState('running');
        }
        continue;
      }
      if (this.inFlight.size >= concurrency.limit) {
        await Promise.race(this.inFlight);
        continue;
      }
      if (gate.remaining() > 0) {
        this.d.progressChanged();
        // A back-off can last minutes: pause (and cancel) must take effect while it runs.
        await state.wake.interruptible(state.stop.signal, (signal) => gate.wait(signal));
        this.d.progressChanged();
        continue;
      }
      // The account's allowance is used up by its other jobs (and this one): wait for a slot.
      if (!gate.slotAvailable()) {
        await Promise.race([...this.inFlight, gate.slotFreed(), state.wake.wait()]);
        continue;
      }
      const batch = queue.nextBatch(this.batchSize());
      if (!batch) {
        if (queue.sourceDone && this.inFlight.size === 0) break;
        // Waiting for the planner to release items, or for a batch to come back.
        await Promise.race([...this.inFlight, state.wake.wait()]);
        continue;
      }
      this.launch(batch);
    }
    await Promise.all(this.inFlight);
  }

  private launch(batch: WorkItem[]): void {
    const { state, gate } = this.d;
    state.inFlightItems += batch.length;
    gate.takeSlot();
    const p: Promise<void> = this.d
      .send(batch)
      .catch((err: unknown) => state.fail(`journal: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        gate.releaseSlot();
        state.inFlightItems -= batch.length;
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  /**
   * The sizer's size, except near the end: the last items are spread over all the batches that may
   * run at once, so they finish together instead of one large batch finishing last.
   */
  private batchSize(): number {
    const { state, sizer, concurrency } = this.d;
    const size = sizer.size;
    if (!state.planned) return size;
    const unsent = state.total - state.settled() - state.inFlightItems;
    if (unsent <= 0) return size;
    return Math.max(1, Math.min(size, Math.ceil(unsent / concurrency.limit)));
  }
}
