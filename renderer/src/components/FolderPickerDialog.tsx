import { useMemo, useState } from 'react';
import type { FolderInfo } from '../../../shared/domain';
import { mailboxPartNode } from '../lib/folderTree';
import { useActionFlowStore, type FolderPickPurpose } from '../stores/actionFlowStore';
import { useFoldersStore } from '../stores/foldersStore';
import { FolderTree } from './FolderTree';
import { Modal } from './Modal';

const wording: Record<FolderPickPurpose, { title: string; confirm: string }> = {
  move: { title: 'Move to folder', confirm: 'Move here' },
  copy: { title: 'Copy to folder', confirm: 'Copy here' },
  recoverTo: { title: 'Recover to folder', confirm: 'Recover here' },
  recoverFallback: { title: 'Folder for items whose original folder is gone', confirm: 'Use this folder' },
};

export function FolderPickerDialog({ purpose }: { purpose: FolderPickPurpose }) {
  const target = useActionFlowStore((s) => s.target);
  const folderPicked = useActionFlowStore((s) => s.folderPicked);
  const cancel = useActionFlowStore((s) => s.cancel);
  const part = target?.folder.part ?? 'primary';
  const folders = useFoldersStore((s) => s.byPart[part]);
  const [chosen, setChosen] = useState<FolderInfo | undefined>(undefined);
  // Destinations are the visible folders of the same mailbox part; the dumpster is not one.
  const roots = useMemo(() => mailboxPartNode(part, folders ?? [], false).children, [part, folders]);
  const words = wording[purpose];

  return (
    <Modal
      title={words.title}
      onClose={cancel}
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!chosen || chosen.id === target?.folder.id} onClick={() => chosen && folderPicked(chosen)}>
            {words.confirm}
          </button>
        </>
      }
    >
      <p className="muted">{chosen ? `Chosen: ${chosen.displayName}` : 'Choose a folder.'}</p>
      <div className="picker-tree">
        <FolderTree label="Destination folder" roots={roots} selectedId={chosen?.id} onActivate={setChosen} />
      </div>
    </Modal>
  );
}
