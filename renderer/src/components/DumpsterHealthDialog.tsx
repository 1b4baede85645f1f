// Dumpster health: Recoverable Items of the open mailbox per part, each folder's items and size,
// a bar against the quota the app assumes, and what EWS shows of single item recovery and holds:
// "known", "likely" (with the evidence) or "cannot tell over EWS" (with the cmdlet to run).
import type { Certainty, DumpsterHealth, DumpsterPartHealth, RetentionFinding } from '../../../shared/domain';
import { formatCount, formatSize } from '../lib/format';
import { useDumpsterHealthStore } from '../stores/dumpsterHealthStore';
import { CopyCommand } from './CopyCommand';
import { Modal } from './Modal';

const CERTAINTY_LABEL: Record<Certainty, string> = { known: 'Known', likely: 'Likely', cannotTell: 'Cannot tell over EWS' };
const STATE_LABEL: Record<DumpsterPartHealth['state'], string> = {
  ok: 'below the warning quota',
  warning: 'past the warning quota',
  full: 'at the limit: deletes into Recoverable Items fail',
};

function QuotaBar({ part }: { part: DumpsterPartHealth }) {
  const { limitBytes, warningBytes } = part.quota;
  const percent = Math.min(100, (part.totalBytes / limitBytes) * 100);
  const warningAt = (warningBytes / limitBytes) * 100;
  return (
    <div
      className={`quota-bar quota-${part.state}`}
      role="meter"
      aria-label={`${part.part === 'archive' ? 'Archive' : 'Primary'} Recoverable Items against the quota`}
      aria-valuemin={0}
      aria-valuemax={limitBytes}
      aria-valuenow={Math.min(part.totalBytes, limitBytes)}
      aria-valuetext={`${formatSize(part.totalBytes)} of ${formatSize(limitBytes)}, ${STATE_LABEL[part.state]}`}
    >
      <span className="quota-fill" style={{ width: `${Math.max(percent, part.totalBytes > 0 ? 0.5 : 0)}%` }} />
      <span className="quota-warning-mark" style={{ left: `${warningAt}%` }} aria-hidden="true" />
    </div>
  );
}

function PartSection({ part }: { part: DumpsterPartHealth }) {
  const title = part.part === 'archive' ? 'Archive mailbox' : 'Primary mailbox';
  return (
    <section aria-label={`${title}: Recoverable Items`} className="dumpster-part">
      <h3>{title}</h3>
      <p className="summary-line">
        <strong>{formatSize(part.totalBytes)}</strong> in {formatCount(part.totalItems)} items, of {formatSize(part.quota.limitBytes)} (
        {STATE_LABEL[part.state]}; warning at {formatSize(part.quota.warningBytes)}).
        {!part.sizeComplete && ' Exchange gave no size for some folders: the total counts the others only.'}
      </p>
      <QuotaBar part={part} />
      <p className="hint">Quota assumed: {part.quota.explanation}</p>
      <table className="plain-table">
        <caption className="visually-hidden">{title}: Recoverable Items folders</caption>
        <thead>
          <tr>
            <th scope="col">Folder</th>
            <th scope="col" className="number">
              Items
            </th>
            <th scope="col" className="number">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {part.folders.map((f, i) => (
            <tr key={f.folderId}>
              <td>{i === 0 ? `${f.displayName} (own items)` : f.displayName}</td>
              <td className="number">{formatCount(f.itemCount)}</td>
              <td className="number">{f.sizeBytes === undefined ? 'not given' : formatSize(f.sizeBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FindingLine({ label, finding, cmdlet }: { label: string; finding: RetentionFinding; cmdlet: string }) {
  const state = finding.certainty === 'cannotTell' ? '' : finding.on ? ': on' : ': off';
  return (
    <li className={`finding finding-${finding.certainty}`}>
      <strong>{label}</strong>{' '}
      <span className="tag">
        {CERTAINTY_LABEL[finding.certainty]}
        {state}
      </span>{' '}
      {finding.evidence}
      {finding.certainty === 'cannotTell' && (
        <>
          {' '}
          To know, run <CopyCommand command={cmdlet} />
        </>
      )}
    </li>
  );
}

function Findings({ health }: { health: DumpsterHealth }) {
  return (
    <section aria-label="Single item recovery and holds">
      <h3>Single item recovery and holds</h3>
      <p className="hint">
        EWS cannot read these mailbox settings; what the dumpster holds is evidence. Known: read over EWS; likely: inferred from that evidence.
      </p>
      <ul className="findings">
        <FindingLine label="Single item recovery or a hold" finding={health.sirOrHold} cmdlet={health.cmdlet} />
        <FindingLine label="A hold (litigation or In-Place)" finding={health.hold} cmdlet={health.cmdlet} />
        <FindingLine label="In-Place Hold" finding={health.inPlaceHold} cmdlet={health.cmdlet} />
        <FindingLine label="Litigation hold" finding={health.litigationHold} cmdlet={health.cmdlet} />
        <FindingLine label="Single item recovery" finding={health.singleItemRecovery} cmdlet={health.cmdlet} />
      </ul>
    </section>
  );
}

export function DumpsterHealthDialog() {
  const { health, error, loading, refresh, hide } = useDumpsterHealthStore();
  return (
    <Modal
      title={`Dumpster health${health ? `: ${health.mailbox}` : ''}`}
      onClose={hide}
      wide
      actions={
        <>
          <button type="button" onClick={() => void refresh()} disabled={loading}>
            {loading ? 'Reading…' : 'Refresh'}
          </button>
          <button type="button" className="primary" onClick={hide}>
            Close
          </button>
        </>
      }
    >
      {loading && !health && <p aria-busy="true">Reading Recoverable Items…</p>}
      {error && <p role="alert">Could not read Recoverable Items: {error}</p>}
      {health && (
        <>
          {health.parts.map((part) => (
            <PartSection key={part.part} part={part} />
          ))}
          <Findings health={health} />
        </>
      )}
    </Modal>
  );
}
