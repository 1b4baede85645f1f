// The per-item outcome policy, one table per kind of answer: for each item history and answer, the
// decision (settle how, send again now, back off, verify) and the item's history after it.
import { describe, expect, it } from 'vitest';
import { BackendRequestError, type ItemResult } from '../../electron/jobs/backend';
import {
  batchSignals,
  decideItemResult,
  decideLeftover,
  decideRequestError,
  decideUnanswered,
  decideVerified,
  giveUp,
  resendIsSafe,
  type ItemDecision,
  type ItemHistory,
  type Op,
} from '../../electron/jobs/outcomePolicy';
import type { Verdict } from '../../electron/jobs/verify';

const limits = { maxAttempts: 3, maxBusyPerItem: 4 };
const fresh: ItemHistory = { attempts: 0, busy: 0, afterLost: false };
const lost: ItemHistory = { ...fresh, afterLost: true };
const MARK = 7;

const done = (fields = {}): ItemDecision => ({ next: 'settle', kind: 'done', fields });
const failed = (code: string, msg: string, retryable: boolean): ItemDecision => ({ next: 'settle', kind: 'failed', fields: { code, msg, retryable } });
const unknown = (msg: string, code?: string): ItemDecision => ({ next: 'settle', kind: 'unknown', fields: code ? { code, msg } : { msg } });

const busyRetry: ItemResult = { status: 'retry', code: 'ErrorServerBusy', message: 'busy', throttled: true, backOffMs: 100 };
const stopped: ItemResult = { status: 'retry', code: 'ErrorBatchProcessingStopped', message: 'stopped', throttled: false };
const notFound: ItemResult = { status: 'notFound', code: 'ErrorItemNotFound', message: 'not found' };
const denied: ItemResult = { status: 'error', code: 'ErrorAccessDenied', message: 'denied', retryable: false };
const signedOut: ItemResult = { status: 'notSent', code: 'NoAccessToken', message: 'signed out' };
const notAttempted = (code: string, msg: string): ItemDecision => ({ next: 'settle', kind: 'notAttempted', fields: { code, msg } });

describe('decideItemResult', () => {
  const rows: { name: string; op: Op; h: ItemHistory; r: ItemResult | undefined; decision: ItemDecision; history?: Partial<ItemHistory> }[] = [
    { name: 'ok → done', op: 'move', h: fresh, r: { status: 'ok' }, decision: done() },
    { name: 'ok with a new id → done with it', op: 'move', h: fresh, r: { status: 'ok', newId: 'N1' }, decision: done({ newId: 'N1' }) },
    { name: 'ok after a lost answer → done', op: 'copy', h: lost, r: { status: 'ok', newId: 'N2' }, decision: done({ newId: 'N2' }) },
    { name: 'delete: not found → already gone', op: 'delete', h: fresh, r: notFound, decision: { next: 'settle', kind: 'alreadyGone', fields: {} } },
    {
      name: 'delete after a lost answer: not found → already gone, saying so',
      op: 'delete',
      h: lost,
      r: notFound,
      decision: { next: 'settle', kind: 'alreadyGone', fields: { msg: 'an earlier answer was lost; the item was gone when the delete was sent again' } },
    },
    { name: 'emptyFolder: not found → already gone', op: 'emptyFolder', h: fresh, r: notFound, decision: { next: 'settle', kind: 'alreadyGone', fields: {} } },
    { name: 'move: not found → failed, not retryable', op: 'move', h: fresh, r: notFound, decision: failed('ErrorItemNotFound', 'not found', false) },
    {
      name: 'move after a lost answer: not found → unknown',
      op: 'move',
      h: lost,
      r: notFound,
      decision: unknown('an earlier answer was lost and sending again answered ErrorItemNotFound: check the item', 'ErrorItemNotFound'),
    },
    {
      name: 'recover after a lost answer: not found → unknown',
      op: 'recover',
      h: lost,
      r: notFound,
      decision: unknown('an earlier answer was lost and sending again answered ErrorItemNotFound: check the item', 'ErrorItemNotFound'),
    },
    { name: 'error → failed, as retryable as the server said', op: 'copy', h: fresh, r: denied, decision: failed('ErrorAccessDenied', 'denied', false) },
    {
      name: 'delete after a lost answer: error → unknown',
      op: 'delete',
      h: lost,
      r: denied,
      decision: unknown('an earlier answer was lost and sending again answered ErrorAccessDenied: check the item', 'ErrorAccessDenied'),
    },
    { name: 'no answer for the item → failed, retryable', op: 'move', h: fresh, r: undefined, decision: failed('NoAnswer', 'no answer for this item', true) },
    {
      name: 'not sent (signed out) → not attempted, saying why',
      op: 'move',
      h: fresh,
      r: signedOut,
      decision: notAttempted('NoAccessToken', 'not sent: signed out'),
      history: { lastCode: 'NoAccessToken', lastMessage: 'signed out' },
    },
    {
      name: 'not sent after a lost answer → unknown',
      op: 'delete',
      h: lost,
      r: signedOut,
      decision: unknown('an earlier answer was lost and sending again was not possible: signed out', 'NoAccessToken'),
    },
    {
      name: 'busy item → back off, refusal counted',
      op: 'move',
      h: fresh,
      r: busyRetry,
      decision: { next: 'backOff' },
      history: { busy: 1, busyMark: MARK, lastCode: 'ErrorServerBusy', lastMessage: 'busy' },
    },
    {
      name: 'batch stopped before the item → send again now, refusal counted',
      op: 'delete',
      h: fresh,
      r: stopped,
      decision: { next: 'retryNow' },
      history: { busy: 1, busyMark: MARK, lastCode: 'ErrorBatchProcessingStopped' },
    },
    {
      name: 'busy again with no progress in between → counted on',
      op: 'move',
      h: { ...fresh, busy: 2, busyMark: MARK },
      r: busyRetry,
      decision: { next: 'backOff' },
      history: { busy: 3 },
    },
    {
      name: 'busy again after progress of the job → counted afresh',
      op: 'move',
      h: { ...fresh, busy: 3, busyMark: MARK - 1 },
      r: busyRetry,
      decision: { next: 'backOff' },
      history: { busy: 1, busyMark: MARK },
    },
    {
      name: 'busy for the limit-th time in a row → failed, retryable, with the last code',
      op: 'move',
      h: { ...fresh, busy: 3, busyMark: MARK },
      r: busyRetry,
      decision: failed('ErrorServerBusy', 'busy', true),
      history: { busy: 4 },
    },
    {
      name: 'busy for the limit-th time after a lost answer → unknown',
      op: 'move',
      h: { ...lost, busy: 3, busyMark: MARK },
      r: busyRetry,
      decision: unknown('an answer was lost and re-sending kept failing (ErrorServerBusy): check the item'),
      history: { busy: 4 },
    },
  ];
  it.each(rows)('$name', ({ op, h, r, decision, history }) => {
    const before = { ...h };
    const ruling = decideItemResult(op, h, r, MARK, limits);
    expect(ruling.decision).toEqual(decision);
    expect(ruling.history).toMatchObject({ ...h, ...history });
    expect(h).toEqual(before);
  });
});

const requestError = (
  kind: 'busy' | 'transient' | 'fatal',
  mayHaveExecuted: boolean,
  code = kind === 'busy' ? 'ErrorServerBusy' : 'HTTP503',
  neverSent = false,
): BackendRequestError => new BackendRequestError({ kind, code, message: `${code} message`, mayHaveExecuted, neverSent });

describe('decideRequestError', () => {
  const rows: { name: string; op: Op; h: ItemHistory; e: BackendRequestError; decision: ItemDecision; history?: Partial<ItemHistory> }[] = [
    {
      name: 'fatal → failed, not retryable',
      op: 'move',
      h: fresh,
      e: requestError('fatal', false, 'ErrorAccessDenied'),
      decision: failed('ErrorAccessDenied', 'ErrorAccessDenied message', false),
      history: { lastCode: 'ErrorAccessDenied', lastMessage: 'ErrorAccessDenied message' },
    },
    {
      name: 'fatal after a lost answer → unknown',
      op: 'delete',
      h: lost,
      e: requestError('fatal', false, 'ErrorAccessDenied'),
      decision: unknown('an earlier answer was lost and re-sending failed: ErrorAccessDenied'),
    },
    {
      name: 'fatal, never sent (no token) → not attempted, saying why',
      op: 'move',
      h: fresh,
      e: requestError('fatal', false, 'NoAccessToken', true),
      decision: notAttempted('NoAccessToken', 'not sent: NoAccessToken message'),
    },
    {
      name: 'fatal, never sent, after a lost answer → unknown',
      op: 'delete',
      h: lost,
      e: requestError('fatal', false, 'NoAccessToken', true),
      decision: unknown('an earlier answer was lost and sending again was not possible: NoAccessToken message', 'NoAccessToken'),
    },
    {
      name: 'busy → back off, refusal counted',
      op: 'copy',
      h: fresh,
      e: requestError('busy', false),
      decision: { next: 'backOff' },
      history: { busy: 1, busyMark: MARK },
    },
    {
      name: 'busy for the limit-th time → failed, retryable',
      op: 'copy',
      h: { ...fresh, busy: 3, busyMark: MARK },
      e: requestError('busy', false),
      decision: failed('ErrorServerBusy', 'ErrorServerBusy message', true),
      history: { busy: 4 },
    },
    {
      name: 'transient, not executed → back off, attempt counted',
      op: 'move',
      h: fresh,
      e: requestError('transient', false),
      decision: { next: 'backOff' },
      history: { attempts: 1, afterLost: false },
    },
    {
      name: 'transient, not executed, last attempt → failed, retryable',
      op: 'move',
      h: { ...fresh, attempts: 2 },
      e: requestError('transient', false),
      decision: failed('HTTP503', 'HTTP503 message', true),
      history: { attempts: 3 },
    },
    {
      name: 'delete whose answer was lost → back off, marked after-lost',
      op: 'delete',
      h: fresh,
      e: requestError('transient', true),
      decision: { next: 'backOff' },
      history: { attempts: 1, afterLost: true },
    },
    {
      name: 'emptyFolder whose answer was lost, last attempt → unknown',
      op: 'emptyFolder',
      h: { ...fresh, attempts: 2 },
      e: requestError('transient', true, 'Timeout'),
      decision: unknown('an answer was lost and re-sending kept failing (Timeout): check the item'),
      history: { attempts: 3, afterLost: true },
    },
    {
      name: 'move whose answer was lost → verify',
      op: 'move',
      h: fresh,
      e: requestError('transient', true),
      decision: { next: 'verify' },
      history: { attempts: 0 },
    },
    { name: 'copy whose answer was lost → verify', op: 'copy', h: fresh, e: requestError('transient', true), decision: { next: 'verify' } },
    { name: 'recover whose answer was lost → verify', op: 'recover', h: fresh, e: requestError('transient', true), decision: { next: 'verify' } },
  ];
  it.each(rows)('$name', ({ op, h, e, decision, history }) => {
    const ruling = decideRequestError(op, h, e, MARK, limits);
    expect(ruling.decision).toEqual(decision);
    expect(ruling.history).toMatchObject({ ...h, lastCode: e.code, lastMessage: e.message, ...history });
  });

  it('a request never sent cannot also have been carried out', () => {
    expect(() => requestError('fatal', true, 'NoAccessToken', true)).toThrow(RangeError);
    expect(requestError('fatal', false, 'ErrorAccessDenied').neverSent).toBe(false);
  });
});

describe('decideVerified and decideUnanswered', () => {
  const rows: { name: string; h: ItemHistory; v: Verdict | undefined; decision: ItemDecision; history?: Partial<ItemHistory> }[] = [
    { name: 'found in the destination → done with the new id', h: fresh, v: { kind: 'done', newId: 'N9' }, decision: done({ newId: 'N9' }) },
    {
      name: 'cannot tell → unknown with the reason',
      h: fresh,
      v: { kind: 'unknown', message: 'source lookup failed' },
      decision: unknown('source lookup failed'),
    },
    { name: 'not verified at all → unknown', h: fresh, v: undefined, decision: unknown('not verified') },
    {
      name: 'still in its folder → send again now, marked after-lost',
      h: fresh,
      v: { kind: 'resend' },
      decision: { next: 'retryNow' },
      history: { attempts: 1, afterLost: true },
    },
    {
      name: 'still in its folder, last attempt → unknown',
      h: { ...fresh, attempts: 2, lastCode: 'Timeout' },
      v: { kind: 'resend' },
      decision: unknown('an answer was lost and re-sending kept failing (Timeout): check the item'),
      history: { attempts: 3, afterLost: true },
    },
  ];
  it.each(rows)('$name', ({ h, v, decision, history }) => {
    const ruling = decideVerified(h, v, limits);
    expect(ruling.decision).toEqual(decision);
    expect(ruling.history).toMatchObject({ ...h, ...history });
  });

  it.each([
    { op: 'delete' as Op, decision: { next: 'retryNow' }, afterLost: true },
    { op: 'emptyFolder' as Op, decision: { next: 'retryNow' }, afterLost: true },
    { op: 'move' as Op, decision: { next: 'verify' }, afterLost: false },
    { op: 'copy' as Op, decision: { next: 'verify' }, afterLost: false },
    { op: 'recover' as Op, decision: { next: 'verify' }, afterLost: false },
  ])('unanswered $op from a previous run → $decision.next', ({ op, decision, afterLost }) => {
    const ruling = decideUnanswered(op, fresh);
    expect(ruling.decision).toEqual(decision);
    expect(ruling.history.afterLost).toBe(afterLost);
    expect(resendIsSafe(op)).toBe(decision.next === 'retryNow');
  });
});

describe('giveUp and decideLeftover', () => {
  it.each([
    { name: 'no code known', h: fresh, decision: failed('Error', 'gave up after repeated failures', true) },
    { name: 'the last code and message', h: { ...fresh, lastCode: 'HTTP503', lastMessage: 'unavailable' }, decision: failed('HTTP503', 'unavailable', true) },
    { name: 'after a lost answer', h: lost, decision: unknown('an answer was lost and re-sending kept failing (error): check the item') },
  ])('giveUp: $name', ({ h, decision }) => expect(giveUp(h)).toEqual(decision));

  it.each([
    { name: 'never sent → not attempted', h: fresh, decision: { next: 'settle', kind: 'notAttempted', fields: {} } },
    {
      name: 'after a lost answer → unknown, with the reason and time',
      h: lost,
      decision: unknown('an earlier answer was lost and the job ended before sending again (cancelled before it was sent) at 2026-01-01T00:00:00.000Z'),
    },
  ])('decideLeftover: $name', ({ h, decision }) => expect(decideLeftover(h, 'cancelled before it was sent', '2026-01-01T00:00:00.000Z')).toEqual(decision));
});

describe('batchSignals', () => {
  it.each([
    { name: 'all settled', results: [{ status: 'ok' }, notFound, denied] as ItemResult[], want: { progressed: true, throttled: false, backOffMs: undefined } },
    {
      name: 'all busy, the longest wait',
      results: [busyRetry, { ...busyRetry, backOffMs: 300 }],
      want: { progressed: false, throttled: true, backOffMs: 300 },
    },
    {
      name: 'busy without a wait',
      results: [{ ...busyRetry, backOffMs: undefined }, { status: 'ok' }] as ItemResult[],
      want: { progressed: true, throttled: true, backOffMs: undefined },
    },
    { name: 'busy with 0 ms', results: [{ ...busyRetry, backOffMs: 0 }], want: { progressed: false, throttled: true, backOffMs: 0 } },
    { name: 'batch stopped: not throttled', results: [stopped], want: { progressed: false, throttled: false, backOffMs: undefined } },
    { name: 'not sent (signed out): no progress', results: [signedOut], want: { progressed: false, throttled: false, backOffMs: undefined } },
  ])('$name', ({ results, want }) => expect(batchSignals(results)).toEqual(want));
});
