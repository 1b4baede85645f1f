import type { FolderInfo } from '../../../shared/domain';
import { useFoldersStore } from './foldersStore';
import { useItemsStore } from './itemsStore';
import { useSelectionStore } from './selectionStore';

/** Opening a folder: highlight it in the tree, start a fresh item view, drop the old selection. */
export function openFolder(folder: FolderInfo): void {
  useFoldersStore.getState().select(folder.id);
  useSelectionStore.getState().clear();
  useItemsStore.getState().openFolder(folder.id);
}
