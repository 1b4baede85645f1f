// Outlook allows an app 4 concurrent requests per mailbox (Microsoft Graph service-specific
// throttling limits), and a $batch's sub-requests count one by one, up to four at a time (Graph
// hands four sub-requests of a batch to Outlook at once). A lane holds those 4 slots for one
// mailbox in this process: a $batch takes as many slots as it can run at once, a plain request one,
// so our own requests never push each other over the limit and every 429 is someone else's load.
import type { GraphClient } from '../../graph/client';

/** Outlook's concurrent requests per app per mailbox. */
export const OUTLOOK_MAILBOX_CONCURRENCY = 4;

interface Waiter {
  /** Slots wanted, read when the waiter reaches the head (a packer's $batch grows while it waits). */
  slots: () => number;
  granted: number;
  grant: () => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class MailboxLane {
  private free: number;
  private readonly queue: Waiter[] = [];

  constructor(readonly capacity: number = OUTLOOK_MAILBOX_CONCURRENCY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A lane needs at least one slot, not ${capacity}.`);
    this.free = capacity;
  }

  /** Slots a request of `subRequests` requests holds while it runs (a $batch runs at most `capacity` at once). */
  slotsFor(subRequests: number): number {
    return Math.max(1, Math.min(this.capacity, subRequests));
  }

  /**
   * Runs `call` once `slots` slots are free, first come first served (a large request is never
   * overtaken for ever by small ones). `slots` as a function is read when the request's turn
   * comes, so a $batch still being filled asks for what it holds by then. Cancelled while
   * waiting: rejects with the signal's reason and nothing was sent.
   */
  async run<T>(slots: number | (() => number), signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    const wanted = (): number => Math.max(1, Math.min(this.capacity, typeof slots === 'number' ? slots : slots()));
    const held = await this.acquire(wanted, signal);
    try {
      return await call();
    } finally {
      this.free += held;
      this.drain();
    }
  }

  /** Resolves with the slots taken. */
  private acquire(slots: () => number, signal: AbortSignal | undefined): Promise<number> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const now = slots();
    if (this.queue.length === 0 && this.free >= now) {
      this.free -= now;
      return Promise.resolve(now);
    }
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        slots,
        granted: 0,
        signal,
        grant: () => {
          signal?.removeEventListener('abort', waiter.onAbort);
          resolve(waiter.granted);
        },
        onAbort: () => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          reject(abortReason(signal));
          this.drain();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private drain(): void {
    for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
      const wanted = head.slots();
      if (this.free < wanted) return;
      this.queue.shift();
      this.free -= wanted;
      head.granted = wanted;
      head.grant();
    }
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('The call was cancelled before it was sent.');
}

/** One lane per mailbox per client (a client is one app registration's token): shared by every backend over it. */
const lanes = new WeakMap<GraphClient, Map<string, MailboxLane>>();

export function laneFor(client: GraphClient, mailbox: string): MailboxLane {
  let byMailbox = lanes.get(client);
  if (!byMailbox) {
    byMailbox = new Map();
    lanes.set(client, byMailbox);
  }
  const key = mailbox.toLowerCase();
  let lane = byMailbox.get(key);
  if (!lane) {
    lane = new MailboxLane();
    byMailbox.set(key, lane);
  }
  return lane;
}
