// What one request works with: the simulator's state, who is calling and as whom, its throttle
// budget, and how ids and folder references in the request resolve (with Exchange's error codes).
import { itemError, type ItemError } from './errors';
import type { FaultInjector } from './faults';
import { isArchiveDistinguished, SCHEMA_DISTINGUISHED_IDS } from './folder-set';
import { decodeEwsId, isWellFormedChangeKey } from './ids';
import type { Folder, Item, Mailbox, User } from './model';
import { NS_TYPES } from './namespaces';
import type { Store } from './store';
import type { SemanticSwitches } from './switches';
import type { RequestBudget, Throttle } from './throttle';
import { child, requireAttr, schemaFault, type XNode } from './xml-read';

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

  /** The acting user may open their own mailboxes; impersonation rights stand in for full access. */
  canOpen(mailbox: Mailbox): boolean {
    return mailbox.owner === this.actingAs || this.actingAs.canImpersonate;
  }

  /** t:FolderId or t:DistinguishedFolderId → a folder, or the per-message error Exchange answers. */
  resolveFolderRef(node: XNode): Folder | ItemError {
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
      if (!this.canOpen(mailbox)) return itemError(this.sim.switches.foreignIdWithoutRights);
      return this.store.lookupFolder(decoded) ?? itemError('ErrorItemNotFound');
    }
    if (node.ns === NS_TYPES && node.name === 'DistinguishedFolderId') {
      const name = requireAttr(node, 'Id');
      if (!SCHEMA_DISTINGUISHED_IDS.has(name)) {
        throw schemaFault(`The 'Id' attribute is invalid - The value '${name}' is invalid according to its datatype 'DistinguishedFolderIdNameType' - The Enumeration constraint failed.`);
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
      if (!this.canOpen(mailbox)) return itemError('ErrorAccessDenied');
      return mailbox.byDistinguished.get(name) ?? itemError('ErrorFolderNotFound');
    }
    throw schemaFault(`The element '${node.name}' is not a valid folder id element.`);
  }

  /** t:ItemId → a live item, or the per-item error Exchange answers. */
  resolveItemRef(node: XNode): Item | ItemError {
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
    if (!this.canOpen(mailbox)) return itemError(this.sim.switches.foreignIdWithoutRights);
    return this.store.lookupItem(decoded) ?? itemError('ErrorItemNotFound');
  }
}
