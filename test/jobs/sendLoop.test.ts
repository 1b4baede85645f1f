// The send loop: never more batches in flight than the concurrency limit, ends once the plan is
// exhausted and every batch is back, sends nothing once halted, and pauses only after the batches
// in flight are back.
import { describe, expect, it } from 'vitest';
import { AccountGate, defaultBackoffOptions, realClock } from '../../electron/jobs/backoff';
import { BatchSizer } from '../../electron/jobs/batchSizer';
import { AdaptiveConcurrency } from '../../electron/jobs/concurrency';
import type { PlannedItem } from '../../electron/jobs/journal';
import { RunState } from '../../electron/jobs/runState';
import { SendLoop } from '../../electron/jobs/sendLoop';
import { workItem, WorkQueue, type WorkItem } from '../../electron/jobs/workQueue';
import type { JobState } from '../../shared/domain';

const item = (seq: number): PlannedItem => ({ seq, id: `i${seq}`, subject: '', folderId: 'f', size: 0 });

function loop(n: number, opts: { limit: number; batch: number; onSend?: (batch: WorkItem[], state: RunState) => void }) {
  const state = new RunState(undefined, undefined);
  const queue = new WorkQueue(() => '');
  for (let seq = 0; seq < n; seq++) queue.push(workItem(item(seq), false));
  queue.endOfSource();
  const sent: number[][] = [];
  const states: JobState[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const l = new SendLoop({
    state,
    gate: new AccountGate(realClock, defaultBackoffOptions, () => 0.5),
    sizer: new BatchSizer({ initial: opts.batch, min: 1, max: opts.batch }),
    concurrency: new AdaptiveConcurrency({ initial: opts.limit, cap: opts.limit }),
    queue,
    send: async (batch) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sent.push(batch.map((w) => w.item.seq));
      opts.onSend?.(batch, state);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
    },
    setState: async (s) => void states.push(s),
    progressChanged: () => undefined,
  });
  return { l, state, sent, states, maxInFlight: () => maxInFlight };
}

describe('SendLoop', () => {
  it('sends every item once, at most the concurrency limit of batches at a time, and ends', async () => {
    const t = loop(100, { limit: 3, batch: 10 });
    await t.l.run();
    expect(t.sent.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(t.maxInFlight()).toBe(3);
    expect(t.state.inFlightItems).toBe(0);
  });

  it('sends nothing more once the job is halted, and waits for the batches in flight', async () => {
    const t = loop(100, { limit: 2, batch: 10, onSend: (_b, state) => state.fail('stop') });
    await t.l.run();
    expect(t.sent.length).toBeLessThanOrEqual(2);
    expect(t.state.inFlightItems).toBe(0);
  });

  it('a send that throws stops the job with a journal error', async () => {
    const state = new RunState(undefined, undefined);
    const queue = new WorkQueue(() => '');
    queue.push(workItem(item(0), false));
    queue.endOfSource();
    const l = new SendLoop({
      state,
      gate: new AccountGate(realClock, defaultBackoffOptions, () => 0.5),
      sizer: new BatchSizer({}),
      concurrency: new AdaptiveConcurrency({}),
      queue,
      send: () => Promise.reject(new Error('disk gone')),
      setState: async () => undefined,
      progressChanged: () => undefined,
    });
    await l.run();
    expect(state.fatalError).toBe('journal: disk gone');
  });

  it('pauses once the batches in flight are back, and goes on when resumed', async () => {
    let paused = false;
    const t = loop(40, {
      limit: 2,
      batch: 10,
      onSend: (_b, state) => {
        if (paused) return;
        paused = true;
        state.pauseRequested = true;
        setTimeout(() => {
          state.pauseRequested = false;
          state.resumed.notify();
        }, 30);
      },
    });
    await t.l.run();
    expect(t.states).toEqual(['paused', 'running']);
    expect(t.sent.flat()).toHaveLength(40);
  });
});
