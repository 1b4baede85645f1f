// The demo mailbox: the embedded Exchange simulator, started in this process on 127.0.0.1
// (any free port) on first use and stopped with the service.
import { DEMO_CREDENTIALS, startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim';

export type DemoOptions = Omit<SimulatorOptions, 'port'>;

export class DemoMailbox {
  private starting: Promise<RunningSimulator> | undefined;

  constructor(private readonly options: DemoOptions = {}) {}

  /** The simulator's endpoint and the demo admin's credentials (no secret of the admin's own). */
  async endpoint(): Promise<{ url: string; user: string; password: string }> {
    this.starting ??= startSimulator({ ...this.options, port: 0 });
    try {
      const sim = await this.starting;
      return { url: sim.url, user: DEMO_CREDENTIALS.user, password: DEMO_CREDENTIALS.password };
    } catch (error) {
      this.starting = undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    if (starting === undefined) return;
    try {
      await (await starting).close();
    } catch {
      // It never started: nothing to close.
    }
  }
}
