// Folders that sit in Deleted Items (a folder deleted with MoveToDeletedItems lands there with its
// subfolders): "Restore folder…" moves one back.
import type { FolderInfo } from '../../../shared/domain';

const deletedItemsNames = new Set(['deleteditems', 'archivedeleteditems']);

/** True for a folder anywhere below Deleted Items (not Deleted Items itself). */
export function isInDeletedItems(folder: FolderInfo, byId: ReadonlyMap<string, FolderInfo>): boolean {
  for (let parentId = folder.parentId, hops = 0; parentId && hops < 64; hops++) {
    const parent = byId.get(parentId);
    if (!parent) return false;
    if (deletedItemsNames.has(parent.distinguishedId ?? '')) return true;
    parentId = parent.parentId;
  }
  return false;
}

/** The folders a restored folder may go into: the visible tree without Deleted Items' contents or the folder's own subtree. */
export function restoreDestinations(folders: readonly FolderInfo[], moving: FolderInfo): FolderInfo[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const under = (f: FolderInfo, ancestorId: string): boolean => {
    for (let at: FolderInfo | undefined = f, hops = 0; at && hops < 64; hops++) {
      if (at.id === ancestorId) return true;
      at = at.parentId ? byId.get(at.parentId) : undefined;
    }
    return false;
  };
  return folders.filter((f) => f.area === 'ipm' && !isInDeletedItems(f, byId) && !under(f, moving.id));
}
