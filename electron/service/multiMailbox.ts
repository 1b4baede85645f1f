// The use-cases of many mailboxes at once, for the command line (electron/cli) and later the app:
// choose the mailboxes (list, CSV, groups, typed names), preview a search per mailbox, run one job
// over all of them, resume it, list and report. Every mailbox is opened as its own session
// (a MailboxBackend: impersonation when the account has the right, else delegate access, else the
// reason it cannot be opened), so the mode is picked per mailbox exactly as a single connect picks it.
import { join } from 'node:path';
import type { ConnectErrorKind } from '../../shared/ipc';
import type { AllowDirectoryResult, DirectoryAccess } from '../../shared/multiIpc';
import type {
  AuditRow,
  ItemPage,
  MailboxAccessMode,
  MailboxPart,
  MailboxPreview,
  MailboxSelection,
  MultiJobSpec,
  MultiJobSummary,
  MultiMailboxSearchSpec,
  MultiSearchProgress,
} from '../../shared/domain';
import type { AccountGate } from '../jobs';
import type { ListItemsRequest } from '../jobs/backend';
import { MultiJobEngine, type MultiJobHandle } from '../jobs/multiJob';
import type { BudgetOwner, MailboxOpener } from '../jobs/multiPorts';
import { previewMailboxes } from '../jobs/multiPreview';
import type { RetryPlan } from '../jobs/multiRetry';
import type { ReportQuery } from '../jobs/multiReport';
import type { ChildEngineOptions } from '../jobs/multiRun';
import type { ReportFormat } from '../jobs/report';
import type { ConnectionParams, MailboxBackend, OpenResult, SignInEnvironment } from '../backends/port';
import { ewsMailboxSource, type MailboxSource } from './mailboxSource';
import { NotConnectedError } from './notConnected';
import { selectMailboxes, type DirectoryEntry, type MailboxDirectory, type MailboxSources } from './multiMailboxList';

export { shardOf, type BudgetOwner } from '../jobs/multiPorts';
export type { MultiJobHandle } from '../jobs/multiJob';
export type { RetryPlan } from '../jobs/multiRetry';
export type { ReportFormat } from '../jobs/report';
export { MULTI_REPORT_COLUMNS } from '../jobs/multiReport';
export type { MailboxSources } from './multiMailboxList';
export type { MailboxSource } from './mailboxSource';

export interface MultiMailboxServiceOptions {
  /** The app's data folder: journals live in its jobs/ folder, multi-jobs in jobs/multi/. */
  dataDir: string;
  /** The account's connection (its own sign-in; each mailbox is opened from it). Absent: history and reports only. */
  connection?: Omit<ConnectionParams, 'impersonate'>;
  environment?: SignInEnvironment;
  /**
   * Opens each mailbox and the directory instead of `connection` (Microsoft Graph: one sign-in for
   * every mailbox, lent by electron/graphSignIn); closed with the service.
   */
  mailboxes?: MailboxSource;
  /** Mailboxes worked at once (default 8). */
  parallelMailboxes?: number;
  /** Whose throttling budget the server charges (default 'impersonated'). */
  budgetOwner?: BudgetOwner;
  /** Single-mailbox engine tuning for each mailbox's jobs. */
  engine?: ChildEngineOptions;
  /** Who the audit log names (default the connection's user). */
  user?: string;
}

export interface MultiMailboxService {
  /** The mailbox list from a pasted list or CSV text, groups and typed names; problems listed. */
  selectMailboxes(sources: MailboxSources): Promise<MailboxSelection>;
  /** Opens one mailbox to test it: how (impersonation or delegate) and whether it has an archive. */
  testMailbox(mailbox: string): Promise<{ ok: true; access?: MailboxAccessMode; hasArchive: boolean } | { ok: false; reason: string }>;
  /** `signal` stops the search: mailboxes not started are left out, a mailbox being searched ends 'failed'. */
  search(spec: MultiMailboxSearchSpec, onProgress?: (p: MultiSearchProgress) => void, signal?: AbortSignal): Promise<MailboxPreview[]>;
  /** Directory entries for what the admin is typing (ResolveNames: a name's start, an address). */
  suggest(query: string): Promise<DirectoryEntry[]>;
  /** Whether names and groups can be looked up or need consent first (EWS: nothing to ask). */
  directoryAccess(): Promise<DirectoryAccess>;
  /** Asks the directory permissions interactively where the connection can (delegated Graph). */
  allowDirectory(): Promise<AllowDirectoryResult>;
  /** One page of one mailbox's items in one folder matching the filter (the preview's drill-in). */
  hits(mailbox: string, part: MailboxPart, page: Omit<ListItemsRequest, 'order'>): Promise<ItemPage>;
  start(spec: MultiJobSpec): Promise<MultiJobHandle>;
  resume(multiJobId: string): Promise<MultiJobHandle>;
  /**
   * "Retry failed across all": a new multi-job over the items a finished one left undone in every
   * mailbox (retryable failures, not attempted, unknown moves and deletes; mailboxes never searched
   * are searched again). Final errors are not retried: `plan.finalErrors` counts them. `handle` is
   * undefined when nothing is left to retry.
   */
  retry(multiJobId: string): Promise<{ handle: MultiJobHandle | undefined; plan: RetryPlan }>;
  list(): Promise<MultiJobSummary[]>;
  summary(multiJobId: string): Promise<MultiJobSummary>;
  rows(multiJobId: string): AsyncGenerator<AuditRow>;
  /** One page of the per-item report, without reading every row for every page. */
  reportPage(multiJobId: string, query: ReportQuery): Promise<{ rows: AuditRow[]; total: number }>;
  exportReport(multiJobId: string, format: ReportFormat, path: string): Promise<number>;
  /** Closes every connection still open. */
  close(): void;
}

/**
 * Sign-ins (a few requests each) in flight at once, so opening mailboxes leaves the account's
 * connections to the jobs. (16 at once was measured no faster for 100 mailboxes with a budget
 * each: the sign-ins are then bound by this machine's CPU, not by the round trips.)
 */
const SIGN_INS_AT_ONCE = 4;
/**
 * Sign-ins at once when each impersonated mailbox has its own budget: a sign-in then spends only
 * its own mailbox's, and the job ends when the last mailbox's budget is spent, so a mailbox waiting
 * for its turn delays the end by as much. With the pacing valve (jobs/multiPacing.ts) taking the
 * busy refusals' CPU back, 100 mailboxes at 20 ms latency had their last first request at 1.5 s
 * with 16 against 3.3 s with 4 (one run each, shared 2-core machine).
 */
const SIGN_INS_AT_ONCE_OWN_BUDGETS = 16;
/** Attempts at opening one mailbox when Exchange is busy or unreachable for a moment. */
const OPEN_ATTEMPTS = 6;
/** A drill-in page is one FindItem: it gets the time a job's single request gets. */
const HITS_TIMEOUT_MS = 90_000;
/**
 * Refusals that say something about the moment, not the mailbox: throttling (ErrorServerBusy,
 * ErrorExceededConnectionCount: the jobs of other mailboxes use the account's connections), an
 * overloaded server, a timeout, a dropped connection. Tried again with back-off; the rest (no such
 * mailbox, no rights, wrong password, not EWS) is the mailbox's answer at once.
 */
const PASSING: ReadonlySet<ConnectErrorKind> = new Set(['server', 'timeout', 'network']);

async function openWithRetry(open: () => Promise<OpenResult>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<OpenResult> {
  for (let attempt = 1; ; attempt++) {
    const opened = await open();
    if (opened.ok || !PASSING.has(opened.error.kind) || attempt >= OPEN_ATTEMPTS) return opened;
    await sleep(Math.min(15_000, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
  }
}

/** At most `limit` calls at once; the others wait their turn. */
class SignInLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

export function createMultiMailboxService(options: MultiMailboxServiceOptions): MultiMailboxService {
  const sessions = new Map<string, MailboxBackend[]>();
  const gates = new Map<string, AccountGate>();
  let directory: Promise<{ directory: MailboxDirectory; close(): void } | undefined> | undefined;
  const user = options.user ?? options.connection?.user ?? 'unknown user';
  const connection = (): Omit<ConnectionParams, 'impersonate'> => {
    if (options.connection === undefined) throw new NotConnectedError();
    return options.connection;
  };
  const source = options.mailboxes ?? ewsMailboxSource(connection, options.environment);

  const signIns = new SignInLimiter((options.budgetOwner ?? 'impersonated') === 'caller' ? SIGN_INS_AT_ONCE : SIGN_INS_AT_ONCE_OWN_BUDGETS);
  const opener: MailboxOpener = {
    async open(mailbox, how) {
      const primaryOnly = how?.primaryOnly === true ? { primaryOnly: true } : undefined;
      const opened = await signIns.run(() => openWithRetry(() => source.open(mailbox, how?.access, primaryOnly)));
      if (!opened.ok) return { ok: false, reason: opened.error.message };
      const session = opened.session;
      const key = mailbox.toLowerCase();
      sessions.set(key, [...(sessions.get(key) ?? []), session]);
      return {
        ok: true,
        ...(session.info.mailboxAccess === undefined ? {} : { access: session.info.mailboxAccess }),
        hasArchive: session.info.hasArchive,
        backendFor: (part) => session.jobBackend({ smtp: mailbox, part }),
      };
    },
    release(mailbox) {
      const key = mailbox.toLowerCase();
      const open = sessions.get(key);
      const session = open?.shift();
      session?.close();
      if (open !== undefined && open.length === 0) sessions.delete(key);
    },
  };

  const engine = new MultiJobEngine({
    dataDir: join(options.dataDir, 'jobs'),
    user,
    opener,
    gates,
    ...(options.parallelMailboxes === undefined ? {} : { parallelMailboxes: options.parallelMailboxes }),
    ...(options.budgetOwner === undefined ? {} : { budgetOwner: options.budgetOwner }),
    ...(options.engine === undefined ? {} : { engine: options.engine }),
  });

  function openDirectoryOnce(): Promise<{ directory: MailboxDirectory; close(): void } | undefined> {
    directory ??= source.openDirectory().then((opened) => (opened.ok ? opened : undefined));
    return directory;
  }

  return {
    async selectMailboxes(sources) {
      // The directory is signed in to only when something needs it (a group or a name).
      const needs = (sources.groups?.length ?? 0) > 0 || (sources.names?.length ?? 0) > 0 || (sources.text !== undefined && /[^\s,;]/.test(sources.text));
      const dir = needs ? await openDirectoryOnce() : undefined;
      return selectMailboxes(sources, dir?.directory);
    },
    async suggest(query) {
      const dir = await openDirectoryOnce();
      if (dir === undefined) throw new Error('The directory could not be opened with this account.');
      const answer = await dir.directory.resolve(query);
      if (answer.outcome === 'error') throw new Error(`The directory could not resolve "${query}": ${answer.message}`);
      return answer.candidates;
    },
    directoryAccess: async () => (await source.directoryAccess?.()) ?? { state: 'notOffered' },
    allowDirectory: async () =>
      (await source.allowDirectory?.()) ?? {
        ok: false,
        cancelled: false,
        message: 'This connection looks names up with its own rights: there is nothing to allow.',
      },
    async hits(mailbox, part, page) {
      const opened = await opener.open(mailbox, part === 'primary' ? { primaryOnly: true } : undefined);
      if (!opened.ok) throw new Error(opened.reason);
      try {
        if (part === 'archive' && !opened.hasArchive) throw new Error(`${mailbox} has no archive mailbox.`);
        // Newest first, as the preview's sample subjects are.
        return await opened.backendFor(part).listItems({ ...page, order: 'receivedDesc' }, AbortSignal.timeout(HITS_TIMEOUT_MS));
      } finally {
        opener.release?.(mailbox);
      }
    },
    async testMailbox(mailbox) {
      const opened = await opener.open(mailbox);
      if (!opened.ok) return opened;
      opener.release?.(mailbox);
      return { ok: true, hasArchive: opened.hasArchive, ...(opened.access === undefined ? {} : { access: opened.access }) };
    },
    search: (spec, onProgress, signal) =>
      previewMailboxes(spec, opener, onProgress, {
        gates,
        ...(signal === undefined ? {} : { signal }),
        ...(options.parallelMailboxes === undefined ? {} : { parallelMailboxes: options.parallelMailboxes }),
        ...(options.budgetOwner === undefined ? {} : { budgetOwner: options.budgetOwner }),
      }),
    start: (spec) => engine.start(spec),
    resume: (id) => engine.resume(id),
    retry: (id) => engine.retry(id),
    list: () => engine.list(),
    summary: (id) => engine.summary(id),
    rows: (id) => engine.rows(id),
    reportPage: (id, query) => engine.reportPage(id, query),
    exportReport: (id, format, path) => engine.exportReport(id, format, path),
    close() {
      for (const open of sessions.values()) for (const s of open) s.close();
      sessions.clear();
      // The source's sign-in ends after the directory that may use it.
      const closed = directory?.then((d) => d?.close()).catch(() => undefined) ?? Promise.resolve();
      void closed.then(() => source.close());
    },
  };
}
