// Read-only calls (listing, lookups) sit out the server's busy refusals instead of counting them as
// failed attempts: a listing refused more often than maxAttempts while the job's own batches spend
// the budget still completes; transient failures stay bounded by maxAttempts, busy ones by maxBusy
// refusals in a row with nothing of the account answered in between.
import { describe, expect, it } from 'vitest';
import { BackendRequestError } from '../../electron/jobs/backend';
import { callWithRetry, DEFAULT_MAX_BUSY_REFUSALS, AccountGate, realClock, withDeadline } from '../../electron/jobs/backoff';

const gate = (): AccountGate => new AccountGate(realClock, { defaultBusyMs: 1, baseMs: 1, maxMs: 2, maxAttempts: 3 }, () => 0.5);
const busy = (): BackendRequestError =>
  new BackendRequestError({ kind: 'busy', code: 'ErrorServerBusy', message: 'busy', backOffMs: 1, mayHaveExecuted: false });
const transient = (): BackendRequestError => new BackendRequestError({ kind: 'transient', code: 'HTTP503', message: '503', mayHaveExecuted: false });
const signal = (): AbortSignal => new AbortController().signal;

/** A call that fails `failures` times with `error`, then answers 'listed'. */
function failingThen(failures: number, error: () => BackendRequestError): { call: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    call: async () => {
      calls++;
      if (calls <= failures) throw error();
      return 'listed';
    },
    calls: () => calls,
  };
}

describe('callWithRetry', () => {
  it('waits out more busy refusals than maxAttempts and then answers', async () => {
    const f = failingThen(10, busy);
    await expect(callWithRetry(gate(), { maxAttempts: 3, timeoutMs: 1000 }, signal(), f.call)).resolves.toBe('listed');
    expect(f.calls()).toBe(11);
  });

  it('gives up after maxBusy refusals in a row (default DEFAULT_MAX_BUSY_REFUSALS) once they lasted minBusyMs', async () => {
    const bounded = failingThen(1000, busy);
    await expect(callWithRetry(gate(), { maxAttempts: 3, timeoutMs: 1000, maxBusy: 5, minBusyMs: 0 }, signal(), bounded.call)).rejects.toMatchObject({
      kind: 'busy',
    });
    expect(bounded.calls()).toBe(5);
    const byDefault = failingThen(1000, busy);
    await expect(callWithRetry(gate(), { maxAttempts: 3, timeoutMs: 1000, minBusyMs: 0 }, signal(), byDefault.call)).rejects.toMatchObject({ kind: 'busy' });
    expect(byDefault.calls()).toBe(DEFAULT_MAX_BUSY_REFUSALS);
    // Refusals with millisecond back-offs (a paced batch taking the recharge) are sat out for minBusyMs, not 50 round trips.
    const brief = failingThen(1000, busy);
    const started = Date.now();
    await expect(callWithRetry(gate(), { maxAttempts: 3, timeoutMs: 1000, maxBusy: 5, minBusyMs: 300 }, signal(), brief.call)).rejects.toMatchObject({
      kind: 'busy',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(brief.calls()).toBeGreaterThan(5);
  });

  it('refusals while the account’s other requests are answered do not count: a listing starved by the job’s own batches still answers', async () => {
    const shared = gate();
    let calls = 0;
    // Refused 3 × maxBusy times, but another request of the account is answered after every refusal.
    const starved = async (): Promise<string> => {
      calls++;
      if (calls <= 15) {
        shared.success();
        throw busy();
      }
      return 'listed';
    };
    await expect(callWithRetry(shared, { maxAttempts: 3, timeoutMs: 1000, maxBusy: 5, minBusyMs: 0 }, signal(), starved)).resolves.toBe('listed');
    expect(calls).toBe(16);
    // With nothing answered in between, the same bound ends it.
    const alone = failingThen(1000, busy);
    await expect(callWithRetry(shared, { maxAttempts: 3, timeoutMs: 1000, maxBusy: 5, minBusyMs: 0 }, signal(), alone.call)).rejects.toMatchObject({
      kind: 'busy',
    });
    expect(alone.calls()).toBe(5);
  });

  it('still bounds transient failures by maxAttempts, busy refusals in between not counted', async () => {
    let calls = 0;
    const mixed = async (): Promise<string> => {
      calls++;
      throw calls % 2 === 1 ? busy() : transient();
    };
    await expect(callWithRetry(gate(), { maxAttempts: 3, timeoutMs: 1000 }, signal(), mixed)).rejects.toMatchObject({ code: 'HTTP503' });
    // busy, 503, busy, 503, busy, 503: the third 503 ends it.
    expect(calls).toBe(6);
  });

  it('a call the server never answers is cut at its deadline, under allocation pressure', async () => {
    let attempts = 0;
    const never = (callSignal: AbortSignal): Promise<string> => {
      attempts++;
      return new Promise((_resolve, reject) => callSignal.addEventListener('abort', () => reject(transient()), { once: true }));
    };
    const churn = setInterval(() => {
      // Allocation pressure: the deadline must not depend on an object only the garbage collector holds.
      Array.from({ length: 20_000 }, (_, i) => ({ i }));
    }, 1);
    try {
      await expect(callWithRetry(gate(), { maxAttempts: 3, timeoutMs: 30 }, signal(), never)).rejects.toMatchObject({ code: 'HTTP503' });
    } finally {
      clearInterval(churn);
    }
    expect(attempts).toBe(3);
  });
});

describe('withDeadline', () => {
  it('aborts the call when the outer signal aborts, and leaves no listener behind', async () => {
    const outer = new AbortController();
    const seen: unknown[] = [];
    const call = (s: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) =>
        s.addEventListener('abort', () => {
          seen.push(s.reason);
          reject(new Error('aborted'));
        }),
      );
    const running = withDeadline(outer.signal, 60_000, call);
    outer.abort('stop');
    await expect(running).rejects.toThrow('aborted');
    expect(seen).toEqual(['stop']);
    await expect(withDeadline(outer.signal, 60_000, async (s) => s.aborted)).resolves.toBe(true);
  });

  it('aborts with a TimeoutError after its time, and clears its timer when the call ends first', async () => {
    await expect(
      withDeadline(signal(), 20, (s) => new Promise((_r, reject) => s.addEventListener('abort', () => reject(s.reason as Error)))),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(withDeadline(signal(), 60_000, async () => 'quick')).resolves.toBe('quick');
  });
});
