import { useState } from 'react';
import type { DeleteMode, FolderInfo } from '../../../shared/domain';
import type { FolderDeleteMode } from '../../../shared/ipc';
import { deleteModeLabel, plural } from '../lib/format';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { Modal } from './Modal';

export function EmptyFolderDialog({ folder }: { folder: FolderInfo }) {
  const emptyFolder = useActionFlowStore((s) => s.emptyFolder);
  const cancel = useActionFlowStore((s) => s.cancel);
  const [mode, setMode] = useState<DeleteMode>(folder.area === 'recoverable' ? 'HardDelete' : 'MoveToDeletedItems');
  const [subFolders, setSubFolders] = useState(false);
  const modes: DeleteMode[] = folder.area === 'recoverable' ? ['HardDelete'] : ['MoveToDeletedItems', 'SoftDelete', 'HardDelete'];
  return (
    <Modal
      title={`Empty folder ${folder.displayName}`}
      onClose={cancel}
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => emptyFolder(mode, subFolders)}>
            Next: preview
          </button>
        </>
      }
    >
      <p>{plural(folder.totalCount, 'item')} in this folder.</p>
      <fieldset className="choice-list">
        <legend>How should the items be deleted?</legend>
        {modes.map((m) => (
          <label key={m} className="choice">
            <input type="radio" name="empty-mode" checked={mode === m} onChange={() => setMode(m)} />
            {deleteModeLabel[m]}
          </label>
        ))}
      </fieldset>
      {folder.childFolderCount > 0 && (
        <label className="inline">
          <input type="checkbox" checked={subFolders} onChange={(e) => setSubFolders(e.target.checked)} />
          Also delete its {plural(folder.childFolderCount, 'subfolder')}
        </label>
      )}
    </Modal>
  );
}

export function DeleteFolderDialog({ folder }: { folder: FolderInfo }) {
  const deleteFolder = useActionFlowStore((s) => s.deleteFolder);
  const cancel = useActionFlowStore((s) => s.cancel);
  const [mode, setMode] = useState<FolderDeleteMode>('MoveToDeletedItems');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title={`Delete folder ${folder.displayName}`}
      onClose={cancel}
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className={mode === 'HardDelete' ? 'danger' : 'primary'}
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void deleteFolder(mode);
            }}
          >
            {mode === 'HardDelete' ? 'Delete permanently' : 'Move to Deleted Items'}
          </button>
        </>
      }
    >
      <p>
        The folder holds {plural(folder.totalCount, 'item')}
        {folder.childFolderCount > 0 ? ` and ${plural(folder.childFolderCount, 'subfolder')}` : ''}.
      </p>
      <fieldset className="choice-list">
        <legend>How should the folder be deleted?</legend>
        <label className="choice">
          <input type="radio" name="folder-mode" checked={mode === 'MoveToDeletedItems'} onChange={() => setMode('MoveToDeletedItems')} />
          Move to Deleted Items
        </label>
        <label className="choice">
          <input type="radio" name="folder-mode" checked={mode === 'HardDelete'} onChange={() => setMode('HardDelete')} />
          Delete permanently
        </label>
      </fieldset>
      {mode === 'HardDelete' && (
        <div className="warning" role="note">
          <strong>This cannot be undone.</strong> A hard-deleted folder is removed outright with everything in it; it does not go to Recoverable Items.
        </div>
      )}
    </Modal>
  );
}
