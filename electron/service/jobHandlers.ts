// The job use-cases of one mailbox: preview, start and control, the job list, reports and their
// export, retry and resume. Reports name folders by path while a connection is open.
import type { SweeperHandlers } from '../../shared/ipc';
import type { CurrentSession } from './currentSession';
import { dumpsterHealth } from './dumpsterHealth';
import { withFolderPaths } from './folderPaths';
import { withHoldPreview } from './holdPreview';
import type { JobCoordinator } from './jobCoordinator';

export type JobHandlers = Pick<
  SweeperHandlers,
  'dryRun' | 'startJob' | 'pauseJob' | 'resumeJob' | 'cancelJob' | 'listJobs' | 'jobReport' | 'retryFailed' | 'resumeInterrupted' | 'deleteJob' | 'exportReport'
>;

export function createJobHandlers(
  jobs: JobCoordinator,
  current: CurrentSession,
  chooseSavePath: (defaultName: string) => Promise<string | undefined>,
): JobHandlers {
  return {
    // A purge a hold will refuse is said in the preview, before the job (holdPreview.ts).
    dryRun: async (spec) => {
      const summary = await jobs.dryRun(spec);
      const session = current.require();
      return withHoldPreview(spec, summary, () =>
        dumpsterHealth(session.dumpsterReader(), { address: session.info.mailbox, hasArchive: session.info.hasArchive }),
      );
    },

    startJob: (spec) => jobs.start(spec),

    pauseJob: async ({ jobId }) => jobs.pause(jobId),

    resumeJob: async ({ jobId }) => jobs.resume(jobId),

    cancelJob: async ({ jobId }) => jobs.cancel(jobId),

    listJobs: () => jobs.historyList(),

    jobReport: async ({ jobId, outcomes, offset, max }) => {
      const page = await jobs.report(jobId, { outcomes, offset, max });
      // Without a connection there is no tree to name folders from: the ids stay.
      const paths = page.rows.length === 0 ? undefined : current.paths();
      if (paths === undefined) return page;
      return { ...page, rows: withFolderPaths(page.rows, await paths) };
    },

    retryFailed: ({ jobId }) => jobs.retryFailed(jobId),

    resumeInterrupted: ({ jobId }) => jobs.resumeInterrupted(jobId),

    deleteJob: ({ jobId }) => jobs.deleteJob(jobId),

    exportReport: async ({ jobId, format }) => {
      const path = await chooseSavePath(`${jobId}-report.${format}`);
      if (path === undefined) return { saved: false };
      // Folder paths when connected (ids the open mailbox does not have stay unnamed; the ids are always there).
      const paths = await current.paths()?.catch(() => undefined);
      await jobs.exportReport(jobId, format, path, paths === undefined ? undefined : (id) => paths.get(id));
      return { saved: true, path };
    },
  };
}
