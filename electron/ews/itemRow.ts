// The item shape this app asks for, and the typed row read back from any item element
// (t:Message, t:CalendarItem, t:Task, …: FindItem pages can mix them).
import { extendedFieldXml, fieldXml, parsePropertyTag, PR_LAST_ACTIVE_PARENT_ENTRY_ID } from './properties';
import { decodeXmlText } from './xmlText';
import { attrValue, childrenOf, nameOf, replaySubtree, type SubtreeDigester, type XAttrs, type XNode } from './xmlTree';

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
  /** ISO 8601 as the server wrote it; in the dumpster, about when the item was deleted. */
  lastModifiedTime: string | undefined;
  /** Messages only (other item types carry no message:IsRead). */
  isRead: boolean | undefined;
  /** Low, Normal or High, as sent. */
  importance: string | undefined;
  /** Whether item:Categories held at least one value; undefined when the server sent none. */
  hasCategories: boolean | undefined;
  /** 0x348A, base64: equals the PR_SOURCE_KEY of the folder the item was deleted from. */
  lastActiveParentEntryId: string | undefined;
  /** Only in GetItem results (item:ParentFolderId). */
  parentFolderId: string | undefined;
}

// What the item table shows and the engine plans with; each property costs bytes and parse time
// on every row of a 1000-row page, so nothing else is asked for (HasAttachments is still read
// when a server sends it). Categories are read only as "has any": the names are the reading pane's.
const ROW_PROPERTIES =
  fieldXml('item:ItemClass') +
  fieldXml('item:Subject') +
  fieldXml('message:From') +
  fieldXml('item:DateTimeReceived') +
  fieldXml('item:Size') +
  fieldXml('item:LastModifiedTime') +
  fieldXml('message:IsRead') +
  fieldXml('item:Importance') +
  fieldXml('item:Categories') +
  extendedFieldXml(PR_LAST_ACTIVE_PARENT_ENTRY_ID, 'Binary');

export const FIND_ITEM_SHAPE = `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${ROW_PROPERTIES}</t:AdditionalProperties></m:ItemShape>`;
export const GET_ITEM_SHAPE = `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${fieldXml('item:ParentFolderId')}${ROW_PROPERTIES}</t:AdditionalProperties></m:ItemShape>`;

/**
 * Builds one ItemRow from an item element's events (see SubtreeDigester): live while a FindItem
 * page is parsed, or replayed from a tree (GetItem). Each direct child of the item is read
 * when the next one opens, or at the end; a later child of the same name wins, as in a tree
 * walk over the children in order.
 *   ItemId / ParentFolderId: attributes Id, ChangeKey.
 *   ItemClass, Subject: text as sent (decoded, not trimmed).
 *   DateTimeReceived, Size, HasAttachments, LastModifiedTime, IsRead, Importance: text trimmed.
 *   Categories: true when a t:String child opens (its text is not kept).
 *   From: Name of the first t:Mailbox, or its EmailAddress when the name is empty or absent.
 *   ExtendedProperty: ExtendedFieldURI@PropertyTag compared as a number, t:Value trimmed.
 */
export class ItemRowBuilder implements SubtreeDigester {
  readonly #row: ItemRow;
  #result: ItemRow | undefined | null = null;
  /** The direct child being read ('' when none) and its raw direct text. */
  #child = '';
  #childText = '';
  // t:From
  #mailboxes = 0;
  #inFirstMailbox = false;
  /** 1 = Name, 2 = EmailAddress, 0 = anything else (depth 3 under the first t:Mailbox). */
  #leaf = 0;
  #name: string | undefined;
  #address: string | undefined;
  // t:ExtendedProperty
  #tag: number | undefined;
  #value: string | undefined;
  #inValue = false;

  constructor(kind: string) {
    this.#row = {
      kind,
      id: '',
      changeKey: undefined,
      itemClass: undefined,
      subject: undefined,
      from: undefined,
      dateTimeReceived: undefined,
      size: undefined,
      hasAttachments: undefined,
      lastModifiedTime: undefined,
      isRead: undefined,
      importance: undefined,
      hasCategories: undefined,
      lastActiveParentEntryId: undefined,
      parentFolderId: undefined,
    };
  }

  open(depth: number, name: string, attrs: XAttrs): void {
    if (depth === 1) {
      this.#closeChild();
      this.#child = name;
      this.#childText = '';
      this.#leaf = 0;
      this.#inValue = false;
      switch (name) {
        case 'ItemId': {
          const id = attrValue(attrs, 'Id');
          if (id !== undefined) {
            this.#row.id = id;
            this.#row.changeKey = attrValue(attrs, 'ChangeKey');
          }
          break;
        }
        case 'ParentFolderId':
          this.#row.parentFolderId = attrValue(attrs, 'Id');
          break;
        case 'From':
          this.#mailboxes = 0;
          this.#inFirstMailbox = false;
          this.#name = undefined;
          this.#address = undefined;
          break;
        case 'ExtendedProperty':
          this.#tag = undefined;
          this.#value = undefined;
          break;
        case 'Categories':
          this.#row.hasCategories = false;
          break;
      }
    } else if (depth === 2) {
      this.#leaf = 0;
      this.#inValue = false;
      if (this.#child === 'Categories') {
        if (name === 'String') this.#row.hasCategories = true;
      } else if (this.#child === 'From') {
        this.#inFirstMailbox = name === 'Mailbox' && this.#mailboxes++ === 0;
      } else if (this.#child === 'ExtendedProperty') {
        if (name === 'ExtendedFieldURI') {
          this.#tag = parsePropertyTag(attrValue(attrs, 'PropertyTag'));
        } else if (name === 'Value') {
          this.#value = '';
          this.#inValue = true;
        }
      }
    } else if (depth === 3) {
      this.#leaf = 0;
      if (this.#inFirstMailbox) {
        if (name === 'Name') {
          this.#name = '';
          this.#leaf = 1;
        } else if (name === 'EmailAddress') {
          this.#address = '';
          this.#leaf = 2;
        }
      }
    }
  }

  text(depth: number, raw: string): void {
    if (depth === 1) this.#childText += raw;
    else if (depth === 2) {
      if (this.#inValue) this.#value += raw;
    } else if (depth === 3) {
      if (this.#leaf === 1) this.#name += raw;
      else if (this.#leaf === 2) this.#address += raw;
    }
  }

  /** The row, or undefined when the item had no usable t:ItemId. */
  result(): ItemRow | undefined {
    if (this.#result === null) {
      this.#closeChild();
      this.#result = this.#row.id === '' ? undefined : this.#row;
    }
    return this.#result;
  }

  #closeChild(): void {
    const row = this.#row;
    switch (this.#child) {
      case '':
        return;
      case 'ItemClass':
        row.itemClass = decodeXmlText(this.#childText);
        break;
      case 'Subject':
        row.subject = decodeXmlText(this.#childText);
        break;
      case 'From': {
        const name = this.#name === undefined ? undefined : decodeXmlText(this.#name);
        const address = this.#address === undefined ? undefined : decodeXmlText(this.#address);
        row.from = this.#mailboxes === 0 ? undefined : name || address;
        break;
      }
      case 'DateTimeReceived':
        row.dateTimeReceived = decodeXmlText(this.#childText).trim();
        break;
      case 'Size': {
        const n = Number(decodeXmlText(this.#childText).trim());
        row.size = Number.isFinite(n) ? n : undefined;
        break;
      }
      case 'HasAttachments':
        row.hasAttachments = readBoolean(this.#childText);
        break;
      case 'LastModifiedTime':
        row.lastModifiedTime = decodeXmlText(this.#childText).trim();
        break;
      case 'IsRead':
        row.isRead = readBoolean(this.#childText);
        break;
      case 'Importance':
        row.importance = decodeXmlText(this.#childText).trim();
        break;
      case 'ExtendedProperty':
        if (this.#tag === PR_LAST_ACTIVE_PARENT_ENTRY_ID && this.#value !== undefined) {
          row.lastActiveParentEntryId = decodeXmlText(this.#value).trim();
        }
        break;
    }
    this.#child = '';
  }
}

/** xs:boolean: true or 1. */
function readBoolean(raw: string): boolean {
  const b = decodeXmlText(raw).trim();
  return b === 'true' || b === '1';
}

/** The row of one item element: built while parsing (FindItem pages) or from its subtree. */
export function readItemRow(item: XNode): ItemRow | undefined {
  if (item.digest instanceof ItemRowBuilder) return item.digest.result();
  const builder = new ItemRowBuilder(nameOf(item) ?? 'Item');
  replaySubtree(item, builder);
  return builder.result();
}

/** All item elements of a t:Items / m:Items container, in document order. */
export function readItemRows(container: XNode | undefined): ItemRow[] {
  const out: ItemRow[] = [];
  if (container === undefined) return out;
  for (const child of childrenOf(container)) {
    const row = readItemRow(child);
    if (row) out.push(row);
  }
  return out;
}
