// FindItem restrictions and sort order. t:Contains takes t:Constant directly; the comparisons
// take t:FieldURIOrConstant/t:Constant. Several conditions are combined with t:And.
import { EwsError } from './errors';
import { fieldXml } from './properties';
import { escapeXml } from './xml-text';

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
}

export type SortField = 'DateTimeReceived' | 'Subject' | 'From' | 'Size' | 'ItemClass' | 'HasAttachments';

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
