// Outlook's limits per app per mailbox over HTTP: the fifth concurrent request gets 429
// ApplicationThrottled with Retry-After; the request-rate window likewise; other mailboxes and
// other apps keep their own budgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { GraphThrottle, OUTLOOK_POLICY, outlookMaxThroughput } from '../../electron/simGraph/throttle';
import { ADMIN, ALICE, call } from './helpers';

let sim: RunningGraphSimulator;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false } });
  sim.registerApp({ ...DEMO_APP, clientId: '11111111-2222-4333-8444-555555555555' });
});
afterAll(() => sim.close());

describe('Graph throttling over HTTP', () => {
  it('answers the fifth concurrent request to one mailbox with 429 and Retry-After', async () => {
    const token = sim.mintAccessToken();
    sim.setLatency(100);
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => call(sim, `/users/${ADMIN}/mailFolders/inbox`, { token })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      const throttled = answers.find((a) => a.status === 429);
      expect(throttled?.headers.get('retry-after')).toBe('1');
      expect(throttled?.body.error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
      // Another mailbox, and another app on the same mailbox, are not affected.
      const other = sim.mintAccessToken({ clientId: '11111111-2222-4333-8444-555555555555' });
      const mixed = await Promise.all([
        ...Array.from({ length: 4 }, () => call(sim, `/users/${ADMIN}/mailFolders/inbox`, { token })),
        call(sim, `/users/${ALICE}/mailFolders/inbox`, { token }),
        call(sim, `/users/${ADMIN}/mailFolders/inbox`, { token: other }),
      ]);
      expect(mixed.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      sim.setLatency(0);
    }
  });

  it('answers requests over the window’s budget with 429 and the seconds until the oldest leaves it', async () => {
    sim.resetThrottling();
    sim.setThrottling({ requestsPerWindow: 3, windowMs: 60_000 });
    try {
      const token = sim.mintAccessToken();
      for (let i = 0; i < 3; i++) expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token })).status).toBe(200);
      const over = await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
      expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      sim.resetThrottling();
      expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token })).status).toBe(200);
    } finally {
      sim.setThrottling(true);
      sim.resetThrottling();
    }
  });
});

describe('Graph outages', () => {
  it('answers injected 503s with Retry-After, one per mailbox request (batch sub-requests too), then recovers', async () => {
    const token = sim.mintAccessToken();
    sim.failNext(2, 3);
    const first = await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.body.error.code).toBe('ServiceUnavailable');
    const batch = await call(sim, '/$batch', {
      method: 'POST',
      token,
      body: { requests: [{ id: 'a', method: 'GET', url: `/users/${ALICE}/mailFolders/inbox` }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.responses[0]).toMatchObject({ id: 'a', status: 503, headers: { 'Retry-After': '3' } });
    expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token })).status).toBe(200);
  });
});

describe('GraphThrottle', () => {
  it('admits up to maxConcurrency at once per app and mailbox, and again after a release', () => {
    const throttle = new GraphThrottle({ ...OUTLOOK_POLICY });
    const slots = Array.from({ length: 4 }, () => throttle.admit('app', 'mbx', 0));
    expect(slots.every((s) => s.ok)).toBe(true);
    const fifth = throttle.admit('app', 'mbx', 0);
    expect(fifth).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(throttle.admit('app', 'other', 0).ok).toBe(true);
    const first = slots[0];
    if (first?.ok) {
      first.release();
      first.release();
    }
    expect(throttle.admit('app', 'mbx', 0).ok).toBe(true);
    expect(throttle.admit('app', 'mbx', 0).ok).toBe(false);
  });

  it('counts requests in a sliding window', () => {
    const throttle = new GraphThrottle({ ...OUTLOOK_POLICY, requestsPerWindow: 2, windowMs: 10_000 });
    for (const t of [0, 1000]) {
      const a = throttle.admit('app', 'mbx', t);
      if (a.ok) a.release();
    }
    expect(throttle.admit('app', 'mbx', 5000)).toMatchObject({ ok: false, retryAfterSeconds: 5 });
    expect(throttle.admit('app', 'mbx', 10_001).ok).toBe(true);
  });

  it('admits everything when disabled', () => {
    const throttle = new GraphThrottle({ ...OUTLOOK_POLICY, enabled: false, maxConcurrency: 0 });
    expect(throttle.admit('app', 'mbx').ok).toBe(true);
  });
});

describe('outlookMaxThroughput', () => {
  it('is the concurrent rate within one window, and a window per requestsPerWindow beyond it', () => {
    expect(outlookMaxThroughput(OUTLOOK_POLICY, 50, 1000)).toEqual({ requestsPerSecond: 80, seconds: 12.5 });
    expect(outlookMaxThroughput(OUTLOOK_POLICY, 50, 10_000).seconds).toBe(125);
    const beyond = outlookMaxThroughput(OUTLOOK_POLICY, 50, 20_000);
    expect(beyond.seconds).toBe(600 + 125);
    expect(beyond.requestsPerSecond).toBeCloseTo(20_000 / 725, 6);
    expect(outlookMaxThroughput({ ...OUTLOOK_POLICY, enabled: false }, 50, 10).requestsPerSecond).toBe(Infinity);
    expect(outlookMaxThroughput(OUTLOOK_POLICY, 50, 0).seconds).toBe(0);
  });

  it('matches what the simulator lets through: 40 requests at 4 concurrent with 50 ms each take at least 0.5 s', async () => {
    const token = sim.mintAccessToken();
    sim.resetThrottling();
    sim.setLatency(50);
    try {
      const started = performance.now();
      let done = 0;
      const worker = async (): Promise<void> => {
        while (done < 40) {
          done++;
          const answer = await call(sim, `/users/${ADMIN}/mailFolders/inbox`, { token });
          expect(answer.status).toBe(200);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      const seconds = (performance.now() - started) / 1000;
      expect(seconds).toBeGreaterThanOrEqual(outlookMaxThroughput(OUTLOOK_POLICY, 50, 40).seconds * 0.95);
    } finally {
      sim.setLatency(0);
    }
  });
});
