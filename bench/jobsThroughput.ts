// Throughput of the job engine against the simulator's Exchange-like throttling, side by side with
// the policy's theoretical maximum and with the naive way (one batch of 100 after another).
// The maximum is a query job's: the policy charges listing too (findRowCostMs per FindItem row,
// one row per item, from the same budget and request time as the actions), so each item costs
// itemCostMs + findRowCostMs. The items-only figure (actions alone) is printed beside it.
// The simulator runs in its own process (bench/jobsSimProcess.ts) so its CPU is not the engine's.
// The headline figure is the engine's DEFAULT configuration (no options but data folder, user and
// backend); CAP adds a run at another concurrency cap for context (CAP=0: none).
//   npx tsx bench/jobsThroughput.ts            (env: ITEMS=10000 REPS=5 LATENCY_MS=20 CAP=24 NAIVE=1; NAIVE=0 skips the naive baseline)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendRequestError, type JobBackend } from '../electron/jobs/backend';
import { DEFAULT_ACCOUNT_CONCURRENCY_CAP, DEFAULT_CONCURRENCY_CAP, JobEngine } from '../electron/jobs/engine';
import { EwsJobBackend } from '../electron/backends/ews/jobBackend';
import { BasicAuth, EwsClient } from '../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, policyMaxThroughput, type ThrottlePolicy, type ThroughputLimit } from '../electron/sim';
import { startSimProcess, type SimProcess } from './jobsSimClient';
import type { JobAction } from '../shared/domain';

const ITEMS = Number(process.env.ITEMS ?? 10_000);
const REPS = Number(process.env.REPS ?? 5);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const CAP = Number(process.env.CAP ?? 24);
const NAIVE = process.env.NAIVE !== '0';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function backendFor(sim: SimProcess): { backend: JobBackend; close: () => void } {
  const client = new EwsClient({ url: sim.url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), maxSockets: 32 });
  return { backend: new EwsJobBackend(client, { part: 'primary' }), close: () => client.close() };
}

interface Run {
  /** Items per second from start to the last outcome (enumeration included). */
  whole: number;
  /** Items per second from the first non-planning progress event (first items released) to the last outcome. */
  execution: number;
}

/** cap undefined: the engine's defaults, untouched. */
async function runEngine(sim: SimProcess, action: (dst: string) => JobAction, cap: number | undefined): Promise<Run> {
  const { src, dst } = await sim.prepare(ITEMS);
  const dir = mkdtempSync(join(tmpdir(), 'jobs-bench-'));
  const { backend, close } = backendFor(sim);
  try {
    await sim.resetThrottling();
    const engine = new JobEngine({
      dataDir: dir,
      user: DEMO_ADMIN,
      backendFor: () => backend,
      ...(cap !== undefined ? { concurrencyCap: cap, accountConcurrencyCap: Math.max(cap, DEFAULT_ACCOUNT_CONCURRENCY_CAP) } : {}),
    });
    const started = performance.now();
    const job = await engine.start({ mailbox: { part: 'primary' }, action: action(dst), target: { kind: 'query', folderId: src, filter: {} } });
    let executing = 0;
    job.onProgress((e) => {
      if (e.kind !== 'planning' && executing === 0) executing = performance.now();
    });
    const res = await job.done;
    const ended = performance.now();
    if (res.counts.done !== ITEMS) throw new Error(`engine finished ${JSON.stringify(res.counts)}`);
    return { whole: ITEMS / ((ended - started) / 1000), execution: ITEMS / ((ended - executing) / 1000) };
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What common EWS libraries do: page the folder, then one request of 100 ids at a time, waiting when told to. */
async function runNaive(sim: SimProcess, action: (dst: string) => JobAction): Promise<number> {
  const { src, dst } = await sim.prepare(ITEMS);
  const { backend, close } = backendFor(sim);
  const signal = new AbortController().signal;
  const a = action(dst);
  try {
    await sim.resetThrottling();
    const started = performance.now();
    const ids: string[] = [];
    for (let offset = 0; ;) {
      const page = await backend.listItems({ folderId: src, filter: {}, offset, max: 1000 }, signal);
      ids.push(...page.rows.map((r) => r.id));
      offset += page.rows.length;
      if (page.last || page.rows.length === 0) break;
    }
    let done = 0;
    let queue = ids;
    while (queue.length > 0) {
      const chunk = queue.slice(0, 100);
      queue = queue.slice(100);
      try {
        const results = a.kind === 'move' ? await backend.moveItems(chunk, a.toFolderId, signal) : await backend.deleteItems(chunk, 'HardDelete', signal);
        results.forEach((r, i) => {
          if (r.status === 'ok') done++;
          else if (r.status === 'retry') queue.push(chunk[i] ?? '');
        });
      } catch (err) {
        if (!(err instanceof BackendRequestError) || err.kind !== 'busy') throw err;
        await sleep(err.backOffMs || 1000);
        queue = [...chunk, ...queue];
      }
    }
    const seconds = (performance.now() - started) / 1000;
    if (done !== ITEMS) throw new Error(`naive finished ${done}`);
    return ITEMS / seconds;
  } finally {
    close();
  }
}

/**
 * The policy's best for a query job of `items` items: each item is listed once (a FindItem row)
 * and acted on once, both charged to the budget and both spending the request's time, so the
 * policy's maximum with an item costing the sum is the job's. Listing is sequential in a job but
 * not in this bound: it is what the budget allows, whatever the order.
 */
function queryJobMax(policy: ThrottlePolicy, items: number): ThroughputLimit {
  return policyMaxThroughput({ ...policy, itemCostMs: policy.itemCostMs + policy.findRowCostMs }, items);
}

async function main(): Promise<void> {
  const sim = await startSimProcess({ latencyMs: LATENCY_MS });
  const policy = sim.policy;
  const limit = queryJobMax(policy, ITEMS);
  const itemsOnly = policyMaxThroughput(policy, ITEMS);
  const pctOf = (x: number, of: ThroughputLimit): string => `${((x / of.itemsPerSecond) * 100).toFixed(1)} %`;
  const pct = (x: number): string => `${pctOf(x, limit)} of max (items only: ${pctOf(x, itemsOnly)})`;
  const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`jobs-throughput: ${ITEMS} items per run against the simulator (separate process, HTTP on 127.0.0.1) with its default Exchange-like throttling`);
  console.log(
    `  policy: maxConcurrency ${policy.maxConcurrency}, itemCost ${policy.itemCostMs} ms, findRowCost ${policy.findRowCostMs} ms, burst ${policy.burstMs} ms, recharge ${policy.rechargeMsPerSecond} ms/s; request latency ${LATENCY_MS} ms`,
  );
  console.log(
    `  theoretical maximum of a query job (policyMaxThroughput, full balance at start, ${policy.maxConcurrency} requests at once, each item charged itemCost + findRowCost = ${policy.itemCostMs + policy.findRowCostMs} ms: its action and its FindItem row): ${limit.itemsPerSecond.toFixed(0)} items/s`,
  );
  console.log(
    `  items-only maximum (the actions alone, listing not counted; the figure before listing was charged): ${itemsOnly.itemsPerSecond.toFixed(0)} items/s`,
  );
  console.log('  the target (≥ 90 %) is compared against the query-job maximum; "items only" percentages are against the items-only maximum.');
  console.log(
    `  each run: fresh folder of ${ITEMS} items, budget reset, query target; one warm-up run, then ${REPS} repetitions (engine default${CAP ? `, cap ${CAP}` : ''}${NAIVE ? ', naive' : ''}, interleaved), median.`,
  );
  console.log(
    `  engine default = JobEngine with no tuning options: concurrency cap ${DEFAULT_CONCURRENCY_CAP}, starting at the cap, adaptive batches (100 → ≤ 500).`,
  );
  console.log('  "whole" = start() to last outcome, listing included (listing and acting overlap); "execution" = first items released to last outcome.');
  const actions: [string, (dst: string) => JobAction][] = [
    ['HardDelete', () => ({ kind: 'delete', mode: 'HardDelete' })],
    ['move', (dst) => ({ kind: 'move', toFolderId: dst })],
  ];
  // One unrecorded run first, so that module loading and JIT warm-up do not land in the first figure.
  await runEngine(sim, actions[0]?.[1] ?? (() => ({ kind: 'delete', mode: 'HardDelete' })), undefined);
  for (const [name, action] of actions) {
    const ours: Run[] = [];
    const oursCap: Run[] = [];
    const naive: number[] = [];
    for (let r = 0; r < REPS; r++) {
      ours.push(await runEngine(sim, action, undefined));
      if (CAP) oursCap.push(await runEngine(sim, action, CAP));
      if (NAIVE) naive.push(await runNaive(sim, action));
    }
    const n = median(naive);
    console.log(`\n${name} × ${ITEMS}:`);
    const rows: [string, Run[]][] = [[`engine, DEFAULT configuration (cap ${DEFAULT_CONCURRENCY_CAP})`, ours]];
    if (CAP) rows.push([`engine, concurrency cap ${CAP} (context)`, oursCap]);
    for (const [label, runs] of rows) {
      const whole = median(runs.map((r) => r.whole));
      const exec = median(runs.map((r) => r.execution));
      console.log(
        `  ${label}: whole ${whole.toFixed(0)} items/s = ${pct(whole)} (runs ${list(runs.map((r) => r.whole))}); execution ${exec.toFixed(0)} items/s = ${pct(exec)} (runs ${list(runs.map((r) => r.execution))})${NAIVE ? `; ${(whole / n).toFixed(1)}× naive` : ''}`,
      );
    }
    if (NAIVE) console.log(`  naive, sequential batches of 100 (enumeration included): ${n.toFixed(0)} items/s = ${pct(n)} (runs ${list(naive)})`);
  }
  await sim.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
