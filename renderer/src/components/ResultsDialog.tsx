// A finished job's per-item report: failures and unknowns, with retry and CSV export.
import { useCallback, useEffect, useState } from 'react';
import type { ItemReportRow } from '../../../shared/domain';
import type { JobSummary } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { formatCount } from '../lib/format';
import { jobDisplayTitle } from '../lib/jobTitle';
import { useFoldersStore } from '../stores/foldersStore';
import { useJobsStore } from '../stores/jobsStore';
import { Modal } from './Modal';
import { OutcomeCountList, outcomeLabels } from './ProgressPanel';

const PAGE = 200;

export function ResultsDialog({ jobId }: { jobId: string }) {
  const { openReport, retryFailed, exportReport } = useJobsStore.getState();
  const summary = useJobsStore((s) => s.history.find((j) => j.jobId === jobId));
  const progress = useJobsStore((s) => s.progress[jobId]);
  const notice = useJobsStore((s) => s.notice);
  const sessionTitle = useJobsStore((s) => s.titles[jobId]);
  const byId = useFoldersStore((s) => s.byId);
  const title = jobDisplayTitle(summary, sessionTitle, byId);
  const [rows, setRows] = useState<ItemReportRow[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(
    async (offset: number) => {
      try {
        const page = await sweeper().jobReport({ jobId, outcomes: ['failed', 'unknown'], offset, max: PAGE });
        setRows((current) => (offset === 0 ? page.rows : [...current, ...page.rows]));
        setTotal(page.total);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [jobId],
  );
  useEffect(() => {
    void load(0);
  }, [load]);

  const counts = summary?.counts ?? (progress && progress.kind !== 'planning' ? progress.counts : undefined);
  const retryable = (counts?.failed ?? 0) + (counts?.unknown ?? 0) > 0 || (total ?? 0) > 0;
  const close = (): void => openReport(undefined);

  return (
    <Modal
      title={`Report: ${title ?? 'job'}`}
      onClose={close}
      size="report"
      actions={
        <>
          <button type="button" onClick={() => void exportReport(jobId)}>
            Export report (CSV)
          </button>
          <button type="button" className="primary" disabled={!retryable} onClick={() => void retryFailed(jobId)}>
            Retry failed
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
        </>
      }
    >
      {counts && <OutcomeCountList counts={counts} />}
      {notice && <p role="status">{notice}</p>}
      {error && <p role="alert">Could not load the report: {error}</p>}
      {total === 0 && <p>No failures and nothing unknown.</p>}
      {rows.length > 0 && (
        <div className="report-scroll">
          <table className="plain-table fixed-table report-table" aria-label="Failed and unknown items">
            <colgroup>
              <col className="col-subject" />
              <col className="col-folder" />
              <col className="col-outcome" />
              <col className="col-code" />
              <col className="col-message" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Folder</th>
                <th scope="col">Outcome</th>
                <th scope="col">Code</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.id}:${row.at}`}>
                  {row.subject ? (
                    <td className="clip" title={row.subject}>
                      {row.subject}
                    </td>
                  ) : (
                    <td className="clip muted no-subject">(no subject)</td>
                  )}
                  {row.folder ? (
                    // Clipped at the start: the end of a path names the folder itself.
                    <td className="clip clip-start" title={row.folder}>
                      <bdi>{row.folder}</bdi>
                    </td>
                  ) : (
                    <td className="clip muted" title="The job did not record which folder this item was in">
                      (not recorded)
                    </td>
                  )}
                  <td className="clip">{outcomeLabels[row.outcome]}</td>
                  <td className="clip" title={row.code}>
                    {row.code && <code>{row.code}</code>}
                  </td>
                  <td title={row.message}>
                    <span className="clamp-3">{row.message ?? ''}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total !== undefined && rows.length < total && (
        <button type="button" onClick={() => void load(rows.length)}>
          Show more ({formatCount(total - rows.length)} left)
        </button>
      )}
    </Modal>
  );
}

export function jobStateLabel(job: JobSummary): string {
  return job.state === 'interrupted' ? 'Interrupted' : job.state.charAt(0).toUpperCase() + job.state.slice(1);
}
