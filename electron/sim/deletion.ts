// Delete semantics (EWS-FACTS §3, §7), shared by DeleteItem, EmptyFolder and DeleteFolder.
//   items:   MoveToDeletedItems → deleteditems; SoftDelete → recoverableitemsdeletions;
//            HardDelete → recoverableitemspurges with single item recovery or a hold, else gone;
//            inside the dumpster a delete is a purge: to Purges with SIR or a hold, else gone, and
//            refused in Purges/DiscoveryHolds under a hold (retention.ts). Every delete stamps
//            LastActiveParentEntryId with the source folder's source key and keeps the ChangeKey
//            (a delete is not an edit). A full Recoverable Items folder refuses what would enter it.
//   folders: MoveToDeletedItems → moved under deleteditems with contents, id unchanged; otherwise
//            the folders are removed for good, never into Purges, but their items stay
//            recoverable: each goes where an item deleted from its folder goes (soft → Deletions,
//            hard → Purges or gone), stamped with the source key of the folder it was in.
//            SoftDelete: see the folderSoftDelete switch.
import { itemError, type ItemError } from './errors';
import type { Folder, Item } from './model';
import { dispose, heldRemovalRefusal, purgeDisposal, quotaRefusal, softDeleteDisposal, type Disposal } from './retention';
import type { Store } from './store';
import type { SemanticSwitches } from './switches';

export type DeleteType = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems';
export const DELETE_TYPES: readonly DeleteType[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'];

/**
 * The source key an item deleted from `source` carries. Inside the dumpster the item keeps the
 * one it has: the folder it was last active in is its real home, not Deletions.
 */
export function lastActiveParentFor(store: Store, item: Item, source: Folder): Buffer | null {
  return store.inDumpster(source) ? item.lastActiveParent : source.sourceKey;
}

/** Where items deleted from `source` with `type` go (MoveToDeletedItems is handled by the callers). */
function disposalFor(store: Store, switches: SemanticSwitches, source: Folder, type: 'SoftDelete' | 'HardDelete'): Disposal {
  return type === 'SoftDelete' && !store.inDumpster(source) ? softDeleteDisposal(store, source) : purgeDisposal(store, switches, source);
}

/** The refusal for deleting items of `source` with `type` (hold, full quota), if any. */
function refusalFor(store: Store, switches: SemanticSwitches, source: Folder, disposal: Disposal): ItemError | undefined {
  return 'error' in disposal ? disposal.error : quotaRefusal(store, switches, source, disposal);
}

export function deleteItem(store: Store, switches: SemanticSwitches, item: Item, type: DeleteType): ItemError | undefined {
  const source = item.folder;
  if (!source) return undefined;
  const stamp = lastActiveParentFor(store, item, source);
  const deleted = store.distinguished(source.mailbox, 'deleteditems');
  if (type === 'MoveToDeletedItems' && deleted) {
    const held = heldRemovalRefusal(switches, source);
    if (held) return held;
    // Already in Deleted Items: per the moveToDeletedItemsInDeletedItems switch, a soft delete.
    if (!(switches.moveToDeletedItemsInDeletedItems === 'softDelete' && store.isWithin(source, deleted))) {
      store.moveItem(item, deleted, { keepChangeKey: true, lastActiveParent: stamp });
      return undefined;
    }
  }
  const disposal = disposalFor(store, switches, source, type === 'HardDelete' ? 'HardDelete' : 'SoftDelete');
  const refused = refusalFor(store, switches, source, disposal);
  if (refused || 'error' in disposal) return refused;
  dispose(store, item, disposal, stamp);
  return undefined;
}

/**
 * Deletes all items of one folder with `type` (EmptyFolder), all or nothing: a hold or a full
 * quota refuses the folder before anything moves.
 */
export function deleteAllItems(store: Store, switches: SemanticSwitches, folder: Folder, type: DeleteType): ItemError | undefined {
  const items = [...folder.contents.all()];
  if (items.length === 0) return undefined;
  const deleted = store.distinguished(folder.mailbox, 'deleteditems');
  const inDeleted = deleted !== undefined && store.isWithin(folder, deleted) && switches.moveToDeletedItemsInDeletedItems === 'softDelete';
  if (type === 'MoveToDeletedItems' && deleted && !inDeleted) {
    const held = heldRemovalRefusal(switches, folder);
    if (held) return held;
    for (const item of items) deleteItem(store, switches, item, type);
    return undefined;
  }
  const disposal = disposalFor(store, switches, folder, type === 'HardDelete' ? 'HardDelete' : 'SoftDelete');
  const refused = refusalFor(store, switches, folder, disposal);
  if (refused || 'error' in disposal) return refused;
  for (const item of items) dispose(store, item, disposal, lastActiveParentFor(store, item, folder));
  return undefined;
}

/** True for folders Exchange refuses to delete: distinguished, system, or a mailbox root. */
export function isUndeletable(folder: Folder): boolean {
  return folder.distinguished !== undefined || folder.system || folder.parent === null;
}

export function deleteFolder(store: Store, switches: SemanticSwitches, folder: Folder, type: DeleteType): ItemError | undefined {
  if (isUndeletable(folder)) return itemError('ErrorDeleteDistinguishedFolder');
  const tree = [folder, ...store.descendants(folder)];
  if (tree.some(isUndeletable)) return itemError('ErrorDeleteDistinguishedFolder');
  const deleted = store.distinguished(folder.mailbox, 'deleteditems');
  if (type === 'MoveToDeletedItems' && deleted && !store.isWithin(folder, deleted) && !store.inDumpster(folder)) {
    store.moveFolder(folder, deleted);
    return undefined;
  }
  if (type === 'SoftDelete' && switches.folderSoftDelete === 'error') {
    return itemError('ErrorCannotDeleteObject', 'Folders cannot be soft-deleted.');
  }
  const deletions = store.distinguished(folder.mailbox, 'recoverableitemsdeletions');
  if (type === 'SoftDelete' && switches.folderSoftDelete === 'dumpster' && deletions && !store.inDumpster(folder)) {
    const refused = tree.some((f) => f.contents.count > 0) ? quotaRefusal(store, switches, folder, { to: deletions }) : undefined;
    if (refused) return refused;
    store.moveFolder(folder, deletions);
    return undefined;
  }
  // Removed for good; the items go as if deleted from their own folder (a folder deleted from
  // inside Deleted Items with MoveToDeletedItems: as SoftDelete, which is what "delete" means there).
  const itemType = type === 'HardDelete' ? 'HardDelete' : 'SoftDelete';
  const plans = tree.filter((f) => f.contents.count > 0).map((f) => ({ folder: f, disposal: disposalFor(store, switches, f, itemType) }));
  for (const plan of plans) {
    const refused = refusalFor(store, switches, plan.folder, plan.disposal);
    if (refused) return refused;
  }
  for (const { folder: f, disposal } of plans) {
    if ('error' in disposal) continue;
    for (const item of [...f.contents.all()]) dispose(store, item, disposal, lastActiveParentFor(store, item, f));
  }
  store.removeFolderTree(folder);
  return undefined;
}
