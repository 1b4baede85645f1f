// A SweeperService on a temp data folder, with a reversible stand-in for the OS key store, a
// recording event sink and a save "dialog" that answers a temp path.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobProgress } from '../../shared/domain';
import type { SweeperEmit, SweeperEvent } from '../../shared/ipc';
import { registerBackend, type GraphConnector } from '../../electron/backends/port';
import { createSweeperService, type SecretStore, type SweeperService, type SweeperServiceOptions } from '../../electron/service';

/** Seals by XOR and reversal: enough to prove the plain secret never reaches disk. */
export function reversibleSecretStore(available = true): SecretStore & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    isAvailable: () => available,
    encrypt(plain) {
      const out = Buffer.from(
        Buffer.from(plain, 'utf8')
          .map((byte) => byte ^ 0x5a)
          .reverse(),
      ).toString('base64');
      sealed.push(out);
      return out;
    },
    decrypt(text) {
      return Buffer.from(
        Buffer.from(text, 'base64')
          .reverse()
          .map((byte) => byte ^ 0x5a),
      ).toString('utf8');
    },
  };
}

export interface EmittedEvent {
  event: SweeperEvent;
  payload: unknown;
}

export interface ServiceRig {
  service: SweeperService;
  dataDir: string;
  events: EmittedEvent[];
  /** Paths the save dialog offered; set `nextSavePath` to undefined to simulate Cancel. */
  savePaths: string[];
  nextSavePath: string | undefined;
  secrets: ReturnType<typeof reversibleSecretStore>;
  /** Resolves with the job's 'finished' progress event. */
  finished(jobId: string, timeoutMs?: number): Promise<Extract<JobProgress, { kind: 'finished' }>>;
  /** Resolves with the first progress event of the job that satisfies `test`. */
  progress(jobId: string, test: (progress: JobProgress) => boolean, timeoutMs?: number): Promise<JobProgress>;
  close(): Promise<void>;
}

export async function createRig(
  overrides: Partial<Omit<SweeperServiceOptions, 'emit' | 'chooseSavePath' | 'secretStore'>> & {
    keyStore?: boolean;
    dataDir?: string;
    /** A Graph connector registered for the rig's life, as electron/main.ts registers the app's (registerBackends). */
    graph?: GraphConnector;
  } = {},
): Promise<ServiceRig> {
  const unregisterGraph = overrides.graph === undefined ? undefined : registerBackend(overrides.graph);
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'sweeper-service-')));
  const events: EmittedEvent[] = [];
  const waiters = new Set<() => void>();
  const emit: SweeperEmit = (event, payload) => {
    events.push({ event, payload });
    for (const wake of waiters) wake();
  };
  const secrets = reversibleSecretStore(overrides.keyStore ?? true);
  const rig: ServiceRig = {
    service: undefined as unknown as SweeperService,
    dataDir,
    events,
    savePaths: [],
    nextSavePath: join(dataDir, 'export'),
    secrets,
    finished: (jobId, timeoutMs) => rig.progress(jobId, (p) => p.kind === 'finished', timeoutMs) as Promise<Extract<JobProgress, { kind: 'finished' }>>,
    progress: (jobId, test, timeoutMs = 20_000) =>
      new Promise<JobProgress>((resolve, reject) => {
        const check = (): void => {
          for (const { event, payload } of events) {
            const progress = payload as JobProgress;
            if (event === 'jobProgress' && progress.jobId === jobId && test(progress)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(progress);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching progress event for ${jobId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      await rig.service.dispose();
      unregisterGraph?.();
      if (overrides.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
  rig.service = createSweeperService({
    dataDir,
    secretStore: secrets,
    emit,
    chooseSavePath: async (defaultName) => {
      const chosen = rig.nextSavePath === undefined ? undefined : `${rig.nextSavePath}-${defaultName}`;
      if (chosen !== undefined) rig.savePaths.push(chosen);
      return chosen;
    },
    demo: overrides.demo,
    jobs: { progressIntervalMs: 20, ...overrides.jobs },
    connectTimeoutMs: overrides.connectTimeoutMs,
    ...(overrides.windowsSignIn === undefined ? {} : { windowsSignIn: overrides.windowsSignIn }),
    ...(overrides.autodiscover === undefined ? {} : { autodiscover: overrides.autodiscover }),
    ...(overrides.connectionTest === undefined ? {} : { connectionTest: overrides.connectionTest }),
  });
  return rig;
}
