// Jobs over many mailboxes: start, resume after a stop or kill -9, list, report. Each multi-job
// has its own journal folder (jobs/multi/<id>/) holding its manifest and the journals of its
// single-mailbox jobs, so the whole job resumes from that one folder and every item of every
// mailbox has exactly one outcome, in exactly one journal.
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { AuditRow, MailboxJobStatus, MultiJobProgress, MultiJobSpec, MultiJobSummary } from '../../shared/domain';
import type { AccountGate } from './backoff';
import { DEFAULT_ACCOUNT_CONCURRENCY_CAP, DEFAULT_CONCURRENCY_CAP, JobEngine } from './engine';
import { listMultiJobDirs, ManifestWriter, multiJobDir, readManifest, type MultiManifest } from './multiManifest';
import { addCounts, settledOf, zeroCounts, type BudgetOwner, type MailboxOpener } from './multiPorts';
import { DEFAULT_PARALLEL_MAILBOXES } from './multiPreview';
import { planRetry, type RetryPlan } from './multiRetry';
import { MultiRun, type ChildEngineOptions } from './multiRun';
import { MultiReportPager, reportSegments, writeMultiReport, type LoadedReport, type ReportQuery } from './multiReport';
import { auditRows, type ReportFormat } from './report';

export interface MultiJobEngineOptions {
  /** The app's jobs folder (the single-mailbox journals' folder); multi-jobs live in its multi/ subfolder. */
  dataDir: string;
  user: string;
  opener: MailboxOpener;
  /** Mailboxes worked at once (default 8). */
  parallelMailboxes?: number;
  /** Default 'impersonated' (Exchange Online's accounting and the simulator's default). */
  budgetOwner?: BudgetOwner;
  gates?: Map<string, AccountGate>;
  engine?: ChildEngineOptions;
}

export interface MultiJobHandle {
  readonly multiJobId: string;
  onProgress(listener: (p: MultiJobProgress) => void): () => void;
  cancel(): void;
  /**
   * Stops for a quit and leaves the job interrupted (resumable), as after kill -9 but with the
   * batches in flight journalled: resolves once its jobs have paused (at most `maxWaitMs`), and
   * `done` then settles with state 'interrupted'.
   */
  suspend(maxWaitMs?: number): Promise<void>;
  statuses(): MailboxJobStatus[];
  /** Settles with the job's summary once every mailbox has its final state, or 'interrupted' after a suspend. */
  readonly done: Promise<MultiJobSummary>;
}

export function multiJobTitle(spec: MultiJobSpec): string {
  const a = spec.action;
  const what =
    a.kind === 'delete'
      ? `Delete (${a.mode})`
      : a.kind === 'move'
        ? `Move to ${a.toFolder}`
        : a.kind === 'recover'
          ? `Recover (fallback ${a.fallbackFolder})`
          : `Copy to ${a.mailbox} / ${a.folder}`;
  const n = spec.search.mailboxes.length;
  return `${what}: items matching the filter in ${n} mailbox${n === 1 ? '' : 'es'}`;
}

/** Requests in flight over all mailboxes of a multi-job when each mailbox has its own budget. */
export { MULTI_REPORT_COLUMNS } from './multiReport';

export const MULTI_TOTAL_CONCURRENCY = 32;

/**
 * Each mailbox's job gets its share of the requests in flight, unless tuned explicitly. A job
 * spreads its last items over every slot it may use, so a 300-item mailbox with the single-mailbox
 * cap of 14 goes out as dozens of tiny batches: that costs the client and the server a round trip
 * and a parse per few items, while the account's allowance (caller pays: the account cap, shared
 * through one gate) or this machine (each impersonated mailbox pays: MULTI_TOTAL_CONCURRENCY) is
 * the real limit.
 */
export function childTuning(engine: ChildEngineOptions, parallel: number, owner: BudgetOwner): ChildEngineOptions {
  if (engine.concurrencyCap !== undefined) return engine;
  const total = owner === 'caller' ? (engine.accountConcurrencyCap ?? DEFAULT_ACCOUNT_CONCURRENCY_CAP) : MULTI_TOTAL_CONCURRENCY;
  // Twice the even share: the gate (or the total) still bounds the sum, and a mailbox left working
  // alone at the end of the list keeps enough requests going.
  const cap = Math.max(2, Math.min(DEFAULT_CONCURRENCY_CAP, Math.ceil((2 * total) / Math.max(1, parallel))));
  return { ...engine, concurrencyCap: cap, initialConcurrency: engine.initialConcurrency ?? cap };
}

export class MultiJobEngine {
  private readonly gates: Map<string, AccountGate>;
  private readonly running = new Map<string, MultiRun>();
  /**
   * The manifests of the jobs running here, in memory. A summary reads these rather than the file: a file read just
   * before a run's last save, summarised after the run left `running`, would say 'interrupted' for a finished job.
   */
  private readonly liveManifests = new Map<string, MultiManifest>();
  private readonly pager = new MultiReportPager((id) => this.loadReport(id));

  constructor(private readonly opts: MultiJobEngineOptions) {
    this.gates = opts.gates ?? new Map<string, AccountGate>();
  }

  async start(spec: MultiJobSpec): Promise<MultiJobHandle> {
    const now = new Date();
    const { multiJobId, dir } = await this.newJobDir();
    const manifest: MultiManifest = { v: 1, multiJobId, createdAt: now.toISOString(), updatedAt: now.toISOString(), user: this.opts.user, spec, mailboxes: {} };
    for (const smtp of spec.search.mailboxes) manifest.mailboxes[smtp] = { state: 'pending' };
    const writer = new ManifestWriter(dir, manifest);
    await writer.save();
    return this.launch(dir, writer);
  }

  /**
   * A new multi-job over what a finished one left undone (multiRetry.ts says what is retried and
   * what is not); `handle` is undefined when nothing is left to retry.
   */
  async retry(multiJobId: string): Promise<{ handle: MultiJobHandle | undefined; plan: RetryPlan }> {
    if (this.running.has(multiJobId)) throw new Error(`${multiJobId} is still running: retry it once it has finished.`);
    const sourceDir = multiJobDir(this.opts.dataDir, multiJobId);
    const source = await readManifest(sourceDir);
    if (source === undefined) throw new Error(`No multi-mailbox job ${multiJobId}.`);
    if (source.finished === undefined)
      throw new Error(`${multiJobId} was interrupted: resume it (mailbox-sweeper resume ${multiJobId}) instead of retrying it.`);
    const plan = await planRetry(sourceDir, source, await this.history(sourceDir).listJobs());
    if (plan.spec.search.mailboxes.length === 0) return { handle: undefined, plan };
    const { multiJobId: id, dir } = await this.newJobDir();
    const now = new Date().toISOString();
    const manifest: MultiManifest = {
      v: 1,
      multiJobId: id,
      createdAt: now,
      updatedAt: now,
      user: this.opts.user,
      spec: plan.spec,
      retryOf: multiJobId,
      mailboxes: plan.mailboxes,
    };
    const writer = new ManifestWriter(dir, manifest);
    await writer.save();
    return { handle: this.launch(dir, writer), plan };
  }

  private async newJobDir(): Promise<{ multiJobId: string; dir: string }> {
    const multiJobId = `multi-${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
    const dir = multiJobDir(this.opts.dataDir, multiJobId);
    await fsp.mkdir(dir, { recursive: true });
    return { multiJobId, dir };
  }

  /** Continues an interrupted multi-job from its folder: finished items are never sent again. */
  async resume(multiJobId: string): Promise<MultiJobHandle> {
    if (this.running.has(multiJobId)) throw new Error(`${multiJobId} is already running`);
    const dir = multiJobDir(this.opts.dataDir, multiJobId);
    const manifest = await readManifest(dir);
    if (manifest === undefined) throw new Error(`No multi-mailbox job ${multiJobId}.`);
    if (manifest.finished !== undefined) throw new Error(`${multiJobId} is ${manifest.finished.state}, not interrupted: there is nothing to resume.`);
    return this.launch(dir, new ManifestWriter(dir, manifest));
  }

  async list(): Promise<MultiJobSummary[]> {
    const out: MultiJobSummary[] = [];
    for (const dir of await listMultiJobDirs(this.opts.dataDir)) {
      const manifest = await this.manifestNow(dir).catch(() => undefined);
      if (manifest !== undefined) out.push(await this.summarise(dir, manifest));
    }
    return out;
  }

  async summary(multiJobId: string): Promise<MultiJobSummary> {
    const dir = multiJobDir(this.opts.dataDir, multiJobId);
    const manifest = await this.manifestNow(dir);
    if (manifest === undefined) throw new Error(`No multi-mailbox job ${multiJobId}.`);
    return this.summarise(dir, manifest);
  }

  /** Every item outcome of every mailbox, mailbox by mailbox in the spec's order. */
  async *rows(multiJobId: string): AsyncGenerator<AuditRow> {
    for (const segment of (await this.loadReport(multiJobId)).segments) yield* auditRows(segment.journal);
  }

  /** One page of the per-item report (multiReport.ts: no page reads every row). */
  reportPage(multiJobId: string, query: ReportQuery): Promise<{ rows: AuditRow[]; total: number }> {
    return this.pager.page(multiJobId, query);
  }

  /** Writes the per-item report (CSV with the mailbox column, or JSON lines); returns the rows written. */
  exportReport(multiJobId: string, format: ReportFormat, outPath: string): Promise<number> {
    return writeMultiReport(this.rows(multiJobId), format, outPath);
  }

  /** A multi-job's journals in report order; frozen once it finished and is not running here. */
  private async loadReport(multiJobId: string): Promise<LoadedReport> {
    const dir = multiJobDir(this.opts.dataDir, multiJobId);
    const manifest = await readManifest(dir);
    if (manifest === undefined) throw new Error(`No multi-mailbox job ${multiJobId}.`);
    const segments = reportSegments(dir, manifest, await this.history(dir).listJobs());
    return { segments, frozen: manifest.finished !== undefined && !this.running.has(multiJobId) };
  }

  private history(dir: string): JobEngine {
    return new JobEngine({
      dataDir: dir,
      user: this.opts.user,
      backendFor: () => {
        throw new Error('reading history needs no mailbox');
      },
    });
  }

  /**
   * A job's manifest as it stands: in memory while the job runs here, else its file (a run saves its
   * manifest before it leaves liveManifests, so a job not running when asked has its last state on disk).
   */
  private async manifestNow(dir: string): Promise<MultiManifest | undefined> {
    return this.liveManifests.get(basename(dir)) ?? (await readManifest(dir));
  }

  private async summarise(dir: string, manifest: MultiManifest): Promise<MultiJobSummary> {
    const live = this.running.get(manifest.multiJobId);
    const statuses = live?.statuses() ?? (await this.storedStatuses(dir, manifest));
    const counts = zeroCounts();
    let total = 0;
    for (const s of statuses) {
      addCounts(counts, s.counts);
      total += s.total;
    }
    const state = live !== undefined ? 'running' : (manifest.finished?.state ?? 'interrupted');
    return {
      multiJobId: manifest.multiJobId,
      title: manifest.retryOf === undefined ? multiJobTitle(manifest.spec) : `Retry of ${manifest.retryOf}: ${multiJobTitle(manifest.spec)}`,
      ...(manifest.retryOf === undefined ? {} : { retryOf: manifest.retryOf }),
      spec: manifest.spec,
      user: manifest.user,
      createdAt: manifest.createdAt,
      updatedAt: manifest.updatedAt,
      state,
      counts,
      total,
      mailboxes: statuses,
      resumable: state === 'interrupted',
    };
  }

  private async storedStatuses(dir: string, manifest: MultiManifest): Promise<MailboxJobStatus[]> {
    const jobs = await this.history(dir).listJobs();
    return Object.entries(manifest.mailboxes).map(([smtp, m]) => {
      const mine = jobs.filter((j) => j.spec.mailbox.smtp?.toLowerCase() === smtp.toLowerCase());
      const counts = zeroCounts();
      let total = 0;
      for (const j of mine) {
        addCounts(counts, j.counts);
        total += Math.max(j.total ?? 0, settledOf(j.counts));
      }
      const status: MailboxJobStatus = { mailbox: smtp, state: m.state, counts, total, jobIds: mine.map((j) => j.jobId) };
      if (m.reason !== undefined) status.reason = m.reason;
      if (m.access !== undefined) status.access = m.access;
      return status;
    });
  }

  private launch(dir: string, writer: ManifestWriter): MultiJobHandle {
    const parallel = this.opts.parallelMailboxes ?? DEFAULT_PARALLEL_MAILBOXES;
    const owner = this.opts.budgetOwner ?? 'impersonated';
    const run = new MultiRun(dir, writer, {
      opener: this.opts.opener,
      user: this.opts.user,
      parallelMailboxes: parallel,
      budgetOwner: owner,
      gates: this.gates,
      engine: childTuning(this.opts.engine ?? {}, Math.min(parallel, writer.manifest.spec.search.mailboxes.length), owner),
    });
    const id = writer.manifest.multiJobId;
    this.running.set(id, run);
    this.liveManifests.set(id, writer.manifest);
    // After a suspend the run may never end (its paused jobs wait for a resume that happens in another run).
    let suspended: ((summary: MultiJobSummary) => void) | undefined;
    const interrupted = new Promise<MultiJobSummary>((resolve) => (suspended = resolve));
    const ended = (async (): Promise<MultiJobSummary> => {
      try {
        const state = await run.run();
        if (state !== 'interrupted') writer.manifest.finished = { state, at: new Date().toISOString() };
      } catch (error) {
        writer.manifest.finished = { state: 'failed', at: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) };
      }
      await writer.save();
      this.running.delete(id);
      this.liveManifests.delete(id);
      const summary = await this.summarise(dir, writer.manifest);
      return { ...summary, mailboxes: run.statuses() };
    })();
    const suspend = async (maxWaitMs = 5_000): Promise<void> => {
      await run.suspend(maxWaitMs);
      if (this.running.get(id) === run) {
        this.running.delete(id);
        this.liveManifests.delete(id);
      }
      const summary = await this.summarise(dir, writer.manifest);
      suspended?.({ ...summary, mailboxes: run.statuses() });
    };
    const done = Promise.race([ended, interrupted]);
    return { multiJobId: id, onProgress: (l) => run.onProgress(l), cancel: () => run.cancel(), suspend, statuses: () => run.statuses(), done };
  }
}
