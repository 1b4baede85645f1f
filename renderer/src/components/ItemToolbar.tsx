import type { FolderInfo } from '../../../shared/domain';
import { formatCount } from '../lib/format';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { useItemsStore } from '../stores/itemsStore';
import { selectedCount, useSelectionStore } from '../stores/selectionStore';
import { useItemActions } from './useItemActions';

export function ItemToolbar({ folder }: { folder: FolderInfo }) {
  const actions = useItemActions();
  const selection = useSelectionStore((s) => s.selection);
  const total = useItemsStore((s) => s.total ?? 0);
  const beginEmptyFolder = useActionFlowStore((s) => s.beginEmptyFolder);
  const beginDeleteFolder = useActionFlowStore((s) => s.beginDeleteFolder);
  const count = selectedCount(selection, total);
  // Well-known folders (Inbox, Deletions, …) cannot be deleted.
  const deletable = folder.distinguishedId === undefined && folder.area === 'ipm';

  return (
    <div role="toolbar" aria-label="Item actions" className="toolbar">
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          disabled={!action.enabled}
          onClick={action.run}
          className={action.id === 'HardDelete' ? 'danger' : undefined}
          aria-keyshortcuts={action.shortcut === 'Del' ? 'Delete' : action.shortcut === 'Shift+Del' ? 'Shift+Delete' : undefined}
        >
          {action.label}
        </button>
      ))}
      <span className="toolbar-separator" aria-hidden="true" />
      <button type="button" onClick={() => beginEmptyFolder(folder)} disabled={folder.totalCount === 0 && total === 0}>
        Empty folder…
      </button>
      <button type="button" onClick={() => beginDeleteFolder(folder)} disabled={!deletable}>
        Delete folder…
      </button>
      <span className="toolbar-status" aria-live="polite">
        {count > 0 ? `${formatCount(count)} selected` : ''}
      </span>
    </div>
  );
}
