// What one request works with: the simulator's state, who is calling and as whom, its throttle
// budget, and how ids and folder references in the request resolve (with Exchange's error codes).
import { itemError, type ItemError } from './errors';
import type { FaultInjector } from './faults';
import { isArchiveDistinguished, SCHEMA_DISTINGUISHED_IDS } from './folderSet';
import { decodeEwsId, isWellFormedChangeKey } from './ids';
import type { Folder, Item, Mailbox, User } from './model';
import { NS_TYPES } from './namespaces';
import { mailboxAccess } from './rights';
import type { Store } from './store';
import type { SemanticSwitches } from './switches';
import type { RequestBudget, Throttle } from './throttle';
import { child, requireAttr, schemaFault, type XNode } from './xmlRead';

/** Whether an operation only reads what a reference names, or changes it (delete, move from or into, empty, create in). */
export type Use = 'read' | 'change';

export interface SimState {
  store: Store;
  throttle: Throttle;
  faults: FaultInjector;
  switches: SemanticSwitches;
}

export class RequestContext {
  constructor(
    readonly sim: SimState,
    /** The authenticated account (charged for throttling). */
    readonly caller: User,
    /** The impersonated user, or the caller. */
    readonly actingAs: User,
    readonly budget: RequestBudget,
  ) {}

  get store(): Store {
    return this.sim.store;
  }

  /**
   * Why the acting user may not `use` something of this mailbox, or undefined when they may.
   * Impersonation rights count only through the header (actingAs is then the impersonated user);
   * otherwise the caller needs FullAccess (or read-only access, for reads). Something the caller
   * may not open reads as not found ("Handling delegation-related errors in EWS": ErrorItemNotFound
   * / ErrorFolderNotFound, per the foreignIdWithoutRights switch); a change of what they may only
   * read is ErrorAccessDenied (same article).
   */
  private refusal(mailbox: Mailbox, kind: 'item' | 'folder', use: Use): ItemError | undefined {
    const access = mailboxAccess(this.actingAs, mailbox.owner);
    if (access === 'none') {
      if (this.sim.switches.foreignIdWithoutRights === 'ErrorAccessDenied') return itemError('ErrorAccessDenied');
      return itemError(kind === 'item' ? 'ErrorItemNotFound' : 'ErrorFolderNotFound');
    }
    return access === 'read' && use === 'change' ? itemError('ErrorAccessDenied') : undefined;
  }

  /** The delegateRecoverableItems switch: a delegate (not the owner, not impersonating) in the dumpster. */
  private dumpsterRefusal(folder: Folder): ItemError | undefined {
    if (folder.mailbox.owner === this.actingAs || this.sim.switches.delegateRecoverableItems === 'open') return undefined;
    return this.store.inDumpster(folder) ? itemError('ErrorAccessDenied') : undefined;
  }

  /**
   * t:FolderId or t:DistinguishedFolderId → a folder, or the per-message error Exchange answers.
   * `use` says whether the operation reads the folder or changes it (or its contents).
   */
  resolveFolderRef(node: XNode, use: Use = 'read'): Folder | ItemError {
    if (node.ns === NS_TYPES && node.name === 'FolderId') {
      const id = requireAttr(node, 'Id');
      if (id === '') return itemError('ErrorInvalidIdEmpty');
      const decoded = decodeEwsId(id);
      if (!decoded) return itemError('ErrorInvalidIdMalformed');
      if (decoded.kind === 'item') return itemError('ErrorCannotUseItemIdForFolderId');
      const changeKey = node.attrs['ChangeKey'];
      if (changeKey !== undefined && !isWellFormedChangeKey(changeKey)) return itemError('ErrorInvalidChangeKey');
      const mailbox = this.store.mailboxByGuid(decoded.mailboxGuid);
      if (!mailbox) return itemError('ErrorItemNotFound');
      const hidden = this.refusal(mailbox, 'folder', 'read');
      if (hidden) return hidden;
      const folder = this.store.lookupFolder(decoded);
      if (!folder) return itemError('ErrorItemNotFound');
      return this.refusal(mailbox, 'folder', use) ?? this.dumpsterRefusal(folder) ?? folder;
    }
    if (node.ns === NS_TYPES && node.name === 'DistinguishedFolderId') {
      const name = requireAttr(node, 'Id');
      if (!SCHEMA_DISTINGUISHED_IDS.has(name)) {
        throw schemaFault(
          `The 'Id' attribute is invalid - The value '${name}' is invalid according to its datatype 'DistinguishedFolderIdNameType' - The Enumeration constraint failed.`,
        );
      }
      let owner = this.actingAs;
      const mailboxNode = child(node, NS_TYPES, 'Mailbox');
      if (mailboxNode) {
        const address = child(mailboxNode, NS_TYPES, 'EmailAddress')?.text.trim();
        if (!address) throw schemaFault("The element 'Mailbox' is missing the required child element 'EmailAddress'.");
        const target = this.store.user(address);
        if (!target) return itemError('ErrorNonExistentMailbox', `No mailbox with SMTP address ${address}.`);
        owner = target;
      }
      const mailbox = isArchiveDistinguished(name) ? owner.archive : owner.primary;
      if (!mailbox) return itemError(this.sim.switches.missingArchive, 'The mailbox has no archive.');
      const hidden = this.refusal(mailbox, 'folder', 'read');
      if (hidden) return hidden;
      const folder = mailbox.byDistinguished.get(name);
      if (!folder) return itemError('ErrorFolderNotFound');
      return this.refusal(mailbox, 'folder', use) ?? this.dumpsterRefusal(folder) ?? folder;
    }
    throw schemaFault(`The element '${node.name}' is not a valid folder id element.`);
  }

  /** t:ItemId → a live item, or the per-item error Exchange answers; `use` as for folders. */
  resolveItemRef(node: XNode, use: Use = 'read'): Item | ItemError {
    if (node.ns !== NS_TYPES) throw schemaFault(`The element '${node.name}' is not a valid item id element.`);
    if (node.name === 'OccurrenceItemId' || node.name === 'RecurringMasterItemId' || node.name === 'RecurringMasterItemIdRanges') {
      return itemError('ErrorItemNotFound', 'The simulator holds no recurring series.');
    }
    if (node.name !== 'ItemId') throw schemaFault(`The element '${node.name}' is not a valid item id element.`);
    const id = requireAttr(node, 'Id');
    if (id === '') return itemError('ErrorInvalidIdEmpty');
    const decoded = decodeEwsId(id);
    if (!decoded) return itemError('ErrorInvalidIdMalformed');
    if (decoded.kind === 'folder') return itemError('ErrorCannotUseFolderIdForItemId');
    const changeKey = node.attrs['ChangeKey'];
    if (changeKey !== undefined && !isWellFormedChangeKey(changeKey)) return itemError('ErrorInvalidChangeKey');
    const mailbox = this.store.mailboxByGuid(decoded.mailboxGuid);
    if (!mailbox) return itemError('ErrorItemNotFound');
    const hidden = this.refusal(mailbox, 'item', 'read');
    if (hidden) return hidden;
    const item = this.store.lookupItem(decoded);
    if (!item) return itemError('ErrorItemNotFound');
    return this.refusal(mailbox, 'item', use) ?? (item.folder ? this.dumpsterRefusal(item.folder) : undefined) ?? item;
  }
}
