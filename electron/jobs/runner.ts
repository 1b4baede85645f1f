// Runs one job: settle what a previous run left in flight, then plan (journal the target page by
// page) and send adaptive batches, several at a time, side by side: the send loop takes items from
// the journal's plan as the planner releases them (see planner.ts for why that is safe), and
// journals intent before each request and outcomes after it, until every item has exactly one
// final outcome.
import type { JobHistoryEntry, JobProgress, JobSpec, JobState, JournalTrust, OutcomeCounts, OutcomeKind } from '../../shared/domain';
import { abbreviatedSpec, jobTitle } from './describe';
import { BackendRequestError, expectOnePerId, type ItemResult, type JobBackend } from './backend';
import { asRequestError, type BackoffOptions, type CallLimits, type Clock, type MailboxGate } from './backoff';
import { BatchSizer, type BatchSizerOptions } from './batchSizer';
import { AdaptiveConcurrency, type ConcurrencyOptions } from './concurrency';
import { trustOf, writeSummary } from './history';
import { type JournalHeader, type JournalRecord, type JournalWriter, type OutcomeRecord } from './journal';
import { destinationOf, planJob, type PlanResume } from './planner';
import type { OrphanFolderLog } from './recoverFolders';
import { ProgressEmitter, RateMeter, type ProgressListener } from './progress';
import { emptyCounts, ItemStatus, SeqStatus, type ReplayedJob } from './replay';
import { knownTotal, progressSnapshot, settledOf, totalSoFar, type JobSize } from './progressSnapshot';
import { PlanFeed } from './planFeed';
import { Deadline, Signal } from './signals';
import { workItem, WorkQueue, type WorkItem } from './workQueue';
import {
  batchSignals,
  decideItemResult,
  decideLeftover,
  decideRequestError,
  decideUnanswered,
  decideVerified,
  type PolicyLimits,
  type Ruling,
} from './outcomePolicy';
import { verifyLostTransfers } from './verify';

export interface RunOptions {
  batch: Partial<BatchSizerOptions>;
  concurrency: Partial<ConcurrencyOptions>;
  backoff: BackoffOptions;
  /** Per request; above Exchange's one-minute batch limit so a slow batch is not cut short by us. */
  requestTimeoutMs: number;
  /**
   * An item may be refused as busy this many times in a row, with no item of the job settled by the
   * server in between, before it is given up (failed, retryable). Refusals while other requests
   * get through are the budget being shared out, not a server that refuses everything: they do
   * not count towards the limit.
   */
  maxBusyPerItem: number;
  /**
   * How long the server may go on working on a request after we stopped waiting for it: Exchange
   * limits a batch request to one minute. A copy whose answer was lost is looked for only once that
   * much time has passed since it was sent, so a request still running cannot copy it a second time.
   */
  serverRequestLimitMs: number;
  progressIntervalMs: number;
  clock: Clock;
}

export interface JobResult {
  jobId: string;
  state: Extract<JobState, 'completed' | 'cancelled' | 'failed'>;
  counts: OutcomeCounts;
  total: number;
  error?: string;
}

/** A batch's items sorted by the policy's decisions. */
class Sorted {
  readonly out: OutcomeRecord[] = [];
  readonly again: WorkItem[] = [];
  readonly verify: WorkItem[] = [];
}

const NOT_SENT_BATCH = 0;
const DRAIN_CHUNK = 1000;
const SUMMARY_EVERY_MS = 2_000;

export class JobRun {
  readonly jobId: string;
  private readonly spec: JobSpec;
  private stateValue: JobState = 'planning';
  private readonly counts: OutcomeCounts;
  private readonly status: SeqStatus;
  private epoch: number;
  private planned: boolean;
  private total: number;
  private found = 0;
  /** While a query is listed: the server's count of what the job will come to (see planJob). */
  private expected: number | undefined;
  private batchNo: number;
  private readonly sizer: BatchSizer;
  private readonly concurrency: AdaptiveConcurrency;
  private readonly rate = new RateMeter();
  private readonly progress: ProgressEmitter;
  private readonly queue: WorkQueue;
  private readonly feed: PlanFeed;
  /** Something the send loop may be waiting for happened (items ready, planning over, cancel). */
  private readonly wakeSignal = new Signal();
  /** Aborted when the send loop ends early (cancel, fatal error): planning stops too. */
  private readonly planStop = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private inFlightItems = 0;
  /** Answers in which the server settled at least one item (see countBusy). */
  private progressMark = 0;
  private cancelRequested = false;
  private pauseRequested = false;
  /** Resume or cancel after a pause. */
  private readonly resumeSignal = new Signal();
  /** Aborted on cancel: wakes waits (back-off, pause) and stops planning; never aborts a request in flight. */
  private readonly stop = new AbortController();
  private fatalError: string | undefined;
  /** Set at the first journal write that failed (disk full…): from then on nothing is written, the run stops as a crash would. */
  private journalStopped: string | undefined;
  private lastSummaryAt = 0;
  private summaryChain: Promise<void> = Promise.resolve();
  private readonly settledAtStart: number;
  /** Recover: folders made for orphan groups (source key hex → id), as journalled. */
  private readonly createdFolders: Map<string, string>;
  /** The journal was damaged or unchecksummed: no item's earlier fate is taken for granted. */
  private readonly verifyAll: boolean;
  /** Set when a damaged journal's set-aside lines may hold items this run cannot list again (see journal.ts recheck). */
  private readonly incompletePlan: string | undefined;
  private readonly trust: JournalTrust | undefined;
  readonly done: Promise<JobResult>;

  constructor(
    private readonly header: JournalHeader,
    replayed: ReplayedJob | undefined,
    private readonly journal: JournalWriter,
    private readonly journalFile: string,
    private readonly dataDir: string,
    private readonly backend: JobBackend,
    private readonly gate: MailboxGate,
    private readonly opts: RunOptions,
    private readonly onFinished: (jobId: string) => void,
  ) {
    this.jobId = header.jobId;
    this.spec = header.spec;
    this.counts = replayed ? { ...replayed.counts } : emptyCounts();
    this.status = replayed?.status ?? new SeqStatus();
    this.epoch = replayed?.epoch ?? 0;
    this.planned = replayed?.planned ?? false;
    this.total = replayed?.total ?? 0;
    this.batchNo = replayed?.lastBatch ?? 0;
    this.createdFolders = replayed?.createdFolders ?? new Map();
    this.verifyAll = replayed?.recheck !== undefined;
    if (replayed?.recheck?.incompletePlan)
      this.incompletePlan = replayed.recheck.evidence ? `compare with ${replayed.recheck.evidence}` : replayed.recheck.detail;
    this.trust = replayed ? trustOf(replayed) : undefined;
    this.settledAtStart = this.settled();
    this.sizer = new BatchSizer(this.spec.action.kind === 'emptyFolder' ? { initial: 1, min: 1, max: 1 } : opts.batch);
    this.concurrency = new AdaptiveConcurrency(opts.concurrency);
    // Recover sends each home folder's items in batches of their own.
    this.queue = new WorkQueue((w) => (this.spec.action.kind === 'recover' ? (w.item.dest ?? '') : ''));
    this.feed = new PlanFeed({
      journalFile,
      epoch: () => this.epoch,
      durableBytes: () => journal.durableBytes,
      status: this.status,
      verifyAll: this.verifyAll,
      queue: this.queue,
      wake: () => this.wakeSignal.notify(),
      onError: (message) => (this.fatalError ??= message),
    });
    this.progress = new ProgressEmitter(opts.clock, () => this.snapshot(), opts.progressIntervalMs);
    this.done = this.run(replayed);
  }

  get state(): JobState {
    return this.stateValue;
  }

  onProgress(listener: ProgressListener): () => void {
    return this.progress.subscribe(listener);
  }

  /** Stop sending; batches in flight finish and are recorded; everything else ends not attempted. */
  cancel(): void {
    if (this.cancelRequested || this.isFinished()) return;
    this.cancelRequested = true;
    this.stop.abort();
    this.resumeSignal.notify();
    this.wakeSignal.notify();
    this.progress.changed();
  }

  pause(): void {
    if (this.cancelRequested || this.isFinished()) return;
    this.pauseRequested = true;
    this.wakeSignal.notify();
    this.progress.changed();
  }

  resume(): void {
    this.pauseRequested = false;
    this.resumeSignal.notify();
  }

  summary(): JobHistoryEntry {
    const finished = this.isFinished();
    const s: JobHistoryEntry = {
      jobId: this.jobId,
      title: jobTitle(this.spec),
      spec: abbreviatedSpec(this.spec),
      state: this.stateValue,
      counts: { ...this.counts },
      total: totalSoFar(this.size()),
      createdAt: this.header.createdAt,
      updatedAt: this.iso(),
      resumable: false,
      user: this.header.user,
    };
    if (finished) s.finishedAt = s.updatedAt;
    if (this.header.retryOf) s.retryOf = this.header.retryOf;
    if (this.fatalError) s.error = this.fatalError;
    if (this.trust) s.integrity = this.trust;
    return s;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  private async run(replayed: ReplayedJob | undefined): Promise<JobResult> {
    // Let the caller subscribe to progress before the first event.
    await Promise.resolve();
    let result: JobResult;
    try {
      if (replayed?.lastState && ['completed', 'cancelled', 'failed'].includes(replayed.lastState)) {
        this.stateValue = replayed.lastState;
        result = this.result();
      } else {
        result = await this.execute(replayed);
      }
    } catch (err) {
      // The journal itself failed (disk full, folder gone): nothing more can be recorded safely.
      if (this.journalStopped === undefined) {
        this.fatalError = `journal: ${err instanceof Error ? err.message : String(err)}`;
        this.stateValue = 'failed';
      }
      result = this.result();
    }
    if (this.journalStopped !== undefined) {
      // Not failed: the journal holds everything up to the failed write, so the job resumes from there.
      this.stateValue = 'interrupted';
      result = this.result();
    }
    await this.saveSummary(true).catch(() => undefined);
    await this.journal.close().catch(() => undefined);
    this.progress.final({
      kind: 'finished',
      jobId: this.jobId,
      counts: { ...this.counts },
      state: result.state,
      ...(result.error ? { error: result.error } : {}),
    });
    this.onFinished(this.jobId);
    return result;
  }

  private async execute(replayed: ReplayedJob | undefined): Promise<JobResult> {
    let resume: PlanResume | undefined;
    if (this.planned) {
      // Everything planned is on disk before this point; reading stops here, not at the moving end.
      this.feed.complete(this.journal.durableBytes);
    } else if (replayed?.cursor) {
      // Died while listing a query: items may have been acted on, so the plan is kept and listing
      // continues from the journalled cursor.
      resume = { cursor: replayed.cursor, nextSeq: this.status.length, released: replayed.released };
      this.feed.release(replayed.released);
    } else if (replayed !== undefined && this.status.length > 0 && this.spec.target.kind === 'ids' && replayed.released > 0) {
      // Died while looking up an id list: what is planned stays (some of it may have been acted
      // on), and the lookups go on from the next id.
      resume = { nextSeq: this.status.length, released: replayed.released };
      this.feed.release(replayed.released);
    } else if (replayed !== undefined && this.status.length > 0) {
      // Died before anything was released (an empty folder's plan, an older journal): nothing was
      // sent yet, so plan again.
      this.epoch += 1;
      this.status.reset();
      await this.append({ t: 'planReset', at: this.iso(), e: this.epoch });
    }
    await this.setState(this.planned || this.feed.released > 0 ? 'running' : 'planning');
    // A previous run's unanswered batches are settled before anything new is sent.
    await this.settleInFlightFromJournal();
    const planning = this.planned ? Promise.resolve() : this.plan(resume);
    this.feed.start();
    if (!this.cancelRequested && !this.fatalError) await this.mainLoop();
    // Cancelled or failed: stop listing too, then give every item left its outcome.
    this.planStop.abort();
    await planning;
    await this.feed.stop();
    // The journal cannot take the leftovers' outcomes: they stay planned, for the resume.
    if (this.journalStopped !== undefined) return this.result();
    await this.drain();
    if (!this.fatalError && !this.cancelRequested) this.checkEveryItemSettled();
    const final: JobResult['state'] = this.fatalError ? 'failed' : this.cancelRequested ? 'cancelled' : 'completed';
    await this.setState(final, this.fatalError);
    return this.result();
  }

  /**
   * The end-of-job invariant: every planned item has exactly one final outcome (the status table
   * and the counts agree with the plan's size). Otherwise the job is not "completed": it fails,
   * saying how many items are unaccounted for.
   */
  private checkEveryItemSettled(): void {
    const final = this.status.countOf(ItemStatus.Final);
    const settled = this.settled();
    if (!(this.planned && this.status.length === this.total && final === this.total && settled === this.total)) {
      this.fatalError = `integrity check: ${this.total} items planned, ${final} with a final outcome, ${settled} outcomes counted; the job cannot be reported as completed`;
    } else if (this.incompletePlan) {
      this.fatalError = `integrity check: every item listed now has its outcome, but the journal was damaged while the folder was being listed, and items listed in the set-aside lines may have been acted on without an outcome here (${this.incompletePlan})`;
    }
  }

  private result(): JobResult {
    const r: JobResult = { jobId: this.jobId, state: this.stateValue as JobResult['state'], counts: { ...this.counts }, total: this.total };
    if (this.fatalError) r.error = this.fatalError;
    return r;
  }

  private isFinished(): boolean {
    return this.stateValue === 'completed' || this.stateValue === 'cancelled' || this.stateValue === 'failed';
  }

  // ---- planning ------------------------------------------------------------------------------

  private async plan(resume: PlanResume | undefined): Promise<void> {
    const signal = AbortSignal.any([this.stop.signal, this.planStop.signal]);
    const orphanFolders: OrphanFolderLog = {
      known: (key) => this.createdFolders.get(key),
      record: async ({ key, id, name, reused }) => {
        await this.append({ t: 'folder', at: this.iso(), key, id, name, reused });
        this.createdFolders.set(key, id);
      },
    };
    const ctx = { backend: this.backend, gate: this.gate, limits: this.limits(), signal, orphanFolders };
    try {
      this.total = await planJob(
        this.spec,
        ctx,
        async (items, info) => {
          const rec: JournalRecord = { t: 'plan', e: this.epoch, items };
          if (info?.cursor) rec.cur = info.cursor;
          if (info?.released !== undefined) rec.rel = info.released;
          await this.append(rec);
          for (const it of items) this.status.set(it.seq, ItemStatus.Pending);
          if (info?.released !== undefined && this.feed.release(info.released)) {
            if (this.stateValue === 'planning') await this.setState('running');
          }
          this.feed.appended();
          await this.waitWhilePaused();
        },
        (found, expected) => {
          this.found = found;
          this.expected = expected;
          this.progress.changed();
        },
        resume,
      );
    } catch (err) {
      if (!this.cancelRequested && !this.planStop.signal.aborted) {
        const e = asRequestError(err);
        this.fatalError ??= `planning failed: ${e.code}: ${e.message}`;
      }
      this.total = this.status.length;
    }
    this.planned = true;
    let end: number;
    try {
      end = await this.appendAt({ t: 'planned', at: this.iso(), total: this.total });
    } catch {
      // A journal failure: already noted (journalFailed), and the send loop is woken to stop.
      return;
    }
    this.feed.complete(end);
    this.wakeSignal.notify();
    if (this.stateValue === 'planning' && !this.fatalError && !this.cancelRequested) await this.setState('running').catch(() => undefined);
  }

  // ---- the send loop -------------------------------------------------------------------------

  private async mainLoop(): Promise<void> {
    for (;;) {
      if (this.cancelRequested || this.fatalError) break;
      if (this.pauseRequested) {
        await Promise.all(this.inFlight);
        if (this.pauseRequested && !this.cancelRequested) {
          await this.setState('paused');
          await this.waitWhilePaused();
          if (!this.cancelRequested) await this.setState('running');
        }
        continue;
      }
      if (this.inFlight.size >= this.concurrency.limit) {
        await Promise.race(this.inFlight);
        continue;
      }
      if (this.gate.remaining() > 0) {
        this.progress.changed();
        // A back-off can last minutes: pause (and cancel) must take effect while it runs.
        await this.wakeSignal.interruptible(this.stop.signal, (signal) => this.gate.wait(signal));
        this.progress.changed();
        continue;
      }
      // The account's allowance is used up by its other jobs (and this one): wait for a slot.
      if (!this.gate.slotAvailable()) {
        await Promise.race([...this.inFlight, this.gate.slotFreed(), this.wakeSignal.wait()]);
        continue;
      }
      const batch = this.queue.nextBatch(this.batchSize());
      if (!batch) {
        if (this.queue.sourceDone && this.inFlight.size === 0) break;
        // Waiting for the planner to release items, or for a batch to come back.
        await Promise.race([...this.inFlight, this.wakeSignal.wait()]);
        continue;
      }
      this.inFlightItems += batch.length;
      this.gate.takeSlot();
      const p: Promise<void> = this.sendBatch(batch)
        .catch((err: unknown) => {
          this.fatalError ??= `journal: ${err instanceof Error ? err.message : String(err)}`;
        })
        .finally(() => {
          this.gate.releaseSlot();
          this.inFlightItems -= batch.length;
          this.inFlight.delete(p);
        });
      this.inFlight.add(p);
    }
    await Promise.all(this.inFlight);
  }

  private async waitWhilePaused(): Promise<void> {
    while (this.pauseRequested && !this.cancelRequested) {
      await this.resumeSignal.wait();
    }
  }

  /**
   * The sizer's size, except near the end: the last items are spread over all the batches that may
   * run at once, so they finish together instead of one large batch finishing last.
   */
  private batchSize(): number {
    const size = this.sizer.size;
    if (!this.planned) return size;
    const unsent = this.total - this.settled() - this.inFlightItems;
    if (unsent <= 0) return size;
    return Math.max(1, Math.min(size, Math.ceil(unsent / this.concurrency.limit)));
  }

  private async sendBatch(batch: WorkItem[]): Promise<void> {
    const b = ++this.batchNo;
    const sentAt = this.iso();
    for (const w of batch) this.status.set(w.item.seq, ItemStatus.InFlight);
    await this.append({ t: 'intent', b, at: sentAt, seqs: batch.map((w) => w.item.seq) });

    const started = this.opts.clock.now();
    const deadline = new Deadline(this.opts.requestTimeoutMs);
    let results: ItemResult[];
    try {
      results = await this.send(batch, deadline.signal);
    } catch (err) {
      const e = deadline.expired
        ? new BackendRequestError({ kind: 'transient', code: 'Timeout', message: `no answer within ${this.opts.requestTimeoutMs} ms`, mayHaveExecuted: true })
        : asRequestError(err);
      await this.onRequestError(b, sentAt, batch, e, this.opts.clock.now() - started);
      return;
    } finally {
      deadline.dispose();
    }
    const elapsed = this.opts.clock.now() - started;

    const signals = batchSignals(results);
    if (signals.progressed) this.progressMark += 1;
    const op = this.spec.action.kind;
    const sorted = new Sorted();
    batch.forEach((w, i) => this.apply(w, decideItemResult(op, w, results[i], this.progressMark, this.policyLimits()), sentAt, sorted));
    // Only the server's own busy answers hold the account's back-off gate.
    if (signals.throttled) {
      this.gate.busy(signals.backOffMs);
    } else {
      this.gate.success();
      this.concurrency.onClean();
    }
    this.sizer.record(signals.throttled ? 'busy' : 'clean', batch.length, elapsed);
    await this.record(b, sorted.out, sorted.again);
  }

  private send(batch: WorkItem[], signal: AbortSignal): Promise<ItemResult[]> {
    const ids = batch.map((w) => w.item.id);
    const a = this.spec.action;
    const check = (p: Promise<ItemResult[]>, op: string): Promise<ItemResult[]> => p.then((r) => expectOnePerId(r, ids, op));
    switch (a.kind) {
      case 'move':
        return check(this.backend.moveItems(ids, a.toFolderId, signal), 'move');
      case 'copy':
        return check(this.backend.copyItems(ids, a.toFolderId, signal), 'copy');
      case 'delete':
        return check(this.backend.deleteItems(ids, a.mode, signal), 'delete');
      case 'recover':
        return check(this.backend.moveItems(ids, batch[0]?.item.dest ?? a.fallbackFolderId, signal), 'recover');
      case 'emptyFolder':
        return this.backend.emptyFolder(a.folderId, a.mode, a.deleteSubFolders, signal).then((r) => [r]);
    }
  }

  private destField(w: WorkItem): { dest?: string } {
    const d = destinationOf(this.spec, w.item);
    return d ? { dest: d } : {};
  }

  private policyLimits(): PolicyLimits {
    return { maxAttempts: this.opts.backoff.maxAttempts, maxBusyPerItem: this.opts.maxBusyPerItem };
  }

  /** Takes the policy's ruling for an item: its history, then its outcome or where it goes next. */
  private apply(w: WorkItem, ruling: Ruling, sentAt: string, sorted: Sorted): void {
    Object.assign(w, ruling.history);
    const d = ruling.decision;
    if (d.next === 'settle') sorted.out.push(this.outcome(w, d.kind, sentAt, d.kind === 'done' ? { ...d.fields, ...this.destField(w) } : d.fields));
    else if (d.next === 'verify') sorted.verify.push(w);
    else sorted.again.push(w);
  }

  private async onRequestError(b: number, sentAt: string, batch: WorkItem[], e: BackendRequestError, elapsed: number): Promise<void> {
    if (e.kind === 'fatal') this.fatalError ??= `${e.code}: ${e.message}`;
    else if (e.kind === 'busy') {
      this.gate.busy(e.backOffMs);
      if (e.tooManyConcurrent) this.concurrency.onTooManyConcurrent();
      this.sizer.record('busy', batch.length, elapsed);
    } else {
      this.gate.transient(e.code);
      this.concurrency.onTransient();
      this.sizer.record(e.mayHaveExecuted ? 'timeout' : 'transient', batch.length, elapsed);
    }
    const op = this.spec.action.kind;
    const sorted = new Sorted();
    for (const w of batch) this.apply(w, decideRequestError(op, w, e, this.progressMark, this.policyLimits()), sentAt, sorted);
    // A move or copy whose answer was lost: find out where each item went before anything else.
    if (sorted.verify.length > 0) await this.settleLostTransfers(b, sentAt, sorted.verify);
    else await this.record(b, sorted.out, sorted.again);
  }

  private async settleLostTransfers(b: number, sentAt: string, batch: WorkItem[]): Promise<void> {
    const op = this.spec.action.kind === 'copy' ? 'copy' : 'move';
    if (op === 'copy') {
      // A copy not found is sent again; the unanswered request must have ended by then (a move
      // needs no wait: sending it again cannot move the item twice).
      await this.opts.clock.sleep(Date.parse(sentAt) + this.opts.serverRequestLimitMs - this.opts.clock.now());
    }
    const items = batch.map((w) => w.item);
    const verdicts = await verifyLostTransfers(items, op, (it) => destinationOf(this.spec, it) ?? '', {
      backend: this.backend,
      gate: this.gate,
      limits: this.limits(),
      // Not the cancel signal: settling what was already sent is part of finishing in-flight work.
      signal: new AbortController().signal,
    });
    const sorted = new Sorted();
    batch.forEach((w, i) => this.apply(w, decideVerified(w, verdicts[i], this.policyLimits()), sentAt, sorted));
    await this.record(b, sorted.out, sorted.again);
  }

  /** On resume: items sent by the previous run without a recorded answer. */
  private async settleInFlightFromJournal(): Promise<void> {
    if (this.status.countOf(ItemStatus.InFlight) === 0) return;
    const op = this.spec.action.kind;
    const sentAt = this.iso();
    let chunk = new Sorted();
    const flush = async (): Promise<void> => {
      if (chunk.again.length === 0 && chunk.verify.length === 0) return;
      const sorted = chunk;
      chunk = new Sorted();
      const b = ++this.batchNo;
      if (sorted.verify.length > 0) await this.settleLostTransfers(b, sentAt, sorted.verify);
      else await this.record(b, [], sorted.again);
    };
    for await (const item of this.feed.unanswered()) {
      const w = workItem(item, false);
      this.apply(w, decideUnanswered(op, w), sentAt, chunk);
      if (chunk.again.length + chunk.verify.length >= 250) await flush();
    }
    await flush();
  }

  /** Journals a batch's outcomes and re-queued items, then applies them. */
  private async record(b: number, out: OutcomeRecord[], again: WorkItem[]): Promise<void> {
    const retry = again.filter((w) => !w.afterLost).map((w) => w.item.seq);
    const retryLost = again.filter((w) => w.afterLost).map((w) => w.item.seq);
    const rec: JournalRecord = { t: 'result', b, at: this.iso(), out };
    if (retry.length) rec.retry = retry;
    if (retryLost.length) rec.retryLost = retryLost;
    await this.append(rec);
    for (const o of out) {
      if (this.status.get(o.s) !== ItemStatus.Final) this.counts[o.k] += 1;
      this.status.set(o.s, ItemStatus.Final);
    }
    for (const w of again) {
      this.status.set(w.item.seq, ItemStatus.Held);
      this.queue.requeue(w);
    }
    this.rate.record(this.opts.clock.now(), this.settled() - this.settledAtStart);
    this.progress.changed();
    if (this.opts.clock.now() - this.lastSummaryAt > SUMMARY_EVERY_MS) void this.saveSummary(false).catch(() => undefined);
  }

  /** Cancel or fatal error: every item without an outcome gets one (never "lost track"). */
  private async drain(): Promise<void> {
    const leftovers = this.queue.takeAll();
    const now = this.iso();
    const reason = this.fatalError ? `not sent: the job stopped (${this.fatalError})` : 'cancelled before it was sent';
    let out: OutcomeRecord[] = [];
    const flush = async (force: boolean): Promise<void> => {
      if (out.length === 0 || (!force && out.length < DRAIN_CHUNK)) return;
      const chunk = out;
      out = [];
      await this.record(NOT_SENT_BATCH, chunk, []);
    };
    const leftover = async (w: WorkItem): Promise<void> => {
      const d = decideLeftover(w, reason, now);
      if (d.next === 'settle') out.push(this.outcome(w, d.kind, '', d.fields));
      await flush(false);
    };
    for (const w of leftovers) await leftover(w);
    // The reader stopped before the end of the plan: what it did not reach.
    for await (const w of this.feed.unreached()) await leftover(w);
    await flush(true);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private outcome(w: WorkItem, k: OutcomeKind, sentAt: string, extra: Partial<OutcomeRecord>): OutcomeRecord {
    const o: OutcomeRecord = { s: w.item.seq, k, id: w.item.id, subj: w.item.subject, folder: w.item.folderId, ...extra };
    if (sentAt) o.sentAt = sentAt;
    return o;
  }

  private settled(): number {
    return settledOf(this.counts);
  }

  private size(): JobSize {
    return { planned: this.planned, total: this.total, found: this.found, expected: this.expected, known: knownTotal(this.spec) };
  }

  private snapshot(): JobProgress {
    return progressSnapshot({
      ...this.size(),
      jobId: this.jobId,
      state: this.stateValue,
      counts: this.counts,
      cancelRequested: this.cancelRequested,
      gateWaitMs: this.gate.remaining(),
      gateReason: this.gate.reason,
      itemsPerSecond: this.rate.perSecond(),
      batchSize: this.sizer.size,
      concurrency: this.concurrency.limit,
    });
  }

  private async setState(state: JobState, error?: string): Promise<void> {
    this.stateValue = state;
    await this.append({ t: 'state', at: this.iso(), state, ...(error ? { error } : {}) });
    await this.saveSummary(true);
    this.progress.changed();
  }

  private saveSummary(force: boolean): Promise<void> {
    if (!force && this.opts.clock.now() - this.lastSummaryAt < SUMMARY_EVERY_MS) return this.summaryChain;
    this.lastSummaryAt = this.opts.clock.now();
    const s = this.summary();
    // Chained so that an older summary never overwrites a newer one.
    this.summaryChain = this.summaryChain.then(() => writeSummary(this.dataDir, s)).catch(() => undefined);
    return this.summaryChain;
  }

  private limits(): CallLimits {
    return { maxAttempts: this.opts.backoff.maxAttempts, timeoutMs: this.opts.requestTimeoutMs };
  }

  private append(rec: JournalRecord): Promise<void> {
    return this.appendAt(rec).then(() => undefined);
  }

  /** Every journal write goes through here: after one failure nothing more is written. */
  private async appendAt(rec: JournalRecord): Promise<number> {
    if (this.journalStopped !== undefined) throw new Error(this.journalStopped);
    try {
      return await this.journal.appendAt(rec);
    } catch (err) {
      this.journalFailed(err);
      throw err;
    }
  }

  /**
   * The first failed journal write: stop like a crash (in-flight requests aborted, their answers
   * unrecorded, settled on resume from their journalled intents), never like a failure.
   */
  private journalFailed(err: unknown): void {
    if (this.journalStopped !== undefined) return;
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    const reason = code === 'ENOSPC' || code === 'EDQUOT' ? 'disk full' : 'the journal could not be written';
    this.journalStopped = `interrupted: ${reason} (${err instanceof Error ? err.message : String(err)}); resume the job once the disk has space`;
    this.fatalError = this.journalStopped;
    this.stop.abort();
    this.planStop.abort();
    this.resumeSignal.notify();
    this.feed.wake();
    this.wakeSignal.notify();
    this.queue.wakeReader();
    this.progress.changed();
  }

  private iso(): string {
    return new Date(this.opts.clock.now()).toISOString();
  }
}
