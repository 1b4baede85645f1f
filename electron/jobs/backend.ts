// The narrow interface the job engine drives. It speaks in plain values (ids, folders, per-item
// results) so that the EWS adapter (backends/ews/jobBackend.ts) or the Graph one (backends/graph/jobBackend.ts) sits behind it.
// One backend instance is bound to one mailbox (own, impersonated, primary or archive).
import type { DeleteMode, FolderInfo, ItemFilter, ItemPage, ItemRow } from '../../shared/domain';

/** The answer for one item of a batch, in input order. */
export type ItemResult =
  | { status: 'ok'; newId?: string }
  /** The id does not resolve (deleted, moved, or never existed). */
  | { status: 'notFound'; code: string; message: string }
  /**
   * The server did not process this item but may if asked again. `throttled`: it was busy (per-item
   * ErrorServerBusy, too many objects open), so the account's back-off applies; otherwise an
   * earlier item stopped the batch (ErrorBatchProcessingStopped) and it can be resent at once.
   */
  | { status: 'retry'; code: string; message: string; throttled: boolean; backOffMs?: number }
  /** Final per-item error. `retryable` tells the admin whether a later retry could help. */
  | { status: 'error'; code: string; message: string; retryable: boolean }
  /**
   * Never sent, and nothing more can be (no token: the sign-in was removed or refused): the item
   * was not attempted and the job stops. Given when other items of the same call were answered.
   */
  | { status: 'notSent'; code: string; message: string };

/** GetItem's answer for one id. */
export type ItemLookup = { status: 'found'; row: ItemRow; parentFolderId?: string } | Exclude<ItemResult, { status: 'ok' }>;

/**
 * How a request as a whole failed.
 * - busy: the server refused the request for throttling (nothing was done); wait backOffMs before sending more.
 * - transient: network trouble, 503, timeouts; may succeed later.
 * - fatal: retrying will not help (auth, access, schema, mailbox missing).
 */
export type RequestFailureKind = 'busy' | 'transient' | 'fatal';

export class BackendRequestError extends Error {
  readonly kind: RequestFailureKind;
  readonly code: string;
  /** The server's BackOffMilliseconds (busy only); undefined means "not given", 0 "the balance is back: retry now" (see AccountGate.busy). */
  readonly backOffMs: number | undefined;
  /**
   * True when the request may have been carried out although no answer arrived (timeout or connection
   * reset after the request was sent). For a move that means "where did the item go?" must be checked.
   */
  readonly mayHaveExecuted: boolean;
  /** Busy because too many requests were open at once (not because the time budget ran out). */
  readonly tooManyConcurrent: boolean;
  /**
   * The request never left this computer (no access token, TLS handshake refused): the server saw
   * nothing. A fatal one leaves its items not attempted, never failed.
   */
  readonly neverSent: boolean;

  constructor(init: {
    kind: RequestFailureKind;
    code: string;
    message: string;
    backOffMs?: number;
    mayHaveExecuted: boolean;
    tooManyConcurrent?: boolean;
    neverSent?: boolean;
  }) {
    super(init.message);
    this.name = 'BackendRequestError';
    this.kind = init.kind;
    this.code = init.code;
    this.backOffMs = init.backOffMs;
    this.mayHaveExecuted = init.mayHaveExecuted;
    this.tooManyConcurrent = init.tooManyConcurrent ?? false;
    this.neverSent = init.neverSent ?? false;
    if (this.neverSent && this.mayHaveExecuted) throw new RangeError('A request never sent cannot have been carried out.');
  }
}

export interface ListItemsRequest {
  folderId: string;
  filter: ItemFilter;
  offset: number;
  /** At most this many rows (a backend may return fewer, e.g. EWS caps pages at 1000). */
  max: number;
  /**
   * 'receivedDesc': newest DateTimeReceived first, asked of the server explicitly (keyset paging
   * depends on it). Unset: the backend's default order.
   */
  order?: 'receivedDesc';
}

export interface FolderRef {
  id: string;
  displayName: string;
  totalCount: number;
}

/** Folders a delete lands in, by mode: well-known names every backend understands. */
export type WellKnownFolder = 'msgfolderroot' | 'deleteditems' | 'recoverableitemsdeletions' | 'recoverableitemspurges';

export interface JobBackend {
  /**
   * Who the server charges for this backend's requests (Exchange throttles the authenticated
   * account: the service account when impersonating). Backends with the same key share one
   * back-off gate. Unset: the engine keys the gate by mailbox.
   */
  readonly accountKey?: string;
  /** One page of the items of a folder that match the filter, in a stable order. */
  listItems(req: ListItemsRequest, signal: AbortSignal): Promise<ItemPage>;
  /** Looks items up by id (subject, size, LastActiveParentEntryId, parent folder). One answer per id, in order. */
  getItems(ids: readonly string[], signal: AbortSignal): Promise<ItemLookup[]>;
  moveItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]>;
  copyItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]>;
  deleteItems(ids: readonly string[], mode: DeleteMode, signal: AbortSignal): Promise<ItemResult[]>;
  emptyFolder(folderId: string, mode: DeleteMode, deleteSubFolders: boolean, signal: AbortSignal): Promise<ItemResult>;
  /** A folder by id or by well-known name (resolved within this backend's mailbox part). */
  getFolder(idOrWellKnown: string, signal: AbortSignal): Promise<FolderRef>;
  /**
   * Every folder of the visible tree of this mailbox part (Deep from msgfolderroot, or
   * archivemsgfolderroot), each with its source key: what LastActiveParentEntryId points at.
   */
  listFoldersWithSourceKeys(signal: AbortSignal): Promise<FolderInfo[]>;
  /**
   * Creates a folder under a parent (id or well-known name). 'exists': the parent already has a
   * folder of that name (names are unique per parent, compared without case); nothing was created.
   * Other refusals throw a BackendRequestError.
   */
  createFolder(parentIdOrWellKnown: string, displayName: string, signal: AbortSignal): Promise<CreateFolderResult>;
  /**
   * Moves a folder with its items and subfolders under another folder (id or well-known name).
   * Refusals for the folder (gone, built-in, its name taken there) come back as values.
   */
  moveFolder(folderId: string, toParentIdOrWellKnown: string, signal: AbortSignal): Promise<MoveFolderResult>;
}

export type CreateFolderResult = { status: 'created'; id: string } | { status: 'exists' };
export type MoveFolderResult = { status: 'moved'; id: string } | { status: 'refused'; code: string; message: string };

/** Runs one backend call; a wrapper's way to stand in front of every operation (see forwardingBackend). */
export type BackendCallWrapper = <T>(signal: AbortSignal, call: () => Promise<T>) => Promise<T>;

const callDirectly: BackendCallWrapper = (_signal, call) => call();

/**
 * A backend that passes every operation of `inner` through `around` (straight through when not
 * given), keeping its accountKey. Wrappers spread this and replace what they change, rather than
 * spreading `inner` itself: a class's methods are not own properties and would be lost.
 */
export function forwardingBackend(inner: JobBackend, around: BackendCallWrapper = callDirectly): JobBackend {
  return {
    ...(inner.accountKey === undefined ? {} : { accountKey: inner.accountKey }),
    listItems: (req, signal) => around(signal, () => inner.listItems(req, signal)),
    getItems: (ids, signal) => around(signal, () => inner.getItems(ids, signal)),
    moveItems: (ids, to, signal) => around(signal, () => inner.moveItems(ids, to, signal)),
    copyItems: (ids, to, signal) => around(signal, () => inner.copyItems(ids, to, signal)),
    deleteItems: (ids, mode, signal) => around(signal, () => inner.deleteItems(ids, mode, signal)),
    emptyFolder: (folder, mode, sub, signal) => around(signal, () => inner.emptyFolder(folder, mode, sub, signal)),
    getFolder: (id, signal) => around(signal, () => inner.getFolder(id, signal)),
    listFoldersWithSourceKeys: (signal) => around(signal, () => inner.listFoldersWithSourceKeys(signal)),
    createFolder: (parent, name, signal) => around(signal, () => inner.createFolder(parent, name, signal)),
    moveFolder: (folder, to, signal) => around(signal, () => inner.moveFolder(folder, to, signal)),
  };
}

/** The items a request returned, checked for the one-answer-per-id rule every batch call promises. */
export function expectOnePerId<T>(answers: readonly T[], ids: readonly string[], op: string): T[] {
  if (answers.length !== ids.length) {
    // A short answer means we cannot tell which item is which: treat it as a lost response.
    throw new BackendRequestError({
      kind: 'transient',
      code: 'ResponseCountMismatch',
      message: `${op}: ${answers.length} answers for ${ids.length} ids`,
      mayHaveExecuted: true,
    });
  }
  return [...answers];
}
