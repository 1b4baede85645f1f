// Live progress of the job being followed: a tagged-union event, drawn as a bar, counts per
// outcome, speed, ETA and the server's back-off.
import type { JobProgress, OutcomeCounts, OutcomeKind } from '../../../shared/domain';
import { formatCount, formatDuration } from '../lib/format';
import { jobDisplayTitle } from '../lib/jobTitle';
import { useFoldersStore } from '../stores/foldersStore';
import { useJobsStore } from '../stores/jobsStore';

export const outcomeLabels: Record<OutcomeKind, string> = {
  done: 'Done',
  alreadyGone: 'Already gone',
  failed: 'Failed',
  unknown: 'Unknown (verify)',
  notAttempted: 'Not attempted',
};

const outcomeOrder: OutcomeKind[] = ['done', 'alreadyGone', 'failed', 'unknown', 'notAttempted'];

function countsOf(progress: JobProgress): OutcomeCounts | undefined {
  return progress.kind === 'planning' ? undefined : progress.counts;
}

function processed(counts: OutcomeCounts): number {
  return counts.done + counts.alreadyGone + counts.failed + counts.unknown;
}

export function OutcomeCountList({ counts }: { counts: OutcomeCounts }) {
  return (
    <dl className="outcome-counts">
      {outcomeOrder.map((kind) => (
        <div key={kind} className={`outcome outcome-${kind}`}>
          <dt>{outcomeLabels[kind]}</dt>
          <dd>{formatCount(counts[kind])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `selected`: the job acts on a list of selected items (its size is exact), not on a query. */
function statusLine(progress: JobProgress, selected: boolean): string {
  switch (progress.kind) {
    case 'planning':
      if (selected && progress.expected !== undefined)
        return `Looking up the selected items… ${formatCount(progress.found)} of ${formatCount(progress.expected)}`;
      return `Finding items… ${formatCount(progress.found)} so far${progress.expected !== undefined ? ` of about ${formatCount(progress.expected)}` : ''}`;
    case 'running': {
      const eta = progress.etaSeconds === undefined ? '' : ` · about ${formatDuration(progress.etaSeconds)} left`;
      return `Running · ${formatCount(Math.round(progress.itemsPerSecond))} items/s${eta} · batches of ${progress.batchSize}`;
    }
    case 'backoff': {
      // The engine's reason starts with its own "waiting N s: "; the rest says why (busy, 503, …).
      const why = progress.reason.replace(/^waiting [^:]*:\s*/i, '').trim();
      return `Waiting ${Math.max(1, Math.ceil(progress.waitMs / 1000))} s: ${why || 'the server asked us to back off'}`;
    }
    case 'paused':
      return 'Paused';
    case 'finished':
      return progress.state === 'completed'
        ? 'Finished'
        : progress.state === 'cancelled'
          ? 'Cancelled'
          : `Failed${progress.error ? `: ${progress.error}` : ''}`;
  }
}

export function ProgressPanel() {
  const jobId = useJobsStore((s) => s.activeJobId);
  const progress = useJobsStore((s) => (jobId ? s.progress[jobId] : undefined));
  const sessionTitle = useJobsStore((s) => (jobId ? s.titles[jobId] : undefined));
  const job = useJobsStore((s) => (jobId ? s.history.find((j) => j.jobId === jobId) : undefined));
  const byId = useFoldersStore((s) => s.byId);
  const title = jobDisplayTitle(job, sessionTitle, byId);
  const total = useJobsStore((s) => {
    const p = jobId ? s.progress[jobId] : undefined;
    return p?.kind === 'running' ? p.total : s.history.find((j) => j.jobId === jobId)?.total;
  });
  const { pause, resume, cancel, openReport, dismissActive } = useJobsStore.getState();
  if (!jobId) return null;
  // Empty folder is one EWS request for the whole folder: "1 of 1" and "Done 1" would say nothing.
  const folderJob = job?.spec.action.kind === 'emptyFolder';

  // "of about": a query still being listed; the server's count can change as the folder does.
  const estimated = progress?.kind === 'running' && progress.totalEstimated === true;
  const counts = progress ? countsOf(progress) : undefined;
  const finished = progress?.kind === 'finished';
  const done = counts ? processed(counts) : 0;
  const problems = counts ? counts.failed + counts.unknown : 0;
  const rawMax = finished ? Math.max(done + (counts?.notAttempted ?? 0), 1) : total;
  // While planning (or before the engine knows a total) the bar is indeterminate, not "0 of 0".
  const barMax = rawMax !== undefined && rawMax > 0 && progress && progress.kind !== 'planning' ? rawMax : undefined;

  return (
    <section className={`progress-panel ${progress?.kind ?? 'starting'}`} aria-label="Job progress">
      <div className="progress-head">
        <h2>{title ?? 'Job'}</h2>
        <div className="progress-buttons">
          {!finished && progress?.kind !== 'paused' && (
            <button type="button" onClick={() => void pause(jobId)} disabled={!progress || progress.kind === 'planning'}>
              Pause
            </button>
          )}
          {progress?.kind === 'paused' && (
            <button type="button" onClick={() => void resume(jobId)}>
              Resume
            </button>
          )}
          {!finished && (
            <button type="button" className="danger" onClick={() => void cancel(jobId)}>
              Cancel job
            </button>
          )}
          {finished && (
            <>
              <button type="button" className={problems > 0 ? 'primary' : undefined} onClick={() => openReport(jobId)}>
                View report
              </button>
              <button type="button" onClick={dismissActive}>
                Dismiss
              </button>
            </>
          )}
        </div>
      </div>
      <progress
        aria-label="Items processed"
        max={barMax ?? undefined}
        value={barMax !== undefined ? done : undefined}
        aria-valuetext={barMax !== undefined ? `${formatCount(done)} of ${estimated ? 'about ' : ''}${formatCount(barMax)}` : 'Counting items'}
      />
      <p className={`progress-status ${progress?.kind === 'backoff' ? 'backoff' : ''}`} role="status">
        {progress ? statusLine(progress, job?.spec.target.kind === 'ids') : 'Starting…'}
        {folderJob && progress?.kind === 'running' && ' · Exchange empties the folder in one request'}
        {folderJob &&
          finished &&
          counts &&
          (counts.done > 0 ? ' · the folder is empty' : problems > 0 ? ' · Exchange did not empty the folder: see the report' : '')}
        {!folderJob && barMax !== undefined && ` · ${formatCount(done)} of ${estimated ? 'about ' : ''}${formatCount(barMax)}`}
      </p>
      {counts && !folderJob && <OutcomeCountList counts={counts} />}
    </section>
  );
}
