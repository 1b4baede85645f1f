// Holding a mailbox's requests while the server paces its budget. Exchange admits a request only
// while the budget's balance is not negative, and once admitted works through its items as the
// balance recharges (the simulator's micro-delay, EWS-FACTS §6). So while one request of a budget
// is being paced, it already takes every millisecond the budget regains, and a second request sent
// beside it is refused ErrorServerBusy: a round trip, a parse and a smaller next batch for nothing.
// With a hundred small per-mailbox budgets that was 17–41 refusals per mailbox per run, all of them
// CPU taken from the sign-ins and searches of the mailboxes still starting.
//
// The valve sits in front of one mailbox part's backend (multiPorts.withBudgetKey) and limits the
// requests in flight: a refusal that arrives while other requests are in flight sets the limit to
// those others (they absorb the recharge); each clean answer raises it by half a request, so a
// budget that recharges faster than the requests in flight can spend (one request spends at most
// one second of budget per second) gets its requests back. Waiting requests go in arrival order,
// so a listing page is not starved by the deletes it feeds. The engine's own gate, back-off and
// concurrency cap are unchanged: the valve only keeps requests it would send into a refusal.
import { BackendRequestError, forwardingBackend, type JobBackend } from './backend';

/** Limit gained per clean answer: a refusal at most every other batch while the budget stays short. */
const INCREASE_PER_CLEAN = 0.5;

export class PacingValve {
  private inFlight = 0;
  /** Requests allowed in flight; unbounded until the server first refuses one beside others. */
  private limit = Number.POSITIVE_INFINITY;
  private readonly waiting: { go: () => void }[] = [];

  /** Requests in flight now (for tests and progress). */
  get active(): number {
    return this.inFlight;
  }

  /** The current limit (Infinity while nothing was refused). */
  get allowed(): number {
    return this.limit;
  }

  /** Runs `call` once the valve lets it through; a call still waiting when `signal` aborts is never sent. */
  async run<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    await this.enter(signal);
    try {
      const result = await call();
      if (Number.isFinite(this.limit)) this.limit += INCREASE_PER_CLEAN / Math.max(1, Math.floor(this.limit));
      return result;
    } catch (error) {
      if (error instanceof BackendRequestError && error.kind === 'busy') {
        const others = this.inFlight - 1;
        // Refused on its own (the balance was still negative from earlier): the gate's back-off is the answer.
        if (others > 0) this.limit = Math.min(this.limit, others);
      }
      throw error;
    } finally {
      this.inFlight -= 1;
      this.admit();
    }
  }

  private enter(signal: AbortSignal): Promise<void> {
    if (this.waiting.length === 0 && this.inFlight < Math.floor(this.limit)) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        go: () => {
          signal.removeEventListener('abort', onAbort);
          this.inFlight += 1;
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new BackendRequestError({ kind: 'transient', code: 'Aborted', message: 'stopped before the request was sent', mayHaveExecuted: false }));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.inFlight < Math.max(1, Math.floor(this.limit))) this.waiting.shift()?.go();
  }
}

/** `inner` with every request passing `valve` (one valve per budget: see withBudgetKey). */
export function throughValve(inner: JobBackend, valve: PacingValve): JobBackend {
  return forwardingBackend(inner, (signal, call) => valve.run(signal, call));
}
