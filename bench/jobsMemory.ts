// Peak memory of the engine running a query job of 500,000 items (and 100,000 for comparison). The
// simulator runs in its own process, and each job in a fresh child process, so the RSS printed is
// one engine process's alone.
//   npx tsx bench/jobsMemory.ts            (env: ITEMS=500000 SMALL=100000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../electron/jobs/engine';
import { EwsJobBackend } from '../electron/backends/ews/jobBackend';
import { BasicAuth, EwsClient } from '../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../electron/sim';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimProcess } from './jobsSimClient';

const ITEMS = Number(process.env.ITEMS ?? 500_000);
const SMALL = Number(process.env.SMALL ?? 100_000);
const MB = 1024 * 1024;

interface Sample {
  items: number;
  seconds: number;
  peakRss: number;
  peakHeap: number;
  startRss: number;
}

async function run(url: string, src: string, items: number): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-mem-'));
  const client = new EwsClient({ url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), maxSockets: 16 });
  try {
    const engine = new JobEngine({ dataDir: dir, user: DEMO_ADMIN, backendFor: (m) => new EwsJobBackend(client, m) });
    const startRss = process.memoryUsage().rss;
    let peakRss = startRss;
    let peakHeap = 0;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const started = performance.now();
    const job = await engine.start({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: src, filter: {} },
    });
    const res = await job.done;
    clearInterval(timer);
    if (res.counts.done !== items) throw new Error(`finished ${JSON.stringify(res.counts)}`);
    return { items, seconds: (performance.now() - started) / 1000, peakRss, peakHeap, startRss };
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one job in a fresh child process (this script with JOBS_MEMORY_CHILD set). */
function runInChild(url: string, src: string, items: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, JOBS_MEMORY_CHILD: JSON.stringify({ url, src, items }) },
    });
    child.once('message', (m) => resolve(m as Sample));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const sim = await startSimProcess({ throttling: false });
  console.log(`jobs-memory: HardDelete query jobs against the simulator (separate process), no throttling, no latency;`);
  console.log(
    '  each job in a fresh child process; its RSS and heap sampled every 50 ms (process.memoryUsage); one run per size; default engine options (DEFAULT_CONCURRENCY_CAP, 14).',
  );
  const results: Sample[] = [];
  for (const n of [SMALL, ITEMS]) {
    const { src } = await sim.prepare(n);
    const r = await runInChild(sim.url, src, n);
    results.push(r);
    console.log(
      `  ${n.toLocaleString('en')} items: ${r.seconds.toFixed(1)} s (${(n / r.seconds).toFixed(0)} items/s), RSS at start ${(r.startRss / MB).toFixed(0)} MB, peak RSS ${(r.peakRss / MB).toFixed(0)} MB, peak heap used ${(r.peakHeap / MB).toFixed(0)} MB`,
    );
  }
  const [small, large] = results;
  if (small && large)
    console.log(
      `  ${large.items / small.items}× the items: ${(large.peakRss / small.peakRss).toFixed(2)}× the peak RSS (target: ≤ 200 MB, not growing with the item count)`,
    );
  await sim.close();
}

const childTask = process.env.JOBS_MEMORY_CHILD;
if (childTask) {
  const { url, src, items } = JSON.parse(childTask) as { url: string; src: string; items: number };
  run(url, src, items)
    .then((r) => process.send?.(r, () => process.exit(0)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
