// The whole IPC contract between the renderer and the main process, in one place.
// electron/preload.ts builds `window.sweeper` from it (one method per operation, no generic
// invoke), electron/ipc.ts binds the same methods to ipcMain and validates every argument at
// runtime, and the end-to-end harness wires the same methods to electron/service directly.
// Nothing here carries a password or token back to the renderer.
import type {
  DeleteMode,
  DryRunSummary,
  FolderInfo,
  ItemFilter,
  ItemPage,
  ItemSort,
  JobHistoryEntry,
  JobProgress,
  JobSpec,
  MailboxPart,
  OutcomeKind,
} from './domain';

export type AuthKind = 'basic' | 'bearer';

/** A saved connection. The secret stays in the main process (encrypted at rest); only `hasSecret` crosses. */
export interface ProfileSummary {
  id: string;
  name: string;
  url: string;
  authKind: AuthKind;
  user?: string;
  /** Mailbox to open through impersonation (primary SMTP address). */
  impersonate?: string;
  hasSecret: boolean;
}

export interface ConnectRequest {
  url: string;
  authKind: AuthKind;
  /** User name (Basic); ignored for Bearer. */
  user?: string;
  /** Password (Basic) or access token (Bearer). Sent renderer → main only, never back. */
  secret: string;
  impersonate?: string;
  /** Save as a profile under this name (secret encrypted with the OS key store). */
  saveAs?: string;
}

export type ConnectErrorKind =
  | 'auth' // 401/403: wrong user name or password, or expired token
  | 'impersonation' // the account may not open that mailbox, or it does not exist
  | 'notEws' // the URL answered, but not with EWS (an HTML page, a login page, a 404)
  | 'tls' // certificate or TLS handshake problem
  | 'network' // refused, reset, DNS failure
  | 'timeout'
  | 'server' // a SOAP fault or 5xx from a real EWS endpoint
  | 'invalid'; // the request itself was malformed (bad URL)

export interface ConnectError {
  kind: ConnectErrorKind;
  /** One or two sentences an admin can act on. */
  message: string;
}

export interface SessionInfo {
  url: string;
  /** Whose mailbox is open (SMTP or user name). */
  mailbox: string;
  demo: boolean;
  hasArchive: boolean;
}

export type ConnectResult =
  | {
      ok: true;
      session: SessionInfo;
      /** Set when `saveAs` saved a profile. */
      savedProfileId?: string;
      /** Something the admin should know although the connect worked, e.g. the password could not be saved. */
      notice?: string;
    }
  | { ok: false; error: ConnectError };

/** One job in the history list: the engine's own record of it (see shared/domain.ts). */
export type JobSummary = JobHistoryEntry;

/** One row of a job's per-item report. */
export interface ItemReportRow {
  id: string;
  subject: string;
  folder: string;
  outcome: OutcomeKind;
  code?: string;
  /** Human-readable explanation of the code. */
  message?: string;
  newId?: string;
  at: string;
}

export interface ItemPageRequest {
  folderId: string;
  offset: number;
  max: number;
  sort?: ItemSort;
  filter?: ItemFilter;
}

export interface ReportPageRequest {
  jobId: string;
  /** Which outcomes to list; default failed + unknown. */
  outcomes?: OutcomeKind[];
  offset: number;
  max: number;
}

export type FolderDeleteMode = Extract<DeleteMode, 'MoveToDeletedItems' | 'HardDelete'>;

export type ActionResult = { ok: true } | { ok: false; message: string };

/**
 * Invoke methods: name → argument and result. Each becomes `window.sweeper.<name>(arg)` in the
 * renderer and channel `sweeper:<name>` on the wire. Methods without an argument take `void`.
 */
export interface SweeperInvokeContract {
  listProfiles: { arg: void; result: ProfileSummary[] };
  deleteProfile: { arg: { profileId: string }; result: void };
  connect: { arg: ConnectRequest; result: ConnectResult };
  /** Connect with a saved profile; `secret` only when the profile has none stored. */
  connectProfile: { arg: { profileId: string; secret?: string }; result: ConnectResult };
  openDemo: { arg: void; result: ConnectResult };
  disconnect: { arg: void; result: void };
  /** The whole tree of one mailbox part, flat (parentId links), dumpster included. */
  listFolders: { arg: { part: MailboxPart }; result: FolderInfo[] };
  listItems: { arg: ItemPageRequest; result: ItemPage };
  dryRun: { arg: JobSpec; result: DryRunSummary };
  startJob: { arg: JobSpec; result: { jobId: string } };
  pauseJob: { arg: { jobId: string }; result: void };
  resumeJob: { arg: { jobId: string }; result: void };
  cancelJob: { arg: { jobId: string }; result: void };
  listJobs: { arg: void; result: JobSummary[] };
  jobReport: { arg: ReportPageRequest; result: { rows: ItemReportRow[]; total: number } };
  /** Starts a new job over the failed (and unknown) items of a finished job. */
  retryFailed: { arg: { jobId: string }; result: { jobId: string } };
  /** Resumes a job interrupted by a crash or quit, from its journal. */
  resumeInterrupted: { arg: { jobId: string }; result: { jobId: string } };
  /** Removes a job that is not running from the history: its journal and audit trail are deleted. */
  deleteJob: { arg: { jobId: string }; result: void };
  /** Asks where to save (main process dialog) and writes the report; `saved: false` when cancelled. */
  exportReport: { arg: { jobId: string; format: 'csv' | 'json' }; result: { saved: boolean; path?: string } };
  deleteFolder: { arg: { folderId: string; mode: FolderDeleteMode }; result: ActionResult };
}

export type SweeperMethod = keyof SweeperInvokeContract;
export type MethodArg<M extends SweeperMethod> = SweeperInvokeContract[M]['arg'];
export type MethodResult<M extends SweeperMethod> = SweeperInvokeContract[M]['result'];

/** Runtime list of the methods, in one place, so preload and ipcMain bind exactly these. */
export const sweeperMethods = [
  'listProfiles',
  'deleteProfile',
  'connect',
  'connectProfile',
  'openDemo',
  'disconnect',
  'listFolders',
  'listItems',
  'dryRun',
  'startJob',
  'pauseJob',
  'resumeJob',
  'cancelJob',
  'listJobs',
  'jobReport',
  'retryFailed',
  'resumeInterrupted',
  'deleteJob',
  'exportReport',
  'deleteFolder',
] as const satisfies readonly SweeperMethod[];

// Compile-time check that the runtime list names every method exactly.
type MissingMethods = Exclude<SweeperMethod, (typeof sweeperMethods)[number]>;
const _allMethodsListed: MissingMethods extends never ? true : MissingMethods = true;
void _allMethodsListed;

export const invokeChannel = (method: SweeperMethod): string => `sweeper:${method}`;

/** Events main → renderer. */
export interface SweeperEventContract {
  jobProgress: JobProgress;
  /** The job list changed (a job started, finished, or was resumed). */
  jobsChanged: void;
}
export type SweeperEvent = keyof SweeperEventContract;
export const sweeperEvents = ['jobProgress', 'jobsChanged'] as const satisfies readonly SweeperEvent[];
export const eventChannel = (event: SweeperEvent): string => `sweeper-event:${event}`;

type InvokeApi = {
  [M in SweeperMethod]: MethodArg<M> extends void ? () => Promise<MethodResult<M>> : (arg: MethodArg<M>) => Promise<MethodResult<M>>;
};

/** What the renderer sees as `window.sweeper`. Subscriptions return an unsubscribe function. */
export type SweeperApi = InvokeApi & {
  onJobProgress(listener: (progress: JobProgress) => void): () => void;
  onJobsChanged(listener: () => void): () => void;
};

/** What the main-process service implements: one async handler per method (ipcMain and the e2e harness call these). */
export type SweeperHandlers = {
  [M in SweeperMethod]: (arg: MethodArg<M>) => Promise<MethodResult<M>>;
};

/** How the service pushes events out (to the window in Electron, to the page in the e2e harness). */
export type SweeperEmit = <E extends SweeperEvent>(event: E, payload: SweeperEventContract[E]) => void;
