// Sending one batch and settling what its answer means: journal the intent, send with a deadline,
// let the outcome policy rule on each item, tell the account's gate, the batch sizer and the
// concurrency what the answer said, and hand outcomes and items to send again to `record`. Also
// settles a previous run's unanswered batches on resume, and looks for moves and copies whose
// answer was lost.
import type { JobSpec } from '../../shared/domain';
import { BackendRequestError, expectOnePerId, type ItemResult, type JobBackend } from './backend';
import { asRequestError, type CallLimits, type AccountGate } from './backoff';
import type { BatchSizer } from './batchSizer';
import type { AdaptiveConcurrency } from './concurrency';
import type { JournalRecord, OutcomeRecord } from './journal';
import {
  batchSignals,
  decideItemResult,
  decideRequestError,
  decideUnanswered,
  decideVerified,
  outcomeRecord,
  type PolicyLimits,
  type Ruling,
} from './outcomePolicy';
import type { PlanFeed } from './planFeed';
import { destinationOf } from './planner';
import { ItemStatus } from './replay';
import type { RunOptions } from './runOptions';
import type { RunState } from './runState';
import { Deadline } from './signals';
import { verifyLostTransfers } from './verify';
import { workItem, type WorkItem } from './workQueue';

/** A resumed run settles a previous run's unanswered items in batches of this many. */
const UNANSWERED_CHUNK = 250;

export interface BatchSenderDeps {
  spec: JobSpec;
  backend: JobBackend;
  gate: AccountGate;
  sizer: BatchSizer;
  concurrency: AdaptiveConcurrency;
  opts: Pick<RunOptions, 'requestTimeoutMs' | 'serverRequestLimitMs' | 'maxBusyPerItem' | 'backoff' | 'clock'>;
  state: RunState;
  feed: PlanFeed;
  append(rec: JournalRecord): Promise<void>;
  /** Journals a batch's outcomes and the items to send again, then applies them. */
  record(b: number, out: OutcomeRecord[], again: WorkItem[]): Promise<void>;
  limits(): CallLimits;
  iso(): string;
}

/** A batch's items sorted by the policy's decisions. */
class Sorted {
  readonly out: OutcomeRecord[] = [];
  readonly again: WorkItem[] = [];
  readonly verify: WorkItem[] = [];

  get size(): number {
    return this.out.length + this.again.length + this.verify.length;
  }
}

export class BatchSender {
  constructor(private readonly d: BatchSenderDeps) {}

  async send(batch: WorkItem[]): Promise<void> {
    const { state, opts } = this.d;
    const b = ++state.batchNo;
    const sentAt = this.d.iso();
    for (const w of batch) state.status.set(w.item.seq, ItemStatus.InFlight);
    await this.d.append({ t: 'intent', b, at: sentAt, seqs: batch.map((w) => w.item.seq) });

    const started = opts.clock.now();
    const deadline = new Deadline(opts.requestTimeoutMs);
    let results: ItemResult[];
    try {
      results = await this.request(batch, deadline.signal);
    } catch (err) {
      const e = deadline.expired
        ? new BackendRequestError({ kind: 'transient', code: 'Timeout', message: `no answer within ${opts.requestTimeoutMs} ms`, mayHaveExecuted: true })
        : asRequestError(err);
      await this.onRequestError(b, sentAt, batch, e, opts.clock.now() - started);
      return;
    } finally {
      deadline.dispose();
    }
    const elapsed = opts.clock.now() - started;

    const signals = batchSignals(results);
    if (signals.progressed) state.progressMark += 1;
    // Some items could not be sent at all (the sign-in is gone): nothing more can be, as after a fatal error.
    const unsendable = results.find((r) => r.status === 'notSent');
    if (unsendable) state.fail(`${unsendable.code}: ${unsendable.message}`);
    const op = this.d.spec.action.kind;
    const sorted = new Sorted();
    batch.forEach((w, i) => this.apply(w, decideItemResult(op, w, results[i], state.progressMark, this.policyLimits()), sentAt, sorted));
    // Only the server's own busy answers hold the account's back-off gate.
    if (signals.throttled) {
      this.d.gate.busy(signals.backOffMs);
    } else {
      this.d.gate.success();
      this.d.concurrency.onClean();
    }
    this.d.sizer.record(signals.throttled ? 'busy' : 'clean', batch.length, elapsed);
    await this.d.record(b, sorted.out, sorted.again);
  }

  /** On resume: items sent by the previous run without a recorded answer. */
  async settleUnanswered(): Promise<void> {
    const { state } = this.d;
    if (state.status.countOf(ItemStatus.InFlight) === 0) return;
    const op = this.d.spec.action.kind;
    const sentAt = this.d.iso();
    let chunk = new Sorted();
    const flush = async (): Promise<void> => {
      if (chunk.size === 0) return;
      const sorted = chunk;
      chunk = new Sorted();
      const b = ++state.batchNo;
      if (sorted.verify.length > 0) await this.settleLostTransfers(b, sentAt, sorted.verify);
      else await this.d.record(b, [], sorted.again);
    };
    for await (const item of this.d.feed.unanswered()) {
      const w = workItem(item, false);
      this.apply(w, decideUnanswered(op, w), sentAt, chunk);
      if (chunk.size >= UNANSWERED_CHUNK) await flush();
    }
    await flush();
  }

  private request(batch: WorkItem[], signal: AbortSignal): Promise<ItemResult[]> {
    const { backend } = this.d;
    const ids = batch.map((w) => w.item.id);
    const a = this.d.spec.action;
    const check = (p: Promise<ItemResult[]>, op: string): Promise<ItemResult[]> => p.then((r) => expectOnePerId(r, ids, op));
    switch (a.kind) {
      case 'move':
        return check(backend.moveItems(ids, a.toFolderId, signal), 'move');
      case 'copy':
        return check(backend.copyItems(ids, a.toFolderId, signal), 'copy');
      case 'delete':
        return check(backend.deleteItems(ids, a.mode, signal), 'delete');
      case 'recover':
        return check(backend.moveItems(ids, batch[0]?.item.dest ?? a.fallbackFolderId, signal), 'recover');
      case 'emptyFolder':
        return backend.emptyFolder(a.folderId, a.mode, a.deleteSubFolders, signal).then((r) => [r]);
    }
  }

  private policyLimits(): PolicyLimits {
    return { maxAttempts: this.d.opts.backoff.maxAttempts, maxBusyPerItem: this.d.opts.maxBusyPerItem };
  }

  /** Takes the policy's ruling for an item: its history, then its outcome or where it goes next. */
  private apply(w: WorkItem, ruling: Ruling, sentAt: string, sorted: Sorted): void {
    Object.assign(w, ruling.history);
    const d = ruling.decision;
    if (d.next === 'settle') {
      const dest = d.kind === 'done' ? destinationOf(this.d.spec, w.item) : undefined;
      // An item not attempted was not sent: its record has no send time (the intent was journalled, nothing left).
      sorted.out.push(outcomeRecord(w.item, d.kind, d.kind === 'notAttempted' ? '' : sentAt, dest ? { ...d.fields, dest } : d.fields));
    } else if (d.next === 'verify') sorted.verify.push(w);
    else sorted.again.push(w);
  }

  private async onRequestError(b: number, sentAt: string, batch: WorkItem[], e: BackendRequestError, elapsed: number): Promise<void> {
    const { gate, concurrency, sizer, state } = this.d;
    if (e.kind === 'fatal') {
      // Auth, access, a missing mailbox: every further request would fail the same way.
      state.fail(`${e.code}: ${e.message}`);
    } else if (e.kind === 'busy') {
      gate.busy(e.backOffMs);
      if (e.tooManyConcurrent) concurrency.onTooManyConcurrent();
      sizer.record('busy', batch.length, elapsed);
    } else {
      gate.transient(e.code);
      concurrency.onTransient();
      sizer.record(e.mayHaveExecuted ? 'timeout' : 'transient', batch.length, elapsed);
    }
    const op = this.d.spec.action.kind;
    const sorted = new Sorted();
    for (const w of batch) this.apply(w, decideRequestError(op, w, e, state.progressMark, this.policyLimits()), sentAt, sorted);
    // A move or copy whose answer was lost: find out where each item went before anything else.
    if (sorted.verify.length > 0) await this.settleLostTransfers(b, sentAt, sorted.verify);
    else await this.d.record(b, sorted.out, sorted.again);
  }

  private async settleLostTransfers(b: number, sentAt: string, batch: WorkItem[]): Promise<void> {
    const { opts, spec } = this.d;
    const op = spec.action.kind === 'copy' ? 'copy' : 'move';
    if (op === 'copy') {
      // A copy not found is sent again; the unanswered request must have ended by then (a move
      // needs no wait: sending it again cannot move the item twice).
      await opts.clock.sleep(Date.parse(sentAt) + opts.serverRequestLimitMs - opts.clock.now());
    }
    const items = batch.map((w) => w.item);
    const verdicts = await verifyLostTransfers(items, op, (it) => destinationOf(spec, it) ?? '', {
      backend: this.d.backend,
      gate: this.d.gate,
      limits: this.d.limits(),
      // Not the cancel signal: settling what was already sent is part of finishing in-flight work.
      signal: new AbortController().signal,
    });
    const sorted = new Sorted();
    batch.forEach((w, i) => this.apply(w, decideVerified(w, verdicts[i], this.policyLimits()), sentAt, sorted));
    await this.d.record(b, sorted.out, sorted.again);
  }
}
