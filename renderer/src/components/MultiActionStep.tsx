// Step 3 of "Many mailboxes": what to do with every hit, confirmed as one mailbox's job is (a
// permanent delete says it cannot be undone and needs the count typed; a collect names the mailbox
// and folder that receive the copies), then the job itself.
import { useState } from 'react';
import type { DeleteMode, MultiJobAction } from '../../../shared/domain';
import { MULTI_FOLDER_NAMES, type MultiFolderName } from '../../../shared/multiIpc';
import { formatSize, plural } from '../lib/format';
import { actionLabel, actionProblem, collectLeavesOut, folderLabels, needsTypedCount, previewTotals, typedCountMatches } from '../lib/multiMailbox';
import { useMultiMailboxStore } from '../stores/multiMailboxStore';
import { MultiJobView } from './MultiJobView';

const deletes: { mode: DeleteMode; label: string }[] = [
  { mode: 'SoftDelete', label: 'Soft delete (to Recoverable Items)' },
  { mode: 'MoveToDeletedItems', label: 'Delete (to Deleted Items)' },
  { mode: 'HardDelete', label: 'Hard delete (permanently)' },
];

function FolderSelect({ label, value, onChange }: { label: string; value: string; onChange: (name: MultiFolderName) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as MultiFolderName)}>
      {MULTI_FOLDER_NAMES.map((n) => (
        <option key={n} value={n}>
          {folderLabels[n]}
        </option>
      ))}
    </select>
  );
}

export function MultiActionStep() {
  const search = useMultiMailboxStore((s) => s.search);
  const action = useMultiMailboxStore((s) => s.action);
  const setAction = useMultiMailboxStore((s) => s.setAction);
  const startJob = useMultiMailboxStore((s) => s.startJob);
  const job = useMultiMailboxStore((s) => s.job);
  const goTo = useMultiMailboxStore((s) => s.goTo);
  const [typed, setTyped] = useState('');
  const [starting, setStarting] = useState(false);
  if (job) return <MultiJobView />;
  const totals = previewTotals(search?.rows ?? []);
  const typedOk = !needsTypedCount(action) || typedCountMatches(typed, totals.hits);
  const problem = actionProblem(action);
  const leftOut = collectLeavesOut(
    action,
    (search?.rows ?? []).filter((r) => r.hits > 0).map((r) => r.mailbox),
  );
  const choose = (next: MultiJobAction): void => {
    setAction(next);
    setTyped('');
  };
  const permanent = action.kind === 'delete' && action.mode === 'HardDelete';
  const what = `${plural(totals.hits, 'item')} in ${plural(totals.withHits, 'mailbox', 'mailboxes')}`;

  return (
    <section aria-label="Step 3: action" className="multi-step">
      <p className="summary-line">
        <strong>{what}</strong>, {formatSize(totals.totalSize)} in total, as the preview found them.
      </p>
      <fieldset>
        <legend>Action</legend>
        {deletes.map((d) => (
          <label key={d.mode} className="inline">
            <input
              type="radio"
              name="multi-action"
              checked={action.kind === 'delete' && action.mode === d.mode}
              onChange={() => choose({ kind: 'delete', mode: d.mode })}
            />
            {d.label}
          </label>
        ))}
        <label className="inline">
          <input type="radio" name="multi-action" checked={action.kind === 'move'} onChange={() => choose({ kind: 'move', toFolder: 'junkemail' })} />
          Move to a folder
        </label>
        {action.kind === 'move' && <FolderSelect label="Move to" value={action.toFolder} onChange={(toFolder) => choose({ kind: 'move', toFolder })} />}
        <label className="inline">
          <input type="radio" name="multi-action" checked={action.kind === 'recover'} onChange={() => choose({ kind: 'recover', fallbackFolder: 'inbox' })} />
          Recover to their original folders
        </label>
        {action.kind === 'recover' && (
          <FolderSelect
            label="When the original folder is gone"
            value={action.fallbackFolder}
            onChange={(fallbackFolder) => choose({ kind: 'recover', fallbackFolder })}
          />
        )}
        <label className="inline">
          <input
            type="radio"
            name="multi-action"
            checked={action.kind === 'collect'}
            onChange={() => choose({ kind: 'collect', mailbox: '', folder: 'Evidence' })}
          />
          Copy into a folder of another mailbox (evidence)
        </label>
        {action.kind === 'collect' && (
          <div className="collect-fields">
            <label>
              Collection mailbox
              <input
                type="email"
                value={action.mailbox}
                placeholder="discovery@contoso.com"
                autoComplete="off"
                onChange={(e) => setAction({ ...action, mailbox: e.target.value })}
              />
            </label>
            <label>
              Collection folder
              <input value={action.folder} autoComplete="off" onChange={(e) => setAction({ ...action, folder: e.target.value })} />
            </label>
            <p className="hint">
              Each mailbox's hits are copied into a subfolder named after it (made if missing, at the top of the collection mailbox). The originals stay where
              they are. The account needs Full Access to every mailbox, the collection mailbox included.
            </p>
          </div>
        )}
      </fieldset>
      {action.kind === 'collect' && problem && (
        <p className="hint" role="note">
          {problem}
        </p>
      )}
      {leftOut && (
        <p className="warning" role="note">
          {leftOut} is the collection mailbox: it is not searched, so its own hits are not copied.
        </p>
      )}
      {totals.notSearched > 0 && (
        <p className="warning" role="note">
          {plural(totals.notSearched, 'mailbox', 'mailboxes')} could not be searched and are left out (see the preview).
        </p>
      )}
      {permanent && (
        <div className="warning" role="note">
          <strong>This cannot be undone</strong> where Exchange purges the items: not even Recoverable Items keeps them, unless a hold or single item recovery
          does.
        </div>
      )}
      {needsTypedCount(action) && (
        <label>
          Type {totals.hits} to confirm
          <input inputMode="numeric" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </label>
      )}
      <div className="multi-nav">
        <button type="button" onClick={() => goTo(2)}>
          Back: preview
        </button>
        <button
          type="button"
          className={permanent ? 'danger' : 'primary'}
          disabled={!typedOk || problem !== undefined || starting || totals.hits === 0}
          onClick={() => {
            setStarting(true);
            void startJob().finally(() => setStarting(false));
          }}
        >
          {actionLabel(action)} {what}
        </button>
      </div>
    </section>
  );
}
