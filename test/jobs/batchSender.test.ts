// One batch through BatchSender against the scripted backend: the intent is journalled first, the
// answers become outcomes (done with the destination and new id) or items to send again, the
// account's gate hears about busy answers, a fatal request error stops the job (one never sent, as
// after a sign-out, leaves its items not attempted), a lost move is
// verified, and a resumed run's unanswered deletes go out again marked after-lost.
import { describe, expect, it } from 'vitest';
import { AccountGate, defaultBackoffOptions, realClock } from '../../electron/jobs/backoff';
import { BatchSender } from '../../electron/jobs/batchSender';
import { BatchSizer } from '../../electron/jobs/batchSizer';
import { AdaptiveConcurrency } from '../../electron/jobs/concurrency';
import type { JournalRecord, OutcomeRecord, PlannedItem } from '../../electron/jobs/journal';
import type { PlanFeed } from '../../electron/jobs/planFeed';
import { ItemStatus } from '../../electron/jobs/replay';
import { RunState } from '../../electron/jobs/runState';
import { workItem, type WorkItem } from '../../electron/jobs/workQueue';
import type { JobAction } from '../../shared/domain';
import { FakeBackend, type RequestFault } from './fakeBackend';

interface Harness {
  fb: FakeBackend;
  gate: AccountGate;
  state: RunState;
  sender: BatchSender;
  journal: JournalRecord[];
  results: { b: number; out: OutcomeRecord[]; again: WorkItem[] }[];
  batch: WorkItem[];
}

function harness(action: JobAction, n: number, unanswered: PlannedItem[] = []): Harness {
  const fb = new FakeBackend();
  fb.addFolder('dst', 'Destination');
  const planned = fb.addItems('inbox', n).map((it, seq): PlannedItem => ({ seq, id: it.id, subject: it.subject, folderId: 'inbox', size: it.size }));
  const gate = new AccountGate(realClock, { ...defaultBackoffOptions, baseMs: 1, maxMs: 2 }, () => 0.5);
  const state = new RunState(undefined, undefined);
  for (const p of planned) state.status.set(p.seq, ItemStatus.Held);
  const journal: JournalRecord[] = [];
  const results: Harness['results'] = [];
  // Only what settleUnanswered reads of the feed.
  const feed = {
    async *unanswered() {
      yield* unanswered;
    },
  } as unknown as PlanFeed;
  const sender = new BatchSender({
    spec: { mailbox: { part: 'primary' }, action, target: { kind: 'query', folderId: 'inbox', filter: {} } },
    backend: fb,
    gate,
    sizer: new BatchSizer({}),
    concurrency: new AdaptiveConcurrency({}),
    opts: { requestTimeoutMs: 5_000, serverRequestLimitMs: 0, maxBusyPerItem: 3, backoff: { ...defaultBackoffOptions, maxAttempts: 3 }, clock: realClock },
    state,
    feed,
    append: async (rec) => void journal.push(rec),
    record: async (b, out, again) => void results.push({ b, out, again }),
    limits: () => ({ maxAttempts: 3, timeoutMs: 5_000 }),
    iso: () => '2026-01-01T00:00:00.000Z',
  });
  return { fb, gate, state, sender, journal, results, batch: planned.map((p) => workItem(p, false)) };
}

const move: JobAction = { kind: 'move', toFolderId: 'dst' };

describe('BatchSender', () => {
  it('journals the intent, then records each item done with its destination and new id', async () => {
    const h = harness(move, 3);
    await h.sender.send(h.batch);
    expect(h.journal).toEqual([{ t: 'intent', b: 1, at: '2026-01-01T00:00:00.000Z', seqs: [0, 1, 2] }]);
    expect(h.state.batchNo).toBe(1);
    expect(h.state.status.get(0)).toBe(ItemStatus.InFlight);
    const [r] = h.results;
    expect(r?.b).toBe(1);
    expect(r?.again).toEqual([]);
    expect(r?.out.map((o) => [o.s, o.k, o.dest, o.sentAt])).toEqual([
      [0, 'done', 'dst', '2026-01-01T00:00:00.000Z'],
      [1, 'done', 'dst', '2026-01-01T00:00:00.000Z'],
      [2, 'done', 'dst', '2026-01-01T00:00:00.000Z'],
    ]);
    expect(r?.out.every((o) => o.newId !== undefined && h.fb.items.get(o.newId)?.folderId === 'dst')).toBe(true);
    expect(h.state.progressMark).toBe(1);
  });

  it('a busy item goes out again and the gate holds the account; an item error is final', async () => {
    const h = harness(move, 2);
    const [first] = h.batch;
    h.fb.itemFault = (_op, it) =>
      it.id === first?.item.id
        ? { status: 'retry', code: 'ErrorServerBusy', message: 'busy', throttled: true, backOffMs: 50 }
        : { status: 'error', code: 'ErrorAccessDenied', message: 'denied', retryable: false };
    await h.sender.send(h.batch);
    const [r] = h.results;
    expect(r?.again.map((w) => [w.item.seq, w.busy, w.lastCode])).toEqual([[0, 1, 'ErrorServerBusy']]);
    expect(r?.out.map((o) => [o.s, o.k, o.code])).toEqual([[1, 'failed', 'ErrorAccessDenied']]);
    expect(h.gate.remaining()).toBeGreaterThan(0);
  });

  it('a fatal request error stops the job and fails every item of the batch', async () => {
    const h = harness(move, 2);
    h.fb.requestFault = (): RequestFault => ({ kind: 'fatal', code: 'ErrorAccessDenied' });
    await h.sender.send(h.batch);
    expect(h.state.fatalError).toMatch(/^ErrorAccessDenied: /);
    expect(h.results[0]?.out.map((o) => [o.k, o.retryable])).toEqual([
      ['failed', false],
      ['failed', false],
    ]);
  });

  it('a request refused before it left (signed out) stops the job; its items are not attempted, with no send time', async () => {
    const h = harness(move, 2);
    h.fb.requestFault = (): RequestFault => ({ kind: 'fatal', neverSent: true });
    await h.sender.send(h.batch);
    expect(h.state.fatalError).toBe('NoAccessToken: Signed out.');
    expect(h.results[0]?.out.map((o) => [o.k, o.code, o.msg, o.sentAt])).toEqual([
      ['notAttempted', 'NoAccessToken', 'not sent: Signed out.', undefined],
      ['notAttempted', 'NoAccessToken', 'not sent: Signed out.', undefined],
    ]);
  });

  it('an item answered "not sent" beside answered ones stops the job; the answered items stand', async () => {
    const h = harness(move, 3);
    h.fb.itemFault = (_op, item) => (item.key === 'k2' ? { status: 'notSent', code: 'NoAccessToken', message: 'Signed out.' } : undefined);
    await h.sender.send(h.batch);
    expect(h.state.fatalError).toBe('NoAccessToken: Signed out.');
    expect(h.results[0]?.out.map((o) => [o.s, o.k, o.sentAt])).toEqual([
      [0, 'done', '2026-01-01T00:00:00.000Z'],
      [1, 'done', '2026-01-01T00:00:00.000Z'],
      [2, 'notAttempted', undefined],
    ]);
    expect(h.state.progressMark).toBe(1);
  });

  it('a move whose answer was lost is verified: found in the destination, it is done', async () => {
    const h = harness(move, 2);
    h.fb.requestFault = (req): RequestFault | undefined => (req.op === 'move' ? { kind: 'lost' } : undefined);
    await h.sender.send(h.batch);
    expect(h.results).toHaveLength(1);
    expect(h.results[0]?.out.map((o) => [o.s, o.k, o.dest])).toEqual([
      [0, 'done', 'dst'],
      [1, 'done', 'dst'],
    ]);
  });

  it('a delete whose answer was lost goes out again, marked after-lost', async () => {
    const h = harness({ kind: 'delete', mode: 'SoftDelete' }, 2);
    h.fb.requestFault = (): RequestFault => ({ kind: 'lost' });
    await h.sender.send(h.batch);
    expect(h.results[0]?.again.map((w) => [w.item.seq, w.afterLost, w.attempts])).toEqual([
      [0, true, 1],
      [1, true, 1],
    ]);
  });

  it('on resume, unanswered deletes go out again after-lost in a batch of their own', async () => {
    const items: PlannedItem[] = [
      { seq: 4, id: 'x4', subject: '', folderId: 'inbox', size: 0 },
      { seq: 9, id: 'x9', subject: '', folderId: 'inbox', size: 0 },
    ];
    const h = harness({ kind: 'delete', mode: 'HardDelete' }, 0, items);
    h.state.status.set(4, ItemStatus.InFlight);
    await h.sender.settleUnanswered();
    expect(h.results.map((r) => [r.b, r.out.length, r.again.map((w) => [w.item.seq, w.afterLost])])).toEqual([
      [
        1,
        0,
        [
          [4, true],
          [9, true],
        ],
      ],
    ]);
  });
});
