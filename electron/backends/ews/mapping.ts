// The one translation between the domain's item shapes (shared/domain.ts) and the EWS client's:
// used by the engine's EWS backend and by the service's item pages, so both read rows and
// filters the same way.
import type { Importance, ItemDetails, ItemFilter, ItemRow, Person } from '../../../shared/domain';
import type { ItemDetails as EwsItemDetails, ItemFilter as EwsItemFilter, ItemRow as EwsItemRow, Recipient } from '../../ews';

function importanceOf(value: string | undefined): Importance | undefined {
  return value === 'Low' || value === 'Normal' || value === 'High' ? value : undefined;
}

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
  if (r.lastModifiedTime) row.lastModified = r.lastModifiedTime;
  if (r.isRead !== undefined) row.isRead = r.isRead;
  const importance = importanceOf(r.importance);
  if (importance !== undefined && importance !== 'Normal') row.importance = importance;
  if (r.hasCategories) row.hasCategories = true;
  return row;
}

function toPerson(r: Recipient): Person {
  const person: Person = {};
  if (r.name) person.name = r.name;
  if (r.address) person.address = r.address;
  return person;
}

/** A GetItem (reading pane) answer as the renderer sees it; the body's format named as the domain names it. */
export function toDomainDetails(d: EwsItemDetails): ItemDetails {
  const details: ItemDetails = {
    id: d.id,
    itemClass: d.itemClass ?? 'IPM.Note',
    subject: d.subject ?? '',
    to: d.to.map(toPerson),
    cc: d.cc.map(toPerson),
    recipientsOmitted: d.recipientsOmitted,
    categories: d.categories,
  };
  if (d.from) details.from = toPerson(d.from);
  if (d.dateTimeSent) details.sent = d.dateTimeSent;
  if (d.dateTimeReceived) details.received = d.dateTimeReceived;
  if (d.lastModifiedTime) details.lastModified = d.lastModifiedTime;
  if (d.size !== undefined) details.size = d.size;
  const importance = importanceOf(d.importance);
  if (importance) details.importance = importance;
  if (d.isRead !== undefined) details.isRead = d.isRead;
  if (d.internetMessageId) details.messageId = d.internetMessageId;
  if (d.retentionTag) details.retentionTag = d.retentionTag;
  if (d.lastActiveParentEntryId) details.lastActiveParentEntryId = d.lastActiveParentEntryId;
  if (d.parentFolderId) details.parentFolderId = d.parentFolderId;
  if (d.body) details.body = { format: d.body.type.toUpperCase() === 'HTML' ? 'html' : 'text', content: d.body.content, truncated: d.body.truncated };
  return details;
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
  if (filter.deletedAfter) out.modifiedFrom = filter.deletedAfter;
  if (filter.deletedBefore) out.modifiedBefore = filter.deletedBefore;
  if (filter.sentAfter) out.sentFrom = filter.sentAfter;
  if (filter.sentBefore) out.sentBefore = filter.sentBefore;
  if (filter.messageId) out.internetMessageId = filter.messageId.trim();
  if (filter.read !== undefined) out.isRead = filter.read === 'read';
  if (filter.hasCategories !== undefined) out.hasCategories = filter.hasCategories;
  if (filter.hasAttachments !== undefined) out.hasAttachments = filter.hasAttachments;
  if (filter.importance) out.importance = filter.importance;
  return Object.keys(out).length === 0 ? undefined : out;
}
