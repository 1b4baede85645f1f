// Readable folder paths for job reports: the engine records folder ids (stable, exact), while
// the admin reads "Inbox/Projects" or "Archive: Recoverable Items/Deletions".
import type { FolderInfo, ItemReportRow } from '../../shared/domain';

interface FolderSource {
  readonly info: { hasArchive: boolean };
  listFolders(part: FolderInfo['part']): Promise<FolderInfo[]>;
}

/** Maps each folder id of the mailbox (primary and archive) to its display path. */
export async function folderPaths(session: FolderSource): Promise<Map<string, string>> {
  const lists = await Promise.all([session.listFolders('primary'), session.info.hasArchive ? session.listFolders('archive') : []]);
  const byId = new Map(lists.flat().map((f) => [f.id, f]));
  const paths = new Map<string, string>();
  const pathOf = (folder: FolderInfo, depth = 0): string => {
    const known = paths.get(folder.id);
    if (known !== undefined) return known;
    const parent = folder.parentId === undefined ? undefined : byId.get(folder.parentId);
    // The tree's roots (Top of Information Store, the archive root) add nothing readable.
    const own = parent === undefined || depth > 64 ? folder.displayName : `${pathOf(parent, depth + 1)}/${folder.displayName}`;
    paths.set(folder.id, own);
    return own;
  };
  for (const folder of byId.values()) pathOf(folder);
  for (const [id, path] of paths) {
    const folder = byId.get(id);
    paths.set(id, folder?.part === 'archive' ? `Archive: ${path}` : path);
  }
  return paths;
}

/** Replaces folder ids in report rows with paths; one the open mailbox does not have says so. */
export function withFolderPaths(rows: readonly ItemReportRow[], paths: ReadonlyMap<string, string>): ItemReportRow[] {
  return rows.map((row) => ({ ...row, folder: row.folder === '' ? '' : (paths.get(row.folder) ?? '(folder not in the open mailbox)') }));
}
