// Runs one job: settle what a previous run left in flight, then plan (journal the target page by
// page) and send adaptive batches, several at a time, side by side: the send loop takes items from
// the journal's plan as the planner releases them (see planner.ts for why that is safe), and
// journals intent before each request and outcomes after it, until every item has exactly one
// final outcome. JobRun coordinates the parts: RunState (bookkeeping and control), RunJournal,
// runPlanning, PlanFeed, WorkQueue, SendLoop, BatchSender (with the outcome policy), settleLeftovers
// and the progress snapshot.
import type { JobHistoryEntry, JobProgress, JobSpec, JobState, JournalTrust } from '../../shared/domain';
import type { JobBackend } from './backend';
import type { CallLimits, AccountGate } from './backoff';
import { BatchSender } from './batchSender';
import { BatchSizer } from './batchSizer';
import { AdaptiveConcurrency } from './concurrency';
import { isTerminal, trustOf } from './history';
import type { JournalHeader, JournalWriter, OutcomeRecord } from './journal';
import { settleLeftovers } from './leftovers';
import { PlanFeed } from './planFeed';
import { resumePoint, runPlanning } from './planStage';
import { ProgressEmitter, RateMeter, type ProgressListener } from './progress';
import { knownTotal, progressSnapshot } from './progressSnapshot';
import type { ReplayedJob } from './replay';
import { RunJournal } from './runJournal';
import type { JobResult, RunOptions } from './runOptions';
import { RunState } from './runState';
import { jobSummary, SummaryWriter } from './runSummary';
import { SendLoop } from './sendLoop';
import { WorkQueue, type WorkItem } from './workQueue';

export type { JobResult, RunOptions } from './runOptions';

export class JobRun {
  readonly jobId: string;
  readonly done: Promise<JobResult>;
  private readonly spec: JobSpec;
  private readonly s: RunState;
  private readonly journal: RunJournal;
  private readonly sizer: BatchSizer;
  private readonly concurrency: AdaptiveConcurrency;
  private readonly rate = new RateMeter();
  private readonly progress: ProgressEmitter;
  private readonly queue: WorkQueue;
  private readonly feed: PlanFeed;
  private readonly sender: BatchSender;
  private readonly settledAtStart: number;
  private readonly summaries: SummaryWriter;
  /** Recover: folders made for orphan groups (source key hex → id), as journalled. */
  private readonly createdFolders: Map<string, string>;
  /** Set when a damaged journal's set-aside lines may hold items this run cannot list again (see journal.ts recheck). */
  private readonly incompletePlan: string | undefined;
  private readonly trust: JournalTrust | undefined;
  private readonly sendable: Promise<string | undefined> | undefined;

  constructor(
    private readonly header: JournalHeader,
    replayed: ReplayedJob | undefined,
    journal: JournalWriter,
    journalFile: string,
    dataDir: string,
    private readonly backend: JobBackend,
    private readonly gate: AccountGate,
    private readonly opts: RunOptions,
    private readonly onFinished: (jobId: string) => void,
    /** The caller's record that must be on disk before the first batch is sent (JobEngine.start). */
    sendAfter?: Promise<void>,
  ) {
    // Settled into why it failed (or undefined) at once: a rejection is this run's to report, never unhandled.
    this.sendable = sendAfter?.then(
      () => undefined,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    this.jobId = header.jobId;
    this.spec = header.spec;
    const s = (this.s = new RunState(replayed, knownTotal(this.spec)));
    this.journal = new RunJournal(journal, (reason) => this.journalStopped(reason));
    this.createdFolders = replayed?.createdFolders ?? new Map();
    if (replayed?.recheck?.incompletePlan)
      this.incompletePlan = replayed.recheck.evidence ? `compare with ${replayed.recheck.evidence}` : replayed.recheck.detail;
    this.trust = replayed ? trustOf(replayed) : undefined;
    this.settledAtStart = s.settled();
    this.sizer = new BatchSizer(this.spec.action.kind === 'emptyFolder' ? { initial: 1, min: 1, max: 1 } : opts.batch);
    this.concurrency = new AdaptiveConcurrency(opts.concurrency);
    // Recover sends each home folder's items in batches of their own.
    this.queue = new WorkQueue((w) => (this.spec.action.kind === 'recover' ? (w.item.dest ?? '') : ''));
    this.feed = new PlanFeed({
      journalFile,
      epoch: () => s.epoch,
      writtenBytes: () => journal.writtenBytes,
      status: s.status,
      // A damaged journal: no item's earlier fate is taken for granted.
      verifyAll: replayed?.recheck !== undefined,
      queue: this.queue,
      wake: () => s.wake.notify(),
      onError: (message) => s.fail(message),
    });
    this.sender = new BatchSender({
      ...this.parts(),
      opts,
      feed: this.feed,
      append: (rec) => this.journal.append(rec),
      record: (b, out, again) => this.record(b, out, again),
      limits: () => this.limits(),
      iso: () => this.iso(),
    });
    this.progress = new ProgressEmitter(opts.clock, () => this.snapshot(), opts.progressIntervalMs);
    this.summaries = new SummaryWriter(dataDir, opts.clock, () => this.summary());
    this.done = this.run(replayed);
  }

  get state(): JobState {
    return this.s.state;
  }

  onProgress(listener: ProgressListener): () => void {
    return this.progress.subscribe(listener);
  }

  /** Stop sending; batches in flight finish and are recorded; everything else ends not attempted. */
  cancel(): void {
    if (this.s.requestCancel()) this.progress.changed();
  }

  pause(): void {
    if (this.s.requestPause()) this.progress.changed();
  }

  resume(): void {
    this.s.requestResume();
  }

  summary(): JobHistoryEntry {
    return jobSummary(this.header, this.spec, this.s, this.trust, this.iso());
  }

  private async run(replayed: ReplayedJob | undefined): Promise<JobResult> {
    // Let the caller subscribe to progress before the first event.
    await Promise.resolve();
    const s = this.s;
    try {
      if (replayed?.lastState && ['completed', 'cancelled', 'failed'].includes(replayed.lastState)) s.state = replayed.lastState;
      else await this.execute(replayed);
    } catch (err) {
      // The journal itself failed (disk full, folder gone): nothing more can be recorded safely.
      if (this.journal.stopped === undefined) {
        s.fatalError = `journal: ${err instanceof Error ? err.message : String(err)}`;
        s.state = 'failed';
      }
    }
    // Not failed: the journal holds everything up to the failed write, so the job resumes from there.
    if (this.journal.stopped !== undefined) s.state = 'interrupted';
    const result: JobResult = { jobId: this.jobId, state: s.state as JobResult['state'], counts: { ...s.counts }, total: s.total };
    if (s.fatalError) result.error = s.fatalError;
    await this.summaries.save(true).catch(() => undefined);
    await this.journal.close().catch(() => undefined);
    this.progress.final({
      kind: 'finished',
      jobId: this.jobId,
      counts: { ...s.counts },
      state: result.state,
      ...(result.error ? { error: result.error } : {}),
    });
    this.onFinished(this.jobId);
    return result;
  }

  private async execute(replayed: ReplayedJob | undefined): Promise<void> {
    const s = this.s;
    const resume = await resumePoint({ spec: this.spec, state: s, feed: this.feed, journal: this.journal, iso: () => this.iso() }, replayed);
    await this.setState(s.planned || this.feed.released > 0 ? 'running' : 'planning');
    // A previous run's unanswered batches are settled before anything new is sent.
    await this.sender.settleUnanswered();
    const planning = s.planned
      ? Promise.resolve()
      : runPlanning(
          { ...this.parts(), limits: this.limits(), feed: this.feed, journal: this.journal, createdFolders: this.createdFolders, ...this.hooks() },
          resume,
        );
    this.feed.start();
    // Planning and the journal go ahead while the caller's record is saved; sending waits for it.
    if (!s.halted) await this.untilSendable();
    if (!s.halted) await new SendLoop({ ...this.parts(), queue: this.queue, send: (batch) => this.sender.send(batch), ...this.hooks() }).run();
    // Cancelled or failed: stop listing too, then give every item left its outcome.
    s.planStop.abort();
    await planning;
    await this.feed.stop();
    // The journal cannot take the leftovers' outcomes: they stay planned, for the resume.
    if (this.journal.stopped !== undefined) return;
    await settleLeftovers(this.queue.takeAll(), this.feed.unreached(), { fatalError: s.fatalError, at: this.iso() }, (b, out) => this.record(b, out, []));
    if (!s.halted) s.fatalError = s.integrityProblem(this.incompletePlan) ?? s.fatalError;
    await this.setState(s.fatalError ? 'failed' : s.cancelRequested ? 'cancelled' : 'completed', s.fatalError);
  }

  /** Waits for the caller's record (sendAfter); if it could not be saved the job fails, nothing sent. */
  private async untilSendable(): Promise<void> {
    const problem = await this.sendable;
    if (problem !== undefined) this.s.fail(`not started: ${problem}`);
  }

  /** What the parts share. */
  private parts(): { spec: JobSpec; backend: JobBackend; gate: AccountGate; sizer: BatchSizer; concurrency: AdaptiveConcurrency; state: RunState } {
    return { spec: this.spec, backend: this.backend, gate: this.gate, sizer: this.sizer, concurrency: this.concurrency, state: this.s };
  }

  private hooks(): { setState: (state: JobState) => Promise<void>; progressChanged: () => void; iso: () => string } {
    return { setState: (state) => this.setState(state), progressChanged: () => this.progress.changed(), iso: () => this.iso() };
  }

  /** Journals a batch's outcomes and re-queued items, then applies them. */
  private async record(b: number, out: OutcomeRecord[], again: WorkItem[]): Promise<void> {
    const s = this.s;
    await this.journal.appendResult(b, this.iso(), out, again);
    s.applyResult(out, again);
    for (const w of again) this.queue.requeue(w);
    this.rate.record(this.opts.clock.now(), s.settled() - this.settledAtStart);
    this.progress.changed();
    if (this.summaries.due()) void this.summaries.save(false).catch(() => undefined);
  }

  private snapshot(): JobProgress {
    const s = this.s;
    return progressSnapshot({
      ...s.size(),
      jobId: this.jobId,
      state: s.state,
      counts: s.counts,
      cancelRequested: s.cancelRequested,
      gateWaitMs: this.gate.remaining(),
      gateReason: this.gate.reason,
      itemsPerSecond: this.rate.perSecond(),
      batchSize: this.sizer.size,
      concurrency: this.concurrency.limit,
    });
  }

  /**
   * A state on the way (planning, running, paused) is only written: nothing is acted on because of
   * it, and lost to a power cut it leaves the job reading as interrupted, as it then is; the next
   * synced record (an intent) puts it on disk. Its summary is written only when one is due, and not
   * waited for: the history lists an unfinished job from its journal, not its summary (history.ts),
   * and a job starting has better use for libuv's pool. A final state is synced and its summary
   * written before the run ends.
   */
  private async setState(state: JobState, error?: string): Promise<void> {
    this.s.state = state;
    const final = isTerminal(state);
    await this.journal.append({ t: 'state', at: this.iso(), state, ...(error ? { error } : {}) }, final ? 'synced' : 'written');
    const saved = this.summaries.save(final);
    if (final) await saved;
    this.progress.changed();
  }

  private limits(): CallLimits {
    return { maxAttempts: this.opts.backoff.maxAttempts, timeoutMs: this.opts.requestTimeoutMs };
  }

  /**
   * The first failed journal write: stop like a crash (in-flight requests aborted, their answers
   * unrecorded, settled on resume from their journalled intents), never like a failure.
   */
  private journalStopped(reason: string): void {
    this.s.stopForJournal(reason);
    this.feed.wake();
    this.queue.wakeReader();
    this.progress.changed();
  }

  private iso(): string {
    return new Date(this.opts.clock.now()).toISOString();
  }
}
