// The JobBackend over electron/ews: maps the engine's plain requests onto EwsClient calls, and the
// client's typed per-item results and EwsErrors back onto plain outcomes (jobAnswers.ts). No XML
// here: the client owns the wire.
import type { DeleteMode, FolderInfo, ItemPage, MailboxRef } from '../../../shared/domain';
import { isDistinguishedFolderName, type EwsClient, type FolderRef as EwsFolderRef } from '../../ews';
import { toDomainRow, toEwsFilter } from './mapping';
import { findAllFolders, toFolderInfo } from './folders';
import { folderError, itemFailure, lookupsById, RETRY_CODES, sendable, toRequestError, transferResult, UNSENDABLE } from './jobAnswers';
import {
  BackendRequestError,
  type CreateFolderResult,
  type FolderRef,
  type ItemLookup,
  type ItemResult,
  type JobBackend,
  type ListItemsRequest,
  type MoveFolderResult,
} from '../port';

/** The archive's own counterparts of the well-known folders the engine names. */
const ARCHIVE_NAMES: Record<string, string> = {
  msgfolderroot: 'archivemsgfolderroot',
  deleteditems: 'archivedeleteditems',
  inbox: 'archiveinbox',
  root: 'archiveroot',
  recoverableitemsroot: 'archiverecoverableitemsroot',
  recoverableitemsdeletions: 'archiverecoverableitemsdeletions',
  recoverableitemsversions: 'archiverecoverableitemsversions',
  recoverableitemspurges: 'archiverecoverableitemspurges',
};

/** One key per client: a client carries one set of credentials, so one account's budget. */
const clientKeys = new WeakMap<EwsClient, string>();
let clientCounter = 0;

export { toRequestError } from './jobAnswers';

export class EwsJobBackend implements JobBackend {
  readonly accountKey: string;

  /**
   * `client` must already be set up for the mailbox (impersonation or delegate access is a client
   * option); `mailbox` decides which part (primary or archive) well-known names resolve in, and its
   * smtp is named in every well-known folder (delegate access needs it: without t:Mailbox Exchange
   * would open the signed-in account's own mailbox). `accountKey`
   * names the authenticated account (default: one key per client object, so every backend over
   * the same client, whichever mailbox it impersonates, shares one back-off gate).
   */
  constructor(
    private readonly client: EwsClient,
    private readonly mailbox: MailboxRef,
    options: { accountKey?: string } = {},
  ) {
    let key = clientKeys.get(client);
    if (key === undefined) {
      key = `ews-client-${++clientCounter}`;
      clientKeys.set(client, key);
    }
    this.accountKey = options.accountKey ?? key;
  }

  async listItems(req: ListItemsRequest, signal: AbortSignal): Promise<ItemPage> {
    const filter = toEwsFilter(req.filter);
    const result = await this.guard(() =>
      this.client.findItem(
        {
          folder: this.folderRef(req.folderId),
          filter,
          ...(req.order === 'receivedDesc' ? { sort: [{ field: 'DateTimeReceived', order: 'Descending' }] as const } : {}),
          page: { offset: req.offset, maxEntries: Math.min(1000, Math.max(1, req.max)) },
        },
        { signal },
      ),
    );
    if (!result.ok) throw folderError(result.status);
    const page = result.value;
    return {
      rows: page.items.map(toDomainRow),
      offset: req.offset,
      total: page.totalItemsInView ?? req.offset + page.items.length,
      last: page.includesLastItemInRange,
    };
  }

  async getItems(ids: readonly string[], signal: AbortSignal): Promise<ItemLookup[]> {
    return sendable(ids, UNSENDABLE, (sent) => this.lookUpInTime(sent, signal));
  }

  /**
   * A GetItem the server ran out of time for as a whole (ErrorTimeoutExpired as a fault, the rows it
   * had read lost: the simulator's batchTimeLimit 'timeoutFault') is asked again in halves: the same
   * ids again would run out of time again, and a caller retrying it would fail the lookup (planning
   * of an id list, the check of a lost move). GetItem changes nothing, so asking again is safe.
   */
  private async lookUpInTime(ids: readonly string[], signal: AbortSignal): Promise<ItemLookup[]> {
    try {
      return await this.lookUp(ids, signal);
    } catch (err) {
      if (ids.length < 2 || signal.aborted || !(err instanceof BackendRequestError) || err.code !== 'ErrorTimeoutExpired') throw err;
      const half = Math.ceil(ids.length / 2);
      const first = await this.lookUpInTime(ids.slice(0, half), signal);
      return [...first, ...(await this.lookUpInTime(ids.slice(half), signal))];
    }
  }

  private async lookUp(ids: readonly string[], signal: AbortSignal): Promise<ItemLookup[]> {
    const results = await this.guard(() => this.client.getItem({ items: ids.map((id) => ({ id })) }, { signal }));
    // Each row names its item: an answer whose rows are not in the order asked (or are other
    // items') must never give one item another's folder, which a recover would then move it to.
    if (results.some((r, i) => r.ok && r.value !== undefined && r.value.id !== ids[i])) return lookupsById(ids, results);
    return results.map((r): ItemLookup => {
      if (!r.ok) return itemFailure(r.status);
      if (!r.value) return { status: 'error', code: 'NoItemInAnswer', message: 'Exchange answered without the item', retryable: true };
      const found: ItemLookup = { status: 'found', row: toDomainRow(r.value) };
      if (r.value.parentFolderId) found.parentFolderId = r.value.parentFolderId;
      return found;
    });
  }

  async moveItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]> {
    return sendable(ids, UNSENDABLE, async (sent) => {
      const results = await this.guard(() => this.client.moveItem({ items: sent.map((id) => ({ id })), to: this.folderRef(toFolderId) }, { signal }));
      return results.map((r) => transferResult(r));
    });
  }

  async copyItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]> {
    return sendable(ids, UNSENDABLE, async (sent) => {
      const results = await this.guard(() => this.client.copyItem({ items: sent.map((id) => ({ id })), to: this.folderRef(toFolderId) }, { signal }));
      return results.map((r) => transferResult(r));
    });
  }

  async deleteItems(ids: readonly string[], mode: DeleteMode, signal: AbortSignal): Promise<ItemResult[]> {
    return sendable(ids, UNSENDABLE, async (sent) => {
      const results = await this.guard(() => this.client.deleteItem({ items: sent.map((id) => ({ id })), deleteType: mode }, { signal }));
      return results.map((r): ItemResult => (r.ok ? { status: 'ok' } : itemFailure(r.status)));
    });
  }

  async emptyFolder(folderId: string, mode: DeleteMode, deleteSubFolders: boolean, signal: AbortSignal): Promise<ItemResult> {
    const [r] = await this.guard(() => this.client.emptyFolder({ folders: [this.folderRef(folderId)], deleteType: mode, deleteSubFolders }, { signal }));
    if (!r) return { status: 'error', code: 'NoAnswer', message: 'Exchange answered without a result', retryable: true };
    return r.ok ? { status: 'ok' } : itemFailure(r.status);
  }

  async getFolder(idOrWellKnown: string, signal: AbortSignal): Promise<FolderRef> {
    const [r] = await this.guard(() => this.client.getFolder({ folders: [this.folderRef(idOrWellKnown)] }, { signal }));
    if (!r) throw new BackendRequestError({ kind: 'transient', code: 'NoAnswer', message: 'GetFolder answered nothing', mayHaveExecuted: false });
    if (!r.ok) throw folderError(r.status);
    if (!r.value)
      throw new BackendRequestError({ kind: 'fatal', code: 'NoFolderInAnswer', message: `no folder returned for ${idOrWellKnown}`, mayHaveExecuted: false });
    return { id: r.value.id, displayName: r.value.displayName ?? idOrWellKnown, totalCount: r.value.totalCount ?? 0 };
  }

  async listFoldersWithSourceKeys(signal: AbortSignal): Promise<FolderInfo[]> {
    const rows = await findAllFolders(this.client, this.folderRef('msgfolderroot'), {
      includeDistinguishedId: false,
      signal,
      refused: folderError,
      send: (call) => this.guard(call),
    });
    return rows.map((row) => toFolderInfo(row, this.mailbox.part, 'ipm'));
  }

  async createFolder(parentIdOrWellKnown: string, displayName: string, signal: AbortSignal): Promise<CreateFolderResult> {
    const [r] = await this.guard(() => this.client.createFolder({ parent: this.folderRef(parentIdOrWellKnown), folders: [{ displayName }] }, { signal }));
    if (!r) throw new BackendRequestError({ kind: 'transient', code: 'NoAnswer', message: 'CreateFolder answered nothing', mayHaveExecuted: true });
    if (!r.ok) {
      if ((r.status.effectiveCode || r.status.responseCode) === 'ErrorFolderExists') return { status: 'exists' };
      throw folderError(r.status);
    }
    if (!r.value)
      throw new BackendRequestError({ kind: 'fatal', code: 'NoFolderInAnswer', message: `no folder id returned for ${displayName}`, mayHaveExecuted: true });
    return { status: 'created', id: r.value.id };
  }

  async moveFolder(folderId: string, toParentIdOrWellKnown: string, signal: AbortSignal): Promise<MoveFolderResult> {
    const [r] = await this.guard(() => this.client.moveFolder({ folders: [{ id: folderId }], to: this.folderRef(toParentIdOrWellKnown) }, { signal }));
    if (!r) throw new BackendRequestError({ kind: 'transient', code: 'NoAnswer', message: 'MoveFolder answered nothing', mayHaveExecuted: true });
    if (!r.ok) {
      // Busy and the like are the request's trouble (thrown); the rest is about this folder.
      if (r.status.busy || RETRY_CODES.has(r.status.effectiveCode)) throw folderError(r.status);
      const code = r.status.effectiveCode || r.status.responseCode || 'UnknownError';
      return { status: 'refused', code, message: r.status.messageText ?? code };
    }
    // A moved folder keeps its id; the answer repeats it (absent: the id we sent still names it).
    return { status: 'moved', id: r.value?.id ?? folderId };
  }

  // ---- mapping -------------------------------------------------------------------------------

  private folderRef(idOrName: string): EwsFolderRef {
    const name = this.mailbox.part === 'archive' ? (ARCHIVE_NAMES[idOrName] ?? idOrName) : idOrName;
    if (isDistinguishedFolderName(name)) return this.mailbox.smtp ? { distinguished: name, mailbox: this.mailbox.smtp } : { distinguished: name };
    return { id: idOrName };
  }

  /** Runs a client call, turning its EwsErrors into the engine's request errors. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw toRequestError(err);
    }
  }
}
