// The folder tree over EWS, once for both sides of the adapter: FindFolder paging (Deep, 1000 a
// page, the server's IndexedPagingOffset followed) and a folder row as the domain's FolderInfo.
// The session's tree (with the dumpster) and the job backend's source-key map both read through here.
import type { FolderInfo, MailboxPart } from '../../../shared/domain';
import type { EwsClient, FolderRef, FolderRow, ResponseStatus } from '../../ews';

/** Exchange's default find limit: a larger page would be cut to it anyway. */
const FOLDER_PAGE = 1000;

export interface FolderWalk {
  /** Ask each folder's well-known name too (the session's tree shows it; the job side does not ask). */
  includeDistinguishedId: boolean;
  signal?: AbortSignal;
  /** The error to throw when Exchange refuses the listing. */
  refused(status: ResponseStatus): Error;
  /** Wraps each request (the job backend turns transport failures into its request errors). */
  send?<T>(call: () => Promise<T>): Promise<T>;
}

/** Every folder below `root` (Deep traversal), page after page until Exchange says it was the last. */
export async function findAllFolders(client: EwsClient, root: FolderRef, walk: FolderWalk): Promise<FolderRow[]> {
  const send = walk.send ?? (<T>(call: () => Promise<T>) => call());
  const rows: FolderRow[] = [];
  for (let offset = 0; ;) {
    const request = {
      parents: [root],
      traversal: 'Deep' as const,
      ...(walk.includeDistinguishedId ? { includeDistinguishedId: true } : {}),
      page: { offset, maxEntries: FOLDER_PAGE },
    };
    const [result] = await send(() => client.findFolder(request, walk.signal === undefined ? undefined : { signal: walk.signal }));
    if (result === undefined) return rows;
    if (!result.ok) throw walk.refused(result.status);
    rows.push(...result.value.folders);
    const next = result.value.indexedPagingOffset ?? offset + result.value.folders.length;
    // A server that does not move forward would otherwise be asked the same page for ever.
    if (result.value.includesLastItemInRange || result.value.folders.length === 0 || next <= offset) return rows;
    offset = next;
  }
}

/** A FindFolder/GetFolder row as the domain's folder; absent counts are 0, absent names empty. */
export function toFolderInfo(row: FolderRow, part: MailboxPart, area: FolderInfo['area']): FolderInfo {
  const info: FolderInfo = {
    id: row.id,
    displayName: row.displayName ?? '',
    totalCount: row.totalCount ?? 0,
    childFolderCount: row.childFolderCount ?? 0,
    part,
    area,
  };
  if (row.changeKey !== undefined) info.changeKey = row.changeKey;
  if (row.parentId !== undefined) info.parentId = row.parentId;
  if (row.folderClass !== undefined) info.folderClass = row.folderClass;
  if (row.unreadCount !== undefined) info.unreadCount = row.unreadCount;
  if (row.sourceKey !== undefined) info.sourceKey = row.sourceKey;
  if (row.distinguishedId !== undefined) info.distinguishedId = row.distinguishedId;
  return info;
}
