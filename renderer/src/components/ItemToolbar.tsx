// The item actions as an ARIA toolbar: one tab stop, arrow keys (and Home/End) move between the
// enabled buttons, so Tab goes from the toolbar straight to the filter.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { FolderInfo } from '../../../shared/domain';
import { formatCount } from '../lib/format';
import { isInDeletedItems } from '../lib/deletedFolders';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { useFoldersStore } from '../stores/foldersStore';
import { useItemsStore } from '../stores/itemsStore';
import { selectedCount, useSelectionStore } from '../stores/selectionStore';
import { useItemActions } from './useItemActions';

interface ToolbarButton {
  key: string;
  label: string;
  enabled: boolean;
  run: () => void;
  danger?: boolean;
  shortcut?: string;
  /** A separator goes before this button. */
  groupStart?: boolean;
}

export function ItemToolbar({ folder }: { folder: FolderInfo }) {
  const actions = useItemActions();
  const selection = useSelectionStore((s) => s.selection);
  const total = useItemsStore((s) => s.total ?? 0);
  const beginEmptyFolder = useActionFlowStore((s) => s.beginEmptyFolder);
  const beginDeleteFolder = useActionFlowStore((s) => s.beginDeleteFolder);
  const beginRestoreFolder = useActionFlowStore((s) => s.beginRestoreFolder);
  // A folder deleted to Deleted Items can be moved back out (with its subfolders).
  const restorable = useFoldersStore((s) => isInDeletedItems(folder, s.byId));
  const count = selectedCount(selection, total);
  // Well-known folders (Inbox, Deletions, …) cannot be deleted.
  const deletable = folder.distinguishedId === undefined && folder.area === 'ipm';
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const buttons: ToolbarButton[] = [
    ...actions.map((action) => ({
      key: action.id,
      label: action.label,
      enabled: action.enabled,
      run: action.run,
      danger: action.id === 'HardDelete',
      shortcut: action.shortcut === 'Del' ? 'Delete' : action.shortcut === 'Shift+Del' ? 'Shift+Delete' : undefined,
    })),
    { key: 'emptyFolder', label: 'Empty folder…', enabled: !(folder.totalCount === 0 && total === 0), run: () => beginEmptyFolder(folder), groupStart: true },
    { key: 'deleteFolder', label: 'Delete folder…', enabled: deletable, run: () => beginDeleteFolder(folder) },
    { key: 'restoreFolder', label: 'Restore folder…', enabled: restorable, run: () => beginRestoreFolder(folder) },
  ];
  const enabled = buttons.filter((b) => b.enabled);
  // The tab stop: the button last moved to while it is still enabled, else the first enabled one.
  const tabStop = enabled.find((b) => b.key === current)?.key ?? enabled[0]?.key;

  const moveTo = (button: ToolbarButton | undefined): void => {
    if (!button) return;
    setCurrent(button.key);
    refs.current.get(button.key)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = enabled.findIndex((b) => refs.current.get(b.key) === document.activeElement);
    if (at < 0 || enabled.length === 0) return;
    if (event.key === 'ArrowRight') moveTo(enabled[(at + 1) % enabled.length]);
    else if (event.key === 'ArrowLeft') moveTo(enabled[(at - 1 + enabled.length) % enabled.length]);
    else if (event.key === 'Home') moveTo(enabled[0]);
    else if (event.key === 'End') moveTo(enabled[enabled.length - 1]);
    else return;
    event.preventDefault();
  };

  return (
    <div role="toolbar" aria-label="Item actions" aria-orientation="horizontal" className="toolbar" onKeyDown={onKeyDown}>
      {buttons.map((button) => (
        <span key={button.key} className="toolbar-slot">
          {button.groupStart && <span className="toolbar-separator" aria-hidden="true" />}
          <button
            ref={(el) => {
              if (el) refs.current.set(button.key, el);
              else refs.current.delete(button.key);
            }}
            type="button"
            disabled={!button.enabled}
            tabIndex={button.key === tabStop ? 0 : -1}
            onClick={button.run}
            onFocus={() => setCurrent(button.key)}
            className={button.danger ? 'danger' : undefined}
            aria-keyshortcuts={button.shortcut}
          >
            {button.label}
          </button>
        </span>
      ))}
      <span className="toolbar-status" aria-live="polite">
        {count > 0 ? `${formatCount(count)} selected` : ''}
      </span>
    </div>
  );
}
