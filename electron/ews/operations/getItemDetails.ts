// GetItem for the reading pane: one or a few items with their headers and body. FindItem never
// returns bodies or recipient lists (EWS-FACTS §3), so this is its own request with its own shape;
// the body comes in the asked BodyType (Text or HTML: one per request, ask twice for both).
import { EwsError } from '../errors';
import { itemIdsXml, readIdAttributes, requireNonEmpty, type ItemId } from '../ids';
import type { EwsOperation } from '../operation';
import { extendedFieldXml, fieldXml, PR_LAST_ACTIVE_PARENT_ENTRY_ID, readExtendedProperty } from '../properties';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { attr, childrenOf, childText, firstChild, textOf, type XNode } from '../xmlTree';

/** PR_POLICY_TAG (PidTagPolicyTag): the retention tag's GUID, Binary. */
export const PR_POLICY_TAG = 0x3019;
/** Recipients read from one list (To, Cc); more are counted, not kept. */
const MAX_RECIPIENTS = 500;

export type BodyType = 'Text' | 'HTML';

export interface GetItemDetailsRequest {
  items: readonly ItemId[];
  bodyType: BodyType;
}

export interface Recipient {
  name: string | undefined;
  address: string | undefined;
}

export interface ItemDetails {
  /** The element name: Message, CalendarItem, … */
  kind: string;
  id: string;
  changeKey: string | undefined;
  parentFolderId: string | undefined;
  itemClass: string | undefined;
  subject: string | undefined;
  from: Recipient | undefined;
  to: Recipient[];
  cc: Recipient[];
  /** Recipients beyond MAX_RECIPIENTS per list, not kept. */
  recipientsOmitted: number;
  /** ISO 8601 as the server wrote them. */
  dateTimeSent: string | undefined;
  dateTimeReceived: string | undefined;
  lastModifiedTime: string | undefined;
  internetMessageId: string | undefined;
  /** Low, Normal or High. */
  importance: string | undefined;
  categories: string[];
  isRead: boolean | undefined;
  size: number | undefined;
  /** 0x3019, base64: the retention tag applied to the item. */
  retentionTag: string | undefined;
  /** 0x348A, base64: the folder a deleted item came from (its PR_SOURCE_KEY). */
  lastActiveParentEntryId: string | undefined;
  body: { type: string; content: string; truncated: boolean } | undefined;
}

const DETAIL_FIELDS = [
  'item:ParentFolderId',
  'item:ItemClass',
  'item:Subject',
  'item:Body',
  'item:DateTimeReceived',
  'item:Size',
  'item:Categories',
  'item:Importance',
  'item:DateTimeSent',
  'item:LastModifiedTime',
  'message:ToRecipients',
  'message:CcRecipients',
  'message:From',
  'message:InternetMessageId',
  'message:IsRead',
];

export function itemDetailsShape(bodyType: BodyType): string {
  if (bodyType !== 'Text' && bodyType !== 'HTML') throw new EwsError('invalid-request', `"${String(bodyType)}" is not a body type.`);
  const fields = DETAIL_FIELDS.map(fieldXml).join('') + extendedFieldXml(PR_POLICY_TAG, 'Binary') + extendedFieldXml(PR_LAST_ACTIVE_PARENT_ENTRY_ID, 'Binary');
  return `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:BodyType>${bodyType}</t:BodyType><t:AdditionalProperties>${fields}</t:AdditionalProperties></m:ItemShape>`;
}

function readMailbox(node: XNode | undefined): Recipient | undefined {
  if (node === undefined) return undefined;
  return { name: childText(node, 'Name'), address: childText(node, 'EmailAddress')?.trim() };
}

function readRecipients(list: XNode | undefined, details: ItemDetails): Recipient[] {
  const out: Recipient[] = [];
  for (const node of list === undefined ? [] : childrenOf(list)) {
    if (node.name !== 'Mailbox') continue;
    if (out.length >= MAX_RECIPIENTS) details.recipientsOmitted++;
    else out.push(readMailbox(node) as Recipient);
  }
  return out;
}

function trimmed(node: XNode): string {
  return textOf(node).trim();
}

export function readItemDetails(item: XNode): ItemDetails | undefined {
  const ids = readIdAttributes(firstChild(item, 'ItemId'));
  if (ids === undefined) return undefined;
  const details: ItemDetails = {
    kind: item.name,
    id: ids.id,
    changeKey: ids.changeKey,
    parentFolderId: readIdAttributes(firstChild(item, 'ParentFolderId'))?.id,
    itemClass: undefined,
    subject: undefined,
    from: undefined,
    to: [],
    cc: [],
    recipientsOmitted: 0,
    dateTimeSent: undefined,
    dateTimeReceived: undefined,
    lastModifiedTime: undefined,
    internetMessageId: undefined,
    importance: undefined,
    categories: [],
    isRead: undefined,
    size: undefined,
    retentionTag: undefined,
    lastActiveParentEntryId: undefined,
    body: undefined,
  };
  for (const child of childrenOf(item)) {
    switch (child.name) {
      case 'ItemClass':
        details.itemClass = textOf(child);
        break;
      case 'Subject':
        details.subject = textOf(child);
        break;
      case 'Body': {
        const truncated = attr(child, 'IsTruncated')?.trim();
        details.body = { type: attr(child, 'BodyType')?.trim() ?? 'Text', content: textOf(child), truncated: truncated === 'true' || truncated === '1' };
        break;
      }
      case 'DateTimeReceived':
        details.dateTimeReceived = trimmed(child);
        break;
      case 'DateTimeSent':
        details.dateTimeSent = trimmed(child);
        break;
      case 'LastModifiedTime':
        details.lastModifiedTime = trimmed(child);
        break;
      case 'Size': {
        const n = Number(trimmed(child));
        details.size = Number.isInteger(n) && n >= 0 ? n : undefined;
        break;
      }
      case 'Categories':
        details.categories = childrenOf(child)
          .filter((s) => s.name === 'String')
          .map((s) => textOf(s));
        break;
      case 'Importance':
        details.importance = trimmed(child);
        break;
      case 'From':
        details.from = readMailbox(firstChild(child, 'Mailbox'));
        break;
      case 'ToRecipients':
        details.to = readRecipients(child, details);
        break;
      case 'CcRecipients':
        details.cc = readRecipients(child, details);
        break;
      case 'InternetMessageId':
        details.internetMessageId = trimmed(child);
        break;
      case 'IsRead': {
        const b = trimmed(child);
        details.isRead = b === 'true' || b === '1';
        break;
      }
      case 'ExtendedProperty': {
        const prop = readExtendedProperty(child);
        if (prop?.tag === PR_POLICY_TAG) details.retentionTag = prop.value;
        else if (prop?.tag === PR_LAST_ACTIVE_PARENT_ENTRY_ID) details.lastActiveParentEntryId = prop.value;
        break;
      }
    }
  }
  return details;
}

export const getItemDetailsOperation: EwsOperation<GetItemDetailsRequest, EwsResult<ItemDetails | undefined>[]> = {
  name: 'GetItem',
  buildBody(request) {
    requireNonEmpty(request.items, 'item');
    return `<m:GetItem>${itemDetailsShape(request.bodyType)}<m:ItemIds>${itemIdsXml(request.items)}</m:ItemIds></m:GetItem>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'GetItem', request.items.length, (message) => {
      const items = firstChild(message, 'Items');
      const first = items === undefined ? undefined : childrenOf(items)[0];
      return first === undefined ? undefined : readItemDetails(first);
    });
  },
};
