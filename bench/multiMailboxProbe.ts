// Diagnostic for bench/multiMailbox.ts (issue 11): one job over MAILBOXES mailboxes, a budget per
// impersonated mailbox (scaled as the bench scales it), with every request's timing taken from the
// EWS trace. Prints, per start-up step, when the mailboxes got there (min / median / max over the
// mailboxes, seconds after start()), when each mailbox's first and last DeleteItem were sent and
// answered, and the busy refusals. The simulator runs in its own process (the bench's 'sim' mode).
// Like the bench, it runs with UV_THREADPOOL_SIZE=16, as the app and the command line do (appThreadPool.ts).
//   npx tsx bench/multiMailboxProbe.ts      (env: ITEMS=30000 MAILBOXES=100 RUNS=2 LATENCY_MS=20)
import './appThreadPool';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, EXCHANGE_LIKE_POLICY, policyMaxThroughput, type ThrottlePolicy } from '../electron/sim';
import { registerBackends } from '../electron/backends';
import { createMultiMailboxService } from '../electron/service/multiMailbox';

const ITEMS = Number(process.env.ITEMS ?? 30_000);
const MAILBOXES = Number(process.env.MAILBOXES ?? 100);
const RUNS = Number(process.env.RUNS ?? 2);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const ADMIN = 'admin@contoso.com';

const policy: ThrottlePolicy = {
  ...EXCHANGE_LIKE_POLICY,
  burstMs: EXCHANGE_LIKE_POLICY.burstMs / MAILBOXES,
  rechargeMsPerSecond: EXCHANGE_LIKE_POLICY.rechargeMsPerSecond / MAILBOXES,
};
const charged = { ...policy, itemCostMs: policy.itemCostMs + policy.findRowCostMs };
const maxSeconds = policyMaxThroughput(charged, ITEMS / MAILBOXES).seconds;

interface Seen {
  op: string;
  sent: number;
  answered: number;
  busy: boolean;
}

const quantiles = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return `min ${at(0).toFixed(2)}  median ${at(0.5).toFixed(2)}  p90 ${at(0.9).toFixed(2)}  max ${at(1).toFixed(2)} s`;
};

async function main(): Promise<void> {
  const benchFile = fileURLToPath(new URL('./multiMailbox.ts', import.meta.url));
  const child = fork(benchFile, ['sim', JSON.stringify({ owner: 'impersonated', mailboxes: MAILBOXES, policy })], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ITEMS: String(ITEMS), LATENCY_MS: String(LATENCY_MS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { url } = await next<{ url: string }>();
  registerBackends();
  console.log(
    `${MAILBOXES} mailboxes, ${ITEMS} items, ${LATENCY_MS} ms latency; policy's best per mailbox ${maxSeconds.toFixed(2)} s; UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '(default 4)'}`,
  );
  for (let run = 0; run <= RUNS; run++) {
    const reply = next<{ subject: string }>();
    child.send({ cmd: 'prepare' });
    const { subject } = await reply;
    const dataDir = mkdtempSync(join(tmpdir(), 'multi-probe-'));
    const seen = new Map<string, Seen[]>();
    let started = 0;
    const service = createMultiMailboxService({
      dataDir,
      connection: { url, authKind: 'basic', user: ADMIN, secret: DEMO_PASSWORD, demo: false },
      budgetOwner: 'impersonated',
      parallelMailboxes: MAILBOXES,
      environment: {
        onExchange: (r) => {
          const now = performance.now();
          const who = /user\d+@contoso\.com/.exec(r.requestXml)?.[0] ?? 'admin';
          const list = seen.get(who) ?? [];
          seen.set(who, list);
          const busy = r.responseXml?.includes('ErrorServerBusy') ?? false;
          list.push({ op: r.operation, sent: (now - (r.ms ?? 0) - started) / 1000, answered: (now - started) / 1000, busy });
        },
      },
    });
    const mailboxes = Array.from({ length: MAILBOXES }, (_, i) => `user${i}@contoso.com`);
    started = performance.now();
    const job = await service.start({
      search: {
        mailboxes,
        parts: 'primary',
        folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
        dumpster: false,
        filter: { subjectContains: subject },
      },
      action: { kind: 'delete', mode: 'HardDelete' },
    });
    // A mailbox is 'running' once its plan is on disk (the manifest's durable write), before its first job starts.
    const running: number[] = [];
    const seenRunning = new Set<string>();
    job.onProgress((p) => {
      if (p.mailbox?.state === 'running' && !seenRunning.has(p.mailbox.mailbox) && seenRunning.add(p.mailbox.mailbox))
        running.push((performance.now() - started) / 1000);
    });
    const summary = await job.done;
    const total = (performance.now() - started) / 1000;
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (run === 0) continue; // warm-up
    console.log(`run ${run}: ${total.toFixed(2)} s, ${((maxSeconds / total) * 100).toFixed(1)} % of the maximum; done ${summary.counts.done}`);
    const steps = new Map<string, number[]>();
    const firstDelete: number[] = [];
    const lastDelete: number[] = [];
    let busy = 0;
    let requests = 0;
    for (const [who, list] of seen) {
      if (who === 'admin') continue;
      list.sort((a, b) => a.sent - b.sent);
      const before = list.findIndex((s) => s.op === 'DeleteItem');
      list.slice(0, before < 0 ? list.length : before).forEach((s, i) => {
        for (const [what, at] of [
          ['sent', s.sent],
          ['answered', s.answered],
        ] as const) {
          const key = `step ${i + 1} ${s.op} ${what}`;
          steps.set(key, [...(steps.get(key) ?? []), at]);
        }
      });
      const deletes = list.filter((s) => s.op === 'DeleteItem');
      if (deletes[0]) firstDelete.push(deletes[0].sent);
      const last = deletes.reduce((m, s) => Math.max(m, s.answered), 0);
      lastDelete.push(last);
      busy += list.filter((s) => s.busy).length;
      requests += list.length;
    }
    for (const [key, xs] of steps) console.log(`  ${key.padEnd(32)} ${quantiles(xs)}`);
    console.log(`  ${'plan on disk (running)'.padEnd(32)} ${quantiles(running)}`);
    console.log(`  ${'first DeleteItem sent'.padEnd(32)} ${quantiles(firstDelete)}`);
    console.log(`  ${'last DeleteItem answered'.padEnd(32)} ${quantiles(lastDelete)}`);
    console.log(`  requests ${requests}, answers with ErrorServerBusy ${busy}`);
  }
  child.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
