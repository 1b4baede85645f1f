import { Fragment, useState } from 'react';
import type { JobState } from '../../../shared/domain';
import { formatCount, formatDate } from '../lib/format';
import { integrityLabel, integrityNote } from '../lib/jobIntegrity';
import { jobDisplayTitle } from '../lib/jobTitle';
import { useFoldersStore } from '../stores/foldersStore';
import { useJobsStore } from '../stores/jobsStore';
import { Modal } from './Modal';
import { UnreadableNote } from './UnreadableNote';
import { jobStateLabel } from './ResultsDialog';

/** States of a job still running in this session: it cannot be removed. */
const LIVE_STATES: ReadonlySet<JobState> = new Set(['planning', 'running', 'paused', 'cancelling']);

export function JobHistoryDialog() {
  const history = useJobsStore((s) => s.history);
  const unreadable = useJobsStore((s) => s.unreadableJobs);
  const titles = useJobsStore((s) => s.titles);
  const notice = useJobsStore((s) => s.notice);
  const byId = useFoldersStore((s) => s.byId);
  const { setHistoryOpen, openReport, resumeInterrupted, deleteJob } = useJobsStore.getState();
  // The job whose removal waits for a second click (it deletes its audit trail from this computer).
  const [confirming, setConfirming] = useState<string | undefined>();
  const close = (): void => setHistoryOpen(false);
  const newestFirst = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Modal
      title="Job history"
      onClose={close}
      size="report"
      actions={
        <button type="button" onClick={close}>
          Close
        </button>
      }
    >
      {notice && <p role="status">{notice}</p>}
      <UnreadableNote entries={unreadable} noun="job" />
      {history.length === 0 && <p>No jobs yet.</p>}
      {history.length > 0 && (
        <div className="report-scroll">
          <table className="plain-table fixed-table history-table" aria-label="Jobs">
            <colgroup>
              <col />
              <col className="col-state" />
              <col className="col-count" />
              <col className="col-count" />
              <col className="col-started" />
              <col className="col-actions" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col" className="number">
                  Done
                </th>
                <th scope="col" className="number">
                  Failed
                </th>
                <th scope="col">Started</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((job) => {
                const title = jobDisplayTitle(job, titles[job.jobId], byId) ?? job.title;
                return (
                  <Fragment key={job.jobId}>
                    <tr>
                      <td title={title}>
                        <span className="clamp-2">{title}</span>
                      </td>
                      <td>
                        {jobStateLabel(job)}
                        {job.integrity && <span className={`integrity-badge integrity-${job.integrity.status}`}>{integrityLabel(job.integrity)}</span>}
                      </td>
                      <td className="number">{formatCount(job.counts.done + job.counts.alreadyGone)}</td>
                      <td className="number">{formatCount(job.counts.failed + job.counts.unknown)}</td>
                      <td>{formatDate(job.createdAt)}</td>
                      <td>
                        {confirming === job.jobId ? (
                          <div className="row-actions" role="group" aria-label={`Remove ${title}?`}>
                            <span className="confirm-note">Deletes its journal and audit trail from this computer.</span>
                            <button
                              type="button"
                              className="danger"
                              onClick={() => {
                                setConfirming(undefined);
                                void deleteJob(job.jobId);
                              }}
                            >
                              Remove
                            </button>
                            {/* Focus lands on the safe choice (the button clicked is gone). */}
                            <button type="button" autoFocus onClick={() => setConfirming(undefined)}>
                              Keep
                            </button>
                          </div>
                        ) : (
                          <div className="row-actions">
                            {job.resumable && (
                              <button type="button" className="primary" aria-label={`Resume ${title}`} onClick={() => void resumeInterrupted(job.jobId)}>
                                Resume
                              </button>
                            )}
                            <button
                              type="button"
                              aria-label={`Report for ${title}`}
                              onClick={() => {
                                close();
                                openReport(job.jobId);
                              }}
                            >
                              Report
                            </button>
                            {!LIVE_STATES.has(job.state) && (
                              <button type="button" aria-label={`Remove ${title} from the history`} onClick={() => setConfirming(job.jobId)}>
                                Remove
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    </tr>
                    {/* A journal that failed its checks: what was found and what is still trusted. */}
                    {job.integrity && (
                      <tr className="integrity-row">
                        <td colSpan={6} role="note">
                          {integrityNote(job.integrity)}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
