// Throughput of the job engine over the Graph backend against the Graph simulator's Outlook limits
// (4 concurrent requests per app per mailbox, 10,000 per 10 minutes; each request holds its slot
// LATENCY_MS), as a share of the most those limits allow, printed beside the EWS backend's share of
// its own policy's maximum (the EWS simulator's Exchange-like budget; same engine, same job).
// Graph's maximum: a query job of N items sends N action sub-requests (one per item, in $batches of
// 20) and max(1, ceil(N / 1000)) listing requests (keyset pages of 1000; the simulator leaves the
// next link off a page that reaches the end, so a multiple of 1000 needs no empty last page); each
// is one mailbox request, so the least time is outlookMaxThroughput(policy, LATENCY_MS, N + pages)
// and the maximum N / that time. Both simulators run in their own process (bench/graphSimProcess.ts,
// bench/jobsSimProcess.ts), so their work and latency timers do not share the client's event loop.
//   npx tsx bench/graphThroughput.ts            (env: ITEMS=2000 REPS=3 LATENCY_MS=20 EWS=1; EWS=0 skips the EWS figure)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphJobBackend } from '../electron/backends/graph/jobBackend';
import { GraphClient } from '../electron/graph/client';
import { HttpsTransport } from '../electron/graph/transport';
import type { JobBackend } from '../electron/jobs/backend';
import { DEFAULT_CONCURRENCY_CAP, JobEngine } from '../electron/jobs/engine';
import { EwsJobBackend } from '../electron/backends/ews/jobBackend';
import { BasicAuth, EwsClient } from '../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, policyMaxThroughput, type ThrottlePolicy } from '../electron/sim';
import { outlookMaxThroughput, OUTLOOK_POLICY } from '../electron/simGraph';
import type { JobAction } from '../shared/domain';
import { startGraphSimProcess, type GraphSimProcess } from './graphSimClient';
import { startSimProcess } from './jobsSimClient';

const ITEMS = Number(process.env.ITEMS ?? 2000);
const REPS = Number(process.env.REPS ?? 3);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const EWS = process.env.EWS !== '0';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** One job over `backend` on a fresh source folder; items per second from start() to the last outcome (listing included). */
async function runJob(backend: JobBackend, src: string, action: JobAction): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'graph-bench-'));
  try {
    const engine = new JobEngine({ dataDir: dir, user: DEMO_ADMIN, backendFor: () => backend });
    const started = performance.now();
    const job = await engine.start({ mailbox: { part: 'primary' }, action, target: { kind: 'query', folderId: src, filter: {} } });
    const res = await job.done;
    const seconds = (performance.now() - started) / 1000;
    if (res.counts.done !== ITEMS) throw new Error(`job finished ${JSON.stringify(res.counts)}`);
    return ITEMS / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh folder of ITEMS items and an empty one, by Graph id (matched over PR_SOURCE_KEY). */
async function prepareGraph(sim: GraphSimProcess, backend: GraphJobBackend): Promise<{ src: string; dst: string }> {
  const { srcKey, dstKey } = await sim.prepare(ITEMS);
  const tree = await backend.listFoldersWithSourceKeys(new AbortController().signal);
  await sim.arm();
  const id = (key: string): string => tree.find((f) => f.sourceKey === key)?.id ?? '';
  return { src: id(srcKey), dst: id(dstKey) };
}

async function graphRuns(actions: [string, (dst: string) => JobAction][]): Promise<Map<string, number[]>> {
  const sim = await startGraphSimProcess({ latencyMs: LATENCY_MS });
  const transport = new HttpsTransport({ ...(sim.certificatePem ? { ca: sim.certificatePem } : {}), maxSockets: 8 });
  const client = new GraphClient({ baseUrl: sim.graphUrl, token: () => Promise.resolve(sim.token), http: transport });
  const backend = new GraphJobBackend(client, { part: 'primary' }, { signedInUser: DEMO_ADMIN });
  const out = new Map<string, number[]>();
  try {
    const warm = await prepareGraph(sim, backend);
    await runJob(backend, warm.src, { kind: 'delete', mode: 'HardDelete' });
    for (let r = 0; r < REPS; r++) {
      for (const [name, action] of actions) {
        const { src, dst } = await prepareGraph(sim, backend);
        out.set(name, [...(out.get(name) ?? []), await runJob(backend, src, action(dst))]);
      }
    }
  } finally {
    transport.close();
    await sim.close();
  }
  return out;
}

async function ewsRuns(actions: [string, (dst: string) => JobAction][]): Promise<{ runs: Map<string, number[]>; policy: ThrottlePolicy }> {
  const sim = await startSimProcess({ latencyMs: LATENCY_MS });
  const out = new Map<string, number[]>();
  try {
    for (let r = 0; r < REPS; r++) {
      for (const [name, action] of actions) {
        const { src, dst } = await sim.prepare(ITEMS);
        await sim.resetThrottling();
        const client = new EwsClient({ url: sim.url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), maxSockets: 32 });
        try {
          out.set(name, [...(out.get(name) ?? []), await runJob(new EwsJobBackend(client, { part: 'primary' }), src, action(dst))]);
        } finally {
          client.close();
        }
      }
    }
  } finally {
    await sim.close();
  }
  return { runs: out, policy: sim.policy };
}

async function main(): Promise<void> {
  const actions: [string, (dst: string) => JobAction][] = [
    ['HardDelete', () => ({ kind: 'delete', mode: 'HardDelete' })],
    ['move', (dst) => ({ kind: 'move', toFolderId: dst })],
  ];
  const requests = ITEMS + Math.max(1, Math.ceil(ITEMS / 1000));
  const graphMax = ITEMS / outlookMaxThroughput(OUTLOOK_POLICY, LATENCY_MS, requests).seconds;
  console.log(
    `graph-throughput: query jobs of ${ITEMS} items, engine DEFAULT configuration (cap ${DEFAULT_CONCURRENCY_CAP}), ${REPS} repetitions each after one warm-up, median`,
  );
  console.log(
    `  Graph: simulator in its own process over https, Outlook limits ${OUTLOOK_POLICY.maxConcurrency} concurrent / ${OUTLOOK_POLICY.requestsPerWindow} per ${OUTLOOK_POLICY.windowMs / 60_000} min per app per mailbox, ${LATENCY_MS} ms per request`,
  );
  console.log(
    `  Graph maximum = ITEMS / outlookMaxThroughput(policy, ${LATENCY_MS} ms, ITEMS + max(1, ceil(ITEMS/1000)) = ${requests} requests).seconds = ${graphMax.toFixed(0)} items/s`,
  );
  const graph = await graphRuns(actions);
  const ews = EWS ? await ewsRuns(actions) : undefined;
  if (ews) {
    const p = ews.policy;
    console.log(
      `  EWS: simulator in its own process, its Exchange-like budget (maxConcurrency ${p.maxConcurrency}, itemCost ${p.itemCostMs} + findRowCost ${p.findRowCostMs} ms per item, burst ${p.burstMs} ms, recharge ${p.rechargeMsPerSecond} ms/s), ${LATENCY_MS} ms latency; maximum = policyMaxThroughput with itemCost + findRowCost (as bench/jobsThroughput.ts)`,
    );
  }
  const ewsMax = ews ? policyMaxThroughput({ ...ews.policy, itemCostMs: ews.policy.itemCostMs + ews.policy.findRowCostMs }, ITEMS).itemsPerSecond : undefined;
  for (const [name] of actions) {
    const g = graph.get(name) ?? [];
    const gm = median(g);
    let line = `\n${name} × ${ITEMS}: Graph ${gm.toFixed(0)} items/s = ${((gm / graphMax) * 100).toFixed(1)} % of its max (runs ${g.map((x) => x.toFixed(0)).join(', ')}; target ≥ 90 %)`;
    const e = ews?.runs.get(name);
    if (e && ewsMax) {
      const em = median(e);
      line += `\n  EWS ${em.toFixed(0)} items/s = ${((em / ewsMax) * 100).toFixed(1)} % of its max ${ewsMax.toFixed(0)} items/s (runs ${e.map((x) => x.toFixed(0)).join(', ')})`;
    }
    console.log(line);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
