// The job over many mailboxes as it runs and once it ended: overall progress, one row per mailbox,
// the items not done with their mailbox and reason, CSV export and retry of what failed.
import type { MailboxJobState } from '../../../shared/domain';
import { formatCount, formatDuration, plural } from '../lib/format';
import { useMultiMailboxStore } from '../stores/multiMailboxStore';
import { OutcomeCountList, outcomeLabels } from './ProgressPanel';

const stateLabels: Record<MailboxJobState, string> = {
  pending: 'Waiting',
  connecting: 'Opening',
  searching: 'Searching',
  running: 'Running',
  done: 'Done',
  unreachable: 'Unreachable',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function MultiJobView() {
  const job = useMultiMailboxStore((s) => s.job);
  const cancel = useMultiMailboxStore((s) => s.cancelJob);
  const retry = useMultiMailboxStore((s) => s.retryFailed);
  const exportReport = useMultiMailboxStore((s) => s.exportReport);
  const startOver = useMultiMailboxStore((s) => s.startOver);
  if (!job) return null;
  const p = job.progress;
  const ended = job.summary !== undefined;
  const counts = job.summary?.counts ?? p?.counts;
  const total = job.summary?.total ?? p?.total ?? 0;
  const settled = counts ? counts.done + counts.alreadyGone + counts.failed + counts.unknown + counts.notAttempted : 0;
  const mailboxes = Object.values(job.mailboxes);
  const state = job.summary?.state ?? p?.state ?? 'running';

  return (
    <section aria-label="Many-mailbox job" className="multi-job">
      <h3>{job.summary?.title ?? 'Job over many mailboxes'}</h3>
      <progress aria-label="Job progress over all mailboxes" max={Math.max(1, total)} value={settled} />
      <p role="status">
        {ended ? `Finished (${state}): ` : 'Running: '}
        {formatCount(settled)} of {plural(total, 'item')}; {formatCount(p?.mailboxesDone ?? mailboxes.length)} of{' '}
        {plural(p?.mailboxesTotal ?? mailboxes.length, 'mailbox', 'mailboxes')} done
        {!ended && p?.etaSeconds !== undefined ? `, about ${formatDuration(p.etaSeconds)} left` : ''}
      </p>
      {counts && <OutcomeCountList counts={counts} />}
      <table className="plain-table" aria-label="Progress per mailbox">
        <thead>
          <tr>
            <th scope="col">Mailbox</th>
            <th scope="col">State</th>
            <th scope="col" className="number">
              Done
            </th>
            <th scope="col" className="number">
              Failed
            </th>
            <th scope="col" className="number">
              Items
            </th>
          </tr>
        </thead>
        <tbody>
          {mailboxes.map((m) => (
            <tr key={m.mailbox}>
              <th scope="row">{m.mailbox}</th>
              <td>
                {stateLabels[m.state]}
                {m.reason && <div className="hint">{m.reason}</div>}
              </td>
              <td className="number">{formatCount(m.counts.done + m.counts.alreadyGone)}</td>
              <td className="number">{formatCount(m.counts.failed + m.counts.unknown)}</td>
              <td className="number">{formatCount(m.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {job.report && job.report.total > 0 && (
        <table className="plain-table" aria-label="Items not done">
          <caption>
            {plural(job.report.total, 'item')} not done{job.report.rows.length < job.report.total ? ` (first ${job.report.rows.length}; the CSV has all)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Mailbox</th>
              <th scope="col">Subject</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {job.report.rows.map((r) => (
              <tr key={`${r.jobId}:${r.itemId}`}>
                <td>{r.mailbox}</td>
                <td>{r.subject}</td>
                <td>{outcomeLabels[r.outcome]}</td>
                <td>{[r.code, r.message].filter(Boolean).join(': ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="multi-nav">
        {!ended && (
          <button type="button" onClick={() => void cancel()}>
            Cancel job
          </button>
        )}
        {ended && (
          <>
            <button type="button" onClick={() => void exportReport()}>
              Export CSV
            </button>
            <button type="button" disabled={(counts?.failed ?? 0) + (counts?.unknown ?? 0) + (counts?.notAttempted ?? 0) === 0} onClick={() => void retry()}>
              Retry failed
            </button>
            <button type="button" onClick={startOver}>
              New search
            </button>
          </>
        )}
      </div>
    </section>
  );
}
