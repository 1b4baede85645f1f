// The item actions offered by the toolbar, the context menu and the keyboard, with when each is
// available: one list so the three never disagree.
import type { DeleteMode } from '../../../shared/domain';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { useFoldersStore } from '../stores/foldersStore';
import { useItemsStore } from '../stores/itemsStore';
import { selectedCount, useSelectionStore } from '../stores/selectionStore';

export interface ItemAction {
  id: 'move' | 'copy' | 'recover' | DeleteMode;
  label: string;
  shortcut?: string;
  enabled: boolean;
  run: () => void;
}

export function useItemActions(): ItemAction[] {
  const selection = useSelectionStore((s) => s.selection);
  const total = useItemsStore((s) => s.total ?? 0);
  const count = selectedCount(selection, total);
  const folderId = useItemsStore((s) => s.view?.folderId);
  const folder = useFoldersStore((s) => (folderId ? s.byId.get(folderId) : undefined));
  const begin = useActionFlowStore((s) => s.beginItemAction);
  const any = count > 0 && folder !== undefined;
  const inDumpster = folder?.area === 'recoverable';
  const action = (id: ItemAction['id'], label: string, enabled: boolean, shortcut?: string): ItemAction => ({
    id,
    label,
    enabled,
    shortcut,
    run: () => begin(id),
  });
  return [
    action('move', 'Move to…', any),
    action('copy', 'Copy to…', any),
    action('MoveToDeletedItems', 'Delete', any && !inDumpster, 'Del'),
    action('SoftDelete', 'Soft delete', any && !inDumpster),
    action('HardDelete', 'Hard delete…', any, 'Shift+Del'),
    action('recover', 'Recover…', any && inDumpster),
  ];
}
