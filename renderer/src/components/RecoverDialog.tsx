import { useState } from 'react';
import type { RecoverOrphanPolicy } from '../../../shared/domain';
import { plural } from '../lib/format';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { useFoldersStore } from '../stores/foldersStore';
import { Modal } from './Modal';
import { defaultFolderName, folderNameProblem, RecoverOrphans, ROOT_PARENT, type OrphanChoice } from './RecoverOrphans';

type RecoverChoice = 'homeOrInbox' | 'homeOrChosen' | 'inbox' | 'chosen';

const choices: { value: RecoverChoice; label: string; detail: string }[] = [
  { value: 'homeOrInbox', label: 'To their original folders', detail: 'Items whose folder no longer exists go to the Inbox.' },
  { value: 'homeOrChosen', label: 'To their original folders, others to a folder I choose', detail: 'You pick the folder for items whose folder is gone.' },
  { value: 'inbox', label: 'All to the Inbox', detail: '' },
  { value: 'chosen', label: 'All to a folder I choose', detail: '' },
];

export function RecoverDialog() {
  const target = useActionFlowStore((s) => s.target);
  const flow = useActionFlowStore((s) => s.flow);
  const recoverHome = useActionFlowStore((s) => s.recoverHome);
  const recoverToFolder = useActionFlowStore((s) => s.recoverToFolder);
  const cancel = useActionFlowStore((s) => s.cancel);
  const folders = useFoldersStore((s) => s.byPart[target?.folder.part ?? 'primary']) ?? [];
  const [choice, setChoice] = useState<RecoverChoice>('homeOrInbox');
  const [orphanChoice, setOrphanChoice] = useState<OrphanChoice>('fallback');
  const [edited, setEdited] = useState<Record<number, string>>({});
  const [parentId, setParentId] = useState(ROOT_PARENT);

  const survey = flow.step === 'recoverOptions' ? flow.survey : undefined;
  const surveyError = flow.step === 'recoverOptions' ? flow.surveyError : undefined;
  const groups = survey?.orphanGroups ?? [];
  const deleted = groups.filter((g) => g.lastActiveParentEntryId !== undefined);
  const names = deleted.map((g, i) => edited[i] ?? defaultFolderName(i, g));
  const toHome = choice === 'homeOrInbox' || choice === 'homeOrChosen';
  const useNewFolders = toHome && orphanChoice === 'newFolders' && deleted.length > 0;
  const problem = useNewFolders ? names.map(folderNameProblem).find((p) => p !== undefined) : undefined;

  const next = (): void => {
    if (!toHome) return recoverToFolder(choice === 'inbox' ? 'inbox' : 'choose');
    const orphans: RecoverOrphanPolicy | undefined = useNewFolders
      ? {
          kind: 'newFolders',
          parentFolderId: parentId,
          names: deleted.map((g, i) => ({ lastActiveParentEntryId: g.lastActiveParentEntryId ?? '', displayName: (names[i] ?? '').trim() })),
        }
      : undefined;
    recoverHome(choice === 'homeOrInbox' ? 'inbox' : 'choose', orphans);
  };

  return (
    <Modal
      title={`Recover ${plural(target?.count ?? 0, 'item')}`}
      onClose={cancel}
      wide
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={problem !== undefined} title={problem} onClick={next}>
            Next: preview
          </button>
        </>
      }
    >
      <fieldset className="choice-list">
        <legend>Where should the items go?</legend>
        {choices.map((c) => (
          <label key={c.value} className="choice">
            <input type="radio" name="recover-choice" value={c.value} checked={choice === c.value} onChange={() => setChoice(c.value)} />
            <span>
              {c.label}
              {c.detail && <span className="muted block">{c.detail}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {toHome && !survey && !surveyError && <p aria-busy="true">Looking for items whose folder no longer exists…</p>}
      {toHome && surveyError && <p className="muted">Could not look for items from deleted folders: {surveyError}</p>}
      {toHome && survey && (
        <RecoverOrphans
          groups={groups}
          folders={folders}
          choice={orphanChoice}
          onChoice={setOrphanChoice}
          names={names}
          onName={(i, name) => setEdited((e) => ({ ...e, [i]: name }))}
          parentId={parentId}
          onParent={setParentId}
          fallbackLabel={choice === 'homeOrInbox' ? 'the Inbox' : 'the folder you choose next'}
        />
      )}
      {problem && <p role="alert">Folder names: {problem}.</p>}
    </Modal>
  );
}
