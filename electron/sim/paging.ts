// Indexed paging as Exchange does it (EWS-FACTS §3 "Paging"): at most 1000 entries a page; the
// last page has IndexedPagingOffset = TotalItemsInView and IncludesLastItemInRange = true; an
// offset at or past the end gives an empty page with the total echoed as the offset.
import { itemError, type ItemError } from './errors';
import { enumAttr, intAttr, schemaFault, type XNode } from './xmlRead';

export const FIND_COUNT_LIMIT = 1000;

export interface Page<T> {
  entries: readonly T[];
  /** Written only when the request had a paging view. */
  nextOffset: number | undefined;
  total: number;
  includesLast: boolean;
}

export interface PagingView {
  max: number | undefined;
  offset: number;
  basePoint: 'Beginning' | 'End';
}

export function readPagingView(node: XNode): PagingView {
  const offset = intAttr(node, 'Offset');
  if (offset === undefined) throw schemaFault(`The required attribute 'Offset' is missing on '${node.name}'.`);
  return {
    max: intAttr(node, 'MaxEntriesReturned'),
    offset,
    basePoint: enumAttr(node, 'BasePoint', ['Beginning', 'End'] as const),
  };
}

export function pageOf<T>(all: readonly T[], view: PagingView | undefined): Page<T> | ItemError {
  const total = all.length;
  if (!view) {
    if (total > FIND_COUNT_LIMIT) return itemError('ErrorExceededFindCountLimit', undefined, [['PolicyLimit', String(FIND_COUNT_LIMIT)]]);
    return { entries: all, nextOffset: undefined, total, includesLast: true };
  }
  if (view.max !== undefined && view.max <= 0) return itemError('ErrorInvalidPagingMaxRows');
  if (view.offset < 0) return itemError('ErrorInvalidIndexedPagingParameters');
  const max = Math.min(view.max ?? FIND_COUNT_LIMIT, FIND_COUNT_LIMIT);
  if (view.basePoint === 'Beginning') {
    if (view.offset >= total) return { entries: [], nextOffset: total, total, includesLast: true };
    const end = Math.min(view.offset + max, total);
    return { entries: all.slice(view.offset, end), nextOffset: end, total, includesLast: end >= total };
  }
  // BasePoint End: the offset counts back from the last entry; the page ends there.
  if (view.offset >= total) return { entries: [], nextOffset: total, total, includesLast: true };
  const end = total - view.offset;
  const start = Math.max(0, end - max);
  return { entries: all.slice(start, end), nextOffset: view.offset + (end - start), total, includesLast: start === 0 };
}

export function rootFolderAttributes(page: Page<unknown>): string {
  const offset = page.nextOffset !== undefined ? ` IndexedPagingOffset="${page.nextOffset}"` : '';
  return `${offset} TotalItemsInView="${page.total}" IncludesLastItemInRange="${page.includesLast}"`;
}
