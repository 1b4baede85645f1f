// A job's name for the admin, by shared/jobTitle.ts's readable builder. The service's own title
// names folders by EWS id (fine for the audit file, unreadable on screen), so the renderer names
// them by path from the folder tree it has.
import type { FolderInfo } from '../../../shared/domain';
import type { JobSummary } from '../../../shared/ipc';
import { readableJobTitle } from '../../../shared/jobTitle';
import { folderPath } from './folderTree';

type FolderMap = ReadonlyMap<string, FolderInfo>;

/** The title this session gave the job when it started it, else one built from its spec, else the service's. */
export function jobDisplayTitle(job: JobSummary | undefined, sessionTitle: string | undefined, byId: FolderMap): string | undefined {
  if (sessionTitle !== undefined) return sessionTitle;
  if (!job) return undefined;
  const nameOf = (id: string): string | undefined => {
    const folder = byId.get(id);
    return folder ? folderPath(folder, byId) : undefined;
  };
  return readableJobTitle(job.spec, nameOf, job.total) ?? job.title;
}
