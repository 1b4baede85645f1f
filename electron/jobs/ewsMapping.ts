// The one translation between the domain's item shapes (shared/domain.ts) and the EWS client's:
// used by the engine's EWS backend and by the service's item pages, so both read rows and
// filters the same way.
import type { ItemFilter, ItemRow } from '../../shared/domain';
import type { ItemFilter as EwsItemFilter, ItemRow as EwsItemRow } from '../ews';

/**
 * A FindItem/GetItem row as the UI and the engine see it; absent properties get neutral values.
 * Only what they use: every field crosses to the renderer 1000 rows at a time (the change key,
 * for one, is never needed: actions address items by id alone).
 */
export function toDomainRow(r: EwsItemRow): ItemRow {
  const row: ItemRow = {
    id: r.id,
    itemClass: r.itemClass ?? 'IPM.Note',
    subject: r.subject ?? '',
    size: r.size ?? 0,
  };
  if (r.from) row.from = r.from;
  if (r.dateTimeReceived) row.received = r.dateTimeReceived;
  if (r.lastActiveParentEntryId) row.lastActiveParentEntryId = r.lastActiveParentEntryId;
  return row;
}

/** The domain filter as an EWS restriction's inputs; undefined when nothing filters. */
export function toEwsFilter(filter: ItemFilter | undefined): EwsItemFilter | undefined {
  if (filter === undefined) return undefined;
  const out: EwsItemFilter = {};
  if (filter.subjectContains) out.subjectContains = filter.subjectContains;
  if (filter.senderContains) out.senderContains = filter.senderContains;
  if (filter.receivedAfter) out.receivedFrom = filter.receivedAfter;
  if (filter.receivedBefore) out.receivedBefore = filter.receivedBefore;
  if (filter.itemClass) out.itemClass = filter.itemClass;
  return Object.keys(out).length === 0 ? undefined : out;
}
