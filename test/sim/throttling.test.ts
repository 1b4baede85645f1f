// Throttling like Exchange's: the busy fault with BackOffMilliseconds, micro-delays inside a batch,
// the one-minute batch budget, the concurrency cap, and the policy's theoretical maximum.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXCHANGE_LIKE_POLICY, policyMaxThroughput, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, dist, fault, getFolder, iid, post } from './helpers';

let sim: RunningSimulator;
let ids: string[] = [];
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ids = sim.store.seedItems(sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '', 10);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setThrottling({ ...EXCHANGE_LIKE_POLICY });
  sim.resetThrottling();
  sim.setFaults({ requestLatencyMs: 0 });
});

const getItems = (list: string[]) => `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds>${list.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`;

describe('time budget', () => {
  it('answers a request arriving with a negative balance with ErrorServerBusy and BackOffMilliseconds, then recovers', async () => {
    sim.setThrottling({ itemCostMs: 50, burstMs: 10, rechargeMsPerSecond: 100 });
    expect(codes((await post(sim, getItems([ids[0] ?? '']))).text)).toEqual(['NoError']);
    const busy = await post(sim, getItems([ids[0] ?? '']));
    expect(busy.status).toBe(500);
    const detail = fault(busy.text);
    expect(detail?.code).toBe('ErrorServerBusy');
    const backOff = Number(detail?.values['BackOffMilliseconds']);
    // Balance ≈ 10 − 50 + recharge during the 50 ms = −35 ms → 350 ms to reach zero at 100 ms/s.
    expect(backOff).toBeGreaterThan(250);
    expect(backOff).toBeLessThanOrEqual(400);
    await new Promise((r) => setTimeout(r, backOff + 20));
    expect(codes((await post(sim, getItems([ids[0] ?? '']))).text)).toEqual(['NoError']);
  });

  it('makes items beyond the balance wait for recharge inside a batch (micro-delay), and charges wall time per item', async () => {
    sim.setThrottling({ itemCostMs: 20, burstMs: 10, rechargeMsPerSecond: 200 });
    const started = performance.now();
    expect(codes((await post(sim, getItems(ids.slice(0, 3)))).text)).toEqual(['NoError', 'NoError', 'NoError']);
    // 3 × 20 ms of work plus roughly 100 ms of waiting for the balance to come back to zero.
    expect(performance.now() - started).toBeGreaterThan(120);
  });

  it('stops a batch at its budget: later items get per-item ErrorServerBusy with BackOffMilliseconds', async () => {
    sim.setThrottling({ itemCostMs: 4, batchBudgetMs: 10 });
    const answer = await post(sim, getItems(ids.slice(0, 5)));
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(['NoError', 'NoError', 'ErrorServerBusy', 'ErrorServerBusy', 'ErrorServerBusy']);
    expect(answer.text).toContain('<m:MessageXml><t:Value Name="BackOffMilliseconds">');
  });
});

describe('concurrency', () => {
  it('refuses a request beyond maxConcurrency with ErrorExceededConnectionCount while the open ones carry on', async () => {
    sim.setThrottling({ maxConcurrency: 2 });
    sim.setFaults({ requestLatencyMs: 300 });
    const answers = await Promise.all([0, 1, 2].map(() => post(sim, getFolder(dist('inbox')))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 500]);
    const refused = answers.find((a) => a.status === 500);
    expect(fault(refused?.text ?? '')).toEqual({ code: 'ErrorExceededConnectionCount', values: expect.objectContaining({ MaxConcurrencyLimit: '2', Policy: 'MaxConcurrency' }) as unknown });
  });

  it('has no cap and no budget when throttling is off', async () => {
    sim.setThrottling(false);
    sim.setFaults({ requestLatencyMs: 100 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(sim, getFolder(dist('inbox')))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });
});

describe('policyMaxThroughput', () => {
  it('is the concurrency-cap rate while the burst lasts, then tends to the recharge rate', () => {
    const small = policyMaxThroughput(EXCHANGE_LIKE_POLICY, 1000);
    expect(small.itemsPerSecond).toBeCloseTo(13_500);
    const large = policyMaxThroughput(EXCHANGE_LIKE_POLICY, 1_000_000);
    expect(large.itemsPerSecond).toBeGreaterThan(2_500);
    expect(large.itemsPerSecond).toBeLessThan(2_520);
    expect(large.seconds).toBeCloseTo(1_000_000 / large.itemsPerSecond);
    expect(policyMaxThroughput({ ...EXCHANGE_LIKE_POLICY, enabled: false }, 10).itemsPerSecond).toBe(Infinity);
    expect(policyMaxThroughput({ ...EXCHANGE_LIKE_POLICY, maxConcurrency: 2, rechargeMsPerSecond: 5000 }, 1_000_000).itemsPerSecond).toBeCloseTo(1000);
  });
});
