// The simulator in a worker thread (the app's demo mailbox): its parsing, seeding and answering
// run on this thread's event loop, never the Electron main process's. Started by workerHost.ts;
// the messages it sends and takes are defined there.
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from './index';
import type { HostMessage, WorkerSimulatorOptions } from './workerHost';

async function run(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('workerEntry.ts runs only as a worker thread');
  let sim;
  try {
    sim = await startSimulator({ ...(workerData as WorkerSimulatorOptions), port: 0 });
  } catch (error) {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies HostMessage);
    return;
  }
  const running = sim;
  port.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'close') return;
    void running.close().then(() => {
      port.postMessage({ type: 'closed' } satisfies HostMessage);
      port.close();
    });
  });
  port.postMessage({ type: 'ready', url: running.url, port: running.port } satisfies HostMessage);
}

void run();
