// Aggregate throughput of one job over many mailboxes (issue 11) against the simulator, with 1, 10
// and 100 mailboxes sharing the same number of items, as a share of the throttling policy's
// theoretical aggregate maximum. The job runs through the real path: the service's multi-mailbox
// use-case signs in per mailbox (impersonation), searches each inbox with the filter, and runs one
// single-mailbox job per mailbox under the coordinator. The simulator runs in its own process.
//
// Whose budget pays is the simulator's switch throttleBudgetOwner (printed with each figure):
// - 'caller' (default here): one budget for the service account; the aggregate maximum is that
//   one budget's policyMaxThroughput for all the items, however many mailboxes.
// - 'impersonated': a budget per impersonated mailbox, so the aggregate maximum grows with the
//   mailboxes. Unscaled, 100 budgets allow over a million items/s, which says nothing about the
//   client on a 2-core machine; so in this mode the policy is scaled per run to keep the aggregate
//   allowance at one account's (recharge and burst divided by the mailbox count), and the client
//   works every mailbox at once (--parallel = mailboxes), as it must to use independent budgets.
// It runs as the app and the command line do, with UV_THREADPOOL_SIZE=16 (libuv's pool, which every
// journal fsync waits on): started without it, it runs itself again with it set (appThreadPool.ts).
//   npx tsx bench/multiMailbox.ts      (env: ITEMS=30000 REPS=3 LATENCY_MS=20 MAILBOXES=1,10,100 OWNERS=caller,impersonated)
import './appThreadPool';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, EXCHANGE_LIKE_POLICY, policyMaxThroughput, startSimulator, type ThrottlePolicy, type UserConfig } from '../electron/sim';
import { registerBackends } from '../electron/backends';
import { createMultiMailboxService } from '../electron/service/multiMailbox';

type Owner = 'caller' | 'impersonated';
const ITEMS = Number(process.env.ITEMS ?? 30_000);
const REPS = Number(process.env.REPS ?? 3);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const COUNTS = (process.env.MAILBOXES ?? '1,10,100').split(',').map(Number);
const OWNERS = (process.env.OWNERS ?? 'caller,impersonated').split(',') as Owner[];
const ADMIN = 'admin@contoso.com';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** The policy a run uses: Exchange-like; in 'impersonated' mode scaled so N budgets allow what one does. */
function policyFor(owner: Owner, mailboxes: number): ThrottlePolicy {
  if (owner === 'caller') return { ...EXCHANGE_LIKE_POLICY };
  return {
    ...EXCHANGE_LIKE_POLICY,
    burstMs: EXCHANGE_LIKE_POLICY.burstMs / mailboxes,
    rechargeMsPerSecond: EXCHANGE_LIKE_POLICY.rechargeMsPerSecond / mailboxes,
  };
}

/**
 * The policy's best aggregate items/s: one budget for all items, or N budgets working at once. As in
 * bench/jobsThroughput.ts the headline maximum is a query job's, each item charged its action and
 * its FindItem row (itemCostMs + findRowCostMs); `itemsOnly` charges the actions alone.
 */
function aggregateMax(owner: Owner, policy: ThrottlePolicy, mailboxes: number, itemsOnly = false): number {
  const charged = itemsOnly ? policy : { ...policy, itemCostMs: policy.itemCostMs + policy.findRowCostMs };
  if (owner === 'caller') return policyMaxThroughput(charged, ITEMS).itemsPerSecond;
  return ITEMS / policyMaxThroughput(charged, ITEMS / mailboxes).seconds;
}

// ---- the simulator's process ---------------------------------------------------------------

interface SimSetup {
  owner: Owner;
  mailboxes: number;
  policy: ThrottlePolicy;
}

async function simChild(setup: SimSetup): Promise<void> {
  const users: UserConfig[] = [{ smtp: ADMIN, name: 'Admin', password: DEMO_PASSWORD, canImpersonate: true, hasArchive: false }];
  for (let i = 0; i < setup.mailboxes; i++) users.push({ smtp: `user${i}@contoso.com`, name: `User ${i}`, password: DEMO_PASSWORD, hasArchive: false });
  const sim = await startSimulator({
    users,
    seed: 'empty',
    throttling: setup.policy,
    switches: { throttleBudgetOwner: setup.owner },
    onInternalError: (e) => console.error(e),
  });
  sim.setFaults({ requestLatencyMs: LATENCY_MS });
  let round = 0;
  process.on('message', (m: { cmd: 'prepare' }) => {
    if (m.cmd !== 'prepare') return;
    round++;
    const per = Math.floor(ITEMS / setup.mailboxes);
    for (let i = 0; i < setup.mailboxes; i++) {
      const inbox = sim.store.folderByDistinguished(`user${i}@contoso.com`, 'inbox');
      if (!inbox) throw new Error('no inbox');
      sim.store.seedItems(inbox.id, per, { subject: (k) => `bench-r${round}-${k}`, receivedStepSeconds: 1 });
    }
    sim.resetThrottling();
    process.send?.({ subject: `bench-r${round}-` });
  });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ url: sim.url });
}

function startSim(setup: SimSetup): Promise<{ url: string; prepare(): Promise<string>; close(): Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['sim', JSON.stringify(setup)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  return next<{ url: string }>().then(({ url }) => ({
    url,
    prepare: async () => {
      const reply = next<{ subject: string }>();
      child.send({ cmd: 'prepare' });
      return (await reply).subject;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  }));
}

// ---- the client ----------------------------------------------------------------------------

async function runOnce(url: string, subject: string, owner: Owner, mailboxes: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'multi-bench-'));
  registerBackends();
  const service = createMultiMailboxService({
    dataDir,
    connection: { url, authKind: 'basic', user: ADMIN, secret: DEMO_PASSWORD, demo: false },
    budgetOwner: owner,
    // Independent budgets are only used when every mailbox works at once.
    ...(process.env.PARALLEL ? { parallelMailboxes: Number(process.env.PARALLEL) } : owner === 'impersonated' ? { parallelMailboxes: mailboxes } : {}),
  });
  try {
    const list = Array.from({ length: mailboxes }, (_, i) => `user${i}@contoso.com`);
    const started = performance.now();
    const job = await service.start({
      search: {
        mailboxes: list,
        parts: 'primary',
        folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
        dumpster: false,
        filter: { subjectContains: subject },
      },
      action: { kind: 'delete', mode: 'HardDelete' },
    });
    const summary = await job.done;
    const ended = performance.now();
    const items = Math.floor(ITEMS / mailboxes) * mailboxes;
    if (summary.counts.done !== items) {
      const troubled = summary.mailboxes.filter((m) => m.state !== 'done').map((m) => `${m.mailbox} ${m.state}: ${m.reason ?? ''}`);
      throw new Error(`job ended ${JSON.stringify(summary.counts)} of ${items}; ${troubled.join('; ')}`);
    }
    return items / ((ended - started) / 1000);
  } finally {
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`multi-mailbox: ${ITEMS} items per run spread over 1, 10 or 100 mailboxes (one inbox each), HardDelete through the service's multi-mailbox job`);
  console.log(
    `  simulator in its own process, request latency ${LATENCY_MS} ms; each run: fresh items, budgets reset; ${REPS} repetitions after one warm-up, median; UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '(default 4)'}`,
  );
  console.log("  items/s = items / (start() to the last outcome), every mailbox's sign-in, search and listing included");
  for (const owner of OWNERS) {
    for (const n of COUNTS) {
      const policy = policyFor(owner, n);
      const max = aggregateMax(owner, policy, n);
      const itemsOnly = aggregateMax(owner, policy, n, true);
      const sim = await startSim({ owner, mailboxes: n, policy });
      try {
        await runOnce(sim.url, await sim.prepare(), owner, n);
        const runs: number[] = [];
        for (let r = 0; r < REPS; r++) runs.push(await runOnce(sim.url, await sim.prepare(), owner, n));
        const rate = median(runs);
        console.log(
          `  throttleBudgetOwner ${owner}, ${String(n).padStart(3)} mailbox${n === 1 ? '  ' : 'es'}: ${rate.toFixed(0)} items/s = ${((rate / max) * 100).toFixed(1)} % of the aggregate maximum ${max.toFixed(0)} items/s` +
            ` (items-only maximum ${itemsOnly.toFixed(0)}: ${((rate / itemsOnly) * 100).toFixed(1)} %)` +
            ` (policy: burst ${policy.burstMs} ms, recharge ${policy.rechargeMsPerSecond} ms/s, ${policy.itemCostMs} ms/item, ${policy.maxConcurrency} concurrent; runs ${runs.map((r) => r.toFixed(0)).join(', ')})`,
        );
      } finally {
        await sim.close();
      }
    }
  }
}

if (process.argv[2] === 'sim') void simChild(JSON.parse(process.argv[3] ?? '{}') as SimSetup);
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
