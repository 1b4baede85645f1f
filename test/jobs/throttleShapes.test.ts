// The engine over the real EWS client against every shape the simulator's batch time limit can
// answer in (switch batchTimeLimit) and against budgets charged to the impersonated mailbox:
// an item the server had no time for is retried, never reported failed, and nothing is done twice.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, NO_FAULTS, startSimulator, type RunningSimulator } from '../../electron/sim';
import { BackendRequestError, type ItemResult } from '../../electron/jobs/backend';
import type { SemanticSwitches } from '../../electron/sim/switches';
import type { MailboxRef } from '../../shared/domain';
import { makeEngine, tempDir } from './helpers';
import { ewsBackend, RecordingBackend } from './simHarness';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const closers: (() => void)[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(async () => {
  for (const c of closers) c();
  await sim.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  sim.setFaults({ ...NO_FAULTS, seed: 3 });
  sim.resetThrottling();
});
afterEach(() => {
  cleanup();
  sim.setThrottling(false);
  sim.setSwitches({ batchTimeLimit: 'innerServerBusy', throttleBudgetOwner: 'impersonated' });
});

let folderCounter = 0;
function freshFolder(user = DEMO_ADMIN): string {
  const inbox = sim.store.folderByDistinguished(user, 'inbox');
  if (!inbox) throw new Error(`no inbox for ${user}`);
  return sim.store.createFolder(inbox.id, `T${++folderCounter}`).id;
}

/** A RecordingBackend that also counts, by code, the answers that cut a batch off. */
function counting(mailbox: MailboxRef): RecordingBackend & { cutOff: Map<string, number> } {
  const { backend, client } = ewsBackend(sim.url, mailbox);
  closers.push(() => client.close());
  const recorder = new RecordingBackend(backend);
  const cutOff = new Map<string, number>();
  const count = (code: string): void => void cutOff.set(code, (cutOff.get(code) ?? 0) + 1);
  const watch = async (call: Promise<ItemResult[]>): Promise<ItemResult[]> => {
    try {
      const results = await call;
      for (const r of results) if (r.status === 'retry') count(r.code);
      return results;
    } catch (err) {
      count(err instanceof BackendRequestError ? err.code : 'thrown');
      throw err;
    }
  };
  const remove = recorder.deleteItems;
  const move = recorder.moveItems;
  recorder.deleteItems = (ids, mode, signal) => watch(remove(ids, mode, signal));
  recorder.moveItems = (ids, to, signal) => watch(move(ids, to, signal));
  return Object.assign(recorder, { cutOff });
}

function engineOn(b: RecordingBackend) {
  // Batches start at 400 items: above what the tight limit below lets one request do.
  return makeEngine(dir, b, { requestTimeoutMs: 5_000, batch: { initial: 400 }, backoff: { defaultBusyMs: 10, baseMs: 5, maxMs: 50, maxAttempts: 8 } });
}

// 1 ms per item and 300 ms per request: a batch of 400 runs out of time, a GetItem lookup of 250 ids does not.
const TIGHT_LIMIT = { enabled: true, itemCostMs: 1, burstMs: 100_000, rechargeMsPerSecond: 100_000, maxConcurrency: 27, batchBudgetMs: 300 };
const CUT_CODE = { innerServerBusy: 'ErrorServerBusy', ErrorTimeoutExpired: 'ErrorTimeoutExpired', timeoutFault: 'ErrorTimeoutExpired' } as const;

describe.each<SemanticSwitches['batchTimeLimit']>(['innerServerBusy', 'ErrorTimeoutExpired', 'timeoutFault'])('batch time limit answered as %s', (shape) => {
  it('deletes every item: the ones cut off are retried, none failed', async () => {
    sim.setSwitches({ batchTimeLimit: shape });
    sim.setThrottling(TIGHT_LIMIT);
    const src = freshFolder();
    sim.store.seedItems(src, 2000);
    const b = counting({ part: 'primary' });
    const res = await (
      await engineOn(b).start({
        mailbox: { part: 'primary' },
        action: { kind: 'delete', mode: 'HardDelete' },
        target: { kind: 'query', folderId: src, filter: {} },
      })
    ).done;
    expect(res.counts.failed).toBe(0);
    expect(res.counts.unknown).toBe(0);
    expect(res.counts.done + res.counts.alreadyGone).toBe(2000);
    expect(sim.store.itemCount(src)).toBe(0);
    expect(b.cutOff.get(CUT_CODE[shape]) ?? 0).toBeGreaterThan(0);
  });

  it('moves every item exactly once', async () => {
    sim.setSwitches({ batchTimeLimit: shape });
    sim.setThrottling(TIGHT_LIMIT);
    const src = freshFolder();
    const dst = freshFolder();
    const ids = sim.store.seedItems(src, 2000);
    const b = counting({ part: 'primary' });
    const res = await (await engineOn(b).start({ mailbox: { part: 'primary' }, action: { kind: 'move', toFolderId: dst }, target: { kind: 'ids', ids } })).done;
    expect(res.counts.failed).toBe(0);
    expect(res.counts.unknown).toBe(0);
    expect(res.counts.done).toBe(2000);
    expect(sim.store.itemCount(dst)).toBe(2000);
    expect(sim.store.itemCount(src)).toBe(0);
    expect([...b.okMoves.values()].every((n) => n === 1)).toBe(true);
    expect(b.movedNewIds).toEqual([]);
    expect(b.cutOff.get(CUT_CODE[shape]) ?? 0).toBeGreaterThan(0);
  });
});

describe('budget charged to the impersonated mailbox', () => {
  it('a job under impersonation finishes against a tight budget whichever the owner switch says', async () => {
    for (const owner of ['impersonated', 'caller'] as const) {
      sim.setSwitches({ throttleBudgetOwner: owner });
      sim.setThrottling({ enabled: true, itemCostMs: 1, burstMs: 200, rechargeMsPerSecond: 2_000, maxConcurrency: 27, batchBudgetMs: 60_000 });
      sim.resetThrottling();
      const src = freshFolder('alice@contoso.com');
      sim.store.seedItems(src, 1500);
      const mailbox: MailboxRef = { part: 'primary', smtp: 'alice@contoso.com' };
      const res = await (
        await engineOn(counting(mailbox)).start({
          mailbox,
          action: { kind: 'delete', mode: 'HardDelete' },
          target: { kind: 'query', folderId: src, filter: {} },
        })
      ).done;
      expect(res.counts.failed, owner).toBe(0);
      expect(res.counts.done, owner).toBe(1500);
      expect(sim.store.itemCount(src), owner).toBe(0);
    }
  });
});
