// A folder as Graph's mailFolder resource writes it (v1.0). PR_SOURCE_KEY ("Binary 0x65E0") comes
// with $expand=singleValueExtendedProperties, so a client can map LastActiveParentEntryId values
// of deleted items back to their folders.
import type { Folder } from '../sim/model';
import { folderGraphId } from './ids';
import type { GraphContext } from './context';
import { folderVisible } from './context';

export const FOLDER_SELECTABLE: ReadonlySet<string> = new Set([
  'id',
  'displayname',
  'parentfolderid',
  'childfoldercount',
  'unreaditemcount',
  'totalitemcount',
  'ishidden',
]);

export function visibleChildren(ctx: GraphContext, folder: Folder): Folder[] {
  return folder.children.filter((c) => !c.removed && folderVisible(ctx, c));
}

function extendedValue(folder: Folder, id: string): string | undefined {
  const m = /^Binary\s+0x([0-9a-f]{4})$/i.exec(id.trim());
  return m && (m[1] as string).toLowerCase() === '65e0' ? folder.sourceKey.toString('base64') : undefined;
}

export function folderJson(
  ctx: GraphContext,
  folder: Folder,
  select: readonly string[] | undefined,
  extended: readonly string[] | undefined,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: folderGraphId(folder),
    displayName: folder.displayName,
    parentFolderId: folder.parent ? folderGraphId(folder.parent) : null,
    childFolderCount: visibleChildren(ctx, folder).length,
    unreadItemCount: folder.contents.unread,
    totalItemCount: folder.contents.count,
    isHidden: false,
  };
  const wanted = select ? new Set(['id', ...select.map((s) => s.toLowerCase())]) : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (!wanted || wanted.has(k.toLowerCase())) out[k] = v;
  if (extended) {
    out.singleValueExtendedProperties = extended.flatMap((id) => {
      const value = extendedValue(folder, id);
      return value === undefined ? [] : [{ id, value }];
    });
  }
  return out;
}
