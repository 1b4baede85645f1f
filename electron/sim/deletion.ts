// Delete semantics (EWS-FACTS §3, §7), shared by DeleteItem, EmptyFolder and DeleteFolder.
//   items:   MoveToDeletedItems → deleteditems; SoftDelete → recoverableitemsdeletions;
//            HardDelete → recoverableitemspurges (switch hardDeleteToPurges) or purged outright.
//            Every delete stamps LastActiveParentEntryId with the source folder's source key, and
//            keeps the ChangeKey (a delete is not an edit).
//   folders: MoveToDeletedItems → moved under deleteditems with contents, id unchanged;
//            HardDelete → removed outright, never into Purges; SoftDelete → see the switch.
import { itemError, type ItemError } from './errors';
import type { Folder, Item } from './model';
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

export function deleteItem(store: Store, switches: SemanticSwitches, item: Item, type: DeleteType): void {
  const source = item.folder;
  if (!source) return;
  const mailbox = source.mailbox;
  const stamp = lastActiveParentFor(store, item, source);
  const inDumpster = store.inDumpster(source);
  if (type === 'MoveToDeletedItems') {
    const deleted = store.distinguished(mailbox, 'deleteditems');
    if (deleted) {
      store.moveItem(item, deleted, { keepChangeKey: true, lastActiveParent: stamp });
      return;
    }
  }
  if (type === 'SoftDelete' && !inDumpster) {
    const deletions = store.distinguished(mailbox, 'recoverableitemsdeletions');
    if (deletions) {
      store.moveItem(item, deletions, { keepChangeKey: true, lastActiveParent: stamp });
      return;
    }
  }
  // HardDelete, or a soft delete of something already in the dumpster (Outlook's "purge").
  const purges = store.distinguished(mailbox, 'recoverableitemspurges');
  if (switches.hardDeleteToPurges && purges && source !== purges) {
    store.moveItem(item, purges, { keepChangeKey: true, lastActiveParent: stamp });
  } else {
    store.purgeItem(item);
  }
}

/** True for folders Exchange refuses to delete: distinguished, system, or a mailbox root. */
export function isUndeletable(folder: Folder): boolean {
  return folder.distinguished !== undefined || folder.system || folder.parent === null;
}

export function deleteFolder(store: Store, switches: SemanticSwitches, folder: Folder, type: DeleteType): ItemError | undefined {
  if (isUndeletable(folder)) return itemError('ErrorDeleteDistinguishedFolder');
  if (store.descendants(folder).some(isUndeletable)) return itemError('ErrorDeleteDistinguishedFolder');
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
    store.moveFolder(folder, deletions);
    return undefined;
  }
  store.removeFolderTree(folder);
  return undefined;
}
