// A finished job's per-item report: failures and unknowns, with retry and CSV export.
import { useCallback, useEffect, useState } from 'react';
import type { ItemReportRow, JobSummary } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { formatCount } from '../lib/format';
import { useJobsStore } from '../stores/jobsStore';
import { Modal } from './Modal';
import { OutcomeCountList, outcomeLabels } from './ProgressPanel';

const PAGE = 200;

export function ResultsDialog({ jobId }: { jobId: string }) {
  const { openReport, retryFailed, exportReport } = useJobsStore.getState();
  const summary = useJobsStore((s) => s.history.find((j) => j.jobId === jobId));
  const progress = useJobsStore((s) => s.progress[jobId]);
  const notice = useJobsStore((s) => s.notice);
  const title = useJobsStore((s) => s.titles[jobId]);
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
      title={`Report: ${title ?? summary?.title ?? 'job'}`}
      onClose={close}
      wide
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
          <table className="plain-table" aria-label="Failed and unknown items">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Folder</th>
                <th scope="col">Outcome</th>
                <th scope="col">Code</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.id}:${row.at}`}>
                  <td>{row.subject || '(no subject)'}</td>
                  <td>{row.folder}</td>
                  <td>{outcomeLabels[row.outcome]}</td>
                  <td>
                    <code>{row.code ?? ''}</code>
                  </td>
                  <td>{row.message ?? ''}</td>
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
