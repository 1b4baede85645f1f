// A job's name for the admin. The service's own title names folders by EWS id (fine for the audit
// file, unreadable on screen), so the renderer names them by path from the folder tree it has.
import type { FolderInfo, JobSpec } from '../../../shared/domain';
import type { JobSummary } from '../../../shared/ipc';
import { folderPath } from './folderTree';
import { actionVerb, plural } from './format';

type FolderMap = ReadonlyMap<string, FolderInfo>;

/**
 * Undefined when a folder the job names is not in the tree (deleted, or another mailbox).
 * `itemCount`: the job's total, since the history keeps only the first ids of a long list.
 */
export function describeJob(spec: JobSpec, byId: FolderMap, itemCount?: number): string | undefined {
  const name = (id: string): string | undefined => {
    const folder = byId.get(id);
    return folder ? folderPath(folder, byId) : undefined;
  };
  const action = spec.action;
  const verb = actionVerb(action);
  let text: string | undefined;
  if (action.kind === 'emptyFolder') {
    const folder = name(action.folderId);
    text = folder && `${verb} folder ${folder}`;
  } else {
    const target = spec.target;
    let what: string | undefined;
    if (target.kind === 'ids') what = plural(Math.max(itemCount ?? 0, target.ids.length), 'selected item');
    else {
      const folder = name(target.folderId);
      const filtered = Object.values(target.filter).some((v) => v !== undefined && v !== '');
      const excluded = target.excludeIds?.length ? ` except ${plural(target.excludeIds.length, 'item')}` : '';
      what = folder && `all items${filtered ? ' matching the filter' : ''} in ${folder}${excluded}`;
    }
    if (what && (action.kind === 'move' || action.kind === 'copy')) {
      const to = name(action.toFolderId);
      text = to && `${verb} ${what} to ${to}`;
    } else text = what && `${verb} ${what}`;
  }
  if (!text) return undefined;
  return spec.mailbox.smtp ? `${text} (${spec.mailbox.smtp})` : text;
}

/** The title this session gave the job when it started it, else one built from its spec, else the service's. */
export function jobDisplayTitle(job: JobSummary | undefined, sessionTitle: string | undefined, byId: FolderMap): string | undefined {
  return sessionTitle ?? (job ? (describeJob(job.spec, byId, job.total) ?? job.title) : undefined);
}
