// The public face of the job engine for the service layer: start, dry-run, control and observe jobs,
// list history, resume interrupted jobs, export audit reports, retry failed items. It knows a data
// folder and a way to get a backend per mailbox; nothing about Electron or EWS.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { DryRunSummary, ItemReportRow, JobSpec, JobState, JobHistoryEntry, MailboxRef, OutcomeKind } from '../../shared/domain';
import type { JobBackend } from './backend';
import { defaultBackoffOptions, AccountGate, realClock, type BackoffOptions, type Clock } from './backoff';
import type { BatchSizerOptions } from './batchSizer';
import { describeTarget, type FolderNamer } from './describe';
import { explainItemError } from './itemErrorAdvice';
import { isTerminal, listSummaries, summaryPath, type SkippedJob } from './history';
import { journalPath, JournalWriter, type JournalHeader } from './journal';
import { prepareRecheck } from './journalRepair';
import { dryRunJob } from './planner';
import type { ProgressListener } from './progress';
import { replayJournal } from './replay';
import { auditRows, exportReport, type ReportFormat } from './report';
import { JobRun, type JobResult, type RunOptions } from './runner';

export interface JobEngineOptions {
  /** The app's data folder for journals (one file per job) and their summaries. */
  dataDir: string;
  /** A backend bound to the given mailbox (own or impersonated, primary or archive). */
  backendFor: (mailbox: MailboxRef) => JobBackend;
  /** Who runs the jobs, for the audit log (the signed-in account). */
  user: string;
  /** Most batches in flight per job (default DEFAULT_CONCURRENCY_CAP, 14: see there). */
  concurrencyCap?: number;
  /** Most batches in flight per account over all its jobs (default DEFAULT_ACCOUNT_CONCURRENCY_CAP, 20). */
  accountConcurrencyCap?: number;
  /**
   * The accounts' back-off gates and allowances, keyed by account. Engines given the same map
   * (one per connection in the app) share them, so jobs still running on an earlier connection
   * and the current one's hold back together. Default: the engine's own.
   */
  gates?: Map<string, AccountGate>;
  /** Batches in flight at the start (default: the cap); doubles per round of clean answers until the first sign of congestion. */
  initialConcurrency?: number;
  batch?: Partial<BatchSizerOptions>;
  backoff?: Partial<BackoffOptions>;
  /** Per request (default 90 s, above Exchange's one-minute batch limit). */
  requestTimeoutMs?: number;
  /** Busy refusals of an item in a row, with no other item settled in between, before it is failed as retryable (default 50). */
  maxBusyPerItem?: number;
  /** How long the server may still run a request we stopped waiting for (default 60 s, Exchange's batch limit): a lost copy is verified only after it. */
  serverRequestLimitMs?: number;
  /** Minimum gap between progress events (default 100 ms). */
  progressIntervalMs?: number;
  clock?: Clock;
  random?: () => number;
}

/**
 * Default most batches in flight per job, and where a job starts. Exchange charges each item's
 * server time to the account's budget and refills it at a fixed rate, and a request works through
 * its items one after another, so one request spends at most one second of budget per second.
 * At the simulator's Exchange-like scale (2 ms per item, 10 s burst, 5 s/s recharge) a 10,000-item
 * job needs 20 s of budget: the 10 s burst plus 2 s of recharge, so it takes at least 2 s at any
 * concurrency and reaches that only with ≥ 10 requests working all the time. Each slot also loses
 * the round trip, the parse and the journal write between one answer and its next request, so it
 * takes more than 10 slots to keep 10 requests working (bench/jobsThroughput.ts; the figures
 * behind 14 are in the README's Benchmarks). 14 is about half of EWSMaxConcurrency
 * (27), which every EWS client of the account shares: Outlook, mobile and other tools keep 13.
 * Jobs under one account share DEFAULT_ACCOUNT_CONCURRENCY_CAP; should the account still pass 27,
 * ErrorExceededConnectionCount halves a job's concurrency (concurrency.ts), and ErrorServerBusy
 * holds the account's gate (backoff.ts).
 * Starting at the cap rather than slowly: a job of a few seconds spends a large part of its run
 * in a slow start, and the first refusal halves it anyway.
 */
export const DEFAULT_CONCURRENCY_CAP = 14;

/**
 * Default most batches in flight for one account over all of its jobs: one job keeps its own cap
 * (14), two share 20, which leaves 7 of EWSMaxConcurrency's 27 to the UI's page loads (up to 7)
 * and the admin's other clients, instead of 28 requests and ErrorExceededConnectionCount.
 */
export const DEFAULT_ACCOUNT_CONCURRENCY_CAP = 20;

/** Control of one running job. */
export interface JobHandle {
  readonly jobId: string;
  readonly state: JobState;
  pause(): void;
  resume(): void;
  /** Stops sending; batches in flight finish and are recorded; the rest ends "not attempted". */
  cancel(): void;
  /** Progress events (at most ~10 a second); returns an unsubscribe function. */
  onProgress(listener: ProgressListener): () => void;
  summary(): JobHistoryEntry;
  /** Settles when every item has its final outcome. */
  readonly done: Promise<JobResult>;
}

export class JobEngine {
  private readonly running = new Map<string, JobRun>();
  private readonly gates: Map<string, AccountGate>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly runOptions: RunOptions;

  constructor(private readonly opts: JobEngineOptions) {
    this.gates = opts.gates ?? new Map<string, AccountGate>();
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.backoff = { ...defaultBackoffOptions, ...opts.backoff };
    this.runOptions = {
      batch: opts.batch ?? {},
      concurrency: { cap: opts.concurrencyCap ?? DEFAULT_CONCURRENCY_CAP, initial: opts.initialConcurrency ?? opts.concurrencyCap ?? DEFAULT_CONCURRENCY_CAP },
      backoff: this.backoff,
      requestTimeoutMs: opts.requestTimeoutMs ?? 90_000,
      maxBusyPerItem: opts.maxBusyPerItem ?? 50,
      serverRequestLimitMs: opts.serverRequestLimitMs ?? 60_000,
      progressIntervalMs: opts.progressIntervalMs ?? 100,
      clock: this.clock,
    };
  }

  /**
   * Starts a job; it runs in the background. `sendAfter`: a record of the caller's that must be on
   * disk before the job changes anything (a job over many mailboxes: the mailbox's plan); the job
   * opens its journal and plans meanwhile, sends its first batch only once it resolves, and fails
   * without sending anything if it rejects.
   */
  async start(spec: JobSpec, options: { retryOf?: string; sendAfter?: Promise<void> } = {}): Promise<JobHandle> {
    const jobId = `job-${new Date(this.clock.now()).toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
    const header: JournalHeader = {
      t: 'header',
      v: 2,
      jobId,
      createdAt: new Date(this.clock.now()).toISOString(),
      user: this.opts.user,
      spec,
      targetDescription: describeTarget(spec),
    };
    if (options.retryOf) header.retryOf = options.retryOf;
    const file = journalPath(this.opts.dataDir, jobId);
    const journal = await JournalWriter.openNew(file);
    // Only written: it goes to disk (and the new file's name with it) with the first synced record,
    // the first batch's intent, before anything is sent (journal.ts says why that suffices).
    await journal.append(header, 'written');
    return this.launch(header, undefined, journal, file, options.sendAfter);
  }

  /** What the job would do, changing nothing. */
  async dryRun(spec: JobSpec, signal: AbortSignal = new AbortController().signal): Promise<DryRunSummary> {
    const backend = this.opts.backendFor(spec.mailbox);
    const ctx = {
      backend,
      gate: this.gateFor(backend, spec.mailbox),
      limits: { maxAttempts: this.backoff.maxAttempts, timeoutMs: this.runOptions.requestTimeoutMs },
      signal,
    };
    return dryRunJob(spec, ctx, spec.mailbox.part);
  }

  /** A job running in this process. */
  get(jobId: string): JobHandle | undefined {
    return this.running.get(jobId);
  }

  /**
   * Every job in the data folder, newest first; unfinished ones not running here are 'interrupted'.
   * A job whose journal and summary both cannot be read is left out and named to `onSkipped`.
   */
  async listJobs(onSkipped?: (skipped: SkippedJob) => void): Promise<JobHistoryEntry[]> {
    const live = new Map<string, JobHistoryEntry>();
    for (const [id, run] of this.running) live.set(id, run.summary());
    return listSummaries(this.opts.dataDir, live, onSkipped);
  }

  /**
   * Removes a job that is not running in this engine: its summary, then its journal (a summary
   * left alone is rebuilt from the journal, so a removal cut short shows the job again).
   */
  async deleteJob(jobId: string): Promise<void> {
    if (this.running.has(jobId)) throw new Error('This job is running: cancel it, or let it finish, before removing it.');
    const summary = summaryPath(this.opts.dataDir, jobId);
    await fsp.rm(summary, { force: true });
    await fsp.rm(`${summary}.tmp`, { force: true });
    await fsp.rm(journalPath(this.opts.dataDir, jobId), { force: true });
  }

  async listInterrupted(): Promise<JobHistoryEntry[]> {
    return (await this.listJobs()).filter((j) => j.state === 'interrupted');
  }

  /**
   * Continues an interrupted job from its journal: items already done are never sent again; items
   * sent without a recorded answer are settled first (deletes re-sent, moves and copies verified).
   */
  async resume(jobId: string): Promise<JobHandle> {
    const live = this.running.get(jobId);
    if (live) return live;
    const file = journalPath(this.opts.dataDir, jobId);
    let replayed = await replayJournal(file);
    if (!replayed) throw new Error(`no journal for job ${jobId}`);
    // A damaged or unchecksummed journal of an unfinished job: keep the evidence, go on from its
    // trusted part only, and verify every other item against the mailbox (journalRepair.ts).
    if (!(replayed.lastState && isTerminal(replayed.lastState)) && (await prepareRecheck(file, replayed, new Date(this.clock.now()).toISOString()))) {
      replayed = await replayJournal(file);
      if (!replayed || replayed.integrity.damaged)
        throw new Error(`the journal of job ${jobId} could not be repaired: ${replayed?.integrity.describe() ?? 'no header'}`);
    }
    const journal = await JournalWriter.open(file);
    return this.launch(replayed.header, replayed, journal, file);
  }

  /**
   * Writes the job's audit report (one row per item outcome); returns the number of rows.
   * `nameOf` names folders by path in the export (the journal records ids only).
   */
  exportReport(jobId: string, format: ReportFormat, outPath: string, nameOf?: FolderNamer): Promise<number> {
    return exportReport(journalPath(this.opts.dataDir, jobId), format, outPath, nameOf);
  }

  /** One page of a job's report rows with the given outcomes (default failed + unknown), streamed from the journal. */
  async reportPage(jobId: string, page: { outcomes?: readonly OutcomeKind[]; offset: number; max: number }): Promise<{ rows: ItemReportRow[]; total: number }> {
    const kinds = new Set<OutcomeKind>(page.outcomes ?? ['failed', 'unknown']);
    const rows: ItemReportRow[] = [];
    let total = 0;
    for await (const r of auditRows(journalPath(this.opts.dataDir, jobId), kinds)) {
      if (total >= page.offset && rows.length < page.max) {
        const row: ItemReportRow = { id: r.itemId, subject: r.subject, folder: r.folderId, outcome: r.outcome, at: r.recordedAt };
        if (r.code !== undefined) row.code = r.code;
        const message = explainItemError(r.code, r.message);
        if (message !== undefined) row.message = message;
        if (r.newId !== undefined) row.newId = r.newId;
        rows.push(row);
      }
      total++;
    }
    return { rows, total };
  }

  /**
   * A new job with the same action over the items of a finished job that ended in one of `kinds`
   * (default: failed and unknown; re-sending an unknown move is harmless: its old id answers "not
   * found" if it did move). Returns undefined when there is nothing to retry.
   */
  async retryFailed(jobId: string, kinds: readonly OutcomeKind[] = ['failed', 'unknown']): Promise<JobHandle | undefined> {
    if (this.running.has(jobId)) throw new Error(`job ${jobId} is still running`);
    const file = journalPath(this.opts.dataDir, jobId);
    const replayed = await replayJournal(file);
    if (!replayed) throw new Error(`no journal for job ${jobId}`);
    const ids: string[] = [];
    for await (const row of auditRows(file, new Set(kinds))) ids.push(row.itemId);
    if (ids.length === 0) return undefined;
    const spec = replayed.header.spec;
    const folderId = spec.target.folderId;
    return this.start(
      { mailbox: spec.mailbox, action: spec.action, target: { kind: 'ids', ids, ...(folderId === undefined ? {} : { folderId }) } },
      { retryOf: jobId },
    );
  }

  private launch(
    header: JournalHeader,
    replayed: Awaited<ReturnType<typeof replayJournal>>,
    journal: JournalWriter,
    file: string,
    sendAfter?: Promise<void>,
  ): JobHandle {
    const spec = header.spec;
    const backend = this.opts.backendFor(spec.mailbox);
    const run = new JobRun(
      header,
      replayed,
      journal,
      file,
      this.opts.dataDir,
      backend,
      this.gateFor(backend, spec.mailbox),
      this.runOptions,
      (id) => this.running.delete(id),
      sendAfter,
    );
    this.running.set(header.jobId, run);
    return run;
  }

  private gateFor(backend: JobBackend, mailbox: MailboxRef): AccountGate {
    // Jobs whose requests spend one throttling budget wait together when one of them is told to back
    // off. Whose budget that is depends on the server: without impersonation the signed-in
    // account's; under impersonation Exchange Online (and the simulator by default: switch
    // throttleBudgetOwner) charges "a copy of the target mailbox quota", older on-premises servers
    // the service account. The backend's accountKey names the budget (EwsJobBackend: one key per
    // client, whatever mailbox it impersonates, the cautious reading: one back-off holds every
    // mailbox of the account; multiPorts' withBudgetKey keys it per mailbox when each has its own).
    // A backend without a key gets one gate per mailbox.
    const key = backend.accountKey !== undefined ? `account:${backend.accountKey}` : `mailbox:${mailbox.smtp?.toLowerCase() ?? ''}|${mailbox.part}`;
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new AccountGate(this.clock, this.backoff, this.random, this.opts.accountConcurrencyCap ?? DEFAULT_ACCOUNT_CONCURRENCY_CAP);
      this.gates.set(key, gate);
    }
    return gate;
  }
}
