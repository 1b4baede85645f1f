// Throttling modelled on Exchange's (EWS-FACTS §6): a per-account concurrency cap and a time
// budget charged per item processed. Each item costs `itemCostMs` of budget and takes that long
// in wall time (Exchange charges the server time a request used). The balance starts at
// `burstMs` and recharges at `rechargeMsPerSecond` up to `burstMs`.
//
// Why these defaults: Exchange's real budget (EwsMaxBurst 300 s, recharge 900 s per hour) only
// binds after minutes of sustained work, far longer than a test or benchmark runs. Scaled down
// (10 s burst, 5 s per second recharge, 2 ms per item) the budget binds after about half a
// second at full concurrency and then caps a job at 2,500 items/s, so a client's back-off,
// batch sizing and concurrency choices show up within a few seconds of load.
import { SoapFault } from './errors';

export interface ThrottlePolicy {
  /** false = no cap, no budget, no per-item wall time (fast tests). */
  enabled: boolean;
  /** EWSMaxConcurrency: open requests per account; one more gets ErrorExceededConnectionCount. */
  maxConcurrency: number;
  /** Budget charged, and wall time spent, per item processed. */
  itemCostMs: number;
  /** Starting and maximum balance. */
  burstMs: number;
  /** Balance regained per second. */
  rechargeMsPerSecond: number;
  /**
   * Budget and wall time per row a FindItem or FindFolder page returns (EWS-FACTS §6: the find
   * count is charged per item or folder the request processes). Not documented as a time: reading a
   * row of a view is far cheaper than moving or deleting an item, so a row costs a small fraction
   * of `itemCostMs` (a scale choice like the others here).
   */
  findRowCostMs: number;
  /**
   * Execution time one request may take (Exchange: one minute, "the call could time out";
   * ews-throttling-in-exchange.md, "Throttling implications for EWS batch requests"), counted from
   * admission and including the waits for recharge. What the items past it get is the
   * `batchTimeLimit` switch.
   */
  batchBudgetMs: number;
}

export const EXCHANGE_LIKE_POLICY: ThrottlePolicy = {
  enabled: true,
  maxConcurrency: 27,
  itemCostMs: 2,
  findRowCostMs: 0.05,
  burstMs: 10_000,
  rechargeMsPerSecond: 5_000,
  batchBudgetMs: 60_000,
};

export const NO_THROTTLING: ThrottlePolicy = { ...EXCHANGE_LIKE_POLICY, enabled: false };

export interface ThroughputLimit {
  /** Best possible items per second for the whole job. */
  itemsPerSecond: number;
  /** Best possible duration of the job in seconds. */
  seconds: number;
}

/**
 * The policy's theoretical maximum throughput for a job of `items` items started with a full
 * balance: first at the concurrency cap (maxConcurrency requests each spending itemCostMs per
 * item) until the burst is spent, then at the recharge rate. Benchmarks divide measured
 * throughput by this to report "ratio to the policy's theoretical maximum".
 */
export function policyMaxThroughput(policy: ThrottlePolicy, items: number): ThroughputLimit {
  if (!policy.enabled || policy.itemCostMs <= 0 || items <= 0) return { itemsPerSecond: Infinity, seconds: 0 };
  const concurrentRate = (policy.maxConcurrency * 1000) / policy.itemCostMs;
  const drainPerSecond = policy.maxConcurrency * 1000 - policy.rechargeMsPerSecond;
  if (drainPerSecond <= 0) return { itemsPerSecond: concurrentRate, seconds: items / concurrentRate };
  const burstSeconds = policy.burstMs / drainPerSecond;
  const burstItems = concurrentRate * burstSeconds;
  if (items <= burstItems) return { itemsPerSecond: concurrentRate, seconds: items / concurrentRate };
  const sustainedRate = policy.rechargeMsPerSecond / policy.itemCostMs;
  const seconds = burstSeconds + (items - burstItems) / sustainedRate;
  return { itemsPerSecond: items / seconds, seconds };
}

interface Budget {
  balance: number;
  updatedAt: number;
  open: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a charge may go ahead; false once the request has used its execution time. */
export type ChargeResult = { ok: true } | { ok: false };

/** The per-request side of throttling: charge items, spend their wall time, stop at the batch limit. */
export interface RequestBudget {
  /** Charges `units` items; resolves when they may be processed, or says the request is out of time. */
  chargeItem(units?: number): Promise<ChargeResult>;
  /** Charges the rows of a find page (`findRowCostMs` each). */
  chargeRows(rows: number): Promise<ChargeResult>;
  /** Spends wall time still owed for charged items (called before the response is written). */
  settle(): Promise<void>;
  release(): void;
}

/**
 * Whose budget a request is charged to. Without impersonation, or with the switch at 'caller', the
 * authenticated account's. Under impersonation with 'impersonated': a budget of its own per
 * impersonated mailbox, shared by every account impersonating it and apart from the mailbox
 * owner's own ("a copy of the target mailbox quota": see the `throttleBudgetOwner` switch).
 */
export function budgetKey(owner: 'impersonated' | 'caller', callerSmtp: string, actingAsSmtp: string): string {
  const caller = callerSmtp.toLowerCase();
  const actingAs = actingAsSmtp.toLowerCase();
  return owner === 'impersonated' && actingAs !== caller ? `impersonated:${actingAs}` : caller;
}

export class Throttle {
  private readonly budgets = new Map<string, Budget>();

  constructor(public policy: ThrottlePolicy) {}

  private budget(account: string): Budget {
    let b = this.budgets.get(account);
    const now = performance.now();
    if (!b) {
      b = { balance: this.policy.burstMs, updatedAt: now, open: 0 };
      this.budgets.set(account, b);
    } else {
      b.balance = Math.min(this.policy.burstMs, b.balance + ((now - b.updatedAt) / 1000) * this.policy.rechargeMsPerSecond);
      b.updatedAt = now;
    }
    return b;
  }

  /** Milliseconds until the account's balance is back at zero (0 when it is not negative). */
  backOffMs(account: string): number {
    const b = this.budget(account);
    if (b.balance >= 0 || this.policy.rechargeMsPerSecond <= 0) return 0;
    return Math.ceil((-b.balance / this.policy.rechargeMsPerSecond) * 1000);
  }

  /** Admits a new request or throws the fault Exchange would answer with. */
  admit(account: string, extraItemDelayMs: () => number): RequestBudget {
    const policy = this.policy;
    if (!policy.enabled) {
      const spendLatency = async (): Promise<ChargeResult> => {
        const delay = extraItemDelayMs();
        if (delay > 0) await sleep(delay);
        return { ok: true };
      };
      return { chargeItem: spendLatency, chargeRows: spendLatency, settle: async () => undefined, release: () => undefined };
    }
    const b = this.budget(account);
    if (b.open >= policy.maxConcurrency) {
      throw new SoapFault(
        'ErrorExceededConnectionCount',
        'You have exceeded the available concurrent connections for your account. Try again once your other requests have completed.',
        [
          ['Policy', 'MaxConcurrency'],
          ['MaxConcurrencyLimit', String(policy.maxConcurrency)],
          [
            'ErrorMessage',
            `This operation exceeds the throttling budget for policy part 'MaxConcurrency', policy value '${policy.maxConcurrency}'. Suggested backoff time 0 ms.`,
          ],
        ],
      );
    }
    if (b.balance < 0) {
      throw new SoapFault('ErrorServerBusy', 'The server cannot service this request right now. Try again later.', [
        ['BackOffMilliseconds', String(this.backOffMs(account))],
      ]);
    }
    b.open++;
    let released = false;
    // Wall time owed for charged items; slept in slices so timer granularity does not add up.
    const start = performance.now();
    let owedUntil = start;
    const settle = async (): Promise<void> => {
      const wait = owedUntil - performance.now();
      if (wait > 0) await sleep(wait);
    };
    // Execution time so far, the time still owed for charged items included.
    const outOfTime = (cost: number): boolean => Math.max(owedUntil, performance.now()) - start + cost > policy.batchBudgetMs;
    const charge = async (cost: number): Promise<ChargeResult> => {
      if (outOfTime(cost)) return { ok: false };
      if (this.budget(account).balance < 0 && policy.rechargeMsPerSecond > 0) {
        // Micro-delay: the next item waits until the balance has recharged to zero; the wait
        // counts towards the request's execution time.
        await settle();
        await sleep((-this.budget(account).balance / policy.rechargeMsPerSecond) * 1000);
        owedUntil = Math.max(owedUntil, performance.now());
        if (outOfTime(cost)) return { ok: false };
      }
      this.budget(account).balance -= cost;
      owedUntil = Math.max(owedUntil, performance.now()) + cost + extraItemDelayMs();
      if (owedUntil - performance.now() >= 8) await settle();
      return { ok: true };
    };
    return {
      chargeItem: (units = 1) => charge(policy.itemCostMs * units),
      chargeRows: (rows) => charge(policy.findRowCostMs * rows),
      settle,
      release: () => {
        if (released) return;
        released = true;
        b.open--;
      },
    };
  }

  reset(): void {
    this.budgets.clear();
  }
}
