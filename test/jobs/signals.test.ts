// The engine's waiting primitives: Signal (a wake-up for many waiters) and Deadline (a time limit
// tied to an outer signal, used by every request the engine sends).
import { describe, expect, it } from 'vitest';
import { Deadline, Signal } from '../../electron/jobs/signals';

/** Whether `p` has settled by the time queued callbacks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('Signal', () => {
  it('releases every current waiter at notify, and a later wait waits for the next notify', async () => {
    const s = new Signal();
    const a = s.wait();
    const b = s.wait();
    expect(await settled(a)).toBe(false);
    s.notify();
    expect(await settled(a)).toBe(true);
    expect(await settled(b)).toBe(true);
    const c = s.wait();
    expect(await settled(c)).toBe(false);
    s.notify();
    expect(await settled(c)).toBe(true);
  });

  it('does not remember a notify nobody waited for', async () => {
    const s = new Signal();
    s.notify();
    expect(await settled(s.wait())).toBe(false);
  });

  it('interruptible: the wait is cut short by the next notify', async () => {
    const s = new Signal();
    const seen: boolean[] = [];
    const running = s.interruptible(new AbortController().signal, async (signal) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      seen.push(signal.aborted);
    });
    expect(await settled(running)).toBe(false);
    s.notify();
    await running;
    expect(seen).toEqual([true]);
  });

  it('interruptible: the wait is cut short by the outer signal, at once when it is already aborted', async () => {
    const s = new Signal();
    const outer = new AbortController();
    let aborted = false;
    const running = s.interruptible(
      outer.signal,
      (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    );
    outer.abort();
    await running;
    await s.interruptible(outer.signal, async (signal) => {
      aborted = signal.aborted;
    });
    expect(aborted).toBe(true);
  });

  it('interruptible: a wait that ends by itself leaves the signal aborted (its waiters let go)', async () => {
    const s = new Signal();
    let inner: AbortSignal | undefined;
    await s.interruptible(new AbortController().signal, async (signal) => {
      inner = signal;
    });
    expect(inner?.aborted).toBe(true);
  });
});

describe('Deadline', () => {
  it('aborts with a TimeoutError once its time is up, and says it expired', async () => {
    const d = new Deadline(10);
    await new Promise<void>((resolve) => d.signal.addEventListener('abort', () => resolve(), { once: true }));
    expect(d.expired).toBe(true);
    expect(d.signal.reason).toMatchObject({ name: 'TimeoutError' });
    d.dispose();
  });

  it('aborts with the parent reason when the parent aborts, without counting as expired', () => {
    const parent = new AbortController();
    const d = new Deadline(60_000, parent.signal);
    parent.abort('stop');
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('stop');
    expect(d.expired).toBe(false);
    d.dispose();
  });

  it('starts aborted under an aborted parent', () => {
    const parent = new AbortController();
    parent.abort('gone');
    const d = new Deadline(60_000, parent.signal);
    expect(d.signal.reason).toBe('gone');
    d.dispose();
  });

  it('after dispose neither the timer nor the parent aborts it', async () => {
    const parent = new AbortController();
    const d = new Deadline(5, parent.signal);
    d.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    parent.abort();
    expect(d.signal.aborted).toBe(false);
    expect(d.expired).toBe(false);
  });
});
