// The part of the recover dialog about items whose folder no longer exists: one line per deleted
// folder ("14 items from a deleted folder, newest item received …"), and the choice between one new
// folder per deleted folder (named here, under a parent chosen here) and the fallback folder.
import { useMemo } from 'react';
import type { FolderInfo, OrphanGroup } from '../../../shared/domain';
import { formatDate, formatSize, plural } from '../lib/format';

export type OrphanChoice = 'fallback' | 'newFolders';

/** Top of Information Store: the backend resolves it in the right mailbox part. */
export const ROOT_PARENT = 'msgfolderroot';

/** Containers that are not folders an admin files into (their children are). */
const notParents = new Set(['root', 'msgfolderroot', 'archiveroot', 'archivemsgfolderroot']);

export function defaultFolderName(index: number, group: OrphanGroup): string {
  return `Recovered folder ${index + 1} (${plural(group.itemCount, 'item')})`;
}

/** The visible folders of a mailbox part with their paths, for the parent list. */
export function parentChoices(folders: readonly FolderInfo[]): { id: string; path: string }[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const pathOf = (f: FolderInfo): string => {
    const names: string[] = [];
    for (let at: FolderInfo | undefined = f; at && !notParents.has(at.distinguishedId ?? ''); at = at.parentId ? byId.get(at.parentId) : undefined)
      names.unshift(at.displayName);
    return names.join('/');
  };
  return folders
    .filter((f) => f.area === 'ipm' && !notParents.has(f.distinguishedId ?? ''))
    .map((f) => ({ id: f.id, path: pathOf(f) }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function lastSeenText(g: OrphanGroup): string {
  if (!g.lastSeen) return '';
  return g.lastSeenBasis === 'modified' ? `, last changed ${formatDate(g.lastSeen)}` : `, newest item received ${formatDate(g.lastSeen)}`;
}

interface Props {
  groups: OrphanGroup[];
  folders: readonly FolderInfo[];
  choice: OrphanChoice;
  onChoice: (choice: OrphanChoice) => void;
  names: string[];
  onName: (index: number, name: string) => void;
  parentId: string;
  onParent: (id: string) => void;
  /** Where the rest goes (the fallback), in words. */
  fallbackLabel: string;
}

export function RecoverOrphans({ groups, folders, choice, onChoice, names, onName, parentId, onParent, fallbackLabel }: Props) {
  const deleted = groups.filter((g) => g.lastActiveParentEntryId !== undefined);
  const unknown = groups.find((g) => g.lastActiveParentEntryId === undefined);
  const parents = useMemo(() => parentChoices(folders), [folders]);
  if (deleted.length === 0 && !unknown) return null;
  return (
    <section aria-label="Items whose folder no longer exists" className="orphans">
      <h3>Items whose folder no longer exists</h3>
      <ul>
        {deleted.map((g, i) => (
          <li key={g.lastActiveParentEntryId}>
            Deleted folder {i + 1}: {plural(g.itemCount, 'item')} from a deleted folder ({formatSize(g.totalSize)}
            {lastSeenText(g)})
          </li>
        ))}
        {unknown && <li>{plural(unknown.itemCount, 'item')} of unknown origin (no original folder recorded)</li>}
      </ul>
      {deleted.length > 0 && (
        <fieldset className="choice-list">
          <legend>Where should the deleted folders' items go?</legend>
          <label className="choice">
            <input type="radio" name="orphan-choice" checked={choice === 'fallback'} onChange={() => onChoice('fallback')} />
            <span>Into the folder for items whose folder is gone ({fallbackLabel})</span>
          </label>
          <label className="choice">
            <input type="radio" name="orphan-choice" checked={choice === 'newFolders'} onChange={() => onChoice('newFolders')} />
            <span>
              Restore each deleted folder's items into a new folder
              <span className="muted block">One new folder per deleted folder; a folder that already has the name is used as it is.</span>
            </span>
          </label>
        </fieldset>
      )}
      {choice === 'newFolders' && deleted.length > 0 && (
        <div className="orphan-folders">
          <label>
            Create the new folders under
            <select value={parentId} onChange={(e) => onParent(e.target.value)}>
              <option value={ROOT_PARENT}>Top of the mailbox (beside the Inbox)</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.path}
                </option>
              ))}
            </select>
          </label>
          {deleted.map((g, i) => (
            <label key={g.lastActiveParentEntryId} className="block">
              Name for deleted folder {i + 1} ({plural(g.itemCount, 'item')})
              <input value={names[i] ?? ''} onChange={(e) => onName(i, e.target.value)} maxLength={255} />
            </label>
          ))}
          {unknown && <p className="muted">Items of unknown origin go to {fallbackLabel}.</p>}
        </div>
      )}
    </section>
  );
}

/** Why a name cannot be used, or undefined when it can (the main process checks again). */
export function folderNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name is needed';
  if (/[/\\]/.test(name)) return 'a name cannot contain / or \\';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a name cannot contain control characters';
  return undefined;
}
