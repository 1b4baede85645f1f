// The item shape this app asks for, and the typed row read back from any item element
// (t:Message, t:CalendarItem, t:Task, …: FindItem pages can mix them).
import { readIdAttributes } from './ids';
import { extendedFieldXml, fieldXml, PR_LAST_ACTIVE_PARENT_ENTRY_ID, readExtendedProperty } from './properties';
import { childrenOf, firstChild, nameOf, textOf, type XNode } from './xml-tree';

export interface ItemRow {
  /** The element name: Message, CalendarItem, Task, Contact, MeetingRequest, … */
  kind: string;
  id: string;
  changeKey: string | undefined;
  itemClass: string | undefined;
  subject: string | undefined;
  /** Display name of the sender, or the address when there is no name. */
  from: string | undefined;
  /** ISO 8601, as the server wrote it (UTC, ending in Z). */
  dateTimeReceived: string | undefined;
  size: number | undefined;
  hasAttachments: boolean | undefined;
  /** 0x348A, base64: equals the PR_SOURCE_KEY of the folder the item was deleted from. */
  lastActiveParentEntryId: string | undefined;
  /** Only in GetItem results (item:ParentFolderId). */
  parentFolderId: string | undefined;
}

const ROW_PROPERTIES =
  fieldXml('item:ItemClass') +
  fieldXml('item:Subject') +
  fieldXml('message:From') +
  fieldXml('item:DateTimeReceived') +
  fieldXml('item:Size') +
  fieldXml('item:HasAttachments') +
  extendedFieldXml(PR_LAST_ACTIVE_PARENT_ENTRY_ID, 'Binary');

export const FIND_ITEM_SHAPE = `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${ROW_PROPERTIES}</t:AdditionalProperties></m:ItemShape>`;
export const GET_ITEM_SHAPE = `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${fieldXml('item:ParentFolderId')}${ROW_PROPERTIES}</t:AdditionalProperties></m:ItemShape>`;

function readSender(from: XNode): string | undefined {
  const mailbox = firstChild(from, 'Mailbox');
  if (mailbox === undefined) return undefined;
  let name: string | undefined;
  let address: string | undefined;
  for (const child of childrenOf(mailbox)) {
    const n = nameOf(child);
    if (n === 'Name') name = textOf(child);
    else if (n === 'EmailAddress') address = textOf(child);
  }
  return name || address;
}

export function readItemRow(item: XNode): ItemRow | undefined {
  const row: ItemRow = {
    kind: nameOf(item) ?? 'Item',
    id: '',
    changeKey: undefined,
    itemClass: undefined,
    subject: undefined,
    from: undefined,
    dateTimeReceived: undefined,
    size: undefined,
    hasAttachments: undefined,
    lastActiveParentEntryId: undefined,
    parentFolderId: undefined,
  };
  for (const child of childrenOf(item)) {
    switch (nameOf(child)) {
      case 'ItemId': {
        const ids = readIdAttributes(child);
        if (ids) {
          row.id = ids.id;
          row.changeKey = ids.changeKey;
        }
        break;
      }
      case 'ParentFolderId':
        row.parentFolderId = readIdAttributes(child)?.id;
        break;
      case 'ItemClass':
        row.itemClass = textOf(child);
        break;
      case 'Subject':
        row.subject = textOf(child);
        break;
      case 'From':
        row.from = readSender(child);
        break;
      case 'DateTimeReceived':
        row.dateTimeReceived = textOf(child).trim();
        break;
      case 'Size': {
        const n = Number(textOf(child).trim());
        row.size = Number.isFinite(n) ? n : undefined;
        break;
      }
      case 'HasAttachments':
        {
        const b = textOf(child).trim();
        row.hasAttachments = b === 'true' || b === '1';
        break;
      }
        break;
      case 'ExtendedProperty': {
        const prop = readExtendedProperty(child);
        if (prop?.tag === PR_LAST_ACTIVE_PARENT_ENTRY_ID) row.lastActiveParentEntryId = prop.value;
        break;
      }
    }
  }
  return row.id === '' ? undefined : row;
}

/** All item elements of a t:Items / m:Items container, in document order. */
export function readItemRows(container: XNode | undefined): ItemRow[] {
  const out: ItemRow[] = [];
  if (container === undefined) return out;
  for (const child of childrenOf(container)) {
    if (nameOf(child) === undefined) continue;
    const row = readItemRow(child);
    if (row) out.push(row);
  }
  return out;
}
