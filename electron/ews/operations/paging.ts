// IndexedPage*View requests and the paging attributes of m:RootFolder.
import { EwsError } from '../errors';
import { attr, type XNode } from '../xmlTree';

/** The server returns at most 1000 entries per page whatever is asked. */
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  offset: number;
  /** 1..1000 */
  maxEntries: number;
}

export interface PageInfo {
  /** The offset to ask for next (equals totalItemsInView on the last page). */
  indexedPagingOffset: number | undefined;
  totalItemsInView: number | undefined;
  includesLastItemInRange: boolean;
}

export function indexedPageViewXml(element: 'IndexedPageItemView' | 'IndexedPageFolderView', page: PageRequest): string {
  const { offset, maxEntries } = page;
  if (!Number.isInteger(maxEntries) || maxEntries < 1 || maxEntries > MAX_PAGE_SIZE) {
    throw new EwsError('invalid-request', `A page holds 1 to ${MAX_PAGE_SIZE} entries (asked for ${maxEntries}).`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new EwsError('invalid-request', `A page offset must be a whole number ≥ 0 (got ${offset}).`);
  return `<m:${element} MaxEntriesReturned="${maxEntries}" Offset="${offset}" BasePoint="Beginning"/>`;
}

function integer(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  return Number.isInteger(n) ? n : undefined;
}

export function readPageAttributes(root: XNode): PageInfo {
  const last = attr(root, 'IncludesLastItemInRange')?.trim();
  return {
    indexedPagingOffset: integer(attr(root, 'IndexedPagingOffset')),
    totalItemsInView: integer(attr(root, 'TotalItemsInView')),
    // Absent means the server did not say; treat as last so a caller's paging loop stops.
    includesLastItemInRange: last === undefined || last === 'true' || last === '1',
  };
}
