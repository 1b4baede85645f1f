// Drives electron/jobs for the service: one JobEngine per connection (its audit user is the
// signed-in account), a history engine for when nobody is connected, and the wiring of each
// job's progress to the `jobProgress` event and of job list changes to `jobsChanged`.
import { join } from 'node:path';
import type { DryRunSummary, ItemReportRow, JobSpec, JobState, MailboxRef, OutcomeKind } from '../../shared/domain';
import type { JobHistoryList, JobSummary, SweeperEmit, UnreadableEntry } from '../../shared/ipc';
import { NotConnectedError } from './notConnected';
import { JobEngine, type FolderNamer, type JobBackend, type JobEngineOptions, type JobHandle, type AccountGate, type ReportFormat } from '../jobs';

export type EngineTuning = Omit<JobEngineOptions, 'dataDir' | 'backendFor' | 'user'>;

export interface Connection {
  actor: string;
  backendFor(mailbox: MailboxRef): JobBackend;
  assertMailbox(mailbox: MailboxRef): void;
}

const FINAL_STATES = new Set<JobState>(['completed', 'cancelled', 'failed']);
export class JobCoordinator {
  readonly journalDir: string;
  private current: { engine: JobEngine; connection: Connection } | undefined;
  /** Jobs started or resumed here that have not settled yet, with the connection they run on. */
  private readonly live = new Map<string, { handle: JobHandle; connection: Connection }>();
  /** Earlier connections whose jobs still run; released once the last one settles. */
  private readonly retired = new Set<Connection>();
  private readonly history: JobEngine;
  /** Shared by every connection's engine: Exchange throttles the account, whichever session sends. */
  private readonly gates = new Map<string, AccountGate>();

  constructor(
    dataDir: string,
    private readonly emit: SweeperEmit,
    /** Called when a connection is no longer current and no job runs on it (so it can be closed). */
    private readonly release: (connection: Connection) => void,
    private readonly tuning: EngineTuning = {},
  ) {
    this.journalDir = join(dataDir, 'jobs');
    this.history = this.createEngine('', () => {
      throw new NotConnectedError();
    });
  }

  /** Jobs from now on run on this connection; jobs already running carry on where they are. */
  connect(connection: Connection): void {
    this.retireCurrent();
    this.current = { engine: this.createEngine(connection.actor, (mailbox) => connection.backendFor(mailbox)), connection };
  }

  disconnect(): void {
    this.retireCurrent();
    this.current = undefined;
  }

  async dryRun(spec: JobSpec): Promise<DryRunSummary> {
    return this.requireConnection(spec.mailbox).engine.dryRun(spec);
  }

  async start(spec: JobSpec): Promise<{ jobId: string }> {
    const current = this.requireConnection(spec.mailbox);
    return { jobId: this.watch(await current.engine.start(spec), current.connection) };
  }

  pause(jobId: string): void {
    this.running(jobId).pause();
    this.emit('jobsChanged', undefined);
  }

  resume(jobId: string): void {
    this.running(jobId).resume();
    this.emit('jobsChanged', undefined);
  }

  cancel(jobId: string): void {
    this.running(jobId).cancel();
    this.emit('jobsChanged', undefined);
  }

  /** History from the journals, with jobs running here (on any connection) shown live. */
  async list(): Promise<JobSummary[]> {
    return (await this.historyList()).jobs;
  }

  /** The history with the jobs left out of it because their journals cannot be read, named for the admin. */
  async historyList(): Promise<JobHistoryList> {
    const unreadable: UnreadableEntry[] = [];
    const entries = await (this.current?.engine ?? this.history).listJobs((skipped) => unreadable.push({ name: skipped.file, problem: skipped.problem }));
    return { jobs: entries.map((entry) => this.live.get(entry.jobId)?.handle.summary() ?? entry), unreadable };
  }

  async report(jobId: string, page: { outcomes?: readonly OutcomeKind[]; offset: number; max: number }): Promise<{ rows: ItemReportRow[]; total: number }> {
    await this.requireJob(jobId);
    return this.history.reportPage(jobId, page);
  }

  async retryFailed(jobId: string): Promise<{ jobId: string }> {
    const job = await this.requireJob(jobId);
    if (this.live.has(jobId)) throw new Error('This job is still running: wait for it to finish, or cancel it, before retrying its failed items.');
    const current = this.requireConnection(job.spec.mailbox);
    const handle = await current.engine.retryFailed(jobId);
    if (handle === undefined) throw new Error('Nothing to retry: this job has no failed or unknown items.');
    return { jobId: this.watch(handle, current.connection) };
  }

  async resumeInterrupted(jobId: string): Promise<{ jobId: string }> {
    const live = this.live.get(jobId);
    if (live !== undefined) return { jobId };
    const job = await this.requireJob(jobId);
    if (!job.resumable) throw new Error(`This job is ${job.state}, not interrupted: there is nothing to resume.`);
    // Checked before the engine opens the journal, so a refused resume leaves it untouched.
    const current = this.requireConnection(job.spec.mailbox);
    return { jobId: this.watch(await current.engine.resume(jobId), current.connection) };
  }

  async deleteJob(jobId: string): Promise<void> {
    await this.requireJob(jobId);
    if (this.live.has(jobId)) throw new Error('This job is still running: cancel it, or let it finish, before removing it from the history.');
    await this.history.deleteJob(jobId);
    this.emit('jobsChanged', undefined);
  }

  async exportReport(jobId: string, format: ReportFormat, path: string, nameOf?: FolderNamer): Promise<void> {
    await this.requireJob(jobId);
    await this.history.exportReport(jobId, format, path, nameOf);
  }

  /**
   * Pauses every running job and waits (up to `maxWaitMs`) until their batches in flight are
   * answered and journalled; after a quit they show as interrupted and resume cleanly.
   */
  async pauseAll(maxWaitMs = 5_000): Promise<void> {
    const handles = [...this.live.values()].map((job) => job.handle);
    for (const handle of handles) handle.pause();
    const deadline = Date.now() + maxWaitMs;
    const settled = (handle: JobHandle): boolean => handle.state !== 'running' && handle.state !== 'planning' && handle.state !== 'cancelling';
    while (Date.now() < deadline && !handles.every(settled)) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private createEngine(user: string, backendFor: (mailbox: MailboxRef) => JobBackend): JobEngine {
    return new JobEngine({ ...this.tuning, dataDir: this.journalDir, user, backendFor, gates: this.gates });
  }

  private retireCurrent(): void {
    if (this.current === undefined) return;
    const connection = this.current.connection;
    if (this.isBusy(connection)) this.retired.add(connection);
    else this.release(connection);
  }

  private isBusy(connection: Connection): boolean {
    for (const job of this.live.values()) if (job.connection === connection) return true;
    return false;
  }

  private requireConnection(mailbox: MailboxRef): { engine: JobEngine; connection: Connection } {
    if (this.current === undefined) throw new NotConnectedError();
    this.current.connection.assertMailbox(mailbox);
    return this.current;
  }

  private async requireJob(jobId: string): Promise<JobSummary> {
    const job = (await this.list()).find((entry) => entry.jobId === jobId);
    if (job === undefined) throw new Error(`No job ${jobId} in the job history.`);
    return job;
  }

  private running(jobId: string): JobHandle {
    const job = this.live.get(jobId);
    // A job that has just finished stays in `live` until its done-promise settles a tick later.
    if (job === undefined || FINAL_STATES.has(job.handle.state)) throw new Error(`Job ${jobId} is not running.`);
    return job.handle;
  }

  private watch(handle: JobHandle, connection: Connection): string {
    this.live.set(handle.jobId, { handle, connection });
    const unsubscribe = handle.onProgress((progress) => this.emit('jobProgress', progress));
    this.emit('jobsChanged', undefined);
    const settle = (): void => {
      unsubscribe();
      this.live.delete(handle.jobId);
      if (this.retired.has(connection) && !this.isBusy(connection)) {
        this.retired.delete(connection);
        this.release(connection);
      }
      this.emit('jobsChanged', undefined);
    };
    handle.done.then(settle, settle);
    return handle.jobId;
  }
}
