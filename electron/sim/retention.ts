// Retention rules of a mailbox (EWS-FACTS §7): single item recovery (SIR), litigation and
// In-Place holds, copy-on-write into Versions, and the Recoverable Items quota. deletion.ts asks
// here where a hard-deleted or purged item goes, and whether the dumpster can take more.
import { itemError, type ItemError } from './errors';
import type { Folder, Item, Mailbox, User } from './model';
import { storeOfUser, type Store } from './store';
import type { SemanticSwitches } from './switches';

const GB = 1024 ** 3;

/** RecoverableItemsWarningQuota / RecoverableItemsQuota: 20/30 GB, raised to 90/100 GB while on hold. */
export const RECOVERABLE_ITEMS_QUOTA = {
  normal: { warning: 20 * GB, limit: 30 * GB },
  held: { warning: 90 * GB, limit: 100 * GB },
} as const;

export function onHold(user: User): boolean {
  return user.retention.litigationHold || user.retention.inPlaceHold;
}

/** SIR or a hold: purged items are kept in Purges rather than gone. */
export function keepsPurgedItems(user: User): boolean {
  return user.retention.singleItemRecovery || onHold(user);
}

/**
 * Drafts are exempt from copy-on-write. The model has no draft flag of its own yet, so an item in
 * Drafts counts as one, and so does any item carrying `isDraft: true` once items get that property.
 */
function isDraft(store: Store, item: Item, folder: Folder): boolean {
  if ('isDraft' in item && item.isDraft === true) return true;
  return folder === store.distinguished(folder.mailbox, 'drafts');
}

/**
 * Copy-on-write before an edit: when the item's mailbox is on a hold and the item is not a draft,
 * a copy of its current state goes to that mailbox's Versions folder, stamped with the folder it
 * lives in. The caller decides whether its edit triggers this. Nothing is kept for items already
 * in the dumpster, or when the Recoverable Items quota is full (EWS-FACTS §7: versions fail then).
 */
export function keepVersionIfHeld(item: Item): void {
  const folder = item.folder;
  if (!folder) return;
  const mailbox = folder.mailbox;
  if (!onHold(mailbox.owner)) return;
  const store = storeOfUser(mailbox.owner);
  if (store.inDumpster(folder) || isDraft(store, item, folder)) return;
  const versions = store.distinguished(mailbox, 'recoverableitemsversions');
  if (!versions || recoverableItemsState(store, mailbox) === 'full') return;
  const copy = store.copyItem(item, versions);
  copy.lastActiveParent = folder.sourceKey;
  noteAdded(versions, copy.size);
}

// ---- the Recoverable Items quota -------------------------------------------------------------

/** Bytes per dumpster folder, valid while the folder's contents version is unchanged. */
const folderBytes = new WeakMap<Folder, { version: number; bytes: number }>();

/** Bytes of a folder's own items (not its subfolders'), cached per contents version; folderSize.ts reports it on the wire. */
export function folderContentBytes(folder: Folder): number {
  return bytesOf(folder);
}

function bytesOf(folder: Folder): number {
  const cached = folderBytes.get(folder);
  if (cached && cached.version === folder.contents.version) return cached.bytes;
  let bytes = 0;
  for (const item of folder.contents.all()) bytes += item.size;
  folderBytes.set(folder, { version: folder.contents.version, bytes });
  return bytes;
}

/**
 * Keeps a folder's byte count current after one item was added (delta > 0) or removed (< 0)
 * without a full recount, if the count was current just before; otherwise the next read recounts.
 */
function noteChange(folder: Folder, delta: number, versionBefore: number): void {
  const cached = folderBytes.get(folder);
  if (cached && cached.version === versionBefore) folderBytes.set(folder, { version: folder.contents.version, bytes: cached.bytes + delta });
}

function noteAdded(folder: Folder, size: number): void {
  noteChange(folder, size, folder.contents.version - 1);
}

/** Bytes in the mailbox's Recoverable Items tree, plus the extra bytes set for tests. */
export function dumpsterBytes(store: Store, mailbox: Mailbox): number {
  const root = store.distinguished(mailbox, 'recoverableitemsroot');
  let bytes = mailbox.owner.retention.extraDumpsterBytes[mailbox.part];
  if (!root) return bytes;
  bytes += bytesOf(root);
  for (const folder of store.descendants(root)) bytes += bytesOf(folder);
  return bytes;
}

export type QuotaState = 'ok' | 'warning' | 'full';

export function recoverableItemsQuota(user: User): { warning: number; limit: number } {
  return onHold(user) ? RECOVERABLE_ITEMS_QUOTA.held : RECOVERABLE_ITEMS_QUOTA.normal;
}

/** 'full' from the limit on: nothing more may enter the dumpster (deletes into it fail). */
export function recoverableItemsState(store: Store, mailbox: Mailbox): QuotaState {
  const bytes = dumpsterBytes(store, mailbox);
  const quota = recoverableItemsQuota(mailbox.owner);
  return bytes >= quota.limit ? 'full' : bytes >= quota.warning ? 'warning' : 'ok';
}

// ---- where deleted items go ------------------------------------------------------------------

/** Where the items of a folder go when deleted: a dumpster folder, gone, or refused. */
export type Disposal = { to: Folder | 'gone' } | { error: ItemError };

/** The distinguished dumpster folder a folder lies in (recoverableitemsdeletions, …), if any. */
function dumpsterArea(folder: Folder): string | undefined {
  for (let f: Folder | null = folder; f; f = f.parent) {
    if (f.distinguished?.includes('recoverableitems')) return f.distinguished.replace(/^archive/, '');
  }
  return undefined;
}

/** SoftDelete from outside the dumpster: to Deletions. */
export function softDeleteDisposal(store: Store, source: Folder): Disposal {
  const deletions = store.distinguished(source.mailbox, 'recoverableitemsdeletions');
  return { to: deletions ?? 'gone' };
}

/**
 * HardDelete from outside the dumpster, or any delete but MoveToDeletedItems inside it (a purge):
 * with SIR or a hold the item is kept in Purges, else it is gone (OXD, issue 9 rule 4). Items in
 * Purges and DiscoveryHolds cannot be purged under a hold, nor with SIR per the switch.
 */
export function purgeDisposal(store: Store, switches: SemanticSwitches, source: Folder): Disposal {
  const user = source.mailbox.owner;
  const area = dumpsterArea(source);
  if (area === 'recoverableitemspurges' || area === 'recoverableitemsdiscoveryholds') {
    if (onHold(user)) return { error: itemError('ErrorCannotDeleteObject', 'The mailbox is on hold.') };
    if (user.retention.singleItemRecovery && switches.purgesUnderSingleItemRecovery === 'refuse') {
      return { error: itemError('ErrorCannotDeleteObject', 'Single item recovery is enabled.') };
    }
    return { to: 'gone' };
  }
  const purges = store.distinguished(source.mailbox, 'recoverableitemspurges');
  return { to: keepsPurgedItems(user) && purges ? purges : 'gone' };
}

/** The answer to a delete that needs room in a full Recoverable Items folder (switch). */
export function quotaFullError(switches: SemanticSwitches): ItemError {
  if (switches.recoverableItemsFullError === 'ErrorQuotaExceeded') return itemError('ErrorQuotaExceeded', 'The Recoverable Items folder is full.');
  return itemError('ErrorInternalServerError', undefined, [
    ['InnerErrorMessageText', 'The Recoverable Items quota has been exceeded; items cannot be deleted.'],
    ['InnerErrorResponseCode', 'ErrorQuotaExceededOnDelete'],
    ['InnerErrorDescriptiveLinkKey', '0'],
  ]);
}

/**
 * The quota refusal for items leaving `source` by `disposal`, or undefined when they may go: only
 * items entering the dumpster from outside count (moves inside it do not grow it).
 */
export function quotaRefusal(store: Store, switches: SemanticSwitches, source: Folder, disposal: Disposal): ItemError | undefined {
  if ('error' in disposal || disposal.to === 'gone' || store.inDumpster(source)) return undefined;
  return recoverableItemsState(store, source.mailbox) === 'full' ? quotaFullError(switches) : undefined;
}

/** Applies a disposal to one item, stamping LastActiveParentEntryId and keeping the byte counts current. */
export function dispose(store: Store, item: Item, disposal: { to: Folder | 'gone' }, stamp: Buffer | null): void {
  const source = item.folder;
  if (!source) return;
  const sourceVersion = source.contents.version;
  if (disposal.to === 'gone') {
    store.purgeItem(item);
  } else {
    const destVersion = disposal.to.contents.version;
    store.moveItem(item, disposal.to, { keepChangeKey: true, lastActiveParent: stamp });
    noteChange(disposal.to, item.size, destVersion);
  }
  noteChange(source, -item.size, sourceVersion);
}

// ---- moves into and out of the dumpster ------------------------------------------------------

/**
 * The refusal for taking an item out of `source` (MoveItem, DeleteItem MoveToDeletedItems): items
 * in Purges and DiscoveryHolds stay while the mailbox is on hold (switch heldDumpsterMoveOut).
 */
export function heldRemovalRefusal(switches: SemanticSwitches, source: Folder): ItemError | undefined {
  if (switches.heldDumpsterMoveOut === 'allow' || !onHold(source.mailbox.owner)) return undefined;
  const area = dumpsterArea(source);
  if (area !== 'recoverableitemspurges' && area !== 'recoverableitemsdiscoveryholds') return undefined;
  return itemError('ErrorCannotDeleteObject', 'The mailbox is on hold.');
}

/**
 * The quota refusal for a MoveItem or CopyItem into a dumpster folder: like a delete into a full
 * Recoverable Items folder (recoverableItemsFullError). A move inside one dumpster does not grow
 * it; a copy always does.
 */
export function moveIntoDumpsterRefusal(store: Store, switches: SemanticSwitches, source: Folder, destination: Folder, copy: boolean): ItemError | undefined {
  if (!store.inDumpster(destination)) return undefined;
  if (!copy && source.mailbox === destination.mailbox && store.inDumpster(source)) return undefined;
  return recoverableItemsState(store, destination.mailbox) === 'full' ? quotaFullError(switches) : undefined;
}
