// The per-mailbox $batch packer (electron/backends/graph/packer.ts) with a transport the test
// answers by hand: concurrent calls share full $batches, each call's answers come back in its own
// input order, a $batch refused or lost as a whole fails exactly the calls with items in it (and
// only as a call sent alone would fail), a call cancelled while queued takes its items back, and
// a $batch in flight is abandoned only when every call in it is cancelled. Last, packed $batches
// mixing operations against the Graph simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAll, unsentResult } from '../../../electron/backends/graph/batching';
import { GraphJobBackend } from '../../../electron/backends/graph/jobBackend';
import { itemFailure } from '../../../electron/backends/graph/errors';
import { MailboxLane } from '../../../electron/backends/graph/lane';
import { BatchPacker } from '../../../electron/backends/graph/packer';
import { GraphClient, type GraphRequestSpec, type GraphResult } from '../../../electron/graph/client';
import type { HttpOutcome, HttpRequest, GraphHttp } from '../../../electron/graph/transport';
import type { BackendRequestError, ItemResult } from '../../../electron/jobs/backend';
import { clientWith, json } from '../../graph/support';
import { ADMIN, graphIds, never, newFolder, startRig, subjectsIn, type GraphRig } from './support';

interface Held {
  request: HttpRequest;
  /** Sub-request urls in the order sent. */
  urls: string[];
  answer(outcome: HttpOutcome): void;
}

/** A transport whose answers the test gives, one $batch at a time. */
class HeldHttp implements GraphHttp {
  readonly held: Held[] = [];
  private waiters: Array<() => void> = [];

  send(request: HttpRequest): Promise<HttpOutcome> {
    return new Promise<HttpOutcome>((resolve) => {
      const sent = JSON.parse(request.body ?? '{}') as { requests: { url: string }[] };
      this.held.push({ request, urls: sent.requests.map((r) => r.url), answer: resolve });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** The `n`th $batch (0-based), once sent. */
  async batch(n: number): Promise<Held> {
    while (this.held.length <= n) await new Promise<void>((r) => this.waiters.push(r));
    return this.held[n] as Held;
  }
}

/** A 200 $batch answer, in reverse order (Graph may answer in any order), status per sub-request url. */
function answerWith(held: Held, status: (url: string) => number = () => 204): HttpOutcome {
  const sent = JSON.parse(held.request.body ?? '{}') as { requests: { id: string; url: string }[] };
  const responses = sent.requests.map((r) => {
    const s = status(r.url);
    return { id: r.id, status: s, headers: {}, ...(s >= 400 ? { body: { error: { code: 'ErrorItemNotFound', message: 'gone' } } } : {}) };
  });
  return { ok: true, response: json(200, { responses: responses.reverse() }) };
}

const specs = (call: string, n: number): GraphRequestSpec[] => Array.from({ length: n }, (_, i) => ({ method: 'DELETE', path: `/me/messages/${call}-${i}` }));
/** Each answer read as the item's url tail and status, so order and ownership show. */
const readAs =
  (call: string) =>
  (r: GraphResult, i: number): string =>
    `${call}-${i}:${r.ok ? r.status : 'failed'}`;
const unsentAs = (e: BackendRequestError): string => `unsent:${e.code}`;

function rig(): { http: HeldHttp; packer: BatchPacker; lane: MailboxLane } {
  const http = new HeldHttp();
  const lane = new MailboxLane();
  return { http, lane, packer: new BatchPacker(clientWith(http), lane) };
}

describe('BatchPacker: packing and order', () => {
  it('fills each $batch to 20 from several calls, first come first served, and answers each call in its input order', async () => {
    const { http, packer } = rig();
    const a = packer.send(specs('a', 7), readAs('a'), unsentAs, never());
    const b = packer.send(specs('b', 9), readAs('b'), unsentAs, never());
    const c = packer.send(specs('c', 30), readAs('c'), unsentAs, never());
    const first = await http.batch(0);
    // a's 7, b's 9 and the first 4 of c, in that order.
    expect(first.urls).toEqual([...specs('a', 7), ...specs('b', 9), ...specs('c', 4)].map((s) => s.path));
    // One $batch at a time while it holds all four slots.
    expect(http.held).toHaveLength(1);
    first.answer(answerWith(first));
    expect(await a).toEqual(Array.from({ length: 7 }, (_, i) => `a-${i}:204`));
    expect(await b).toEqual(Array.from({ length: 9 }, (_, i) => `b-${i}:204`));
    const second = await http.batch(1);
    expect(second.urls).toHaveLength(20);
    second.answer(answerWith(second, (url) => (url.endsWith('/c-10') ? 404 : 204)));
    const third = await http.batch(2);
    expect(third.urls).toEqual(
      specs('c', 30)
        .slice(24)
        .map((s) => s.path),
    );
    third.answer(answerWith(third));
    const cs = await c;
    expect(cs).toHaveLength(30);
    expect(cs[10]).toBe('c-10:failed');
    expect(cs.filter((x, i) => x === `c-${i}:204`)).toHaveLength(29);
    expect(packer.queued).toBe(0);
  });

  it('a $batch asks the lane for the slots it runs at once when its turn comes: small tails run side by side', async () => {
    const { http, packer, lane } = rig();
    // Two slots taken by someone else: a 1-item $batch fits beside them, a second one too.
    let releaseOther = (): void => undefined;
    const other = lane.run(2, undefined, () => new Promise<void>((r) => (releaseOther = r)));
    const x = packer.send(specs('x', 1), readAs('x'), unsentAs, never());
    const y = packer.send(specs('y', 1), readAs('y'), unsentAs, never());
    const first = await http.batch(0);
    expect(first.urls).toEqual(['/me/messages/x-0', '/me/messages/y-0']);
    first.answer(answerWith(first));
    expect(await x).toEqual(['x-0:204']);
    expect(await y).toEqual(['y-0:204']);
    // Five waiting while only two slots are free: the $batch waits for all four, then takes all five.
    const z = packer.send(specs('z', 5), readAs('z'), unsentAs, never());
    await new Promise((r) => setTimeout(r, 10));
    expect(http.held).toHaveLength(1);
    releaseOther();
    await other;
    const second = await http.batch(1);
    expect(second.urls).toHaveLength(5);
    second.answer(answerWith(second));
    expect(await z).toHaveLength(5);
  });
});

describe('BatchPacker: failures', () => {
  it('a $batch refused as a whole: a call with earlier answers keeps them and its other items say why; a call with none fails; its queued items are not sent', async () => {
    const { http, packer } = rig();
    const a = packer.send(specs('a', 25), readAs('a'), unsentAs, never());
    const b = packer.send(specs('b', 10), readAs('b'), unsentAs, never());
    const bFailed = expect(b).rejects.toMatchObject({ kind: 'busy', backOffMs: 3000, mayHaveExecuted: false });
    const first = await http.batch(0);
    first.answer(answerWith(first));
    const second = await http.batch(1);
    // a's last 5 and b's 10.
    expect(second.urls).toHaveLength(15);
    second.answer({ ok: true, response: json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '3' }) });
    const as = await a;
    expect(as.slice(0, 20).every((x, i) => x === `a-${i}:204`)).toBe(true);
    expect(as.slice(20)).toEqual(Array(5).fill('unsent:TooManyRequests'));
    await bFailed;
    expect(http.held).toHaveLength(2);
  });

  it('a call stops at its first failure: its items still queued are never sent; the other calls go on', async () => {
    const { http, packer } = rig();
    const a = packer.send(specs('a', 45), readAs('a'), unsentAs, never());
    const first = await http.batch(0);
    // Queued behind a's 45: b.
    const b = packer.send(specs('b', 3), readAs('b'), unsentAs, never());
    first.answer(answerWith(first));
    const second = await http.batch(1);
    second.answer({ ok: true, response: json(503, { error: { code: 'ServiceUnavailable', message: 'busy' } }, { 'retry-after': '1' }) });
    const as = await a;
    expect(as.slice(20)).toEqual(Array(25).fill('unsent:ServiceUnavailable'));
    const third = await http.batch(2);
    // a's last 5 were withdrawn: only b goes.
    expect(third.urls).toEqual(specs('b', 3).map((s) => s.path));
    third.answer(answerWith(third));
    expect(await b).toEqual(['b-0:204', 'b-1:204', 'b-2:204']);
  });

  it('a lost $batch fails exactly the calls with items in it, even one whose other items were answered', async () => {
    const { http, packer } = rig();
    const a = packer.send(specs('a', 20), readAs('a'), unsentAs, never());
    const b = packer.send(specs('b', 22), readAs('b'), unsentAs, never());
    const c = packer.send(specs('c', 8), readAs('c'), unsentAs, never());
    const d = packer.send(specs('d', 30), readAs('d'), unsentAs, never());
    const first = await http.batch(0);
    first.answer(answerWith(first));
    expect(await a).toHaveLength(20);
    const second = await http.batch(1);
    // b's 20 answered; the third $batch holds b's last 2, c's 8 and d's first 10.
    second.answer(answerWith(second));
    const third = await http.batch(2);
    expect(third.urls).toEqual([...specs('b', 22).slice(20), ...specs('c', 8), ...specs('d', 10)].map((s) => s.path));
    third.answer({ ok: false, failure: { kind: 'transport', reason: 'timeout', message: 'no answer' } });
    const lost = { kind: 'transient', mayHaveExecuted: true };
    await Promise.all([expect(b).rejects.toMatchObject(lost), expect(c).rejects.toMatchObject(lost), expect(d).rejects.toMatchObject(lost)]);
    // d stopped there: its other 20 never went out.
    await new Promise((r) => setTimeout(r, 10));
    expect(http.held).toHaveLength(3);
    expect(packer.queued).toBe(0);
  });
});

describe('BatchPacker: cancel', () => {
  it('a call cancelled while queued takes its items back and fails as not sent; the others are not touched', async () => {
    const { http, packer } = rig();
    const a = packer.send(specs('a', 20), readAs('a'), unsentAs, never());
    const cancel = new AbortController();
    const b = packer.send(specs('b', 6), readAs('b'), unsentAs, cancel.signal);
    const c = packer.send(specs('c', 2), readAs('c'), unsentAs, never());
    const first = await http.batch(0);
    cancel.abort(new Error('job cancelled'));
    await expect(b).rejects.toMatchObject({ kind: 'transient', code: 'Cancelled', mayHaveExecuted: false, message: 'job cancelled' });
    first.answer(answerWith(first));
    expect(await a).toHaveLength(20);
    const second = await http.batch(1);
    expect(second.urls).toEqual(specs('c', 2).map((s) => s.path));
    second.answer(answerWith(second));
    expect(await c).toEqual(['c-0:204', 'c-1:204']);
    // Already cancelled: nothing is queued at all.
    await expect(packer.send(specs('d', 1), readAs('d'), unsentAs, cancel.signal)).rejects.toMatchObject({ code: 'Cancelled' });
    expect(packer.queued).toBe(0);
  });

  it('cancelled with items in flight: those are answered, the queued ones are unsent values', async () => {
    const { http, packer } = rig();
    const cancel = new AbortController();
    const a = packer.send(specs('a', 26), readAs('a'), unsentAs, cancel.signal);
    const first = await http.batch(0);
    cancel.abort(new Error('stop'));
    // One call alone in the $batch: cancelling it abandons the request.
    expect(first.request.signal?.aborted).toBe(true);
    first.answer(answerWith(first));
    const as = await a;
    expect(as.slice(0, 20).every((x, i) => x === `a-${i}:204`)).toBe(true);
    expect(as.slice(20)).toEqual(Array(6).fill('unsent:Cancelled'));
  });

  it('a $batch in flight is abandoned only when every call with items in it is cancelled', async () => {
    const { http, packer } = rig();
    const one = new AbortController();
    const two = new AbortController();
    const a = packer.send(specs('a', 5), readAs('a'), unsentAs, one.signal);
    const b = packer.send(specs('b', 5), readAs('b'), unsentAs, two.signal);
    const first = await http.batch(0);
    one.abort(new Error('deadline'));
    expect(first.request.signal?.aborted).toBe(false);
    two.abort(new Error('deadline'));
    expect(first.request.signal?.aborted).toBe(true);
    // The transport answers an abandoned request as aborted: the outcome is unknown.
    first.answer({ ok: false, failure: { kind: 'transport', reason: 'aborted', message: 'aborted' } });
    await Promise.all([expect(a).rejects.toMatchObject({ mayHaveExecuted: true }), expect(b).rejects.toMatchObject({ mayHaveExecuted: true })]);
  });
});

describe('packed $batches against the Graph simulator', () => {
  let sim: GraphRig;
  beforeAll(async () => {
    sim = await startRig();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('moves, deletes and lookups of one mailbox sent at once share $batches; each call gets its own answers in order', async () => {
    const src = await newFolder(sim, 'Packed source');
    const dst = await newFolder(sim, 'Packed target');
    sim.sim.ews.store.seedItems(src.ews, 30, { subject: (i) => `pk-${i}` });
    const ids = await graphIds(sim, src.graph);
    const subjectOf = new Map((await sim.backend.getItems(ids, never())).map((l, i) => [ids[i], l.status === 'found' ? l.row.subject : '']));
    // A backend of its own, over a transport that counts each $batch's sub-requests.
    const sizes: number[] = [];
    const transport = sim.graph.transport;
    const counting: GraphHttp = {
      send: (request) => {
        if (request.url.pathname.endsWith('/$batch')) sizes.push((JSON.parse(request.body ?? '{}') as { requests: unknown[] }).requests.length);
        return transport.send(request);
      },
    };
    const token = sim.sim.mintAccessToken({ user: ADMIN });
    const client = new GraphClient({ baseUrl: sim.sim.graphUrl, token: () => Promise.resolve(token), http: counting });
    const backend = new GraphJobBackend(client, { part: 'primary' }, { signedInUser: ADMIN });
    const [moved, deleted, looked] = await Promise.all([
      backend.moveItems(ids.slice(0, 13), dst.graph, never()),
      backend.deleteItems([...ids.slice(13, 20), 'AAMkAGdvbmU'], 'HardDelete', never()),
      backend.getItems(ids.slice(20), never()),
    ]);
    // 31 sub-requests of three calls in two $batches: 13 moves and 7 deletes, then a delete and 10 lookups.
    expect(sizes).toEqual([20, 11]);
    expect(moved.every((r) => r.status === 'ok' && typeof r.newId === 'string')).toBe(true);
    expect(deleted.slice(0, 7).every((r) => r.status === 'ok')).toBe(true);
    expect(deleted[7]?.status).not.toBe('ok');
    expect(looked.map((l) => (l.status === 'found' ? l.row.subject : l.status))).toEqual(ids.slice(20).map((id) => subjectOf.get(id)));
    const movedSubjects = await sim.backend.getItems(
      moved.map((r) => (r.status === 'ok' ? (r.newId ?? '') : '')),
      never(),
    );
    expect(movedSubjects.map((l) => (l.status === 'found' ? l.row.subject : l.status))).toEqual(ids.slice(0, 13).map((id) => subjectOf.get(id)));
    expect(subjectsIn(sim, dst.ews).sort()).toEqual(
      ids
        .slice(0, 13)
        .map((id) => subjectOf.get(id))
        .sort(),
    );
    expect(subjectsIn(sim, src.ews)).toHaveLength(10);
  });

  it('sendAll and the unsent value keep their meaning for a single call', async () => {
    const http = new HeldHttp();
    const call = sendAll(
      { client: clientWith(http), lane: new MailboxLane() },
      specs('s', 21),
      (r): ItemResult => (r.ok ? { status: 'ok' } : itemFailure(r.failure)),
      unsentResult,
      never(),
    );
    const first = await http.batch(0);
    first.answer(answerWith(first));
    const second = await http.batch(1);
    second.answer({ ok: true, response: json(429, {}, { 'retry-after': '2' }) });
    const results = await call;
    expect(results.slice(0, 20).every((r) => r.status === 'ok')).toBe(true);
    expect(results[20]).toMatchObject({ status: 'retry', throttled: true, backOffMs: 2000 });
  });
});
