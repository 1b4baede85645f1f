// The connects and Test connections under way, so that the admin's Cancel (the cancelSignIn IPC)
// reaches an EWS attempt waiting on a slow or silent server, or one still queued behind another
// connect. Each attempt carries an AbortSignal down to its requests; a connect "commits" just
// before its session becomes current, after which a cancel no longer touches it (a late cancel
// changes nothing and says so).
import type { ConnectError } from '../../shared/ipc';

export const CONNECT_CANCELLED: ConnectError = { kind: 'cancelled', message: 'The connection attempt was cancelled.' };

export interface ConnectAttempt {
  readonly signal: AbortSignal;
  /** The attempt is about to take effect: false when it was cancelled first; afterwards a cancel passes it by. */
  commit(): boolean;
}

export class ConnectAttempts {
  private readonly running = new Set<AbortController>();

  /** Runs `work` as a cancellable attempt until it settles or commits. */
  async run<T>(work: (attempt: ConnectAttempt) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.running.add(controller);
    const attempt: ConnectAttempt = {
      signal: controller.signal,
      commit: () => this.running.delete(controller) && !controller.signal.aborted,
    };
    try {
      return await work(attempt);
    } finally {
      this.running.delete(controller);
    }
  }

  /** Aborts every attempt not yet committed; false when there was none. */
  cancel(): boolean {
    const any = this.running.size > 0;
    for (const controller of this.running) controller.abort();
    this.running.clear();
    return any;
  }
}
