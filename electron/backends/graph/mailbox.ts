// The read side of one mailbox over Microsoft Graph (the port's MailboxBackend): the folder tree
// with counts (mailboxFolders.ts), item pages, the reading pane, folder delete, the dumpster check
// and reader, and the job backend. Errors become sentences the app shows. Graph v1.0 does not
// expose the In-Place Archive, so the archive part is refused in words.
import type { GraphClient, GraphResult } from '../../graph/client';
import { readEntity, readPage } from '../../graph/collection';
import { describeFailure, isNotFound, type GraphFailure } from '../../graph/errors';
import { getFolderRequest } from '../../graph/operations/getFolder';
import { listMessagesRequest, MAX_MESSAGE_PAGE } from '../../graph/operations/listMessages';
import { folderShape } from '../../graph/folder';
import { messageShape } from '../../graph/message';
import { isGraphWellKnownFolder } from '../../graph/wellKnown';
import type { OrderBy } from '../../graph/odata';
import type { DumpsterReader, MailboxBackend } from '../port';
import type { JobBackend } from '../../jobs/backend';
import type { FolderInfo, ItemDetails, ItemPage, ItemSort, MailboxPart, MailboxRef } from '../../../shared/domain';
import type { ActionResult, FolderDeleteMode, ItemDetailsRequest, ItemPageRequest, SessionInfo } from '../../../shared/ipc';
import { detailsRequest, detailsShape, toItemDetails } from './details';
import { filterRefusal, graphListQuery } from './filter';
import { deleteFolderRequest } from './folderWrites';
import { GraphJobBackend } from './jobBackend';
import { laneFor, type MailboxLane } from './lane';
import { folderTree, EWS_ONLY_REASON } from './mailboxFolders';
import { ROW_EXPAND, ROW_SELECT, toItemRow } from './rows';

/** The item table's sort fields Graph can order by; the others (size, item class) fall back to newest first. */
const SORT_PATHS: Partial<Record<ItemSort['field'], string>> = {
  received: 'receivedDateTime',
  subject: 'subject',
  from: 'from/emailAddress/name',
  lastModified: 'lastModifiedDateTime',
};

export interface GraphMailboxOptions {
  info: SessionInfo;
  actor: string;
  /** The signed-in user's UPN (app-only tokens have no /me). */
  signedInUser?: string;
  /** Another user's mailbox this connection opened; absent: the signed-in user's own. */
  otherMailbox?: string;
  /** Releases the transport (and token cache) when the connection closes. */
  onClose?: () => void;
}

const ARCHIVE_REFUSAL = 'The archive mailbox is not available over Microsoft Graph; connect over EWS to open it.';

export class GraphMailbox implements MailboxBackend {
  readonly kind = 'graph' as const;
  readonly info: SessionInfo;
  readonly actor: string;
  private readonly user: string | undefined;
  private readonly lane: MailboxLane;

  constructor(
    private readonly client: GraphClient,
    private readonly options: GraphMailboxOptions,
  ) {
    this.info = options.info;
    this.actor = options.actor;
    this.user = options.otherMailbox ?? options.signedInUser;
    this.lane = laneFor(client, (this.user ?? 'me').toLowerCase());
  }

  async listFolders(part: MailboxPart): Promise<FolderInfo[]> {
    if (part === 'archive') throw new Error(ARCHIVE_REFUSAL);
    return folderTree({ client: this.client, lane: this.lane, user: this.user }, new AbortController().signal);
  }

  async listItems(request: ItemPageRequest): Promise<ItemPage> {
    if (request.folderId.startsWith('ews-only:')) throw new Error(EWS_ONLY_REASON);
    const path = request.sort ? SORT_PATHS[request.sort.field] : undefined;
    const filtered = request.filter !== undefined && Object.keys(request.filter).length > 0;
    // Graph refuses an $orderby whose properties do not lead the $filter (InefficientFilter): a
    // filtered list is shown newest first whatever the sort asked.
    const byReceived = path === undefined || path === 'receivedDateTime' || filtered;
    const query = graphListQuery(request.filter ?? {}, byReceived && request.sort?.direction !== 'asc');
    let orderBy: OrderBy[] | undefined = query.orderBy;
    if (!byReceived && path !== undefined) {
      orderBy = [
        { path, descending: request.sort?.direction === 'desc' },
        { path: 'receivedDateTime', descending: true },
      ];
    } else if (path === 'receivedDateTime' && request.sort?.direction === 'asc' && !filtered) orderBy = [{ path, descending: false }];
    const spec = listMessagesRequest(this.user, {
      folder: request.folderId,
      top: Math.min(MAX_MESSAGE_PAGE, Math.max(1, request.max)),
      select: ROW_SELECT,
      ...(query.filter ? { filter: query.filter } : {}),
      ...(orderBy ? { orderBy } : {}),
      count: true,
      ...ROW_EXPAND,
    });
    if (request.offset > 0) spec.path += `&$skip=${request.offset}`;
    const page = readPage(await this.one(() => this.client.send(spec)), messageShape, 'message');
    if (!page.ok) {
      if (isNotFound(page.failure)) throw new Error('This folder no longer exists: refresh the folder tree.');
      const refusal = filterRefusal(request.filter ?? {}, page.failure);
      if (refusal !== undefined) throw new Error(refusal);
      throw new Error(`Microsoft Graph could not list the items (${describeFailure(page.failure)}).`);
    }
    const rows = page.page.items.map(toItemRow);
    const last = page.page.nextLink === undefined;
    return { rows, offset: request.offset, total: page.page.count ?? request.offset + rows.length + (last ? 0 : 1), last };
  }

  async getItemDetails(request: ItemDetailsRequest): Promise<ItemDetails> {
    const read = readEntity(await this.one(() => this.client.send(detailsRequest(this.user, request.itemId, request.body))), detailsShape, 'message');
    if (!read.ok) {
      if (isNotFound(read.failure)) throw new Error('This item no longer exists here (moved, deleted or purged): refresh the list.');
      throw new Error(`Microsoft Graph could not read the item (${describeFailure(read.failure)}).`);
    }
    return toItemDetails(read.value);
  }

  async deleteFolder(folderId: string, mode: FolderDeleteMode): Promise<ActionResult> {
    if (isGraphWellKnownFolder(folderId) || folderId.startsWith('ews-only:')) return { ok: false, message: 'Built-in folders cannot be deleted.' };
    const r = await this.one(() => this.client.send(deleteFolderRequest(this.user, folderId, mode === 'HardDelete')));
    if (r.ok) return { ok: true };
    return { ok: false, message: folderDeleteMessage(r.failure) };
  }

  async checkRecoverableItems(): Promise<{ ok: boolean; detail: string }> {
    const read = readEntity(await this.one(() => this.client.send(getFolderRequest(this.user, 'recoverableitemsdeletions', false))), folderShape, 'folder');
    if (!read.ok) {
      return {
        ok: false,
        detail: `Microsoft Graph refused to open Recoverable Items (${describeFailure(read.failure)}): recovery will not work for this mailbox.`,
      };
    }
    const count = read.value.totalItemCount;
    return {
      ok: true,
      detail: `Deletions opens over Microsoft Graph and holds ${count.toLocaleString('en-US')} item${count === 1 ? '' : 's'}; Versions and Purges are EWS only.`,
    };
  }

  dumpsterReader(): DumpsterReader {
    return {
      readPart: async (part) => {
        if (part === 'archive') throw new Error(ARCHIVE_REFUSAL);
        const tree = await this.listFolders('primary');
        // Only what Graph can count; the EWS-only folders would read as empty, which they need not be.
        return tree
          .filter((f) => f.area === 'recoverable' && f.unavailableReason === undefined)
          .map((f) => ({
            folderId: f.id,
            displayName: f.displayName,
            itemCount: f.totalCount,
            ...(f.distinguishedId ? { distinguishedId: f.distinguishedId } : {}),
          }));
      },
    };
  }

  assertMailbox(mailbox: MailboxRef): void {
    const smtp = mailbox.smtp?.toLowerCase();
    const own = this.options.signedInUser?.toLowerCase();
    const other = this.options.otherMailbox?.toLowerCase();
    const matches = other === undefined ? smtp === undefined || smtp === own : smtp === undefined || smtp === other;
    if (!matches)
      throw new Error(`This connection is open on ${this.info.mailbox}; the job names ${mailbox.smtp ?? 'another mailbox'}. Connect to that mailbox first.`);
    if (mailbox.part === 'archive') throw new Error(ARCHIVE_REFUSAL);
  }

  jobBackend(mailbox: MailboxRef): JobBackend {
    this.assertMailbox(mailbox);
    const target: MailboxRef = this.options.otherMailbox === undefined ? { part: 'primary' } : { smtp: this.options.otherMailbox, part: 'primary' };
    return new GraphJobBackend(this.client, target, this.options.signedInUser === undefined ? {} : { signedInUser: this.options.signedInUser });
  }

  close(): void {
    this.options.onClose?.();
  }

  private one(call: () => Promise<GraphResult>): Promise<GraphResult> {
    return this.lane.run(1, undefined, call);
  }
}

function folderDeleteMessage(failure: GraphFailure): string {
  if (isNotFound(failure)) return 'The folder no longer exists (already deleted or moved): refresh the folder tree.';
  if (failure.kind === 'graph-error' && failure.status === 403) {
    return `Microsoft Graph refused to delete this folder (${failure.code}): it may be a system folder or under a hold.`;
  }
  return `Microsoft Graph could not delete the folder (${describeFailure(failure)}).`;
}
