// FindItem restrictions and sort order. t:Contains takes t:Constant directly; the comparisons
// take t:FieldURIOrConstant/t:Constant; "has categories" is t:Exists on item:Categories (t:Not
// around it for "has none"); "has attachments" is IsEqualTo on item:HasAttachments. Several conditions are combined with t:And.
import { EwsError } from './errors';
import { fieldXml } from './properties';
import { escapeXml } from './xmlText';

export interface ItemFilter {
  /** Case-insensitive substring of the subject. */
  subjectContains?: string;
  /** Case-insensitive substring of the sender (message:From: display name or address). */
  senderContains?: string;
  /** Received at or after this instant. */
  receivedFrom?: Date | string;
  /** Received strictly before this instant. */
  receivedBefore?: Date | string;
  /** Exact item class, e.g. IPM.Note. */
  itemClass?: string;
  /** LastModifiedTime at or after this instant (in the dumpster: about when the item was deleted). */
  modifiedFrom?: Date | string;
  /** LastModifiedTime strictly before this instant. */
  modifiedBefore?: Date | string;
  /** DateTimeSent at or after this instant. */
  sentFrom?: Date | string;
  /** DateTimeSent strictly before this instant. */
  sentBefore?: Date | string;
  /** message:InternetMessageId equal to this text (angle brackets included, as Exchange stores it). */
  internetMessageId?: string;
  /** message:IsRead equal to this (items without IsRead, e.g. appointments, match neither). */
  isRead?: boolean;
  /** True: at least one category; false: none. */
  hasCategories?: boolean;
  /** item:HasAttachments equal to this (Exchange leaves inline attachments out of it). */
  hasAttachments?: boolean;
  importance?: Importance;
}

export type Importance = 'Low' | 'Normal' | 'High';
const IMPORTANCES: readonly string[] = ['Low', 'Normal', 'High'] satisfies Importance[];

export type SortField = 'DateTimeReceived' | 'Subject' | 'From' | 'Size' | 'ItemClass' | 'HasAttachments' | 'LastModifiedTime';

export interface SortKey {
  field: SortField;
  order: 'Ascending' | 'Descending';
}

const SORT_FIELD_URI: Record<SortField, string> = {
  DateTimeReceived: 'item:DateTimeReceived',
  Subject: 'item:Subject',
  From: 'message:From',
  Size: 'item:Size',
  ItemClass: 'item:ItemClass',
  HasAttachments: 'item:HasAttachments',
  LastModifiedTime: 'item:LastModifiedTime',
};

function isoInstant(value: Date | string, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new EwsError('invalid-request', `${what} is not a valid date: ${String(value)}.`);
  return date.toISOString();
}

function contains(fieldUri: string, text: string): string {
  if (text === '') throw new EwsError('invalid-request', 'A "contains" filter needs some text.');
  return `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${fieldXml(fieldUri)}<t:Constant Value="${escapeXml(text)}"/></t:Contains>`;
}

function compare(op: string, fieldUri: string, value: string): string {
  return `<t:${op}>${fieldXml(fieldUri)}<t:FieldURIOrConstant><t:Constant Value="${escapeXml(value)}"/></t:FieldURIOrConstant></t:${op}>`;
}

/** "At or after `from`" and "before `before`" on a date property, each when given. */
function range(parts: string[], fieldUri: string, from: Date | string | undefined, before: Date | string | undefined, what: string): void {
  if (from !== undefined) parts.push(compare('IsGreaterThanOrEqualTo', fieldUri, isoInstant(from, `${what}From`)));
  if (before !== undefined) parts.push(compare('IsLessThan', fieldUri, isoInstant(before, `${what}Before`)));
}

/** The m:Restriction element, or '' when the filter is empty. */
export function restrictionXml(filter: ItemFilter | undefined): string {
  if (filter === undefined) return '';
  const parts: string[] = [];
  if (filter.subjectContains !== undefined) parts.push(contains('item:Subject', filter.subjectContains));
  if (filter.senderContains !== undefined) parts.push(contains('message:From', filter.senderContains));
  if (filter.receivedFrom !== undefined) {
    parts.push(compare('IsGreaterThanOrEqualTo', 'item:DateTimeReceived', isoInstant(filter.receivedFrom, 'receivedFrom')));
  }
  if (filter.receivedBefore !== undefined) {
    parts.push(compare('IsLessThan', 'item:DateTimeReceived', isoInstant(filter.receivedBefore, 'receivedBefore')));
  }
  if (filter.itemClass !== undefined) parts.push(compare('IsEqualTo', 'item:ItemClass', filter.itemClass));
  range(parts, 'item:LastModifiedTime', filter.modifiedFrom, filter.modifiedBefore, 'modified');
  range(parts, 'item:DateTimeSent', filter.sentFrom, filter.sentBefore, 'sent');
  if (filter.internetMessageId !== undefined) {
    if (filter.internetMessageId.trim() === '') throw new EwsError('invalid-request', 'A Message-ID filter needs a Message-ID.');
    parts.push(compare('IsEqualTo', 'message:InternetMessageId', filter.internetMessageId));
  }
  if (filter.isRead !== undefined) parts.push(compare('IsEqualTo', 'message:IsRead', filter.isRead ? 'true' : 'false'));
  if (filter.hasCategories !== undefined) {
    const exists = `<t:Exists>${fieldXml('item:Categories')}</t:Exists>`;
    parts.push(filter.hasCategories ? exists : `<t:Not>${exists}</t:Not>`);
  }
  if (filter.hasAttachments !== undefined) parts.push(compare('IsEqualTo', 'item:HasAttachments', filter.hasAttachments ? 'true' : 'false'));
  if (filter.importance !== undefined) {
    if (!IMPORTANCES.includes(filter.importance))
      throw new EwsError('invalid-request', `"${String(filter.importance)}" is not an importance (Low, Normal, High).`);
    parts.push(compare('IsEqualTo', 'item:Importance', filter.importance));
  }
  if (parts.length === 0) return '';
  const expression = parts.length === 1 ? (parts[0] ?? '') : `<t:And>${parts.join('')}</t:And>`;
  return `<m:Restriction>${expression}</m:Restriction>`;
}

export function sortOrderXml(sort: readonly SortKey[] | undefined): string {
  if (sort === undefined || sort.length === 0) return '';
  let out = '<m:SortOrder>';
  for (const key of sort) {
    const uri = SORT_FIELD_URI[key.field];
    if (uri === undefined) throw new EwsError('invalid-request', `Cannot sort by ${String(key.field)}.`);
    if (key.order !== 'Ascending' && key.order !== 'Descending') throw new EwsError('invalid-request', `Unknown sort order ${String(key.order)}.`);
    out += `<t:FieldOrder Order="${key.order}">${fieldXml(uri)}</t:FieldOrder>`;
  }
  return `${out}</m:SortOrder>`;
}
