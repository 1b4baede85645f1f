// The one port between the app's use-cases (electron/service, electron/jobs) and a mailbox backend
// (electron/backends/ews; electron/backends/graph): the read side the folder tree, item list,
// reading pane, folder delete and dumpster health use; the job side (JobBackend, the engine's own
// port in ../jobs/backend.ts, re-exported here); the directory of jobs over many mailboxes; and
// the connect-time operations (sign-in, Test connection, Autodiscover, certificate trust).
// Everything here speaks domain types (shared/domain.ts, shared/ipc.ts): service/ and jobs/ import
// this file and nothing else of backends/, and never a protocol client.
import type { SrvRecord } from 'node:dns';
import type { DumpsterFolderHealth, FolderInfo, ItemDetails, ItemPage, MailboxAccessMode, MailboxPart, MailboxRef } from '../../shared/domain';
import type {
  ActionResult,
  AutodiscoverRequest,
  AutodiscoverResult,
  BackendKind,
  CertificateInfo,
  ConnectError,
  FolderDeleteMode,
  GraphConnectionSettings,
  ItemDetailsRequest,
  ItemPageRequest,
  Microsoft365SignIn,
  ProxySettings,
  SessionInfo,
  TestConnectionResult,
} from '../../shared/ipc';
// The one protocol type here: Windows single sign-on hands the EWS backend a ready transport
// (Chromium's network stack, desktop app only); the service only passes it through.
import type { EwsTransport } from '../ews/transportPort';
import type { AllowDirectoryResult, DirectoryAccess } from '../../shared/multiIpc';
import type { JobBackend } from '../jobs/backend';
import type { ConnectionParams, PinnedCertificate } from './connectionParams';

export * from '../jobs/backend';
export type { BackendKind } from '../../shared/ipc';
export type { ConnectionParams, PinnedCertificate } from './connectionParams';

/** Reads one part's Recoverable Items: the root first, then every folder below it (dumpster health). */
export interface DumpsterReader {
  readPart(part: MailboxPart): Promise<DumpsterFolderHealth[]>;
}

/** One open connection to one mailbox (its own, or another user's it was opened on). */
export interface MailboxBackend {
  readonly kind: BackendKind;
  readonly info: SessionInfo;
  /** Who acts, for the job audit log. */
  readonly actor: string;
  /** The whole tree of one part, flat: the visible subtree plus Recoverable Items and its children. */
  listFolders(part: MailboxPart): Promise<FolderInfo[]>;
  /** One page of a folder's items; throws a sentence the list shows. */
  listItems(request: ItemPageRequest): Promise<ItemPage>;
  /** One item with headers and body, for the reading pane; throws a sentence the pane shows. */
  getItemDetails(request: ItemDetailsRequest): Promise<ItemDetails>;
  deleteFolder(folderId: string, mode: FolderDeleteMode): Promise<ActionResult>;
  /** Whether the dumpster opens for this account (Recoverable Items and Deletions), in words. */
  checkRecoverableItems(): Promise<{ ok: boolean; detail: string }>;
  /** Reads Recoverable Items with folder sizes, for dumpster health. */
  dumpsterReader(): DumpsterReader;
  /** Throws with an admin-readable reason when a job names a mailbox this connection does not hold. */
  assertMailbox(mailbox: MailboxRef): void;
  /** The job engine's backend for a mailbox this connection holds (assertMailbox first). */
  jobBackend(mailbox: MailboxRef): JobBackend;
  close(): void;
}

export type OpenResult = { ok: true; session: MailboxBackend } | { ok: false; error: ConnectError };

/** One directory entry: a mailbox, a group to expand, or something else the admin typed. */
export interface DirectoryEntry {
  name?: string;
  smtp?: string;
  /** mailbox: a user's (or shared/resource) mailbox; group: a distribution group to expand. */
  kind: 'mailbox' | 'group' | 'other';
  /** The directory's own word for what it is (Contact, OneOff, …), for the admin. */
  type?: string;
}

export type ResolveAnswer =
  { outcome: 'resolved' | 'ambiguous' | 'none'; candidates: DirectoryEntry[] } | { outcome: 'error'; candidates: DirectoryEntry[]; message: string };
export type ExpandAnswer = { ok: true; members: DirectoryEntry[] } | { ok: false; reason: string };

/** Name resolution and group expansion, for choosing the mailboxes of a job over many. */
export interface MailboxDirectory {
  resolve(entry: string): Promise<ResolveAnswer>;
  expandGroup(address: string): Promise<ExpandAnswer>;
}

export type DirectoryOpening = { ok: true; directory: MailboxDirectory; close(): void } | { ok: false; reason: string };

/**
 * Where a job over many mailboxes opens each mailbox and the directory. Over EWS every mailbox is
 * its own sign-in from the account's connection (service/mailboxSource.ts); over Microsoft Graph
 * one sign-in opens every mailbox (GraphConnector.openMailboxes).
 */
export interface MailboxSource {
  readonly kind: BackendKind;
  /**
   * Opens one mailbox; `access`: this way only (a collect job needs the account's own rights);
   * `primaryOnly`: the archive will not be used, so it need not be looked for (EWS: one request fewer).
   */
  open(mailbox: string, access?: MailboxAccessMode, options?: { primaryOnly?: boolean }): Promise<OpenResult>;
  /** The directory, signed in as the account itself. */
  openDirectory(): Promise<DirectoryOpening>;
  /** Whether the directory can be used or needs consent first (absent: nothing to ask, as over EWS). */
  directoryAccess?(): Promise<DirectoryAccess>;
  /** Asks the directory permissions interactively (delegated Graph: the browser). */
  allowDirectory?(): Promise<AllowDirectoryResult>;
  /** Ends the sign-in the source holds (if any); sessions it opened are closed by their holder. */
  close(): void;
}

export type MailboxesOpening = { ok: true; source: MailboxSource } | { ok: false; error: ConnectError };

/** What a request and its answer look like to the trace (Help → Trace), redacted there. */
export interface TracedExchange {
  operation: string;
  requestXml: string;
  status?: number;
  responseXml?: string;
  requestHeaders?: Readonly<Record<string, string>>;
  responseHeaders?: Readonly<Record<string, string | string[] | undefined>>;
  ms?: number;
}

/** Maps a URL's host and port to where the socket connects (tests: contoso.com:443 → 127.0.0.1:PORT). */
export type ConnectVia = (host: string, port: number) => { host: string; port: number };

/** What the app (and tests) lend a sign-in. */
export interface SignInEnvironment {
  /** Windows single sign-on: a transport through Chromium's network stack (desktop app only). */
  windowsSignIn?: (url: string, onExchange?: (record: TracedExchange) => void) => EwsTransport;
  /** Sees every request and answer (the trace; it redacts them). */
  onExchange?: (record: TracedExchange) => void;
  /** Tests only: where host names connect (e.g. contoso.com → the simulator); never set from IPC. */
  connectVia?: ConnectVia;
}

/** The certificate a server presents, read for the admin (Test connection's TLS step; `signal`: its Cancel). */
export type ReadCertificate = (
  url: string,
  timeoutMs: number,
  proxy?: ProxySettings,
  signal?: AbortSignal,
) => Promise<{ info: CertificateInfo; trusted: boolean }>;

export interface ConnectionTestDeps {
  /** Name resolution (tests map names); default the system resolver. */
  resolve?: (host: string) => Promise<string[]>;
  /** Reads the server certificate for the TLS step; absent: the step reports from the sign-in alone. */
  certificate?: ReadCertificate;
  environment?: SignInEnvironment;
  stepTimeoutMs?: number;
  /** The admin's Cancel: the step under way fails as cancelled (its socket closed) and the rest are skipped. */
  signal?: AbortSignal;
}

export interface AutodiscoverDeps {
  /** SRV look-ups (tests answer them); default the system resolver. */
  dns?: { resolveSrv(name: string): Promise<SrvRecord[]> };
  connectVia?: ConnectVia;
  ca?: string | readonly string[];
  timeoutMs?: number;
  environment?: SignInEnvironment;
}

/** The certificate the admin chose to trust, if the server still presents exactly that one. */
export type PinResult = { ok: true; pinned: PinnedCertificate } | { ok: false; certificate: CertificateInfo };

/** The EWS backend's connect-time operations (backends/ews/connect.ts). */
export interface EwsConnector {
  readonly kind: 'ews';
  /**
   * Signs in and checks that the mailbox opens; the result says precisely what failed. `signal`:
   * the admin's Cancel, which aborts the request under way (its socket closed) and answers kind 'cancelled'.
   */
  open(params: ConnectionParams, environment?: SignInEnvironment, signal?: AbortSignal): Promise<OpenResult>;
  /** Signs in as the account itself (no other mailbox) for directory look-ups. */
  openDirectory(params: ConnectionParams, environment?: SignInEnvironment): Promise<DirectoryOpening>;
  testConnection(params: ConnectionParams, deps?: ConnectionTestDeps): Promise<TestConnectionResult>;
  autodiscover(request: AutodiscoverRequest, deps?: AutodiscoverDeps): Promise<AutodiscoverResult>;
  readCertificate(url: string, timeoutMs?: number, proxy?: ProxySettings, signal?: AbortSignal): Promise<{ info: CertificateInfo; trusted: boolean }>;
  pinCertificate(url: string, sha256: string, proxy?: ProxySettings, connectVia?: ConnectVia, signal?: AbortSignal): Promise<PinResult>;
}

/**
 * The Microsoft Graph backend's connect-time operations (electron/graphSignIn/connector.ts). It holds
 * the kept sign-ins, so it is built from what the main process lends (the system browser, the
 * sealed secret store, the data folder) and registered only when that was given.
 */
export interface GraphConnector {
  readonly kind: 'graph';
  /** Authority, sign-in (may open the browser), mailbox folders, Recoverable Items. */
  testConnection(settings: GraphConnectionSettings): Promise<TestConnectionResult>;
  /** Signs in (silently from the kept sign-in when it still works) and opens the mailbox's backend. */
  open(settings: GraphConnectionSettings): Promise<OpenResult>;
  /**
   * Jobs over many mailboxes on a connection made with these settings: one sign-in (a delegated
   * one only silently, from the kept sign-in) whose source opens each mailbox. Delegated opens
   * the mailboxes the account has FullAccess to (Mail.ReadWrite.Shared); app-only every mailbox
   * the app may reach. Closing the source ends what it holds, never the connector's kept sign-in.
   */
  openMailboxes(settings: GraphConnectionSettings): Promise<MailboxesOpening>;
  /**
   * EWS in Exchange Online (authKind 'microsoft365'): the same delegated sign-in for the scope
   * EWS.AccessAsUser.All, kept in the same sealed cache; the token source refreshes silently.
   * Optional: a connector without it (test doubles) leaves Microsoft 365 sign-in for EWS unavailable.
   */
  ewsToken?(signIn: Microsoft365SignIn): Promise<EwsTokenResult>;
  /** Forgets every kept delegated sign-in. */
  signOut(): Promise<void>;
  /**
   * Cancels the sign-ins under way (open or testConnection): each answers kind 'cancelled' and a
   * browser step's loopback listener closes at once. False when none was (it had already finished).
   */
  cancelSignIn(): boolean;
  /** Stops the sign-in's listeners and timers. */
  close(): void;
}

/** A Microsoft 365 sign-in for EWS: who signed in and a token getter called per request. */
export type EwsTokenResult = { ok: true; account: string; token: (signal?: AbortSignal) => Promise<string> } | { ok: false; error: ConnectError };

/** The connect-time operations of each backend kind; the service reaches them through the registry below. */
export interface ConnectorOfKind {
  ews: EwsConnector;
  graph: GraphConnector;
}
export type BackendConnector = ConnectorOfKind[BackendKind];

const connectors = new Map<BackendKind, BackendConnector>();

/**
 * Makes a backend kind available to the service (electron/backends/index.ts registers them all).
 * Returns the undo, which removes it only while it is still the one registered.
 */
export function registerBackend(connector: BackendConnector): () => void {
  connectors.set(connector.kind, connector);
  return () => {
    if (connectors.get(connector.kind) === connector) connectors.delete(connector.kind);
  };
}

/** The connector of a kind, or undefined when the app was started without it (Graph without its sign-in). */
export function registeredBackend<K extends BackendKind>(kind: K): ConnectorOfKind[K] | undefined {
  // The map is filled only by registerBackend, which files each connector under its own kind.
  return connectors.get(kind) as ConnectorOfKind[K] | undefined;
}

/** The connector of a kind; throws when the app was started without it. */
export function backendConnector<K extends BackendKind>(kind: K): ConnectorOfKind[K] {
  const connector = registeredBackend(kind);
  if (connector === undefined) throw new Error(`No ${kind} backend is registered (electron/backends/index.ts registerBackends()).`);
  return connector;
}
