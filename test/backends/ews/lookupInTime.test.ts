// The EWS job backend's lookups against a server whose batch time limit answers as a fault
// (switch batchTimeLimit 'timeoutFault'): a GetItem too long for the limit is asked again in
// halves until each part fits, so every id gets its row, in the order asked; a single id the
// server still has no time for fails as before, and per-item time-limit answers are not split.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EwsClient } from '../../../electron/ews';
import { BackendRequestError } from '../../../electron/jobs/backend';
import { DEMO_ADMIN, startSimulator, type RunningSimulator } from '../../../electron/sim';
import { ewsBackend } from '../../jobs/simHarness';

let sim: RunningSimulator;
const clients: EwsClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterEach(() => {
  sim.setThrottling(false);
  sim.setSwitches({ batchTimeLimit: 'innerServerBusy' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
});

let folders = 0;
function seeded(n: number): string[] {
  const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
  if (!inbox) throw new Error('no inbox');
  const folder = sim.store.createFolder(inbox.id, `Lookup ${++folders}`);
  return sim.store.seedItems(folder.id, n, { subject: (i) => `lookup-${folders}-${i}` });
}

/** The backend, and how many GetItem requests it sent. */
function backendCounting(): { backend: ReturnType<typeof ewsBackend>['backend']; getItemCalls: () => number } {
  const { backend, client } = ewsBackend(sim.url, { part: 'primary' });
  clients.push(client);
  let calls = 0;
  const getItem = client.getItem.bind(client);
  client.getItem = (...args: Parameters<EwsClient['getItem']>) => {
    calls++;
    return getItem(...args);
  };
  return { backend, getItemCalls: () => calls };
}

// 1 ms of server time per item and 100 ms per request: 250 ids never fit, a few dozen do.
const LIMIT = { enabled: true, itemCostMs: 1, burstMs: 100_000, rechargeMsPerSecond: 100_000, maxConcurrency: 27, batchBudgetMs: 100 };

describe('lookups under a batch time limit answered as a fault', () => {
  it('250 ids: asked again in halves, every item found in the order asked', async () => {
    const ids = seeded(250);
    sim.setSwitches({ batchTimeLimit: 'timeoutFault' });
    sim.setThrottling(LIMIT);
    const { backend, getItemCalls } = backendCounting();
    const found = await backend.getItems(ids, new AbortController().signal);
    expect(found.map((f) => f.status)).toEqual(ids.map(() => 'found'));
    expect(found.map((f) => (f.status === 'found' ? f.row.subject : ''))).toEqual(ids.map((_, i) => `lookup-${folders}-${i}`));
    // At least 250 → 125 → 63: the first two ran out of time.
    expect(getItemCalls()).toBeGreaterThanOrEqual(7);
  });

  it('one id the server has no time for still fails the lookup (nothing left to split)', async () => {
    const ids = seeded(2);
    sim.setSwitches({ batchTimeLimit: 'timeoutFault' });
    sim.setThrottling({ ...LIMIT, itemCostMs: 200 });
    const { backend, getItemCalls } = backendCounting();
    const error = await backend.getItems(ids, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendRequestError);
    expect(error).toMatchObject({ code: 'ErrorTimeoutExpired', kind: 'transient' });
    // Both ids together, then the first alone: it fails there.
    expect(getItemCalls()).toBe(2);
  });

  it('per-item time-limit answers (the other shapes) come back as retries of those items, not split', async () => {
    const ids = seeded(250);
    sim.setSwitches({ batchTimeLimit: 'ErrorTimeoutExpired' });
    sim.setThrottling(LIMIT);
    const { backend, getItemCalls } = backendCounting();
    const found = await backend.getItems(ids, new AbortController().signal);
    expect(getItemCalls()).toBe(1);
    expect(found.some((f) => f.status === 'found')).toBe(true);
    expect(found.some((f) => f.status === 'retry' && f.code === 'ErrorTimeoutExpired')).toBe(true);
  });
});
