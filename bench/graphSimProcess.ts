// The Graph simulator (over the EWS simulator's store) in its own process for bench/graphThroughput.ts,
// so that the simulator's work and its latency timers do not share an event loop with the client
// being measured (as bench/jobsSimProcess.ts does for EWS). Controlled over the fork IPC channel:
//   → { cmd: 'prepare', items }   ← { srcKey, dstKey }  (fresh source folder with `items` items and an
//                                                       empty one, by PR_SOURCE_KEY; throttling off
//                                                       so the caller can list the tree)
//   → { cmd: 'arm' }              ← { ok: true }       (Outlook limits on, spent budget forgotten)
// It first sends { graphUrl, certificatePem, token } once listening. Options come as JSON in argv[2].
import { DEMO_ADMIN } from '../electron/sim';
import { startGraphSimulator } from '../electron/simGraph';

type Command = { cmd: 'prepare'; items: number } | { cmd: 'arm' };

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as { latencyMs?: number };
  const sim = await startGraphSimulator({ tls: true, simulatorOptions: { seed: 'empty', throttling: false }, latencyMs: options.latencyMs ?? 0 });
  let n = 0;
  const send = (m: unknown): void => {
    process.send?.(m);
  };
  process.on('message', (m: Command) => {
    if (m.cmd === 'arm') {
      sim.setThrottling(true);
      sim.resetThrottling();
      send({ ok: true });
      return;
    }
    const inbox = sim.ews.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    if (!inbox) throw new Error('no inbox');
    const src = sim.ews.store.createFolder(inbox.id, `graph-bench-src-${++n}`);
    const dst = sim.ews.store.createFolder(inbox.id, `graph-bench-dst-${n}`);
    sim.ews.store.seedItems(src.id, m.items, { subject: (i) => `bench ${n}-${i}`, receivedStepSeconds: 1 });
    sim.setThrottling({ enabled: false });
    send({ srcKey: src.sourceKey, dstKey: dst.sourceKey });
  });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  send({ graphUrl: sim.graphUrl, certificatePem: sim.certificatePem, token: sim.mintAccessToken({ user: DEMO_ADMIN }) });
}

void main();
