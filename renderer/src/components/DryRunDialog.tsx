// Every job is previewed first: what the dry run says will happen, per destination. A permanent
// delete also says it cannot be undone and, for a large selection, asks for the count to be typed.
import { useState } from 'react';
import type { DryRunSummary, JobAction } from '../../../shared/domain';
import { actionVerb, formatCount, formatSize, plural } from '../lib/format';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { HoldRefusalNotice, PurgeKeptNotice, PurgeKeptText } from './HoldRefusalNotice';
import { Modal } from './Modal';

/** Above this many items a permanent delete needs the count typed, not just a click. */
export const TYPED_CONFIRMATION_THRESHOLD = 100;

function isPermanent(action: JobAction): boolean {
  return (action.kind === 'delete' || action.kind === 'emptyFolder') && action.mode === 'HardDelete';
}

function RecoverBreakdown({ summary }: { summary: DryRunSummary }) {
  const made = summary.byDestination.filter((d) => d.newFolder);
  const madeCount = made.reduce((n, d) => n + d.itemCount, 0);
  const home = summary.byDestination.filter((d) => !d.fallback && !d.newFolder).reduce((n, d) => n + d.itemCount, 0);
  const fallback = summary.byDestination.filter((d) => d.fallback);
  const fallbackCount = fallback.reduce((n, d) => n + d.itemCount, 0);
  return (
    <p>
      {plural(home, 'item')} go back to their original folders
      {madeCount > 0 &&
        `; ${plural(madeCount, 'item')} from deleted folders go into ${plural(made.length, 'new folder')} (${made.map((d) => d.displayName).join(', ')})`}
      {fallbackCount > 0 &&
        `; ${plural(fallbackCount, 'item')} go to ${fallback.map((d) => d.displayName).join(', ')} because their original folder no longer exists`}
      .
    </p>
  );
}

export function DryRunDialog() {
  const flow = useActionFlowStore((s) => s.flow);
  const confirm = useActionFlowStore((s) => s.confirm);
  const cancel = useActionFlowStore((s) => s.cancel);
  const [typed, setTyped] = useState('');
  const [leaveOutHeld, setLeaveOutHeld] = useState(false);
  if (flow.step !== 'preview') return null;
  const { summary, spec, error, title, starting } = flow;
  const permanent = spec !== undefined && isPermanent(spec.action);
  const needsTypedCount = permanent && summary !== undefined && summary.itemCount > TYPED_CONFIRMATION_THRESHOLD;
  const typedOk = !needsTypedCount || typed.replace(/[\s,.]/g, '') === String(summary?.itemCount);
  // Every item of a job sits in one folder, so leaving the refused ones out leaves nothing to run.
  const nothingLeft = leaveOutHeld && summary?.holdRefusal !== undefined && summary.holdRefusal.itemCount >= summary.itemCount;
  const canRun = summary !== undefined && spec !== undefined && summary.itemCount > 0 && typedOk && !starting && !nothingLeft;
  const confirmLabel =
    spec && summary ? `${actionVerb(spec.action)} ${spec.action.kind === 'emptyFolder' ? 'folder' : plural(summary.itemCount, 'item')}` : 'Run';

  return (
    <Modal
      title={`Preview: ${title}`}
      onClose={cancel}
      wide
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className={permanent ? 'danger' : 'primary'} disabled={!canRun} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {!summary && !error && <p aria-busy="true">Working out what would happen (dry run)…</p>}
      {error && <p role="alert">The dry run failed: {error}</p>}
      {summary && (
        <section aria-label="Dry-run summary">
          <p className="summary-line">
            <strong>{plural(summary.itemCount, 'item')}</strong>, {formatSize(summary.totalSize)} in total.
          </p>
          {summary.action === 'recover' && <RecoverBreakdown summary={summary} />}
          {summary.byDestination.length > 0 && (
            <table className="plain-table">
              <caption className="visually-hidden">Items per destination</caption>
              <thead>
                <tr>
                  <th scope="col">Destination</th>
                  <th scope="col" className="number">
                    Items
                  </th>
                  <th scope="col" className="number">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.byDestination.map((d) => (
                  <tr key={`${d.folderId}:${d.fallback ? 'fallback' : 'home'}:${d.newFolder ? d.displayName : ''}`}>
                    <td>
                      {d.displayName}
                      {d.fallback && <span className="tag">original folder gone</span>}
                      {d.newFolder && <span className="tag">new folder</span>}
                    </td>
                    <td className="number">{formatCount(d.itemCount)}</td>
                    <td className="number">{formatSize(d.totalSize)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {summary.holdRefusal && (
            <HoldRefusalNotice refusal={summary.holdRefusal} jobItems={summary.itemCount} leaveOut={leaveOutHeld} onLeaveOut={setLeaveOutHeld} />
          )}
          {summary.purgeKept && !permanent && <PurgeKeptNotice kept={summary.purgeKept} />}
          {permanent && (
            <div className="warning" role="note">
              {summary.holdRefusal ? (
                <>
                  <strong>What Exchange does purge for good cannot be undone.</strong> If no hold or single item recovery keeps them, not even Recoverable Items
                  keeps the items.
                </>
              ) : summary.purgeKept ? (
                <>
                  <strong>This cannot be undone</strong> where Exchange purges the items for good. <PurgeKeptText kept={summary.purgeKept} />
                </>
              ) : (
                <>
                  <strong>This cannot be undone.</strong> The items are purged permanently; not even Recoverable Items keeps them.
                </>
              )}
            </div>
          )}
          {needsTypedCount && (
            <label>
              Type {summary.itemCount} to confirm
              <input inputMode="numeric" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
            </label>
          )}
        </section>
      )}
    </Modal>
  );
}
