import { useActionFlowStore } from '../stores/actionFlowStore';
import { DryRunDialog } from './DryRunDialog';
import { DeleteFolderDialog, EmptyFolderDialog } from './FolderActionDialogs';
import { FolderPickerDialog } from './FolderPickerDialog';
import { RecoverDialog } from './RecoverDialog';
import { RestoreFolderDialog } from './RestoreFolderDialog';

/** Whichever step of the current action needs a dialog. */
export function ActionFlowDialogs() {
  const flow = useActionFlowStore((s) => s.flow);
  switch (flow.step) {
    case 'idle':
      return null;
    case 'pickFolder':
      return <FolderPickerDialog key={flow.purpose} purpose={flow.purpose} />;
    case 'recoverOptions':
      return <RecoverDialog />;
    case 'emptyFolder':
      return <EmptyFolderDialog folder={flow.folder} />;
    case 'deleteFolder':
      return <DeleteFolderDialog folder={flow.folder} />;
    case 'restoreFolder':
      return <RestoreFolderDialog folder={flow.folder} />;
    case 'preview':
      return <DryRunDialog />;
  }
}
