// Throttling like Exchange's: the busy fault with BackOffMilliseconds, micro-delays inside a batch,
// the one-minute batch time limit in its switchable shapes (never a bare per-item ErrorServerBusy),
// the budget owner under impersonation, finds charged per row, the concurrency cap, and the
// policy's theoretical maximum. Every answer recorded here is validated against the EWS schemas.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHES } from '../../electron/sim/switches';
import { EXCHANGE_LIKE_POLICY, policyMaxThroughput, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import {
  ADMIN,
  codes,
  deleteItems,
  dist,
  fault,
  fid,
  findFolder,
  findItem,
  getFolder,
  iid,
  messages,
  moveItems,
  post,
  type HttpAnswer,
  type PostOptions,
} from './helpers';

let sim: RunningSimulator;
let ids: string[] = [];
let inbox = '';
/** Every answer of this file, validated against the schemas at the end. */
const recorded: NamedDocument[] = [];
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  ids = sim.store.seedItems(inbox, 10);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setThrottling({ ...EXCHANGE_LIKE_POLICY });
  sim.resetThrottling();
  sim.setFaults({ requestLatencyMs: 0 });
  sim.setSwitches({ throttleBudgetOwner: DEFAULT_SWITCHES.throttleBudgetOwner, batchTimeLimit: DEFAULT_SWITCHES.batchTimeLimit });
});

async function send(name: string, body: string, options: PostOptions = {}): Promise<HttpAnswer> {
  const answer = await post(sim, body, options);
  recorded.push({ name, xml: answer.text });
  return answer;
}

/** No ResponseMessage may carry ErrorServerBusy itself: only faults and inner codes do. */
function expectNoBareBusy(answer: HttpAnswer): void {
  for (const m of messages(answer.text)) expect(m.code).not.toBe('ErrorServerBusy');
}

const getItems = (list: string[]) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds>${list.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`;

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
});

describe('batch time limit (switch batchTimeLimit)', () => {
  it("'innerServerBusy' (default): inputs past the limit get HTTP 200 ErrorInternalServerError wrapping ErrorServerBusy", async () => {
    expect(DEFAULT_SWITCHES.batchTimeLimit).toBe('innerServerBusy');
    sim.setThrottling({ itemCostMs: 4, batchBudgetMs: 10 });
    const answer = await send('GetItem time limit, inner busy', getItems(ids.slice(0, 5)));
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(['NoError', 'NoError', 'ErrorInternalServerError', 'ErrorInternalServerError', 'ErrorInternalServerError']);
    const late = messages(answer.text)[2];
    expect(late?.cls).toBe('Error');
    expect(late?.xml).toContain('<t:Value Name="InnerErrorResponseCode">ErrorServerBusy</t:Value>');
    expect(late?.xml).not.toContain('BackOffMilliseconds');
    expectNoBareBusy(answer);
  });

  it("'ErrorTimeoutExpired': inputs past the limit get ErrorTimeoutExpired and are left untouched", async () => {
    sim.setSwitches({ batchTimeLimit: 'ErrorTimeoutExpired' });
    sim.setThrottling({ itemCostMs: 4, batchBudgetMs: 10 });
    const doomed = sim.store.seedItems(inbox, 4);
    const answer = await send('DeleteItem time limit, ErrorTimeoutExpired', deleteItems(doomed, 'HardDelete'));
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(['NoError', 'NoError', 'ErrorTimeoutExpired', 'ErrorTimeoutExpired']);
    expect(doomed.map((id) => sim.store.locate(id) !== undefined)).toEqual([false, false, true, true]);
  });

  it("'timeoutFault': the request answers an HTTP 500 ErrorTimeoutExpired fault, the inputs before the limit stay done", async () => {
    sim.setSwitches({ batchTimeLimit: 'timeoutFault' });
    sim.setThrottling({ itemCostMs: 4, batchBudgetMs: 10 });
    const doomed = sim.store.seedItems(inbox, 4);
    const answer = await send('DeleteItem time limit, fault', deleteItems(doomed, 'HardDelete'));
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorTimeoutExpired');
    expect(doomed.map((id) => sim.store.locate(id) !== undefined)).toEqual([false, false, true, true]);
  });

  it('counts the waits for recharge towards the limit (execution time, not budget spent)', async () => {
    // 3 ms per item, 1 ms of balance recharging at 100 ms/s: the second item waits ~20 ms, past the 15 ms limit.
    sim.setThrottling({ itemCostMs: 3, burstMs: 1, rechargeMsPerSecond: 100, batchBudgetMs: 15 });
    const answer = await send('GetItem time limit after a wait', getItems(ids.slice(0, 3)));
    expect(codes(answer.text)).toEqual(['NoError', 'ErrorInternalServerError', 'ErrorInternalServerError']);
  });

  it('never writes a bare per-item ErrorServerBusy, whatever the operation runs out of', async () => {
    sim.setThrottling({ itemCostMs: 4, findRowCostMs: 4, batchBudgetMs: 10 });
    const work = sim.store.createFolder(inbox, 'busy work').id;
    const subs = [0, 1, 2].map((i) => sim.store.createFolder(work, `sub ${i}`).id);
    sim.store.seedItems(work, 5);
    const moving = sim.store.seedItems(inbox, 4);
    const answers = [
      await send('GetItem out of time', getItems(ids.slice(0, 4))),
      await send('MoveItem out of time', moveItems(moving, fid(work))),
      await send('FindItem out of time', findItem(`${fid(work)}${fid(work)}`)),
      await send('FindFolder out of time', findFolder(`${fid(work)}${fid(work)}`)),
      await send('GetFolder out of time', getFolder(subs.map((id) => fid(id)).join(''))),
      await send(
        'EmptyFolder out of time',
        `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="false"><m:FolderIds>${subs.map((id) => fid(id)).join('')}</m:FolderIds></m:EmptyFolder>`,
      ),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(codes(answer.text)).toContain('ErrorInternalServerError');
      expectNoBareBusy(answer);
    }
    sim.setThrottling(false);
    sim.setFaults({ itemErrorRates: { ErrorServerBusy: 1 } });
    try {
      const injected = await send('DeleteItem injected busy', deleteItems(sim.store.seedItems(inbox, 2), 'HardDelete'));
      expect(codes(injected.text)).toEqual(['ErrorInternalServerError', 'ErrorInternalServerError']);
      expectNoBareBusy(injected);
    } finally {
      sim.setFaults({ itemErrorRates: { ErrorServerBusy: 0 } });
    }
  });
});

describe('budget owner under impersonation (switch throttleBudgetOwner)', () => {
  const spend = { itemCostMs: 50, burstMs: 10, rechargeMsPerSecond: 1 };
  const asAlice = { impersonate: 'alice@contoso.com' };
  const asBob = { impersonate: 'bob@contoso.com' };

  it("'impersonated' (default): the impersonated mailbox's own copy of the budget pays, not the caller's nor the owner's", async () => {
    expect(DEFAULT_SWITCHES.throttleBudgetOwner).toBe('impersonated');
    sim.setThrottling(spend);
    expect((await send('impersonated spend', getFolder(dist('inbox')), asAlice)).status).toBe(200);
    const busy = await send('impersonated busy', getFolder(dist('inbox')), asAlice);
    expect(busy.status).toBe(500);
    expect(fault(busy.text)?.code).toBe('ErrorServerBusy');
    expect(Number(fault(busy.text)?.values['BackOffMilliseconds'])).toBeGreaterThan(0);
    // The service account itself, another impersonated mailbox, and alice signed in herself still have theirs.
    expect((await send('caller own budget', getFolder(dist('inbox')))).status).toBe(200);
    expect((await send('other impersonated mailbox', getFolder(dist('inbox')), asBob)).status).toBe(200);
    expect((await send('owner signed in', getFolder(dist('inbox')), { user: 'alice@contoso.com' })).status).toBe(200);
  });

  it("'caller': the authenticated service account pays for every mailbox it impersonates", async () => {
    sim.setSwitches({ throttleBudgetOwner: 'caller' });
    sim.setThrottling(spend);
    expect((await send('caller spend', getFolder(dist('inbox')), asAlice)).status).toBe(200);
    for (const options of [asAlice, asBob, {}]) {
      const busy = await send('caller busy', getFolder(dist('inbox')), options);
      expect(busy.status).toBe(500);
      expect(fault(busy.text)?.code).toBe('ErrorServerBusy');
    }
    expect((await send('owner signed in', getFolder(dist('inbox')), { user: 'alice@contoso.com' })).status).toBe(200);
  });

  it('counts concurrency per budget too: one open request per impersonated mailbox with maxConcurrency 1', async () => {
    sim.setThrottling({ maxConcurrency: 1 });
    sim.setFaults({ requestLatencyMs: 200 });
    const both = await Promise.all([send('concurrent alice', getFolder(dist('inbox')), asAlice), send('concurrent bob', getFolder(dist('inbox')), asBob)]);
    expect(both.map((a) => a.status)).toEqual([200, 200]);
    sim.setSwitches({ throttleBudgetOwner: 'caller' });
    const shared = await Promise.all([
      send('concurrent alice (caller)', getFolder(dist('inbox')), asAlice),
      send('concurrent bob (caller)', getFolder(dist('inbox')), asBob),
    ]);
    expect(shared.map((a) => a.status).sort()).toEqual([200, 500]);
    expect(shared.map((a) => fault(a.text)?.code).filter((c) => c !== undefined)).toEqual(['ErrorExceededConnectionCount']);
  });
});

describe('finds are charged per row returned', () => {
  it('FindItem: a page of 20 rows spends 20 rows of budget, a page of 5 only 5', async () => {
    const folder = sim.store.createFolder(inbox, 'rows').id;
    sim.store.seedItems(folder, 20);
    // 10 ms per row, 100 ms of balance, no per-item cost: a per-call charge could never run out.
    sim.setThrottling({ itemCostMs: 0, findRowCostMs: 10, burstMs: 100, rechargeMsPerSecond: 1 });
    const page = (n: number): string => findItem(fid(folder), `<m:IndexedPageItemView MaxEntriesReturned="${n}" Offset="0" BasePoint="Beginning"/>`);
    expect(codes((await send('FindItem 5 rows', page(5))).text)).toEqual(['NoError']);
    expect((await send('FindItem after 5 rows', getFolder(dist('inbox')))).status).toBe(200);
    sim.resetThrottling();
    const started = performance.now();
    expect(codes((await send('FindItem 20 rows', page(20))).text)).toEqual(['NoError']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const busy = await send('FindItem after 20 rows', getFolder(dist('inbox')));
    expect(busy.status).toBe(500);
    expect(fault(busy.text)?.code).toBe('ErrorServerBusy');
  });

  it('FindFolder: charged per folder returned', async () => {
    const parent = sim.store.createFolder(inbox, 'many folders').id;
    for (let i = 0; i < 12; i++) sim.store.createFolder(parent, `f${i}`);
    sim.setThrottling({ itemCostMs: 0, findRowCostMs: 10, burstMs: 100, rechargeMsPerSecond: 1 });
    expect(codes((await send('FindFolder 12 rows', findFolder(fid(parent)))).text)).toEqual(['NoError']);
    const busy = await send('FindFolder after 12 rows', getFolder(dist('inbox')));
    expect(busy.status).toBe(500);
    expect(fault(busy.text)?.code).toBe('ErrorServerBusy');
  });

  it('an empty page still costs one row', async () => {
    const empty = sim.store.createFolder(inbox, 'empty rows').id;
    sim.setThrottling({ itemCostMs: 0, findRowCostMs: 20, burstMs: 10, rechargeMsPerSecond: 1 });
    expect(codes((await send('FindItem empty', findItem(fid(empty)))).text)).toEqual(['NoError']);
    expect((await send('FindItem empty then busy', getFolder(dist('inbox')))).status).toBe(500);
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
    expect(fault(refused?.text ?? '')).toEqual({
      code: 'ErrorExceededConnectionCount',
      values: expect.objectContaining({ MaxConcurrencyLimit: '2', Policy: 'MaxConcurrency' }) as unknown,
    });
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

describe.skipIf(!schemaAvailable)('schema', () => {
  it('every answer above validates against the EWS schemas', async () => {
    expect(recorded.length).toBeGreaterThan(20);
    expect(await validateEnvelopeBodies(recorded)).toEqual([]);
  });
});
