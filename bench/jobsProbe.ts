// Diagnostic: repeated default-engine runs against the simulator process, logging long back-offs
// and the duration of each run (whole job). env: ITEMS=10000 RUNS=10 LATENCY_MS=20 ACTION=delete|move
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../electron/jobs/engine';
import { EwsJobBackend } from '../electron/backends/ews/jobBackend';
import { BasicAuth, EwsClient } from '../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, policyMaxThroughput } from '../electron/sim';
import { startSimProcess } from './jobsSimClient';
import type { JobAction } from '../shared/domain';

const ITEMS = Number(process.env.ITEMS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 10);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const ACTION = process.env.ACTION ?? 'delete';

async function main(): Promise<void> {
  const sim = await startSimProcess({ latencyMs: LATENCY_MS });
  const limit = policyMaxThroughput(sim.policy, ITEMS).itemsPerSecond;
  const pcts: number[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const { src, dst } = await sim.prepare(ITEMS);
    const dir = mkdtempSync(join(tmpdir(), 'jobs-probe-'));
    const client = new EwsClient({ url: sim.url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), maxSockets: 32 });
    const backend = new EwsJobBackend(client, { part: 'primary' });
    const marks = { firstList: 0, firstAct: 0, lastActEnd: 0, acts: 0, busy: 0 };
    const wrap =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>, act: boolean) =>
      async (...a: A): Promise<R> => {
        const t = performance.now() - t0;
        if (act) {
          marks.acts++;
          if (!marks.firstAct) marks.firstAct = t;
        } else if (!marks.firstList) marks.firstList = t;
        try {
          return await f(...a);
        } catch (e) {
          if (act) marks.busy++;
          throw e;
        } finally {
          if (act) marks.lastActEnd = performance.now() - t0;
        }
      };
    backend.deleteItems = wrap(backend.deleteItems.bind(backend), true);
    backend.moveItems = wrap(backend.moveItems.bind(backend), true);
    backend.listItems = wrap(backend.listItems.bind(backend), false);
    await sim.resetThrottling();
    const t0 = performance.now();
    const engine = new JobEngine({ dataDir: dir, user: DEMO_ADMIN, backendFor: () => backend });
    const action: JobAction = ACTION === 'move' ? { kind: 'move', toFolderId: dst } : { kind: 'delete', mode: 'HardDelete' };
    const job = await engine.start({ mailbox: { part: 'primary' }, action, target: { kind: 'query', folderId: src, filter: {} } });
    const notes: string[] = [];
    let first = 0;
    job.onProgress((e) => {
      const t = Math.round(performance.now() - t0);
      if (e.kind !== 'planning' && first === 0) first = t;
      if (e.kind === 'backoff' && e.waitMs > 200) notes.push(`${t}ms backoff ${e.waitMs}: ${e.reason}`);
    });
    const res = await job.done;
    const ms = performance.now() - t0;
    client.close();
    rmSync(dir, { recursive: true, force: true });
    if (r === 0) continue;
    const pct = (ITEMS / (ms / 1000) / limit) * 100;
    pcts.push(pct);
    console.log(
      `run ${r}: ${ms.toFixed(0)} ms = ${pct.toFixed(1)} % (first list ${marks.firstList.toFixed(0)}, first act ${marks.firstAct.toFixed(0)}, last answer ${marks.lastActEnd.toFixed(0)}, ${marks.acts} requests, ${marks.busy} refused) ${JSON.stringify(res.counts)} ${notes.slice(0, 5).join(' | ')}`,
    );
  }
  const s = [...pcts].sort((a, b) => a - b);
  console.log(`median ${s[Math.floor(s.length / 2)]?.toFixed(1)} %`);
  await sim.close();
}
void main();
