// HardDelete throughput of the job engine signed in with NTLM (connection-bound: each socket does
// its own handshake) against Basic, same simulator, same items, latency and engine defaults,
// alternating runs so drift hits both alike. Target: NTLM / Basic ≥ 0.95.
//   npx tsx bench/authThroughput.ts            (env: ITEMS=10000 REPS=3 LATENCY_MS=20)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../electron/jobs/engine';
import { EwsJobBackend } from '../electron/backends/ews/jobBackend';
import { BasicAuth, EwsClient, PasswordAuth, type EwsAuth } from '../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../electron/sim';
import { startSimProcess, type SimProcess } from './jobsSimClient';

const ITEMS = Number(process.env.ITEMS ?? 10_000);
const REPS = Number(process.env.REPS ?? 3);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function run(sim: SimProcess, auth: EwsAuth): Promise<number> {
  const { src } = await sim.prepare(ITEMS);
  const dir = mkdtempSync(join(tmpdir(), 'auth-bench-'));
  const client = new EwsClient({ url: sim.url, auth, maxSockets: 32 });
  try {
    await sim.resetThrottling();
    const engine = new JobEngine({ dataDir: dir, user: DEMO_ADMIN, backendFor: () => new EwsJobBackend(client, { part: 'primary' }) });
    const started = performance.now();
    const job = await engine.start({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: src, filter: {} },
    });
    const res = await job.done;
    if (res.counts.done !== ITEMS) throw new Error(`engine finished ${JSON.stringify(res.counts)}`);
    return ITEMS / ((performance.now() - started) / 1000);
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sim = await startSimProcess({ latencyMs: LATENCY_MS });
  const basic: number[] = [];
  const ntlm: number[] = [];
  try {
    for (let rep = 0; rep < REPS; rep++) {
      basic.push(await run(sim, new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD)));
      ntlm.push(await run(sim, new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD, schemes: ['ntlm'] })));
    }
  } finally {
    await sim.close();
  }
  const ratio = median(ntlm) / median(basic);
  console.log(
    `auth throughput: HardDelete of ${ITEMS} items, engine defaults, simulator Exchange-like throttling, ${LATENCY_MS} ms latency, ${REPS} alternating repetitions, median`,
  );
  console.log(`  Basic ${Math.round(median(basic))} items/s (runs ${basic.map(Math.round).join(', ')})`);
  console.log(`  NTLM  ${Math.round(median(ntlm))} items/s (runs ${ntlm.map(Math.round).join(', ')})`);
  console.log(`  NTLM / Basic = ${ratio.toFixed(3)} (target ≥ 0.95) ${ratio >= 0.95 ? 'MET' : 'MISSED'}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
