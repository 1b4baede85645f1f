import { useState } from 'react';
import { plural } from '../lib/format';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { Modal } from './Modal';

type RecoverChoice = 'homeOrInbox' | 'homeOrChosen' | 'inbox' | 'chosen';

const choices: { value: RecoverChoice; label: string; detail: string }[] = [
  { value: 'homeOrInbox', label: 'To their original folders', detail: 'Items whose folder no longer exists go to the Inbox.' },
  { value: 'homeOrChosen', label: 'To their original folders, others to a folder I choose', detail: 'You pick the folder for items whose folder is gone.' },
  { value: 'inbox', label: 'All to the Inbox', detail: '' },
  { value: 'chosen', label: 'All to a folder I choose', detail: '' },
];

export function RecoverDialog() {
  const target = useActionFlowStore((s) => s.target);
  const recoverHome = useActionFlowStore((s) => s.recoverHome);
  const recoverToFolder = useActionFlowStore((s) => s.recoverToFolder);
  const cancel = useActionFlowStore((s) => s.cancel);
  const [choice, setChoice] = useState<RecoverChoice>('homeOrInbox');

  const next = (): void => {
    if (choice === 'homeOrInbox') recoverHome('inbox');
    else if (choice === 'homeOrChosen') recoverHome('choose');
    else recoverToFolder(choice === 'inbox' ? 'inbox' : 'choose');
  };

  return (
    <Modal
      title={`Recover ${plural(target?.count ?? 0, 'item')}`}
      onClose={cancel}
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={next}>
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
    </Modal>
  );
}
