// The job over many mailboxes as it runs and once it ended: overall progress, one row per mailbox,
// the items not done with their mailbox and reason (a page at a time), CSV export and retry of what
// failed; a job a quit cut short says so and offers Resume.
import type { MailboxJobState } from '../../../shared/domain';
import { formatCount, formatDuration, plural } from '../lib/format';
import { multiJobStateLabels, neighbourPage, reportRange } from '../lib/multiJobList';
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
  const resume = useMultiMailboxStore((s) => s.resumeJob);
  const reportPage = useMultiMailboxStore((s) => s.reportPage);
  if (!job) return null;
  const p = job.progress;
  const ended = job.summary !== undefined;
  const counts = job.summary?.counts ?? p?.counts;
  const total = job.summary?.total ?? p?.total ?? 0;
  const settled = counts ? counts.done + counts.alreadyGone + counts.failed + counts.unknown + counts.notAttempted : 0;
  const mailboxes = Object.values(job.mailboxes);
  const state = job.summary?.state ?? p?.state ?? 'running';
  const interrupted = ended && state === 'interrupted' && job.summary?.resumable === true;
  const report = job.report;
  const previous = report === undefined ? undefined : neighbourPage(report.offset, report.total, 'previous');
  const next = report === undefined ? undefined : neighbourPage(report.offset, report.total, 'next');
  const range = report === undefined ? undefined : reportRange(report.offset, report.rows.length, report.total);

  return (
    <section aria-label="Many-mailbox job" className="multi-job">
      <h3>{job.summary?.title ?? 'Job over many mailboxes'}</h3>
      <progress aria-label="Job progress over all mailboxes" max={Math.max(1, total)} value={settled} />
      <p role="status">
        {interrupted ? 'Interrupted (the app was closed): ' : ended ? `Finished (${multiJobStateLabels[state].toLowerCase()}): ` : 'Running: '}
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
      {report && report.total > 0 && (
        <table className="plain-table" aria-label="Items not done" aria-busy={report.loading === true}>
          <caption>
            {plural(report.total, 'item')} not done{range === undefined ? '' : ` — ${range}`}
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
            {report.rows.map((r) => (
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
      {report && (previous !== undefined || next !== undefined) && (
        <div className="multi-nav" role="group" aria-label="Pages of items not done">
          <button
            type="button"
            disabled={previous === undefined || report.loading === true}
            onClick={() => previous !== undefined && void reportPage(previous)}
          >
            Previous page
          </button>
          <button type="button" disabled={next === undefined || report.loading === true} onClick={() => next !== undefined && void reportPage(next)}>
            Next page
          </button>
        </div>
      )}
      <div className="multi-nav">
        {!ended && (
          <button type="button" onClick={() => void cancel()}>
            Cancel job
          </button>
        )}
        {interrupted && (
          <button type="button" className="primary" onClick={() => void resume(job.multiJobId)}>
            Resume
          </button>
        )}
        {ended && (
          <>
            <button type="button" onClick={() => void exportReport()}>
              Export CSV
            </button>
            {!interrupted && (
              <button type="button" disabled={(counts?.failed ?? 0) + (counts?.unknown ?? 0) + (counts?.notAttempted ?? 0) === 0} onClick={() => void retry()}>
                Retry failed
              </button>
            )}
            <button type="button" onClick={startOver}>
              New search
            </button>
          </>
        )}
      </div>
    </section>
  );
}
