// What a job over many mailboxes needs from outside the engine: a way to open each mailbox (the
// service signs in per mailbox and picks impersonation or delegate access), and the shared pieces
// (gates, the pool of mailboxes worked at once) that both the preview and the job use.
import type { MailboxAccessMode, MailboxPart, OutcomeCounts } from '../../shared/domain';
import { forwardingBackend, type JobBackend } from './backend';
import { defaultBackoffOptions, AccountGate, realClock, type BackoffOptions } from './backoff';
import { DEFAULT_ACCOUNT_CONCURRENCY_CAP } from './engine';
import { PacingValve, throughValve } from './multiPacing';

/** One mailbox opened, or why it could not be (unknown address, no rights, sign-in refused…). */
export type MailboxOpening =
  { ok: true; access?: MailboxAccessMode; hasArchive: boolean; backendFor(part: MailboxPart): JobBackend } | { ok: false; reason: string };

export interface MailboxOpener {
  /**
   * `access`: open it this way only (a collect job needs the account's own rights: multiCollect.ts);
   * default impersonation, else delegate. `primaryOnly`: the archive will not be used, so the
   * opener need not look for it (hasArchive is then false).
   */
  open(mailbox: string, options?: { access?: MailboxAccessMode; primaryOnly?: boolean }): Promise<MailboxOpening>;
  /** The job or search is done with the mailbox (its connection may close). */
  release?(mailbox: string): void;
}

/**
 * Whose throttling budget a request spends: the impersonated mailbox's (Exchange Online: "a copy
 * of the target mailbox quota", the simulator's default) or the signed-in account's (older
 * on-premises servers). It decides whether mailboxes share one back-off gate and allowance.
 */
export type BudgetOwner = 'impersonated' | 'caller';

/**
 * The backend with the key its gate is shared by: per mailbox when each one has its own budget.
 * A budget per mailbox also gets a PacingValve (multiPacing.ts): the parts of a mailbox run one
 * after another, so one valve per call here is one per budget at a time. With one budget for the
 * account the valve would see one mailbox's requests only, so there is none.
 */
export function withBudgetKey(inner: JobBackend, mailbox: string, owner: BudgetOwner): JobBackend {
  const base = inner.accountKey ?? 'account';
  const accountKey = owner === 'impersonated' ? `${base}|as:${mailbox.toLowerCase()}` : base;
  const keyed: JobBackend = { ...forwardingBackend(inner), accountKey };
  return owner === 'impersonated' ? throughValve(keyed, new PacingValve()) : keyed;
}

/** The gate a backend's requests wait at; the same map and keys as JobEngine's, so both share it. */
export function gateFor(
  gates: Map<string, AccountGate>,
  backend: JobBackend,
  options: { backoff?: Partial<BackoffOptions>; accountConcurrencyCap?: number } = {},
): AccountGate {
  const key = `account:${backend.accountKey ?? 'account'}`;
  let gate = gates.get(key);
  if (gate === undefined) {
    gate = new AccountGate(
      realClock,
      { ...defaultBackoffOptions, ...options.backoff },
      Math.random,
      options.accountConcurrencyCap ?? DEFAULT_ACCOUNT_CONCURRENCY_CAP,
    );
    gates.set(key, gate);
  }
  return gate;
}

/** Runs `work` over `items` with at most `parallel` at once, in order of start; resolves when all settled. */
export async function runPool<T>(items: readonly T[], parallel: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
}

export function zeroCounts(): OutcomeCounts {
  return { done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
}

export function addCounts(into: OutcomeCounts, more: OutcomeCounts): OutcomeCounts {
  into.done += more.done;
  into.alreadyGone += more.alreadyGone;
  into.failed += more.failed;
  into.unknown += more.unknown;
  into.notAttempted += more.notAttempted;
  return into;
}

export function settledOf(counts: OutcomeCounts): number {
  return counts.done + counts.alreadyGone + counts.failed + counts.unknown + counts.notAttempted;
}

/** Deterministic share of a list for worker INDEX of COUNT (0-based): by position after sorting, so every worker agrees. */
export function shardOf(mailboxes: readonly string[], index: number, count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count)
    throw new Error(`shard ${index}/${count}: INDEX must be 0…COUNT-1`);
  const sorted = [...new Set(mailboxes.map((m) => m.toLowerCase()))].sort();
  return sorted.filter((_, i) => i % count === index);
}
