// Packs the per-item requests of every call to one mailbox into full $batches. The engine runs
// many calls at once and spreads a job's last items over them, so calls shrink (72, 67 … 1 items);
// sent one call at a time their tails became $batches of 1–7 sub-requests, each a round trip
// that leaves some of the mailbox's 4 slots idle. Here each call's sub-requests join one queue
// per mailbox (first come first served, a call's own in order) and each $batch takes up to 20 of
// them when the lane gives it its turn, whichever calls they come from.
// Each call still gets one answer per item in its input order and fails as it did alone: a
// $batch refused as a whole (nothing done) fails the calls that have no answer yet and leaves the
// others' unsent items a value saying why; a lost one (it may have run) fails exactly the calls
// with items in it; a call stops at its first failure (its queued items are not sent). A call
// cancelled while queued takes its items back; a $batch in flight is abandoned only once every
// call in it has been cancelled.
import { MAX_BATCH_REQUESTS, runBatch } from '../../graph/batch';
import type { GraphClient, GraphRequestSpec, GraphResult } from '../../graph/client';
import { BackendRequestError } from '../../jobs/backend';
import { notSent, toRequestError } from './errors';
import type { MailboxLane } from './lane';

/** One call's way of reading its answers; the packer itself never looks at items. */
interface CallSink {
  readonly signal: AbortSignal;
  answer(index: number, result: GraphResult): void;
  /** The item was not answered: `e` says whether it was not carried out or may have been. */
  refuse(index: number, e: BackendRequestError): void;
}

interface Part {
  call: CallSink;
  index: number;
  spec: GraphRequestSpec;
}

/** A $batch's answer: one result per part. */
interface Answered {
  parts: Part[];
  results: GraphResult[];
}

/** One call's answers, settled once each of its items is answered or refused. */
class PackedCall<R> implements CallSink {
  private readonly out: R[] = [];
  private waiting: number;
  private answered = 0;
  private lost: BackendRequestError | undefined;
  private refused: BackendRequestError | undefined;

  constructor(
    size: number,
    readonly signal: AbortSignal,
    private readonly read: (result: GraphResult, index: number) => R,
    private readonly unsent: (e: BackendRequestError) => R,
    private readonly done: (settled: { ok: true; values: R[] } | { ok: false; error: BackendRequestError }) => void,
  ) {
    this.waiting = size;
  }

  answer(index: number, result: GraphResult): void {
    this.out[index] = this.read(result, index);
    this.answered += 1;
    this.settleOne();
  }

  refuse(index: number, e: BackendRequestError): void {
    if (e.mayHaveExecuted) this.lost ??= e;
    else {
      this.refused ??= e;
      this.out[index] = this.unsent(e);
    }
    this.settleOne();
  }

  private settleOne(): void {
    if (--this.waiting > 0) return;
    // As a call sent alone: lost anywhere, or refused before anything was answered, fails it whole.
    if (this.lost) this.done({ ok: false, error: this.lost });
    else if (this.answered === 0 && this.refused) this.done({ ok: false, error: this.refused });
    else this.done({ ok: true, values: this.out });
  }
}

export class BatchPacker {
  private queue: Part[] = [];
  /** A turn in the lane is asked for (one at a time, so waiting sub-requests gather into it). */
  private reserving = false;

  constructor(
    private readonly client: GraphClient,
    private readonly lane: MailboxLane,
  ) {}

  /** Sub-requests waiting for a $batch (tests). */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Sends `specs` in packed $batches and reads each sub-answer with `read`; `unsent` gives the
   * value of an item not carried out once another item of the call was answered.
   */
  send<R>(
    specs: readonly GraphRequestSpec[],
    read: (result: GraphResult, index: number) => R,
    unsent: (e: BackendRequestError) => R,
    signal: AbortSignal,
  ): Promise<R[]> {
    if (specs.length === 0) return Promise.resolve([]);
    if (signal.aborted) return Promise.reject(notSent(signal.reason));
    return new Promise<R[]>((resolve, reject) => {
      const onAbort = (): void => this.withdraw(call, notSent(signal.reason));
      const call: PackedCall<R> = new PackedCall(specs.length, signal, read, unsent, (settled) => {
        signal.removeEventListener('abort', onAbort);
        if (settled.ok) resolve(settled.values);
        else reject(settled.error);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      specs.forEach((spec, index) => this.queue.push({ call, index, spec }));
      this.pump();
    });
  }

  /** Takes a call's queued sub-requests back, each refused with `e`. */
  private withdraw(call: CallSink, e: BackendRequestError): void {
    const mine = this.queue.filter((p) => p.call === call);
    if (mine.length === 0) return;
    this.queue = this.queue.filter((p) => p.call !== call);
    for (const p of mine) call.refuse(p.index, e);
  }

  private pump(): void {
    if (this.reserving || this.queue.length === 0) return;
    this.reserving = true;
    // The slots a $batch holds are what it runs at once: min(4, its size), known at its turn.
    // Never rejects: no signal to cancel the turn, and exchange() answers failures as values.
    void this.lane
      .run(
        () => this.lane.slotsFor(this.queue.length),
        undefined,
        () => {
          this.reserving = false;
          const parts = this.queue.splice(0, MAX_BATCH_REQUESTS);
          this.pump();
          return parts.length > 0 ? this.exchange(parts) : Promise.resolve(undefined);
        },
      )
      .then((done) => {
        // The slots are free once the answer is in: the next $batch goes out first, and the calls
        // read their answers while it runs.
        if (done) setImmediate(() => this.deliver(done));
      });
  }

  /**
   * Sends one $batch; never rejects. A failure is settled at once, before the slots are given
   * back, so that no further item of a call it stops is sent; answers are returned to deliver.
   */
  private async exchange(parts: Part[]): Promise<Answered | undefined> {
    const calls = [...new Set(parts.map((p) => p.call))];
    const abandon = new AbortController();
    const check = (): void => {
      if (calls.every((c) => c.signal.aborted)) abandon.abort(calls[0]?.signal.reason);
    };
    for (const c of calls) c.signal.addEventListener('abort', check);
    check();
    try {
      const answer = await runBatch(
        this.client,
        parts.map((p) => p.spec),
        { signal: abandon.signal },
      );
      if (answer.ok) return { parts, results: answer.results };
      this.fail(parts, toRequestError(answer.failure));
    } catch (err) {
      // Not expected (runBatch answers failures as values): whether it was sent is unknown.
      const message = err instanceof Error ? err.message : String(err);
      this.fail(parts, new BackendRequestError({ kind: 'transient', code: 'BatchFailed', message, mayHaveExecuted: true }));
    } finally {
      for (const c of calls) c.signal.removeEventListener('abort', check);
    }
    return undefined;
  }

  private fail(parts: Part[], e: BackendRequestError): void {
    for (const p of parts) p.call.refuse(p.index, e);
    // A call stops at its first failure, as it did sending its $batches one after another.
    for (const c of new Set(parts.map((p) => p.call))) this.withdraw(c, e);
  }

  private deliver(done: Answered): void {
    const { parts } = done;
    parts.forEach((p, i) => {
      const r = done.results[i];
      if (r) p.call.answer(p.index, r);
      else
        p.call.refuse(
          p.index,
          new BackendRequestError({ kind: 'transient', code: 'MalformedAnswer', message: 'no answer for this request', mayHaveExecuted: true }),
        );
    });
  }
}

/** One packer per lane and client (a lane is one mailbox of one client). */
const packers = new WeakMap<MailboxLane, WeakMap<GraphClient, BatchPacker>>();

export function packerFor(client: GraphClient, lane: MailboxLane): BatchPacker {
  let byClient = packers.get(lane);
  if (!byClient) {
    byClient = new WeakMap();
    packers.set(lane, byClient);
  }
  let packer = byClient.get(client);
  if (!packer) {
    packer = new BatchPacker(client, lane);
    byClient.set(client, packer);
  }
  return packer;
}
