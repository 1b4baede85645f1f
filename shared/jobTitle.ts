// Job titles, built in one place for both sides. The service's title names folders by EWS id
// (what the history file and the audit report keep, readable by support without the mailbox);
// the readable title names them by path, for the screen, from a folder tree the caller has.
import type { JobAction, JobSpec } from './domain';

/** A folder's readable path by id (undefined: not known). */
export type FolderNamer = (folderId: string) => string | undefined;

const idsOnly: FolderNamer = () => undefined;
const countFormat = new Intl.NumberFormat('en-US');

/** "1 item", "1,000 items". */
function counted(n: number, one: string): string {
  return `${countFormat.format(n)} ${n === 1 ? one : `${one}s`}`;
}

/** A verb phrase for buttons and titles, e.g. "Soft delete". */
export function actionVerb(action: JobAction): string {
  switch (action.kind) {
    case 'move':
      return 'Move';
    case 'copy':
      return 'Copy';
    case 'recover':
      return 'Recover';
    case 'emptyFolder':
      return action.mode === 'HardDelete' ? 'Empty permanently' : 'Empty';
    case 'delete':
      return action.mode === 'MoveToDeletedItems' ? 'Delete' : action.mode === 'SoftDelete' ? 'Soft delete' : 'Hard delete';
  }
}

// ---- The service's title: "Move to <id>: 30 selected items in alice@contoso.com (archive)" ----

export function describeMailbox(spec: JobSpec): string {
  const who = spec.mailbox.smtp ?? '(signed-in user)';
  return spec.mailbox.part === 'archive' ? `${who} (archive)` : who;
}

/** The action with its folders named by `nameOf`, or by id where it does not know them. */
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
      const made =
        a.orphans?.kind === 'newFolders' ? `; deleted folders' items into ${a.orphans.names.length} new folder${a.orphans.names.length === 1 ? '' : 's'}` : '';
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

// ---- The readable title: "Move 30 selected items to Inbox / Projects (alice@contoso.com)" ----

/**
 * Undefined when `nameOf` does not know a folder the job names (deleted, or another mailbox).
 * `itemCount`: the job's total, since the history keeps only the first ids of a long list.
 */
export function readableJobTitle(spec: JobSpec, nameOf: FolderNamer, itemCount?: number): string | undefined {
  const action = spec.action;
  const verb = actionVerb(action);
  let text: string | undefined;
  if (action.kind === 'emptyFolder') {
    const folder = nameOf(action.folderId);
    text = folder && `${verb} folder ${folder}`;
  } else {
    const target = spec.target;
    let what: string | undefined;
    if (target.kind === 'ids') what = counted(Math.max(itemCount ?? 0, target.ids.length), 'selected item');
    else {
      const folder = nameOf(target.folderId);
      const filtered = Object.values(target.filter).some((v) => v !== undefined && v !== '');
      const excluded = target.excludeIds?.length ? ` except ${counted(target.excludeIds.length, 'item')}` : '';
      what = folder && `all items${filtered ? ' matching the filter' : ''} in ${folder}${excluded}`;
    }
    if (what && (action.kind === 'move' || action.kind === 'copy')) {
      const to = nameOf(action.toFolderId);
      text = to && `${verb} ${what} to ${to}`;
    } else text = what && `${verb} ${what}`;
  }
  if (!text) return undefined;
  return spec.mailbox.smtp ? `${text} (${spec.mailbox.smtp})` : text;
}
