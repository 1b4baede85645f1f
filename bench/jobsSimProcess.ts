// The simulator in its own process for the benchmarks, so that what they measure (time, RSS) is
// the engine's and not the simulator's. Controlled over the fork IPC channel:
//   → { cmd: 'prepare', items }      ← { src, dst }   (fresh source folder with `items` items, empty destination)
//   → { cmd: 'reset' }               ← { ok: true }   (forget spent throttling budget)
// It first sends { url, policy } once listening. Options come as JSON in argv[2].
import { DEMO_ADMIN, startSimulator, type SimulatorOptions } from '../electron/sim';

type Command = { cmd: 'prepare'; items: number } | { cmd: 'reset' };

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions & { latencyMs?: number };
  const sim = await startSimulator({ seed: 'empty', onInternalError: (e) => console.error(e), ...options });
  if (options.latencyMs) sim.setFaults({ requestLatencyMs: options.latencyMs });
  let n = 0;
  const send = (m: unknown): void => {
    process.send?.(m);
  };
  process.on('message', (m: Command) => {
    if (m.cmd === 'reset') {
      sim.resetThrottling();
      send({ ok: true });
      return;
    }
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    if (!inbox) throw new Error('no inbox');
    const src = sim.store.createFolder(inbox.id, `bench-src-${++n}`).id;
    const dst = sim.store.createFolder(inbox.id, `bench-dst-${n}`).id;
    sim.store.seedItems(src, m.items, { subject: (i) => `bench ${n}-${i}`, receivedStepSeconds: 1 });
    send({ src, dst });
  });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  send({ url: sim.url, policy: sim.throttling() });
}

void main();
