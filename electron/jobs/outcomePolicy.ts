// What an answer means for one item of a job: settled (done, already gone, failed, unknown), sent
// again at once, sent again after the account's back-off, or verified first (a move or copy whose
// answer was lost may have been carried out). Pure functions: each takes the item's history and
// returns its decision with the history after it; the runner journals and applies both.
import type { JobAction, OutcomeKind } from '../../shared/domain';
import type { BackendRequestError, ItemResult } from './backend';
import type { OutcomeRecord, PlannedItem } from './journal';
import type { Verdict } from './verify';

export type Op = JobAction['kind'];

/** What the policy knows of an item's earlier sends. */
export interface ItemHistory {
  /** Transient failures so far (bounded by maxAttempts). */
  attempts: number;
  /** Busy refusals in a row without progress of the job in between (bounded by maxBusyPerItem). */
  busy: number;
  /** The job's progress mark (answers that settled something) at the last busy refusal. */
  busyMark?: number;
  /** An earlier send of this item may have executed (its answer was lost). */
  afterLost: boolean;
  lastCode?: string;
  lastMessage?: string;
}

export interface PolicyLimits {
  maxAttempts: number;
  maxBusyPerItem: number;
}

export type OutcomeFields = Pick<OutcomeRecord, 'code' | 'msg' | 'retryable' | 'newId'>;

export type ItemDecision =
  /** A final outcome (for 'done' the runner adds the destination). */
  | { next: 'settle'; kind: OutcomeKind; fields: OutcomeFields }
  /** Send again as soon as a batch has room: nothing about this item holds the account. */
  | { next: 'retryNow' }
  /** Send again once the account's gate opens (the server was busy, or the request failed). */
  | { next: 'backOff' }
  /** A move or copy whose answer was lost: find out where the item went before anything else. */
  | { next: 'verify' };

export interface Ruling {
  decision: ItemDecision;
  history: ItemHistory;
}

/** Whether re-sending after a lost answer is safe: deleting twice is (the second says "not found"), moving twice is not. */
export function resendIsSafe(op: Op): boolean {
  return op === 'delete' || op === 'emptyFolder';
}

const NO_ANSWER: ItemResult = { status: 'error', code: 'NoAnswer', message: 'no answer for this item', retryable: true };

const settle = (kind: OutcomeKind, fields: OutcomeFields = {}): ItemDecision => ({ next: 'settle', kind, fields });

/** The item after a failed send: give it up, as unknown when an earlier answer was lost. */
export function giveUp(h: ItemHistory): ItemDecision {
  if (h.afterLost) return settle('unknown', { msg: `an answer was lost and re-sending kept failing (${h.lastCode ?? 'error'}): check the item` });
  return settle('failed', { code: h.lastCode ?? 'Error', msg: h.lastMessage ?? 'gave up after repeated failures', retryable: true });
}

/** A busy refusal: counted only while no answer of the job settled anything since the last one. */
function refused(h: ItemHistory, progressMark: number, limits: PolicyLimits, then: ItemDecision): Ruling {
  const busy = (h.busyMark === progressMark ? h.busy : 0) + 1;
  const history = { ...h, busy, busyMark: progressMark };
  return { decision: busy >= limits.maxBusyPerItem ? giveUp(history) : then, history };
}

/** A transient failure: counted towards maxAttempts. */
function failedAttempt(h: ItemHistory, limits: PolicyLimits, then: ItemDecision): Ruling {
  const history = { ...h, attempts: h.attempts + 1 };
  return { decision: history.attempts >= limits.maxAttempts ? giveUp(history) : then, history };
}

/** The item's own answer in a batch that came back (undefined: the server left it out). */
export function decideItemResult(op: Op, h: ItemHistory, answer: ItemResult | undefined, progressMark: number, limits: PolicyLimits): Ruling {
  const r = answer ?? NO_ANSWER;
  switch (r.status) {
    case 'retry': {
      // Items a batch-stopping error left unprocessed go out again at once; only the server's own
      // busy answers hold the account (the runner holds its gate for the batch).
      const history = { ...h, lastCode: r.code, lastMessage: r.message };
      return refused(history, progressMark, limits, r.throttled ? { next: 'backOff' } : { next: 'retryNow' });
    }
    case 'ok':
      return { decision: settle('done', r.newId ? { newId: r.newId } : {}), history: h };
    case 'notFound':
      if (resendIsSafe(op)) {
        // The goal (item gone) is met. After a lost answer our own earlier send probably did it,
        // but "not found" cannot prove where the item went, so it is not claimed as done.
        return {
          decision: settle('alreadyGone', h.afterLost ? { msg: 'an earlier answer was lost; the item was gone when the delete was sent again' } : {}),
          history: h,
        };
      }
      return { decision: h.afterLost ? unknownAfterResend(r.code) : settle('failed', { code: r.code, msg: r.message, retryable: false }), history: h };
    case 'error':
      // After a lost answer the earlier send may have done it; this error says nothing about that.
      return { decision: h.afterLost ? unknownAfterResend(r.code) : settle('failed', { code: r.code, msg: r.message, retryable: r.retryable }), history: h };
    case 'notSent':
      return { decision: notSent(h, r.code, r.message), history: { ...h, lastCode: r.code, lastMessage: r.message } };
  }
}

/**
 * Nothing was sent for the item and nothing more can be (no sign-in): as a leftover of the job it
 * now ends, not attempted; unknown when an earlier send of it may have been carried out.
 */
function notSent(h: ItemHistory, code: string, message: string): ItemDecision {
  if (h.afterLost) return settle('unknown', { code, msg: `an earlier answer was lost and sending again was not possible: ${message}` });
  return settle('notAttempted', { code, msg: `not sent: ${message}` });
}

function unknownAfterResend(code: string): ItemDecision {
  return settle('unknown', { code, msg: `an earlier answer was lost and sending again answered ${code}: check the item` });
}

/** The whole request failed (no per-item answers). */
export function decideRequestError(op: Op, h: ItemHistory, e: BackendRequestError, progressMark: number, limits: PolicyLimits): Ruling {
  const history = { ...h, lastCode: e.code, lastMessage: e.message };
  if (e.kind === 'fatal') {
    if (e.neverSent) return { decision: notSent(h, e.code, e.message), history };
    // Auth, access, a missing mailbox: every further request would fail the same way.
    const decision = h.afterLost
      ? settle('unknown', { msg: `an earlier answer was lost and re-sending failed: ${e.code}` })
      : settle('failed', { code: e.code, msg: e.message, retryable: false });
    return { decision, history };
  }
  if (e.kind === 'busy') return refused(history, progressMark, limits, { next: 'backOff' });
  if (!e.mayHaveExecuted || resendIsSafe(op)) {
    return failedAttempt(e.mayHaveExecuted ? { ...history, afterLost: true } : history, limits, { next: 'backOff' });
  }
  return { decision: { next: 'verify' }, history };
}

/** A previous run sent the item and no answer was journalled (a crash, a full disk). */
export function decideUnanswered(op: Op, h: ItemHistory): Ruling {
  // Re-sending a delete is safe ("not found" then means already gone).
  if (resendIsSafe(op)) return { decision: { next: 'retryNow' }, history: { ...h, afterLost: true } };
  return { decision: { next: 'verify' }, history: h };
}

/** What looking for a lost move or copy found (undefined: the item was not verified). */
export function decideVerified(h: ItemHistory, verdict: Verdict | undefined, limits: PolicyLimits): Ruling {
  const v = verdict ?? { kind: 'unknown', message: 'not verified' };
  if (v.kind === 'done') return { decision: settle('done', { newId: v.newId }), history: h };
  if (v.kind === 'unknown') return { decision: settle('unknown', { msg: v.message }), history: h };
  // Still in its folder when we looked, but the unanswered request may not have reached it yet (a
  // timed-out request goes on running on the server): a later "not found" or a give-up must not
  // claim that it was never moved.
  return failedAttempt({ ...h, afterLost: true }, limits, { next: 'retryNow' });
}

/** The job ended (cancel, fatal error) before the item was sent (again). */
export function decideLeftover(h: ItemHistory, reason: string, at: string): ItemDecision {
  if (h.afterLost) return settle('unknown', { msg: `an earlier answer was lost and the job ended before sending again (${reason}) at ${at}` });
  return settle('notAttempted');
}

/** What a batch's answers say about the job and the account as a whole. */
export interface BatchSignals {
  /** The server settled at least one item (busy refusals since then start counting afresh). */
  progressed: boolean;
  /** Some item was refused as busy: the account's gate holds every request. */
  throttled: boolean;
  /** The longest BackOffMilliseconds given with those refusals (undefined: none given). */
  backOffMs: number | undefined;
}

export function batchSignals(results: readonly ItemResult[]): BatchSignals {
  let throttled = false;
  let backOffMs: number | undefined;
  for (const r of results) {
    if (r.status !== 'retry' || !r.throttled) continue;
    throttled = true;
    if (r.backOffMs !== undefined) backOffMs = Math.max(backOffMs ?? 0, r.backOffMs);
  }
  return { progressed: results.some((r) => r.status !== 'retry' && r.status !== 'notSent'), throttled, backOffMs };
}

/** The journal's outcome record for a planned item (`sentAt` empty: never sent). */
export function outcomeRecord(item: PlannedItem, k: OutcomeKind, sentAt: string, extra: Partial<OutcomeRecord>): OutcomeRecord {
  const o: OutcomeRecord = { s: item.seq, k, id: item.id, subj: item.subject, folder: item.folderId, ...extra };
  if (sentAt) o.sentAt = sentAt;
  return o;
}
