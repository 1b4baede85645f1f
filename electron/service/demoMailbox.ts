// The demo mailbox: the embedded Exchange simulator in a worker thread (sim/workerHost.ts) on
// 127.0.0.1, any free port, started on first use. Hardened because any local user can reach a
// loopback port: a random password made for this run (never the published demo one), Host
// 127.0.0.1/localhost only (a DNS-rebound web page names another host), a small request cap, and
// stopped as soon as no demo connection uses it (sweeperService.ts).
import { randomBytes } from 'node:crypto';
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_USERS } from '../sim';
import { startSimulatorWorker, type SimulatorWorker, type WorkerSimulatorOptions, type WorkerLimits } from '../sim/workerHost';

export type DemoOptions = Omit<WorkerSimulatorOptions, 'localHostOnly' | 'maxRequestBytes'>;

/** The client's largest request (a 1000-id batch) is a few hundred KB; the cap leaves room and no more. */
export const DEMO_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface DemoEndpoint {
  url: string;
  user: string;
  password: string;
}

export class DemoMailbox {
  private starting: Promise<{ worker: SimulatorWorker; endpoint: DemoEndpoint }> | undefined;

  constructor(
    private readonly options: DemoOptions = {},
    private readonly limits: WorkerLimits = {},
  ) {}

  /** The simulator's endpoint and this run's demo credentials (no secret of the admin's own). */
  async endpoint(): Promise<DemoEndpoint> {
    const starting = (this.starting ??= this.start());
    try {
      return (await starting).endpoint;
    } catch (error) {
      if (this.starting === starting) this.starting = undefined;
      throw error;
    }
  }

  /** True while a simulator worker is starting or running. */
  get running(): boolean {
    return this.starting !== undefined;
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    if (starting === undefined) return;
    try {
      await (await starting).worker.close();
    } catch {
      // It never started: nothing to close.
    }
  }

  private async start(): Promise<{ worker: SimulatorWorker; endpoint: DemoEndpoint }> {
    const password = randomBytes(18).toString('base64url');
    const users = (this.options.users ?? DEMO_USERS).map((user) => ({ ...user, password }));
    // Named explicitly: startSimulator adds the demo groups only when no users are given.
    const groups = this.options.groups ?? (this.options.users === undefined ? DEMO_GROUPS : []);
    const worker = await startSimulatorWorker({ ...this.options, users, groups, localHostOnly: true, maxRequestBytes: DEMO_MAX_REQUEST_BYTES }, this.limits);
    const started = this.starting;
    // A worker that dies (out of memory, a crash) is started afresh on the next use.
    void worker.exited.then(() => {
      if (this.starting === started) this.starting = undefined;
    });
    return { worker, endpoint: { url: worker.url, user: users[0]?.smtp ?? DEMO_ADMIN, password } };
  }
}
