// The whole IPC contract between the renderer and the main process, in one place.
// electron/preload.ts builds `window.sweeper` from it (one method per operation, no generic
// invoke), electron/ipcHandlers.ts binds the same methods to ipcMain and validates every argument at
// runtime, and the end-to-end harness wires the same methods to electron/service directly.
// Nothing here carries a password or token back to the renderer.
import type {
  DeleteMode,
  DryRunSummary,
  DumpsterHealth,
  FolderInfo,
  ItemDetails,
  ItemFilter,
  ItemPage,
  ItemReportRow,
  ItemSort,
  JobHistoryEntry,
  JobProgress,
  JobSpec,
  MailboxAccessMode,
  MailboxPart,
  MultiJobProgress,
  OutcomeKind,
} from './domain';
import { multiMailboxEvents, multiMailboxMethods, type MultiMailboxEventContract, type MultiMailboxInvokeContract, type MultiSearchEvent } from './multiIpc';

/**
 * How the app signs in:
 * - 'password': a Windows account with its password; the scheme is chosen from what the server
 *   offers, in the order of `schemes` (default Negotiate, NTLM; Basic only when listed).
 * - 'basic': Basic only (servers where the admin wants nothing else).
 * - 'bearer': an OAuth access token pasted by the admin.
 * - 'windows': the logged-on Windows user (Kerberos/NTLM single sign-on through Chromium's
 *   network stack in the desktop app; no secret is typed or stored).
 * - 'microsoft365': Exchange Online, signed in through Microsoft 365 in the browser (Microsoft365SignIn).
 */
export type AuthKind = 'password' | 'basic' | 'bearer' | 'windows' | 'microsoft365';
export const AUTH_KINDS = ['password', 'basic', 'bearer', 'windows', 'microsoft365'] as const satisfies readonly AuthKind[];

/**
 * EWS in Exchange Online signed in through Microsoft 365 ('microsoft365'): the same delegated sign-in
 * as a Graph profile (system browser, PKCE, the sealed cache refreshed silently, Sign out forgets it)
 * for the scope https://outlook.office365.com/EWS.AccessAsUser.All. None of it is secret.
 */
export interface Microsoft365SignIn {
  /** The directory (tenant) id or a verified domain. */
  tenantId: string;
  /** The app registration's application (client) id. */
  clientId: string;
  /** Default https://login.microsoftonline.com/{tenantId}; another for a national cloud. */
  authorityUrl?: string;
}

/** HTTP authentication schemes a password sign-in may use, in the admin's order of preference. */
export type PasswordScheme = 'negotiate' | 'ntlm' | 'basic';
export const PASSWORD_SCHEMES = ['negotiate', 'ntlm', 'basic'] as const satisfies readonly PasswordScheme[];
export const DEFAULT_PASSWORD_SCHEMES: readonly PasswordScheme[] = ['negotiate', 'ntlm'];

/** An explicit HTTP proxy (CONNECT); the system proxy applies to Windows sign-in without one. */
export interface ProxySettings {
  /** http://proxy.example.com:8080 (no user name or password in it). */
  url: string;
  user?: string;
  /** Proxy password (Basic). Sent renderer → main only, never back. */
  password?: string;
}

/** A server certificate as the admin needs to judge it (shown when it is not trusted). */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  sha256: string;
  subjectAltNames: string[];
  selfSigned: boolean;
  hostnameMatches: boolean;
  /** Why it is not trusted, in words: "self-signed", "expired", "issued by an unknown authority", "name mismatch". */
  problem: string;
}

/** Which protocol a connection speaks: EWS (on-premises Exchange, EWS while Exchange Online keeps it) or Microsoft Graph. */
export type BackendKind = 'ews' | 'graph';
export const BACKEND_KINDS = ['ews', 'graph'] as const satisfies readonly BackendKind[];

/**
 * How the app signs in to Microsoft Graph:
 * - 'delegated': the admin signs in in the system browser (authorization code with PKCE, loopback
 *   redirect); tokens are kept encrypted and refreshed silently; Sign out forgets them.
 * - 'appOnly': the app registration's certificate (client credentials), for unattended runs over
 *   many mailboxes; nothing is cached between runs.
 */
export type GraphSignInKind = 'delegated' | 'appOnly';
export const GRAPH_SIGN_IN_KINDS = ['delegated', 'appOnly'] as const satisfies readonly GraphSignInKind[];

/**
 * The app registration's certificate for app-only sign-in, as files the main process reads (the
 * renderer never sees the key). `thumbprint`, when given, must match the certificate file (SHA-1
 * as Entra's "Thumbprint" column shows it, or SHA-256): a check, not a way to find the key in the
 * OS certificate store (see README, "Exchange Online over Microsoft Graph").
 */
export interface GraphCertificateFiles {
  certificatePath: string;
  /** An unencrypted PKCS#8 or PKCS#1 private key PEM. */
  privateKeyPath: string;
  thumbprint?: string;
}

/** What a Graph connection needs; none of it is secret (the certificate is named by its files). */
export interface GraphConnectionSettings {
  /** The directory (tenant) id or a verified domain. */
  tenantId: string;
  /** The app registration's application (client) id. */
  clientId: string;
  /** Default https://login.microsoftonline.com/{tenantId}; another for a national cloud. */
  authorityUrl?: string;
  /** Default https://graph.microsoft.com/v1.0; another for a national cloud. */
  graphUrl?: string;
  signIn: GraphSignInKind;
  /** App-only sign-in only. */
  certificate?: GraphCertificateFiles;
  /** The mailbox to open (user principal name or primary SMTP address). */
  mailbox: string;
}

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com/v1.0';
export const defaultAuthorityUrl = (tenantId: string): string => `https://login.microsoftonline.com/${tenantId}`;

/** A saved connection. The secret stays in the main process (encrypted at rest); only `hasSecret` crosses. */
export interface ProfileSummary {
  id: string;
  name: string;
  /** The EWS address; for a Graph profile, the Graph endpoint. */
  url: string;
  /** How an EWS profile signs in ('bearer' for a Graph profile, whose sign-in is `graph.signIn`). */
  authKind: AuthKind;
  /** Absent in profiles saved before Graph existed: those are EWS. */
  backend?: BackendKind;
  /** A Graph profile's settings. */
  graph?: GraphConnectionSettings;
  user?: string;
  /** NetBIOS domain for a bare user name (password sign-in). */
  domain?: string;
  schemes?: PasswordScheme[];
  /** Another user's mailbox to open (primary SMTP address): by impersonation when the account has the right, else by delegate access (FullAccess). */
  impersonate?: string;
  /** How an EWS profile with authKind 'microsoft365' signs in. */
  microsoft365?: Microsoft365SignIn;
  /** SHA-256 of the server certificate the admin chose to trust for this server. */
  pinnedCertificate?: string;
  proxyUrl?: string;
  proxyUser?: string;
  /** The admin accepted sending credentials over plain http to this (non-loopback) server. */
  allowInsecureHttp?: boolean;
  hasSecret: boolean;
}

/** Connect over EWS (the request of every version before Graph, which names no backend). */
export interface EwsConnectRequest {
  backend?: 'ews';
  url: string;
  authKind: AuthKind;
  /** User name: DOMAIN\user, user@domain, or a bare name with `domain`. Ignored for bearer and windows. */
  user?: string;
  domain?: string;
  /** Password sign-in: the schemes allowed, in order of preference (default DEFAULT_PASSWORD_SCHEMES). */
  schemes?: PasswordScheme[];
  /** Password or access token; none for 'windows'. Sent renderer → main only, never back. */
  secret?: string;
  /** Another user's mailbox to open; the connect picks impersonation or delegate access (see ProfileSummary). */
  impersonate?: string;
  /** authKind 'microsoft365': the tenant and app registration to sign in with (no token ever crosses). */
  microsoft365?: Microsoft365SignIn;
  /** Trust this certificate (SHA-256 as shown in ConnectError.certificate) for this server: pinned in the profile. */
  trustCertificate?: string;
  /** The admin confirmed sending credentials over plain http to a host that is not this computer. */
  allowInsecureHttp?: boolean;
  proxy?: ProxySettings;
  /** Save as a profile under this name (secret encrypted with the OS key store). */
  saveAs?: string;
}

/** Connect to Exchange Online over Microsoft Graph. */
export interface GraphConnectRequest {
  backend: 'graph';
  graph: GraphConnectionSettings;
  /** Save as a profile under this name (no secret: tokens stay in the encrypted sign-in cache). */
  saveAs?: string;
}

export type ConnectRequest = EwsConnectRequest | GraphConnectRequest;

export type ConnectErrorKind =
  | 'auth' // 401/403: wrong user name or password, expired token, no scheme in common
  | 'impersonation' // the account may not open that mailbox, or it does not exist
  | 'notEws' // the URL answered, but not with EWS (an HTML page, a login page, a 404)
  | 'tls' // certificate or TLS handshake problem (`certificate` tells which certificate)
  | 'network' // refused, reset, DNS failure
  | 'timeout'
  | 'server' // a SOAP fault or 5xx from a real EWS endpoint
  | 'insecure' // credentials would cross plain http to another host: the admin must confirm
  | 'unavailable' // the sign-in kind cannot work here (Windows sign-in outside the desktop app)
  | 'consent' // Graph: the app registration lacks a permission or the admin's consent to it
  | 'permission' // Graph: signed in, but the mailbox refused this app or account (a permission or RBAC scope is missing)
  | 'cancelled' // the admin cancelled the sign-in or the EWS connect in the app (cancelSignIn): a state, not a failure
  | 'invalid'; // the request itself was malformed (bad URL)

export interface ConnectError {
  kind: ConnectErrorKind;
  /** One or two sentences an admin can act on. */
  message: string;
  /** The certificate the server presented, when it was not trusted or no longer matches the pin. */
  certificate?: CertificateInfo;
  /** True when the certificate differs from the one pinned in the profile (never trusted silently). */
  pinMismatch?: boolean;
}

/** One step of Test connection or Autodiscover, in order, with how long it took. */
export interface DiagnosticStep {
  name: string;
  outcome: 'ok' | 'failed' | 'skipped' | 'warning';
  detail: string;
  ms: number;
}

export interface TestConnectionResult {
  ok: boolean;
  steps: DiagnosticStep[];
  /** Set when the TLS step found a certificate this computer does not trust. */
  certificate?: CertificateInfo;
}

export interface AutodiscoverRequest {
  email: string;
  authKind: AuthKind;
  user?: string;
  domain?: string;
  schemes?: PasswordScheme[];
  secret?: string;
  proxy?: ProxySettings;
  /** Hosts outside the address's domain the admin agreed to send credentials to. */
  allowHosts?: string[];
}

export type AutodiscoverResult =
  | { ok: true; url: string; steps: DiagnosticStep[] }
  | {
      ok: false;
      message: string;
      steps: DiagnosticStep[];
      /** The chain was redirected to a host outside the domain: ask the admin, then run again with it allowed. */
      confirmHost?: string;
    };

/** One request and its answer, as the trace viewer shows it: secrets already redacted in the main process. */
export interface TraceEntry {
  at: string;
  operation: string;
  status?: number;
  ms?: number;
  requestHeaders: Record<string, string>;
  requestXml: string;
  responseHeaders: Record<string, string>;
  responseXml?: string;
}

export interface SessionInfo {
  /** Absent for EWS (sessions before Graph existed). */
  backend?: BackendKind;
  url: string;
  /** The scheme that signed in ('Negotiate', 'NTLM', 'Basic', 'Bearer', 'Windows sign-in'). */
  signedInWith?: string;
  /** Exchange's version from ServerVersionInfo, e.g. "15.2.1544.4", when the server said. */
  serverVersion?: string;
  /** Whose mailbox is open (SMTP or user name). */
  mailbox: string;
  /** How another user's mailbox was opened (chosen at connect); absent when the account opened its own. */
  mailboxAccess?: MailboxAccessMode;
  demo: boolean;
  hasArchive: boolean;
  /**
   * Whether jobs over many mailboxes can run on this connection (the service says, on connect):
   * the renderer offers the "Many mailboxes" screen only then. Absent: no.
   */
  manyMailboxes?: boolean;
  /**
   * Whether the connection rests on the Microsoft sign-in kept on this computer (Graph, or EWS
   * signed in through Microsoft 365), set by the service on connect: the screen then offers Sign
   * out, which forgets that sign-in and closes the connection with it. Absent: no.
   */
  closedBySignOut?: boolean;
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

/** A saved entry that could not be read (a damaged job journal, a damaged profile): named for the admin, never offered. */
export interface UnreadableEntry {
  /** The file (a job's journal) or the entry (a profile: its name, else its place in profiles.json). */
  name: string;
  problem: string;
}

/** The job history, and the jobs left out of it because their files are damaged. */
export interface JobHistoryList {
  jobs: JobSummary[];
  unreadable: UnreadableEntry[];
}

/** The saved profiles, and the entries of profiles.json that are not readable profiles (kept in the file, never offered). */
export interface ProfileList {
  profiles: ProfileSummary[];
  unreadable: UnreadableEntry[];
}

export interface ItemPageRequest {
  folderId: string;
  offset: number;
  max: number;
  sort?: ItemSort;
  filter?: ItemFilter;
}

/** One item for the reading pane; the body as plain text or as its stored HTML (shown sandboxed). */
export interface ItemDetailsRequest {
  itemId: string;
  body: 'text' | 'html';
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

export interface RestoreFolderRequest {
  part: MailboxPart;
  folderId: string;
  /** The new parent: a folder id, or 'msgfolderroot' for the top of the mailbox (part). */
  toFolderId: string;
}

/**
 * Invoke methods: name → argument and result. Each becomes `window.sweeper.<name>(arg)` in the
 * renderer and channel `sweeper:<name>` on the wire. Methods without an argument take `void`.
 */
export interface SweeperInvokeContract extends MultiMailboxInvokeContract {
  listProfiles: { arg: void; result: ProfileList };
  deleteProfile: { arg: { profileId: string }; result: void };
  connect: { arg: ConnectRequest; result: ConnectResult };
  /** Connect with a saved profile; `secret` only when the profile has none stored. */
  connectProfile: { arg: { profileId: string; secret?: string }; result: ConnectResult };
  openDemo: { arg: void; result: ConnectResult };
  /** Forgets every Microsoft Graph sign-in kept on this computer (the encrypted token cache) and closes a Graph connection. */
  signOut: { arg: void; result: ActionResult };
  /**
   * Cancels the Microsoft Graph sign-in under way (connect or Test connection, e.g. waiting for the
   * browser): that attempt answers ConnectError kind 'cancelled' and the browser step's loopback
   * listener closes at once. Also cancels every EWS connect (form, profile, demo; queued ones too)
   * and EWS Test connection under way: the request waiting on the server is aborted, its socket
   * closed; a connect answers kind 'cancelled', a test marks its step "The test was cancelled.".
   * `cancelled: false` when none was under way (an attempt that had finished).
   */
  cancelSignIn: { arg: void; result: { cancelled: boolean } };
  /** Runs the connection step by step (DNS, TCP, TLS, schemes, sign-in, version, impersonation, dumpster) without connecting. */
  testConnection: { arg: ConnectRequest; result: TestConnectionResult };
  /** Finds the EWS URL from an e-mail address (POX Autodiscover, redirect method, SRV). */
  autodiscover: { arg: AutodiscoverRequest; result: AutodiscoverResult };
  /** The last requests and answers of this app run (redacted in the main process), oldest first. */
  getTrace: { arg: void; result: TraceEntry[] };
  clearTrace: { arg: void; result: void };
  disconnect: { arg: void; result: void };
  /** The whole tree of one mailbox part, flat (parentId links), dumpster included. */
  listFolders: { arg: { part: MailboxPart }; result: FolderInfo[] };
  listItems: { arg: ItemPageRequest; result: ItemPage };
  /** Headers, body and origin of one item (the reading pane); fails when the item is gone. */
  getItemDetails: { arg: ItemDetailsRequest; result: ItemDetails };
  dryRun: { arg: JobSpec; result: DryRunSummary };
  startJob: { arg: JobSpec; result: { jobId: string } };
  pauseJob: { arg: { jobId: string }; result: void };
  resumeJob: { arg: { jobId: string }; result: void };
  cancelJob: { arg: { jobId: string }; result: void };
  listJobs: { arg: void; result: JobHistoryList };
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
  /** Moves a folder (with its items and subfolders) out of Deleted Items under `toFolderId` (an id or 'msgfolderroot'). */
  restoreFolder: { arg: RestoreFolderRequest; result: ActionResult };
  /** Recoverable Items of the open mailbox (primary and archive): sizes and counts against the quota, single item recovery and holds as far as EWS shows them. */
  dumpsterHealth: { arg: DumpsterHealthRequest; result: DumpsterHealth };
}

/** Whose dumpster: the open mailbox (smtp absent = the signed-in account's own, else the opened user's). */
export interface DumpsterHealthRequest {
  smtp?: string;
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
  'signOut',
  'cancelSignIn',
  'testConnection',
  'autodiscover',
  'getTrace',
  'clearTrace',
  'disconnect',
  'listFolders',
  'listItems',
  'getItemDetails',
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
  'restoreFolder',
  'dumpsterHealth',
  ...multiMailboxMethods,
] as const satisfies readonly SweeperMethod[];

// Compile-time check that the runtime list names every method exactly.
type MissingMethods = Exclude<SweeperMethod, (typeof sweeperMethods)[number]>;
const _allMethodsListed: MissingMethods extends never ? true : MissingMethods = true;
void _allMethodsListed;

export const invokeChannel = (method: SweeperMethod): string => `sweeper:${method}`;

/** Events main → renderer. */
export interface SweeperEventContract extends MultiMailboxEventContract {
  jobProgress: JobProgress;
  /** The job list changed (a job started, finished, or was resumed). */
  jobsChanged: void;
}
export type SweeperEvent = keyof SweeperEventContract;
export const sweeperEvents = ['jobProgress', 'jobsChanged', ...multiMailboxEvents] as const satisfies readonly SweeperEvent[];
export const eventChannel = (event: SweeperEvent): string => `sweeper-event:${event}`;

type InvokeApi = {
  [M in SweeperMethod]: MethodArg<M> extends void ? () => Promise<MethodResult<M>> : (arg: MethodArg<M>) => Promise<MethodResult<M>>;
};

/** What the renderer sees as `window.sweeper`. Subscriptions return an unsubscribe function. */
export type SweeperApi = InvokeApi & {
  onJobProgress(listener: (progress: JobProgress) => void): () => void;
  onJobsChanged(listener: () => void): () => void;
  onMultiSearchProgress(listener: (event: MultiSearchEvent) => void): () => void;
  onMultiJobProgress(listener: (progress: MultiJobProgress) => void): () => void;
};

/** What the main-process service implements: one async handler per method (ipcMain and the e2e harness call these). */
export type SweeperHandlers = {
  [M in SweeperMethod]: (arg: MethodArg<M>) => Promise<MethodResult<M>>;
};

/** How the service pushes events out (to the window in Electron, to the page in the e2e harness). */
export type SweeperEmit = <E extends SweeperEvent>(event: E, payload: SweeperEventContract[E]) => void;
