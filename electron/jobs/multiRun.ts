// One run of a job over many mailboxes, composed of the single-mailbox engine: a JobEngine whose
// data folder is the multi-job's own journal folder runs one ordinary job (query target, its own
// journal) per folder with hits, mailboxes a few at a time, each mailbox's jobs one after another.
// Per mailbox: open it (the service picks impersonation or delegate access), search its folders and
// record the folders with hits in the manifest, then run or resume their jobs. A resumed run finds
// each folder's job by its journal's header (mailbox, part, folder), so a job started just before a
// kill is resumed, never started twice; a mailbox killed before its plan was recorded had nothing
// changed yet and is searched again.
import { setMaxListeners } from 'node:events';
import { dirname, join } from 'node:path';
import type { JobAction, JobHistoryEntry, JobSpec, JobTarget, MailboxJobStatus, MultiJobProgress, OutcomeCounts } from '../../shared/domain';
import type { JobBackend } from './backend';
import type { AccountGate } from './backoff';
import { JobEngine, type JobEngineOptions, type JobHandle } from './engine';
import type { ManifestMailbox, ManifestWriter, PlannedFolder } from './multiManifest';
import { ActionDestinations } from './multiDestinations';
import { childFolderKey, retryTarget } from './multiRetry';
import { gateFor, runPool, settledOf, withBudgetKey, type BudgetOwner, type MailboxOpener } from './multiPorts';
import { FINAL_MAILBOX_STATES, mailboxStatus, multiProgressEvent } from './multiProgress';
import { FirstPageHolder } from './multiFirstPage';
import { planMailbox, type PlanPart } from './multiPlan';
import { partsOf } from './multiSearch';
import { RateMeter } from './progress';

/** How a run ends: 'interrupted' after a suspend left mailboxes unfinished (resumable). */
export type MultiRunEnd = 'completed' | 'cancelled' | 'interrupted';

export type ChildEngineOptions = Omit<JobEngineOptions, 'dataDir' | 'backendFor' | 'user' | 'gates'>;

export interface MultiRunOptions {
  opener: MailboxOpener;
  user: string;
  parallelMailboxes: number;
  budgetOwner: BudgetOwner;
  gates: Map<string, AccountGate>;
  engine: ChildEngineOptions;
}

const FINAL = FINAL_MAILBOX_STATES;
const childKey = (smtp: string, part: string, folderId: string): string => `${smtp.toLowerCase()}|${part}|${folderId}`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class MultiRun {
  readonly engine: JobEngine;
  private readonly backends = new Map<string, JobBackend>();
  /** Per mailbox part (same keys): the first job's first page, fetched while planning. */
  private readonly firstPages = new Map<string, FirstPageHolder>();
  private readonly live = new Set<JobHandle>();
  /** Per mailbox: outcome counts and totals of each of its jobs (live or from history). */
  private readonly childCounts = new Map<string, Map<string, { counts: OutcomeCounts; total: number }>>();
  private readonly listeners = new Set<(p: MultiJobProgress) => void>();
  private readonly abort = new AbortController();
  private readonly rate = new RateMeter();
  private lastEmit = 0;
  private readonly destinations: ActionDestinations;
  private readonly progressIntervalMs: number;
  /** Stopped for a quit (suspend), not cancelled. */
  private suspended = false;

  constructor(
    private readonly dir: string,
    private readonly writer: ManifestWriter,
    private readonly opts: MultiRunOptions,
  ) {
    this.progressIntervalMs = opts.engine.progressIntervalMs ?? 100;
    this.destinations = new ActionDestinations(writer.manifest.spec.action, opts);
    // Every search call of every mailbox listens on this one signal (through AbortSignal.any).
    setMaxListeners(0, this.abort.signal);
    this.engine = new JobEngine({
      ...opts.engine,
      dataDir: dir,
      user: opts.user,
      gates: opts.gates,
      backendFor: (mailbox) => {
        const backend = this.backends.get(`${mailbox.smtp?.toLowerCase() ?? ''}|${mailbox.part}`);
        if (backend === undefined) throw new Error(`${mailbox.smtp ?? 'this mailbox'} is not open in this job`);
        return backend;
      },
    });
  }

  get multiJobId(): string {
    return this.writer.manifest.multiJobId;
  }

  onProgress(listener: (p: MultiJobProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cancel(): void {
    this.abort.abort();
    for (const handle of this.live) handle.cancel();
  }

  /**
   * Stops for a quit, as kill -9 would but cleanly: no mailbox or folder starts, the running jobs
   * pause (batches in flight are answered and journalled), unfinished mailboxes stay unfinished in
   * the manifest, so the multi-job is interrupted and resumes. Resolves once the jobs have paused
   * (or `maxWaitMs` passed) and the manifest is saved; the paused jobs' promises never settle.
   */
  async suspend(maxWaitMs: number): Promise<void> {
    this.suspended = true;
    this.abort.abort();
    const handles = [...this.live];
    for (const handle of handles) handle.pause();
    const deadline = Date.now() + maxWaitMs;
    const settled = (h: JobHandle): boolean => h.state !== 'running' && h.state !== 'planning' && h.state !== 'cancelling';
    while (Date.now() < deadline && !handles.every(settled)) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.writer.save();
  }

  /** How the run ends: suspended with mailboxes unfinished is interrupted, not cancelled. */
  private endState(): MultiRunEnd {
    if (this.suspended && Object.values(this.writer.manifest.mailboxes).some((m) => !FINAL.has(m.state))) return 'interrupted';
    return this.abort.signal.aborted && !this.suspended ? 'cancelled' : 'completed';
  }

  /** Runs (or resumes) every mailbox; resolves when each has its final state, or none is left running after a suspend. */
  async run(): Promise<MultiRunEnd> {
    const manifest = this.writer.manifest;
    const children = new Map<string, JobHistoryEntry>();
    for (const job of await this.engine.listJobs()) {
      const key = childFolderKey(job);
      if (key !== undefined) children.set(key, job);
    }
    try {
      await runPool(manifest.spec.search.mailboxes, this.opts.parallelMailboxes, (smtp) => this.runMailbox(smtp, children), this.abort.signal);
    } finally {
      this.destinations.release();
    }
    for (const [smtp, m] of Object.entries(manifest.mailboxes)) {
      if (!FINAL.has(m.state) && !this.suspended) {
        m.state = 'cancelled';
        this.emit(smtp, true);
      }
    }
    await this.writer.save();
    this.emit(undefined, true);
    return this.endState();
  }

  /** Where each mailbox stands, from the manifest and the jobs' counts. */
  statuses(): MailboxJobStatus[] {
    return Object.entries(this.writer.manifest.mailboxes).map(([smtp, m]) => mailboxStatus(smtp, m, this.childCounts.get(smtp)));
  }

  private async runMailbox(smtp: string, children: Map<string, JobHistoryEntry>): Promise<void> {
    const manifest = this.writer.manifest;
    const m = manifest.mailboxes[smtp] ?? (manifest.mailboxes[smtp] = { state: 'pending' });
    // A mailbox that ended keeps its outcome; its jobs' counts still add up in the totals.
    if (FINAL.has(m.state)) {
      for (const f of m.folders ?? []) {
        const job = children.get(childKey(smtp, f.part, f.folderId));
        if (job !== undefined) this.noteCounts(smtp, job.jobId, job.counts, job.total ?? 0);
      }
      return;
    }
    await this.setState(smtp, m, 'connecting');
    // A search of primaries only never asks for the archive: the sign-in need not look for one.
    const primaryOnly = manifest.spec.search.parts === 'primary';
    const opened = await this.opts.opener.open(smtp, { ...this.destinations.access, ...(primaryOnly ? { primaryOnly } : {}) });
    try {
      if (!opened.ok) {
        m.reason = opened.reason;
        await this.setState(smtp, m, 'unreachable');
        return;
      }
      if (opened.access !== undefined) m.access = opened.access;
      for (const part of partsOf(manifest.spec.search.parts)) {
        if (part === 'archive' && !opened.hasArchive) continue;
        const firstPage = new FirstPageHolder();
        this.firstPages.set(`${smtp.toLowerCase()}|${part}`, firstPage);
        this.backends.set(`${smtp.toLowerCase()}|${part}`, firstPage.serve(withBudgetKey(opened.backendFor(part), smtp, this.opts.budgetOwner)));
      }
      if (this.backends.size === 0 || ![...this.backends.keys()].some((k) => k.startsWith(`${smtp.toLowerCase()}|`))) {
        m.reason = `${smtp} has no archive mailbox.`;
        await this.setState(smtp, m, 'unreachable');
        return;
      }
      if (m.folders === undefined && this.destinations.isCollectionMailbox(smtp)) {
        m.reason = `${smtp} is the collection mailbox: it is not searched.`;
        m.folders = [];
      }
      if (m.folders === undefined) {
        await this.setState(smtp, m, 'searching');
        m.folders = await this.plan(smtp, opened.hasArchive);
      }
      // The plan must be on disk before the mailbox changes: a new job opens its journal and plans
      // while it is saved, and sends only after (JobEngine.start's sendAfter).
      const planSaved = this.setState(smtp, m, 'running', true);
      planSaved.catch(() => undefined);
      for (const folder of m.folders) {
        if (this.abort.signal.aborted) break;
        await this.runFolder(smtp, folder, children.get(childKey(smtp, folder.part, folder.folderId)), planSaved);
      }
      await planSaved;
      // Suspended: the mailbox stays unfinished (its jobs paused, or it is searched again on resume).
      if (!this.suspended) await this.setState(smtp, m, this.abort.signal.aborted ? 'cancelled' : 'done');
    } catch (error) {
      // A search cut short by a suspend is no failure: the mailbox is searched again on resume.
      if (this.suspended) return;
      m.reason = `This mailbox stopped: ${message(error)}`;
      await this.setState(smtp, m, 'failed');
    } finally {
      for (const part of partsOf(manifest.spec.search.parts)) this.firstPages.get(`${smtp.toLowerCase()}|${part}`)?.drop();
      this.opts.opener.release?.(smtp);
    }
  }

  /** The folders with hits in each part, and the action's folder resolved in each part (multiPlan.ts). */
  private async plan(smtp: string, hasArchive: boolean): Promise<PlannedFolder[]> {
    const { search } = this.writer.manifest.spec;
    const parts: PlanPart[] = [];
    for (const part of partsOf(search.parts)) {
      if (part === 'archive' && !hasArchive) continue;
      const backend = this.backends.get(`${smtp.toLowerCase()}|${part}`);
      const firstPage = this.firstPages.get(`${smtp.toLowerCase()}|${part}`);
      if (backend === undefined || firstPage === undefined) continue;
      const gate = gateFor(this.opts.gates, backend, this.opts.engine);
      const limits = { maxAttempts: 8, timeoutMs: this.opts.engine.requestTimeoutMs ?? 90_000 };
      parts.push({ part, backend, firstPage, ctx: { gate, limits, signal: this.abort.signal } });
    }
    return planMailbox(smtp, search, parts, this.destinations);
  }

  private async runFolder(smtp: string, folder: PlannedFolder, existing: JobHistoryEntry | undefined, planSaved: Promise<void>): Promise<void> {
    let handle: JobHandle;
    if (existing !== undefined && !existing.resumable) {
      this.noteCounts(smtp, existing.jobId, existing.counts, existing.total ?? 0);
      return;
    }
    // A resumed job settles what it sent before at once: the plan goes to disk first.
    if (existing !== undefined) handle = await planSaved.then(() => this.engine.resume(existing.jobId));
    else {
      const spec = await this.childSpec(smtp, folder);
      handle = await this.engine.start(spec, { sendAfter: planSaved, ...(folder.retry === undefined ? {} : { retryOf: folder.retry.jobId }) });
    }
    this.live.add(handle);
    if (this.suspended) handle.pause();
    else if (this.abort.signal.aborted) handle.cancel();
    const unsubscribe = handle.onProgress((p) => {
      if (p.kind === 'running') this.noteCounts(smtp, handle.jobId, p.counts, p.total ?? folder.hits);
      else if (p.kind === 'finished') this.noteCounts(smtp, handle.jobId, p.counts, settledOf(p.counts));
    });
    try {
      const result = await handle.done;
      this.noteCounts(smtp, handle.jobId, result.counts, result.total);
      if (result.state === 'failed') throw new Error(result.error ?? 'a job of this mailbox failed');
    } finally {
      unsubscribe();
      this.live.delete(handle);
    }
  }

  private async childSpec(smtp: string, folder: PlannedFolder): Promise<JobSpec> {
    const { spec, retryOf } = this.writer.manifest;
    const { search, action } = spec;
    let jobAction: JobAction;
    if (action.kind === 'delete') jobAction = { kind: 'delete', mode: action.mode };
    else if (action.kind === 'move') jobAction = { kind: 'move', toFolderId: folder.destinationId ?? action.toFolder };
    else if (action.kind === 'recover') jobAction = { kind: 'recover', fallbackFolderId: folder.destinationId ?? action.fallbackFolder };
    else if (folder.destinationId !== undefined) jobAction = { kind: 'copy', toFolderId: folder.destinationId };
    else throw new Error(`no collection folder was recorded for ${smtp}`);
    // A retry's folder acts on what its earlier job left (the retried multi-job's folder is a sibling of this one's).
    const target: JobTarget =
      retryOf === undefined || folder.retry === undefined
        ? { kind: 'query', folderId: folder.folderId, filter: search.filter }
        : await retryTarget(join(dirname(this.dir), retryOf), folder, spec);
    return { mailbox: { smtp, part: folder.part }, action: jobAction, target };
  }

  private noteCounts(smtp: string, jobId: string, counts: OutcomeCounts, total: number): void {
    let jobs = this.childCounts.get(smtp);
    if (jobs === undefined) this.childCounts.set(smtp, (jobs = new Map()));
    jobs.set(jobId, { counts: { ...counts }, total: Math.max(total, settledOf(counts)) });
    this.emit(smtp, false);
  }

  /**
   * A mailbox's new state. Only the plan (its folders, recorded before its first job starts) must
   * be on disk before going on; other states are written along with the next write, since a
   * resume derives them again (a mailbox not yet planned is simply searched again).
   */
  private async setState(smtp: string, m: ManifestMailbox, state: ManifestMailbox['state'], durable = false): Promise<void> {
    m.state = state;
    const saved = this.writer.save();
    if (durable) await saved;
    else saved.catch(() => undefined);
    this.emit(smtp, true);
  }

  private emit(smtp: string | undefined, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < this.progressIntervalMs) return;
    this.lastEmit = now;
    const event = multiProgressEvent({
      multiJobId: this.multiJobId,
      statuses: this.statuses(),
      mailboxesTotal: this.writer.manifest.spec.search.mailboxes.length,
      state: smtp === undefined ? this.endState() : 'running',
      ...(smtp === undefined ? {} : { changed: smtp }),
      now,
      rate: this.rate,
    });
    for (const listener of this.listeners) listener(event);
  }
}
