// Starts the simulator in a worker thread (workerEntry.ts) and stops it. A worker rather than a
// child process: it needs no second executable (inside Electron, a child would be the Electron
// binary run as Node), starts in milliseconds, and resourceLimits cap its heap, so a hostile
// request can exhaust the worker, never the main process; the main event loop only passes messages.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SimulatorOptions } from './index';

/** What crosses into the worker: plain data only (no callbacks), the port is always 0. */
export type WorkerSimulatorOptions = Omit<SimulatorOptions, 'port' | 'onInternalError'>;

/** The worker's messages to its host. */
export type HostMessage = { type: 'ready'; url: string; port: number } | { type: 'failed'; message: string } | { type: 'closed' };

export interface SimulatorWorker {
  url: string;
  port: number;
  /** Settles when the worker has ended, for whatever reason. */
  readonly exited: Promise<void>;
  /** Stops listening, ends the worker; resolves once it has ended. */
  close(): Promise<void>;
}

export interface WorkerLimits {
  /** The worker's old-generation heap (MB); past it the worker dies, the app does not. Default 1536. */
  maxHeapMb?: number;
  /** How long close() waits for an orderly stop before terminating the thread. Default 5 s. */
  closeTimeoutMs?: number;
}

/** The bundled entry (out/main/simWorker.js, see electron.vite.config.mts), else the source run through tsx (tests, `npm run sim`). */
function spawnWorker(options: WorkerSimulatorOptions, maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const built = join(__dirname, 'simWorker.js');
  if (existsSync(built)) return new Worker(built, { workerData: options, resourceLimits });
  const source = join(__dirname, 'workerEntry.ts');
  if (!existsSync(source)) throw new Error(`The simulator worker is missing (looked for ${built} and ${source}).`);
  const bootstrap = `require(require.resolve('tsx/cjs', { paths: [${JSON.stringify(__dirname)}] })); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: options, resourceLimits });
}

function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'failed' || type === 'closed';
}

export function startSimulatorWorker(options: WorkerSimulatorOptions, limits: WorkerLimits = {}): Promise<SimulatorWorker> {
  const worker = spawnWorker(options, limits.maxHeapMb ?? 1536);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise<SimulatorWorker>((resolve, reject) => {
    const failStart = (error: Error): void => {
      reject(error);
      void worker.terminate();
    };
    worker.once('error', failStart);
    worker.once('exit', (code) => failStart(new Error(`The simulator worker ended before it was ready (exit code ${code}).`)));
    worker.on('message', (message: unknown) => {
      if (!isHostMessage(message)) return;
      if (message.type === 'failed') failStart(new Error(message.message));
      if (message.type !== 'ready') return;
      worker.removeListener('error', failStart);
      // Later errors (out of memory included) end the worker; `exited` tells the owner.
      worker.on('error', () => undefined);
      resolve({
        url: message.url,
        port: message.port,
        exited,
        close: async () => {
          worker.postMessage({ type: 'close' });
          const timer = setTimeout(() => void worker.terminate(), limits.closeTimeoutMs ?? 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
