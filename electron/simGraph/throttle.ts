// Outlook's limits on Graph (Microsoft Graph service-specific throttling limits, Outlook service
// limits): per app per mailbox, at most 4 concurrent requests and 10,000 requests per 10 minutes.
// Over either, 429 ApplicationThrottled with Retry-After (seconds). Every $batch sub-request is
// evaluated on its own (the throttling page: requests in a batch are evaluated individually).

export interface GraphThrottlePolicy {
  enabled: boolean;
  /** Concurrent requests per app per mailbox (Outlook: 4). */
  maxConcurrency: number;
  /** Requests per app per mailbox per window (Outlook: 10,000 per 10 minutes). */
  requestsPerWindow: number;
  windowMs: number;
  /** Retry-After sent for the concurrency limit (seconds; Graph sends small values). */
  concurrencyRetryAfterSeconds: number;
}

export const OUTLOOK_POLICY: GraphThrottlePolicy = {
  enabled: true,
  maxConcurrency: 4,
  requestsPerWindow: 10_000,
  windowMs: 600_000,
  concurrencyRetryAfterSeconds: 1,
};

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterSeconds: number; message: string };

interface Counter {
  inFlight: number;
  /** Admission times inside the window, oldest first. */
  times: number[];
}

export class GraphThrottle {
  private readonly counters = new Map<string, Counter>();

  constructor(public policy: GraphThrottlePolicy) {}

  admit(app: string, mailbox: string, now = Date.now()): Admission {
    if (!this.policy.enabled) return { ok: true, release: () => undefined };
    const key = `${app}\u0000${mailbox}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { inFlight: 0, times: [] };
      this.counters.set(key, counter);
    }
    const times = counter.times;
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= now - this.policy.windowMs) drop++;
    if (drop > 0) times.splice(0, drop);
    if (counter.inFlight >= this.policy.maxConcurrency) {
      return { ok: false, retryAfterSeconds: this.policy.concurrencyRetryAfterSeconds, message: 'Application is over its MailboxConcurrency limit.' };
    }
    if (times.length >= this.policy.requestsPerWindow) {
      const retry = Math.max(1, Math.ceil(((times[0] as number) + this.policy.windowMs - now) / 1000));
      return { ok: false, retryAfterSeconds: retry, message: 'Application is over its MailboxRequestRate limit.' };
    }
    times.push(now);
    counter.inFlight++;
    const held = counter;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        held.inFlight--;
      },
    };
  }

  reset(): void {
    this.counters.clear();
  }
}

export interface OutlookThroughput {
  requestsPerSecond: number;
  seconds: number;
}

/**
 * The least time one app needs for `requests` mailbox requests (one message action each, alone or
 * as a $batch sub-request) to one mailbox under `policy`, each holding its slot `latencyMs`: at
 * most maxConcurrency at once, and request n + requestsPerWindow no earlier than a window after
 * request n (the sliding window). Benchmarks divide measured throughput by this.
 */
export function outlookMaxThroughput(policy: GraphThrottlePolicy, latencyMs: number, requests: number): OutlookThroughput {
  if (requests <= 0 || !policy.enabled) return { requestsPerSecond: Infinity, seconds: 0 };
  // No latency: the window alone limits (a rate of Infinity within it).
  const concurrentRate = latencyMs > 0 ? (policy.maxConcurrency * 1000) / latencyMs : Infinity;
  const perWindow = Math.max(1, policy.requestsPerWindow);
  const fullWindows = Math.floor((requests - 1) / perWindow);
  const rest = requests - fullWindows * perWindow;
  const seconds = (fullWindows * policy.windowMs) / 1000 + rest / concurrentRate;
  return { requestsPerSecond: requests / seconds, seconds };
}
