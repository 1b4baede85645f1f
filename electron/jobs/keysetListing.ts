// Listing a query target for planning (planner.ts), page by page.
//
// Query targets are paged by key, not by offset, so that the job can act on the first pages while
// later ones are still being listed. Offset paging cannot overlap with our own deletes and moves:
// removing items ahead of the offset slides the rest forward and they would be skipped. Keyset
// paging asks for the folder in DateTimeReceived-descending order (its natural order, asked for
// explicitly) and, for each next page, for the items received before the second after the last
// row seen (an EWS "<" restriction, ANDed with the job's own filter) from offset `skip` = the rows
// already seen in that last second. Every item the job acts on lies in a newer second than the
// cursor, so its removal (or a copy or move landing back in the folder with its received time,
// or new mail arriving) never changes the rows at or after the cursor. The rows of the last second
// seen are the one exception: they stay in the view, so they are held (journalled, not acted on)
// until a page shows an older second or the end, and `skip` counts them exactly. A folder whose
// items all share one second therefore degrades to "list everything, then act". Using the next
// second with "<" rather than "<=" the last time also keeps items whose stored time has a
// fraction of a second (EWS shows whole seconds) from being cut off.
//
// Listing runs one page ahead: the next page is asked for as soon as a page arrives, before that
// page is handed on (journalled, its items released and acted on). A page's next cursor depends
// only on its own rows, and the items it releases lie in newer seconds than that cursor, so the
// early request sees exactly the rows a later one would. Listing then costs the job only its first
// page: a later page's round trip, server time and parse overlap the journal write of the page
// before and the batches already running. At most two pages are held: the one handed on and the
// one being fetched. The cursor that travels with a page in the journal is where that page ends,
// so a crash with a page fetched but not yet journalled lists it again on resume.
import type { ItemFilter, ItemPage, ItemRow, JobTarget } from '../../shared/domain';
import { FIND_ITEM_PAGE_LIMIT } from '../../shared/paging';
import { BackendRequestError, type JobBackend, type ListItemsRequest } from './backend';
import { callWithRetry, type CallLimits, type AccountGate } from './backoff';
import type { KeysetCursor, PlannedItem } from './journal';

/** Rows asked for per listing page: as many as FindItem returns in one page (EWS-FACTS §3). */
export const LIST_PAGE_SIZE = FIND_ITEM_PAGE_LIMIT;

export interface ListingContext {
  backend: JobBackend;
  gate: AccountGate;
  limits: CallLimits;
  signal: AbortSignal;
}

/** What listing needs of the planner: seqs, and where planned pages go. */
export interface ListingPlanner {
  /** The seq the next planned item will get. */
  nextSeq(): number;
  /** Plans one listed row (it gets the next seq). */
  toPlanned(row: ItemRow, folderId: string): PlannedItem;
  /** Hands a planned page on; `expected` is the server's count of what the job comes to. */
  emit(items: PlannedItem[], info: { cursor: KeysetCursor; released: number }, expected?: number): Promise<void>;
}

export type QueryTarget = Extract<JobTarget, { kind: 'query' }>;

/** Lists the target from `resume` (a journalled cursor) or from the start, planning every row. */
export async function listQueryTarget(
  target: QueryTarget,
  ctx: ListingContext,
  planner: ListingPlanner,
  resume?: { cursor?: KeysetCursor; released: number },
): Promise<void> {
  const excluded = new Set(target.excludeIds ?? []);
  const excludedSeen = new Set<string>();
  let cursor: KeysetCursor = resume?.cursor ?? { skip: 0 };
  let released = resume?.released ?? 0;
  const listPage = (at: KeysetCursor): Promise<ItemPage> => {
    const req = listingRequest(target, at);
    const page = callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.listItems(req, signal));
    // Awaited in the loop below; failing while the page before is handed on is not unhandled.
    page.catch(() => undefined);
    return page;
  };
  let ahead = cursor.end || ctx.signal.aborted ? undefined : listPage(cursor);
  try {
    while (ahead) {
      const page = await ahead;
      ahead = undefined;
      const rows = page.rows;
      const last = page.last || rows.length === 0;
      const secs = rows.map((r) => receivedSecond(r, cursor.before));
      for (let i = 1; i < secs.length; i++) {
        if ((secs[i] ?? 0) > (secs[i - 1] ?? 0)) throw keysetBroken('the server did not return the items newest first');
      }
      // The rows of the page's last second stay in the next view: hold them (unless this is the end).
      let trailingFrom = rows.length;
      const lastSec = secs[secs.length - 1];
      if (!last && lastSec !== undefined) while (trailingFrom > 0 && secs[trailingFrom - 1] === lastSec) trailingFrom--;
      const items: PlannedItem[] = [];
      let heldFrom: number | undefined;
      rows.forEach((r, i) => {
        if (i === trailingFrom) heldFrom = planner.nextSeq();
        if (!excluded.has(r.id)) items.push(planner.toPlanned(r, target.folderId));
        else excludedSeen.add(r.id);
      });
      const seq = planner.nextSeq();
      // The view's count covers this page and everything after it (from cursor.skip on); the
      // excluded items not met yet are presumed still ahead.
      const rest = page.total - cursor.skip - rows.length - (excluded.size - excludedSeen.size);
      const expected = seq + Math.max(0, rest);
      let next: KeysetCursor;
      if (last || lastSec === undefined) {
        next = { skip: 0, end: true };
        released = seq;
      } else if (trailingFrom === 0 && cursor.before !== undefined && lastSec === Date.parse(cursor.before) / 1000 - 1) {
        // The whole page lies in the second already held: still held, look further into it.
        next = { before: cursor.before, skip: cursor.skip + rows.length };
      } else {
        next = { before: new Date((lastSec + 1) * 1000).toISOString(), skip: rows.length - trailingFrom };
        released = heldFrom ?? seq;
      }
      if (!next.end && !ctx.signal.aborted) ahead = listPage(next);
      await planner.emit(items, { cursor: next, released }, last ? undefined : expected);
      cursor = next;
      if (ctx.signal.aborted) break;
    }
  } finally {
    // Stopped (cancel) with a page still being fetched: its request is aborted with the job; wait
    // for it so that no request of planning outlives it. Its rows were never planned.
    if (ahead && ctx.signal.aborted) await ahead.catch(() => undefined);
  }
}

/**
 * The FindItem request for the page at `at`. A job over many mailboxes asks the first one
 * (`{ skip: 0 }`) while planning, as the folder's count, and hands the answer to the job
 * (multiFirstPage.ts): the two must be the same request.
 */
export function listingRequest(target: Pick<QueryTarget, 'folderId' | 'filter'>, at: KeysetCursor): ListItemsRequest {
  return { folderId: target.folderId, filter: withUpperBound(target.filter, at.before), offset: at.skip, max: LIST_PAGE_SIZE, order: 'receivedDesc' };
}

/** The job's filter with DateTimeReceived < `before` added (the stricter of the two bounds). */
function withUpperBound(filter: ItemFilter, before: string | undefined): ItemFilter {
  if (before === undefined) return filter;
  if (filter.receivedBefore !== undefined && Date.parse(filter.receivedBefore) <= Date.parse(before)) return filter;
  return { ...filter, receivedBefore: before };
}

function keysetBroken(message: string): BackendRequestError {
  return new BackendRequestError({ kind: 'fatal', code: 'KeysetPagingUnsupported', message: `listing the folder: ${message}`, mayHaveExecuted: false });
}

/** The whole second an item was received in; the keyset cannot place an item without one. */
function receivedSecond(row: ItemRow, before: string | undefined): number {
  const ms = row.received === undefined ? NaN : Date.parse(row.received);
  if (Number.isNaN(ms)) throw keysetBroken(`item ${row.id} has no DateTimeReceived`);
  if (before !== undefined && ms >= Date.parse(before)) throw keysetBroken('the server ignored the DateTimeReceived restriction');
  return Math.floor(ms / 1000);
}
