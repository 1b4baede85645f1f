// Human-readable names of jobs, for the history list and the audit report.
import type { JobSpec } from '../../shared/domain';

export function describeMailbox(spec: JobSpec): string {
  const who = spec.mailbox.smtp ?? '(signed-in user)';
  return spec.mailbox.part === 'archive' ? `${who} (archive)` : who;
}

/** A folder's readable path by id (undefined: not known, the id is shown). */
export type FolderNamer = (folderId: string) => string | undefined;

const idsOnly: FolderNamer = () => undefined;

export function describeAction(spec: JobSpec, nameOf: FolderNamer = idsOnly): string {
  const a = spec.action;
  const folder = (id: string): string => nameOf(id) ?? id;
  switch (a.kind) {
    case 'move':
      return `Move to ${folder(a.toFolderId)}`;
    case 'copy':
      return `Copy to ${folder(a.toFolderId)}`;
    case 'delete':
      return `Delete (${a.mode})`;
    case 'recover': {
      const made = a.orphans?.kind === 'newFolders' ? `; deleted folders' items into ${a.orphans.names.length} new folder${a.orphans.names.length === 1 ? '' : 's'}` : '';
      return `Recover to original folder (fallback ${folder(a.fallbackFolderId)}${made})`;
    }
    case 'emptyFolder':
      return `Empty folder (${a.mode}${a.deleteSubFolders ? ', with subfolders' : ''})`;
  }
}

export function describeTarget(spec: JobSpec): string {
  if (spec.action.kind === 'emptyFolder') return `folder ${spec.action.folderId}`;
  const t = spec.target;
  if (t.kind === 'ids') return `${t.ids.length} selected item${t.ids.length === 1 ? '' : 's'}`;
  const parts = Object.entries(t.filter)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`);
  const excluded = t.excludeIds?.length ? `, ${t.excludeIds.length} excluded` : '';
  return `items of folder ${t.folderId}${parts.length ? ` where ${parts.join(', ')}` : ''}${excluded}`;
}

export function jobTitle(spec: JobSpec): string {
  return `${describeAction(spec)}: ${describeTarget(spec)} in ${describeMailbox(spec)}`;
}

const HISTORY_IDS = 100;

/** The spec as kept in the history list: an id list is cut to its first 100 (the journal keeps all). */
export function abbreviatedSpec(spec: JobSpec): JobSpec {
  if (spec.target.kind !== 'ids' || spec.target.ids.length <= HISTORY_IDS) return spec;
  return { ...spec, target: { ...spec.target, ids: spec.target.ids.slice(0, HISTORY_IDS) } };
}
