// Earlier jobs over many mailboxes, on the screen's first step: a job cut short by quitting the app
// (or a crash) is listed as interrupted with Resume, which goes on from where its journals stopped;
// any job can be opened to see its progress or its results.
import { formatCount, formatDate, plural } from '../lib/format';
import { interruptedCount, pastJobRows } from '../lib/multiJobList';
import { useMultiMailboxStore } from '../stores/multiMailboxStore';

export function MultiPastJobs() {
  const jobs = useMultiMailboxStore((s) => s.pastJobs);
  const resume = useMultiMailboxStore((s) => s.resumeJob);
  const open = useMultiMailboxStore((s) => s.openJob);
  if (jobs === undefined || jobs.length === 0) return null;
  const waiting = interruptedCount(jobs);
  return (
    <section aria-label="Earlier jobs over many mailboxes" className="multi-past">
      <h3>Earlier jobs</h3>
      {waiting > 0 && (
        <p className="warning" role="note">
          {plural(waiting, 'job')} stopped before the end (the app was closed): resume to finish {waiting === 1 ? 'it' : 'them'}. Items already done are not
          sent again.
        </p>
      )}
      <table className="plain-table" aria-label="Earlier jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Started</th>
            <th scope="col">State</th>
            <th scope="col" className="number">
              Items
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pastJobRows(jobs).map((j) => (
            <tr key={j.multiJobId}>
              <th scope="row">{j.title}</th>
              <td>{formatDate(j.createdAt)}</td>
              <td>{j.state}</td>
              <td className="number">
                {formatCount(j.settled)} of {formatCount(j.total)}
              </td>
              <td>
                {j.canResume && (
                  <button type="button" className="primary" onClick={() => void resume(j.multiJobId)}>
                    Resume
                  </button>
                )}
                <button type="button" onClick={() => void open(j.multiJobId)}>
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
