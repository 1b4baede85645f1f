// The back-off cap (issue 13 §2): a BackOffMilliseconds of 99,999,999,999,999 is obeyed for at most
// the cap (5 minutes by default, configurable), the admin is told the server asked for more, and
// the job can be paused and cancelled while it waits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BUSY_WAIT_MS, defaultBackoffOptions, AccountGate, realClock } from '../../electron/jobs/backoff';
import { FakeBackend } from './fakeBackend';
import { collect, makeEngine, tempDir } from './helpers';

const HUGE = 99_999_999_999_999;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('backoff-cap-')));
afterEach(() => cleanup());

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  for (const end = Date.now() + ms; !check();) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('back-off cap', () => {
  it('waits at most the cap (5 minutes by default) and says the server asked for more', () => {
    const gate = new AccountGate(realClock, defaultBackoffOptions, () => 0.5);
    expect(DEFAULT_MAX_BUSY_WAIT_MS).toBe(300_000);
    expect(gate.busy(HUGE)).toBe(300_000);
    expect(gate.reason).toMatch(/asked us to back off for 100,000,000,000 s .*more than the 300 s limit: waiting 300 s/);
    expect(gate.remaining()).toBeLessThanOrEqual(300_000);
    // Within the cap, the server's number is obeyed as it is.
    const small = new AccountGate(realClock, { ...defaultBackoffOptions, maxBusyWaitMs: 1_000 }, () => 0.5);
    expect(small.busy(800)).toBe(800);
    expect(small.busy(HUGE)).toBe(1_000);
  });

  it('a job told to wait 100,000,000,000 s waits the configured cap, tells why, and completes', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 50);
    fb.requestFault = ({ op, n }) => (op === 'delete' && n === 1 ? { kind: 'busy', backOffMs: HUGE } : undefined);
    const engine = makeEngine(dir, fb, { backoff: { defaultBusyMs: 20, baseMs: 5, maxMs: 50, maxAttempts: 4, maxBusyWaitMs: 150 } });
    const started = Date.now();
    const job = await engine.start({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const events = collect(job);
    const res = await job.done;
    expect(res.state).toBe('completed');
    expect(res.counts.done).toBe(50);
    expect(Date.now() - started).toBeLessThan(5_000);
    const waits = events.filter((e) => e.kind === 'backoff');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((e) => e.kind === 'backoff' && e.waitMs <= 150)).toBe(true);
    expect(waits.some((e) => e.kind === 'backoff' && /more than the 1 s limit/.test(e.reason))).toBe(true);
  });

  it('a job waiting out a long back-off pauses and cancels at once', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 50);
    fb.requestFault = ({ op }) => (op === 'delete' ? { kind: 'busy', backOffMs: HUGE } : undefined);
    const engine = makeEngine(dir, fb, { backoff: { defaultBusyMs: 20, baseMs: 5, maxMs: 50, maxAttempts: 4, maxBusyWaitMs: 60_000 } });
    const job = await engine.start({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const events = collect(job);
    await until(() => events.some((e) => e.kind === 'backoff'));
    const pausedAt = Date.now();
    job.pause();
    await until(() => job.state === 'paused');
    expect(Date.now() - pausedAt).toBeLessThan(2_000);
    job.resume();
    await until(() => job.state === 'running');
    const cancelledAt = Date.now();
    job.cancel();
    const res = await job.done;
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(res.state).toBe('cancelled');
    expect(res.counts.notAttempted).toBe(50);
  });
});
