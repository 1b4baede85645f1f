// The EWS MailboxBackend (../port.ts). One open connection to a mailbox: the EWS client (signed in; another user's mailbox by
// impersonation or delegate access, as the connect chose: see signInProbe.ts), and
// the read-side use-cases on it: folder tree (dumpster included), item pages, folder delete.
// The secret lives only inside the client's auth object; nothing here returns or logs it.
import type { FolderInfo, ItemDetails, ItemPage, ItemSort, MailboxPart, MailboxRef } from '../../../shared/domain';
import type { ActionResult, FolderDeleteMode, ItemDetailsRequest, ItemPageRequest, SessionInfo } from '../../../shared/ipc';
import { EwsClient, isDistinguishedFolderName, type DistinguishedFolderName, type FolderRef, type SortKey } from '../../ews';
import { EwsJobBackend } from './jobBackend';
import type { DumpsterReader, JobBackend, MailboxBackend, OpenResult, SignInEnvironment } from '../port';
import type { ConnectionParams } from '../connectionParams';
import { signInAndProbe } from './signInProbe';
import { toDomainDetails, toDomainRow, toEwsFilter } from './mapping';
import { createEwsDumpsterReader } from './dumpsterReader';
import { findAllFolders, toFolderInfo } from './folders';

/** Folder roots per mailbox part: the visible tree and the dumpster (which lives under `root`). */
const ROOTS: Record<MailboxPart, { ipm: DistinguishedFolderName; dumpster: DistinguishedFolderName }> = {
  primary: { ipm: 'msgfolderroot', dumpster: 'recoverableitemsroot' },
  archive: { ipm: 'archivemsgfolderroot', dumpster: 'archiverecoverableitemsroot' },
};

const SORT_FIELDS: Record<ItemSort['field'], SortKey['field']> = {
  received: 'DateTimeReceived',
  subject: 'Subject',
  from: 'From',
  size: 'Size',
  itemClass: 'ItemClass',
  lastModified: 'LastModifiedTime',
};

export { DEFAULT_CONNECT_TIMEOUT_MS } from './signInProbe';

export type { ConnectionParams } from '../connectionParams';

export type { OpenResult } from '../port';

export class MailboxSession implements MailboxBackend {
  readonly kind = 'ews';

  private constructor(
    private readonly client: EwsClient,
    private readonly params: Omit<ConnectionParams, 'secret' | 'connectTimeoutMs' | 'proxy'>,
    readonly info: SessionInfo,
  ) {}

  /** Signs in and checks that the mailbox opens; the result says precisely what failed (`signal`: the admin's Cancel). */
  static async open(params: ConnectionParams, environment: SignInEnvironment = {}, signal?: AbortSignal): Promise<OpenResult> {
    const signedIn = await signInAndProbe(params, environment, signal);
    if (!signedIn.ok) return signedIn;
    const { secret: _secret, connectTimeoutMs: _timeout, proxy: _proxy, ...withoutSecret } = params;
    return { ok: true, session: new MailboxSession(signedIn.client, withoutSecret, signedIn.info) };
  }

  /** Who acts, for the job audit log. */
  get actor(): string {
    const signedIn = this.params.user ?? (this.params.authKind === 'windows' ? 'Windows sign-in' : 'bearer token');
    if (this.params.impersonate === undefined) return signedIn;
    return this.info.mailboxAccess === 'delegate' ? `${signedIn} on ${this.params.impersonate} (delegate access)` : `${signedIn} as ${this.params.impersonate}`;
  }

  /** The whole tree of one part, flat: the IPM subtree plus Recoverable Items and its children. */
  async listFolders(part: MailboxPart): Promise<FolderInfo[]> {
    if (part === 'archive' && !this.info.hasArchive) throw this.noArchive();
    const roots = ROOTS[part];
    const [ipm, dumpsterRoot, dumpster] = await Promise.all([
      this.findAllFolders(roots.ipm),
      this.client.getFolder({ folders: [this.distinguished(roots.dumpster)], includeDistinguishedId: true }),
      this.findAllFolders(roots.dumpster),
    ]);
    const out = ipm.map((row) => toFolderInfo(row, part, 'ipm'));
    const [dumpsterTop] = dumpsterRoot;
    if (dumpsterTop?.ok && dumpsterTop.value !== undefined) out.push(toFolderInfo(dumpsterTop.value, part, 'recoverable'));
    for (const row of dumpster) out.push(toFolderInfo(row, part, 'recoverable'));
    return out;
  }

  async listItems(request: ItemPageRequest): Promise<ItemPage> {
    const sort: SortKey[] = [];
    if (request.sort !== undefined) sort.push({ field: SORT_FIELDS[request.sort.field], order: request.sort.direction === 'asc' ? 'Ascending' : 'Descending' });
    // A stable tie-breaker, so paging through equal keys neither skips nor repeats rows.
    if (request.sort?.field !== 'received') sort.push({ field: 'DateTimeReceived', order: 'Descending' });
    const result = await this.client.findItem({
      folder: this.folderRef(request.folderId),
      page: { offset: request.offset, maxEntries: request.max },
      filter: toEwsFilter(request.filter),
      sort,
    });
    if (!result.ok) {
      const code = result.status.effectiveCode;
      if (code === 'ErrorFolderNotFound' || code === 'ErrorItemNotFound') throw new Error('This folder no longer exists: refresh the folder tree.');
      throw new Error(`Exchange could not list the items (${code}${result.status.messageText ? `: ${result.status.messageText}` : ''}).`);
    }
    const page = result.value;
    return {
      rows: page.items.map(toDomainRow),
      offset: request.offset,
      total: page.totalItemsInView ?? request.offset + page.items.length,
      last: page.includesLastItemInRange,
    };
  }

  /** One item with headers and body, for the reading pane; throws a sentence the pane shows. */
  async getItemDetails(request: ItemDetailsRequest): Promise<ItemDetails> {
    const [result] = await this.client.getItemDetails({ items: [{ id: request.itemId }], bodyType: request.body === 'html' ? 'HTML' : 'Text' });
    if (result === undefined) throw new Error('Exchange answered without the item.');
    if (!result.ok) {
      const code = result.status.effectiveCode;
      if (code === 'ErrorItemNotFound') throw new Error('This item no longer exists here (moved, deleted or purged): refresh the list.');
      throw new Error(`Exchange could not read the item (${code}${result.status.messageText ? `: ${result.status.messageText}` : ''}).`);
    }
    if (result.value === undefined) throw new Error('Exchange answered without the item.');
    return toDomainDetails(result.value);
  }

  async deleteFolder(folderId: string, mode: FolderDeleteMode): Promise<ActionResult> {
    if (isDistinguishedFolderName(folderId)) return { ok: false, message: 'Built-in folders cannot be deleted.' };
    const [result] = await this.client.deleteFolder({ folders: [{ id: folderId }], deleteType: mode });
    if (result === undefined) return { ok: false, message: 'Exchange answered without a result; refresh the folder tree to see whether the folder is gone.' };
    if (result.ok) return { ok: true };
    const code = result.status.effectiveCode;
    switch (code) {
      case 'ErrorDeleteDistinguishedFolder':
        return { ok: false, message: 'This is a built-in folder: Exchange does not allow deleting it.' };
      case 'ErrorFolderNotFound':
      case 'ErrorItemNotFound':
        return { ok: false, message: 'The folder no longer exists (already deleted or moved): refresh the folder tree.' };
      case 'ErrorAccessDenied':
      case 'ErrorCannotDeleteObject':
        return { ok: false, message: `Exchange refused to delete this folder (${code}): it may be a system folder or under a hold.` };
      default:
        return { ok: false, message: `Exchange could not delete the folder (${code}${result.status.messageText ? `: ${result.status.messageText}` : ''}).` };
    }
  }

  /**
   * The job backend for a job's mailbox. A session acts on one mailbox only: its own, or the
   * other user's it opened (impersonated or as a delegate: the client carries the mode, and the
   * backend names the mailbox in every well-known folder); a job naming any other is refused.
   */
  jobBackend(mailbox: MailboxRef): JobBackend {
    this.assertMailbox(mailbox);
    const target = this.params.impersonate === undefined ? { part: mailbox.part } : { smtp: this.params.impersonate, part: mailbox.part };
    // Exchange throttles the signed-in account on its server, whichever session sends: a reconnect
    // under the same account shares the back-off gate and allowance with jobs still running on the
    // old session. (A token does not name its account here: one gate per session then.)
    const accountKey =
      this.params.user && (this.params.authKind === 'basic' || this.params.authKind === 'password')
        ? `${new URL(this.params.url).host}|${this.params.user.toLowerCase()}`
        : undefined;
    return new EwsJobBackend(this.client, target, accountKey === undefined ? {} : { accountKey });
  }

  /** Whether the dumpster opens for this account (Recoverable Items and Deletions), in words. */
  async checkRecoverableItems(): Promise<{ ok: boolean; detail: string }> {
    const results = await this.client.getFolder({ folders: [this.distinguished('recoverableitemsroot'), this.distinguished('recoverableitemsdeletions')] });
    const failed = results.find((result) => !result.ok);
    if (failed !== undefined) {
      // Whether Exchange lets a FullAccess delegate into another mailbox's dumpster is unconfirmed (EWS-FACTS §7).
      const hint =
        this.info.mailboxAccess === 'delegate'
          ? ' Exchange may refuse Recoverable Items to delegate access: connect with an account that has the ApplicationImpersonation role.'
          : '';
      return {
        ok: false,
        detail: `Exchange refused to open Recoverable Items (${failed.status.effectiveCode}): recovery will not work for this mailbox.${hint}`,
      };
    }
    const deletions = results[1];
    const count = deletions?.ok ? deletions.value?.totalCount : undefined;
    return {
      ok: true,
      detail: `Recoverable Items opens${count === undefined ? '' : `; Deletions holds ${count.toLocaleString('en-US')} item${count === 1 ? '' : 's'}`}.`,
    };
  }

  /** Reads Recoverable Items with folder sizes, for dumpster health (dumpsterHealth.ts). */
  dumpsterReader(): DumpsterReader {
    return createEwsDumpsterReader(this.client, (name) => this.distinguished(name), this.info.mailboxAccess === 'delegate');
  }

  /** Throws with an admin-readable reason when a job names a mailbox this session does not hold. */
  assertMailbox(mailbox: MailboxRef): void {
    const smtp = mailbox.smtp?.toLowerCase();
    const own = this.params.user?.toLowerCase();
    const impersonated = this.params.impersonate?.toLowerCase();
    const matches = impersonated === undefined ? smtp === undefined || smtp === own : smtp === impersonated || smtp === undefined;
    if (!matches)
      throw new Error(`This connection is open on ${this.info.mailbox}; the job names ${mailbox.smtp ?? 'another mailbox'}. Connect to that mailbox first.`);
    if (mailbox.part === 'archive' && !this.info.hasArchive) throw this.noArchive();
  }

  close(): void {
    this.client.close();
  }

  /** Why the archive part is refused: none exists, or it was not looked for (opened for the primary only). */
  private noArchive(): Error {
    if (this.params.primaryOnly === true) return new Error(`${this.info.mailbox} was opened for its primary mailbox only.`);
    return new Error(`${this.info.mailbox} has no archive mailbox.`);
  }

  private distinguished(name: DistinguishedFolderName): FolderRef {
    return this.params.impersonate === undefined ? { distinguished: name } : { distinguished: name, mailbox: this.params.impersonate };
  }

  private folderRef(folderId: string): FolderRef {
    return isDistinguishedFolderName(folderId) ? this.distinguished(folderId) : { id: folderId };
  }

  private findAllFolders(root: DistinguishedFolderName): ReturnType<typeof findAllFolders> {
    return findAllFolders(this.client, this.distinguished(root), {
      includeDistinguishedId: true,
      refused: (status) => new Error(`Exchange could not list the folders under ${root} (${status.effectiveCode}).`),
    });
  }
}
