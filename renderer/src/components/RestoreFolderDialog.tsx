// "Restore folder…" for a folder in Deleted Items: back under the top of the mailbox or under a
// folder the admin picks, with its items and subfolders (one MoveFolder).
import { useMemo, useState } from 'react';
import type { FolderInfo } from '../../../shared/domain';
import { restoreDestinations } from '../lib/deletedFolders';
import { mailboxPartNode } from '../lib/folderTree';
import { plural } from '../lib/format';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { useFoldersStore } from '../stores/foldersStore';
import { FolderTree } from './FolderTree';
import { Modal } from './Modal';

export function RestoreFolderDialog({ folder }: { folder: FolderInfo }) {
  const restoreFolder = useActionFlowStore((s) => s.restoreFolder);
  const cancel = useActionFlowStore((s) => s.cancel);
  const folders = useFoldersStore((s) => s.byPart[folder.part]);
  const [where, setWhere] = useState<'top' | 'chosen'>('top');
  const [chosen, setChosen] = useState<FolderInfo | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const roots = useMemo(() => mailboxPartNode(folder.part, restoreDestinations(folders ?? [], folder), false).children, [folder, folders]);
  const ready = where === 'top' || chosen !== undefined;

  return (
    <Modal
      title={`Restore folder ${folder.displayName}`}
      onClose={cancel}
      wide
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!ready || busy}
            onClick={() => {
              setBusy(true);
              void restoreFolder(where === 'top' ? 'msgfolderroot' : (chosen?.id ?? ''));
            }}
          >
            Restore folder
          </button>
        </>
      }
    >
      <p>
        Moves the folder out of Deleted Items with its {plural(folder.totalCount, 'item')}
        {folder.childFolderCount > 0 ? ` and ${plural(folder.childFolderCount, 'subfolder')}` : ''}.
      </p>
      <fieldset className="choice-list">
        <legend>Where should the folder go?</legend>
        <label className="choice">
          <input type="radio" name="restore-where" checked={where === 'top'} onChange={() => setWhere('top')} />
          To the top of the mailbox (beside the Inbox)
        </label>
        <label className="choice">
          <input type="radio" name="restore-where" checked={where === 'chosen'} onChange={() => setWhere('chosen')} />
          Into a folder I choose{chosen ? `: ${chosen.displayName}` : ''}
        </label>
      </fieldset>
      {where === 'chosen' && (
        <div className="picker-tree">
          <FolderTree label="Destination folder" roots={roots} selectedId={chosen?.id} onActivate={setChosen} />
        </div>
      )}
    </Modal>
  );
}
