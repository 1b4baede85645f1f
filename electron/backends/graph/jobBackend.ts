// The JobBackend over Microsoft Graph (electron/graph): the engine's plain requests as Graph calls,
// per-item actions as JSON batches (batching.ts), answers as the engine's outcomes (errors.ts).
// Delete strengths: MoveToDeletedItems is DELETE (Graph moves the message to Deleted Items, and
// one already there into Recoverable Items, as EWS does); SoftDelete is a move to
// recoverableitemsdeletions (Graph has no soft delete; the move gives the item a new id, which the
// engine records for a later recover); HardDelete is permanentDelete (into Purges).
import type { GraphClient, GraphRequestSpec, GraphResult } from '../../graph/client';
import { readEntity, readPage } from '../../graph/collection';
import { EWS_ONLY_FOLDERS } from '../../graph/wellKnown';
import { messageShape } from '../../graph/message';
import { copyRequest } from '../../graph/operations/copy';
import { deleteRequest } from '../../graph/operations/delete';
import { getFolder } from '../../graph/operations/getFolder';
import { getMessageRequest } from '../../graph/operations/getMessage';
import { readCreatedItem, readNoContent, type ItemActionResult } from '../../graph/operations/itemAction';
import { listFolderTree } from '../../graph/operations/listFolders';
import { listMessagesRequest, MAX_MESSAGE_PAGE } from '../../graph/operations/listMessages';
import { moveRequest } from '../../graph/operations/move';
import { permanentDeleteRequest } from '../../graph/operations/permanentDelete';
import { softDeleteRequest } from '../../graph/operations/softDelete';
import {
  BackendRequestError,
  type CreateFolderResult,
  type FolderRef,
  type ItemLookup,
  type ItemResult,
  type JobBackend,
  type ListItemsRequest,
  type MoveFolderResult,
} from '../../jobs/backend';
import type { DeleteMode, FolderInfo, ItemPage, MailboxRef } from '../../../shared/domain';
import { sendAll, unsentResult, type BatchTarget } from './batching';
import { emptyFolderOverGraph } from './emptyFolder';
import { itemFailure, notSent, toRequestError } from './errors';
import { filterRefusal, graphListQuery, refused } from './filter';
import { createChildFolderRequest, moveFolderRequest } from './folderWrites';
import { laneFor, type MailboxLane } from './lane';
import { ROW_EXPAND, ROW_SELECT, toFolderInfo, toItemRow } from './rows';

/** One key per client: a client carries one app registration's token, whose limits are per mailbox. */
const clientKeys = new WeakMap<GraphClient, string>();
let clientCounter = 0;

export function clientKey(client: GraphClient): string {
  let key = clientKeys.get(client);
  if (key === undefined) {
    key = `graph-client-${++clientCounter}`;
    clientKeys.set(client, key);
  }
  return key;
}

export interface GraphBackendOptions {
  /** The signed-in user's UPN for the own mailbox (app-only tokens have no /me); absent: /me. */
  signedInUser?: string;
  /** Overrides the back-off gate's key (default: this client and mailbox). */
  accountKey?: string;
}

export class GraphJobBackend implements JobBackend {
  /** Outlook's limits are per app per mailbox: one gate per mailbox and client. */
  readonly accountKey: string;
  readonly user: string | undefined;
  private readonly lane: MailboxLane;
  private readonly target: BatchTarget;

  constructor(
    private readonly client: GraphClient,
    mailbox: MailboxRef,
    options: GraphBackendOptions = {},
  ) {
    // Graph v1.0 does not expose the In-Place Archive mailbox.
    if (mailbox.part === 'archive') throw new RangeError('The archive mailbox is not available over Microsoft Graph; use an EWS connection for it.');
    this.user = mailbox.smtp ?? options.signedInUser;
    const who = (this.user ?? 'me').toLowerCase();
    this.lane = laneFor(client, who);
    this.target = { client, lane: this.lane };
    this.accountKey = options.accountKey ?? `${clientKey(client)}|${who}`;
  }

  async listItems(req: ListItemsRequest, signal: AbortSignal): Promise<ItemPage> {
    const query = graphListQuery(req.filter, req.order === 'receivedDesc');
    const spec = listMessagesRequest(this.user, {
      folder: this.folderRef(req.folderId),
      top: Math.min(MAX_MESSAGE_PAGE, Math.max(1, req.max)),
      select: ROW_SELECT,
      ...query,
      count: true,
      ...ROW_EXPAND,
    });
    // Offset paging with $skip, the form Graph's own next links for messages take.
    if (req.offset > 0) spec.path += `&$skip=${req.offset}`;
    const page = readPage(await this.one(spec, signal), messageShape, 'message');
    if (!page.ok) {
      const refusal = filterRefusal(req.filter, page.failure);
      throw refusal === undefined ? toRequestError(page.failure) : refused(refusal);
    }
    const rows = page.page.items.map(toItemRow);
    const last = page.page.nextLink === undefined;
    return { rows, offset: req.offset, total: page.page.count ?? req.offset + rows.length + (last ? 0 : 1), last };
  }

  getItems(ids: readonly string[], signal: AbortSignal): Promise<ItemLookup[]> {
    const specs = ids.map((id) => getMessageRequest(this.user, id, { select: ROW_SELECT, ...ROW_EXPAND }));
    return sendAll(
      this.target,
      specs,
      (r): ItemLookup => {
        const read = readEntity(r, messageShape, 'message');
        if (!read.ok) return itemFailure(read.failure);
        const found: ItemLookup = { status: 'found', row: toItemRow(read.value) };
        if (read.value.parentFolderId) found.parentFolderId = read.value.parentFolderId;
        return found;
      },
      unsentLookup,
      signal,
    );
  }

  moveItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]> {
    const to = this.folderRef(toFolderId);
    return this.act(
      ids.map((id) => moveRequest(this.user, id, to)),
      readCreatedItem,
      signal,
    );
  }

  copyItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]> {
    const to = this.folderRef(toFolderId);
    return this.act(
      ids.map((id) => copyRequest(this.user, id, to)),
      readCreatedItem,
      signal,
    );
  }

  deleteItems(ids: readonly string[], mode: DeleteMode, signal: AbortSignal): Promise<ItemResult[]> {
    const { request, read } = deleteRequestFor(mode);
    return this.act(
      ids.map((id) => request(this.user, id)),
      read,
      signal,
    );
  }

  /** Graph has no EmptyFolder: the folder is listed and its items deleted in batches (emptyFolder.ts). */
  emptyFolder(folderId: string, mode: DeleteMode, deleteSubFolders: boolean, signal: AbortSignal): Promise<ItemResult> {
    return emptyFolderOverGraph({ ...this.target, user: this.user }, this.folderRef(folderId), mode, deleteSubFolders, signal);
  }

  async getFolder(idOrWellKnown: string, signal: AbortSignal): Promise<FolderRef> {
    const ref = this.folderRef(idOrWellKnown);
    const r = await this.laned(signal, () => getFolder(this.client, this.user, ref, false, { signal }));
    if (!r.ok) throw toRequestError(r.failure);
    return { id: r.folder.id, displayName: r.folder.displayName, totalCount: r.folder.totalItemCount };
  }

  async listFoldersWithSourceKeys(signal: AbortSignal): Promise<FolderInfo[]> {
    // One level after another: a sequential walk, so it holds one slot.
    const r = await this.laned(signal, () => listFolderTree(this.client, this.user, { withSourceKey: true, includeHidden: true }, { signal }));
    if (!r.ok) throw toRequestError(r.failure);
    return r.folders.map((f) => toFolderInfo(f, 'primary', 'ipm'));
  }

  async createFolder(parentIdOrWellKnown: string, displayName: string, signal: AbortSignal): Promise<CreateFolderResult> {
    const r = await this.one(createChildFolderRequest(this.user, this.folderRef(parentIdOrWellKnown), displayName), signal);
    if (!r.ok) {
      if (r.failure.kind === 'graph-error' && (r.failure.code === 'ErrorFolderExists' || r.failure.status === 409)) return { status: 'exists' };
      throw toRequestError(r.failure);
    }
    const id = createdId(r);
    if (id === undefined) {
      throw new BackendRequestError({
        kind: 'transient',
        code: 'NoFolderInAnswer',
        message: `no folder id returned for ${displayName}`,
        mayHaveExecuted: true,
      });
    }
    return { status: 'created', id };
  }

  async moveFolder(folderId: string, toParentIdOrWellKnown: string, signal: AbortSignal): Promise<MoveFolderResult> {
    const r = await this.one(moveFolderRequest(this.user, folderId, this.folderRef(toParentIdOrWellKnown)), signal);
    if (!r.ok) {
      const e = toRequestError(r.failure);
      // Throttling and lost answers are the request's trouble; a Graph refusal is about this folder.
      if (r.failure.kind !== 'graph-error' || e.kind !== 'fatal' || r.failure.status === 401) throw e;
      return { status: 'refused', code: e.code, message: r.failure.message };
    }
    // The answer is the folder in its new place; absent an id, the one we sent still names it.
    return { status: 'moved', id: createdId(r) ?? folderId };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private act(specs: GraphRequestSpec[], read: (r: GraphResult) => ItemActionResult, signal: AbortSignal): Promise<ItemResult[]> {
    return sendAll(this.target, specs, (r) => toItemResult(read(r)), unsentItem, signal);
  }

  /** One plain request through the lane (one slot). */
  private one(spec: GraphRequestSpec, signal: AbortSignal): Promise<GraphResult> {
    return this.laned(signal, () => this.client.send(spec, { signal }));
  }

  private async laned<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    try {
      return await this.lane.run(1, signal, call);
    } catch (err) {
      throw notSent(err);
    }
  }

  /** Ids and Graph's well-known names pass as they are; the dumpster folders Graph cannot reach are refused. */
  private folderRef(idOrName: string): string {
    if ((EWS_ONLY_FOLDERS as readonly string[]).includes(idOrName)) {
      throw new BackendRequestError({
        kind: 'fatal',
        code: 'FolderUnavailableOverGraph',
        message: `${idOrName} is not reachable over Microsoft Graph; use an EWS connection for it.`,
        mayHaveExecuted: false,
      });
    }
    return idOrName;
  }
}

function toItemResult(r: ItemActionResult): ItemResult {
  if (r.ok) return r.newId !== undefined ? { status: 'ok', newId: r.newId } : { status: 'ok' };
  return itemFailure(r.failure);
}

const unsentItem = (e: BackendRequestError): ItemResult => unsentResult(e);
const unsentLookup = (e: BackendRequestError): ItemLookup => unsentResult(e);

function deleteRequestFor(mode: DeleteMode): {
  request: (user: string | undefined, id: string) => GraphRequestSpec;
  read: (r: GraphResult) => ItemActionResult;
} {
  switch (mode) {
    case 'MoveToDeletedItems':
      return { request: deleteRequest, read: readNoContent };
    case 'SoftDelete':
      return { request: softDeleteRequest, read: readCreatedItem };
    case 'HardDelete':
      return { request: permanentDeleteRequest, read: readNoContent };
  }
}

function createdId(r: GraphResult): string | undefined {
  if (!r.ok || typeof r.body !== 'object' || r.body === null) return undefined;
  const id = (r.body as Record<string, unknown>).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
