// Runs parse jobs in one worker thread (parseWorker.ts), started on first use and kept unref'd
// while idle so it never holds a process open. Its heap is capped: an answer that would exhaust
// it kills the worker (that answer fails as unreadable), never the app; the next job starts a new one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EwsError } from './errors';
import { deserializeError, type ParseJob, type ParseReply } from './parseProtocol';

interface Pending {
  worker: Worker;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const WORKER_HEAP_MB = 512;

/** The bundled entry (out/main/ewsParseWorker.js, see electron.vite.config.mts), else the source through tsx (tests). */
function spawn(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  const built = join(__dirname, 'ewsParseWorker.js');
  if (existsSync(built)) return new Worker(built, { resourceLimits });
  const source = join(__dirname, 'parseWorker.ts');
  if (!existsSync(source)) throw new Error(`The EWS parse worker is missing (looked for ${built} and ${source}).`);
  const bootstrap = `require(require.resolve('tsx/cjs', { paths: [${JSON.stringify(__dirname)}] })); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

function isReply(value: unknown): value is ParseReply {
  return (
    typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number' && typeof (value as { ok?: unknown }).ok === 'boolean'
  );
}

export class ParseOffload {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /** Parses in the worker; resolves with the operation's result or rejects as the inline parse would. */
  parse(job: Omit<ParseJob, 'id'>): Promise<unknown> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.#pending.set(id, { worker, resolve, reject });
      worker.ref();
      worker.postMessage({ ...job, id } satisfies ParseJob);
    });
  }

  /** Ends the worker (tests); pending jobs fail. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = spawn();
    worker.unref();
    worker.on('message', (reply: unknown) => {
      if (!isReply(reply)) return;
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (pending === undefined) return;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(deserializeError(reply.error));
    });
    const fail = (reason: string): void => {
      if (this.#worker === worker) this.#worker = undefined;
      const error = new EwsError('malformed', `Exchange sent an unusable answer: it could not be read (${reason}).`);
      for (const [id, pending] of this.#pending) {
        if (pending.worker !== worker) continue;
        this.#pending.delete(id);
        pending.reject(error);
      }
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`the reader stopped with code ${code}`));
    this.#worker = worker;
    return worker;
  }
}

let shared: ParseOffload | undefined;

/** The process's one parse worker. */
export function sharedParseOffload(): ParseOffload {
  shared ??= new ParseOffload();
  return shared;
}
