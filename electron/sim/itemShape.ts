// Writes an item for FindItem and GetItem in the element order of types.xsd (ItemType, then
// MessageType's own elements). What each base shape holds:
//   IdOnly: the ItemId. Default: the fields marked below; GetItem's Default adds the body and the
//   fields of MSD's GetItem (email message) sample. AllProperties: every property the simulator
//   models for that kind of item (see the README for what is not modelled); FindItem never
//   returns a body (MSD finditem-operation: "does not return any of the message body formats").
// Extended properties come only when asked for, by tag or named path.
import { ccRecipients, dateTimeCreated, dateTimeSent, displayNames, internetMessageId, itemBody, itemEntryId, toRecipients } from './itemFields';
import { IMPORTANCE_NAMES, isAssociated, itemKind, lastModified, type Item, type Sender } from './model';
import {
  extendedProperty,
  has,
  PID_LID_SPAM_ORIGINAL_FOLDER,
  PR_ENTRYID,
  PR_LAST_ACTIVE_PARENT_ENTRY_ID,
  PR_MESSAGE_SIZE,
  PR_POLICY_TAG,
  type ExtendedPath,
  type Shape,
} from './shapes';
import type { Store } from './store';
import { el, esc } from './xmlWrite';

export interface ItemWriteOptions {
  /** FindItem returns only t:Name for From/Sender and never a body (EWS docs); GetItem all of them. */
  findView: boolean;
}

/** Whole seconds, as Exchange writes them: toISOString's ".sssZ" becomes "Z". */
export const iso = (epochSeconds: number): string => {
  const text = new Date(epochSeconds * 1000).toISOString();
  return /\.\d{3}Z$/.test(text) ? `${text.slice(0, -5)}Z` : text;
};

function mailbox(sender: Sender, nameOnly: boolean, type: 'OneOff' | 'Mailbox' = 'OneOff'): string {
  if (nameOnly) return `<t:Mailbox>${el('t:Name', sender.name)}</t:Mailbox>`;
  return `<t:Mailbox>${el('t:Name', sender.name)}${el('t:EmailAddress', sender.address)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>${type}</t:MailboxType></t:Mailbox>`;
}

/** The value of an extended property on an item, or undefined when the item has none. */
function extendedValue(item: Item, path: ExtendedPath): string | undefined {
  if (path.named === PID_LID_SPAM_ORIGINAL_FOLDER) return path.type === 'Binary' ? item.extras?.spamOriginalFolder?.toString('base64') : undefined;
  switch (path.tag) {
    case PR_LAST_ACTIVE_PARENT_ENTRY_ID:
      return path.type === 'Binary' ? item.lastActiveParent?.toString('base64') : undefined;
    case PR_ENTRYID:
      return path.type === 'Binary' ? itemEntryId(item)?.toString('base64') : undefined;
    case PR_MESSAGE_SIZE:
      return path.type === 'Integer' ? String(item.size) : undefined;
    case PR_POLICY_TAG:
      return path.type === 'Binary' ? item.extras?.policyTag?.toString('base64') : undefined;
    default:
      return undefined;
  }
}

const TOPIC_PREFIX = /^\s*((re|fw|fwd|aw|wg)\s*:\s*)+/i;

export function writeItem(store: Store, item: Item, shape: Shape, options: ItemWriteOptions): string {
  const kind = itemKind(item.itemClass);
  const message = kind === 'Message';
  const folder = item.folder;
  const owner = folder?.mailbox.owner;
  const getDefault = !options.findView;
  const all = shape.base === 'AllProperties';
  const sent = dateTimeSent(item);
  const fromMe = owner !== undefined && item.from !== null && item.from.address.toLowerCase() === owner.smtp.toLowerCase();
  let out = `<t:${kind}><t:ItemId Id="${store.itemId(item)}" ChangeKey="${store.itemChangeKey(item)}"/>`;
  if (folder && has(shape, 'item:ParentFolderId', false)) {
    out += `<t:ParentFolderId Id="${store.folderId(folder)}" ChangeKey="${store.folderChangeKey(folder)}"/>`;
  }
  if (has(shape, 'item:ItemClass', false)) out += el('t:ItemClass', item.itemClass);
  if (has(shape, 'item:Subject', true)) out += el('t:Subject', item.subject);
  if (has(shape, 'item:Sensitivity', getDefault)) out += '<t:Sensitivity>Normal</t:Sensitivity>';
  if (!options.findView && has(shape, 'item:Body', getDefault)) {
    const body = itemBody(item, shape.bodyType);
    out += `<t:Body BodyType="${body.type}" IsTruncated="false">${esc(body.text)}</t:Body>`;
  }
  if (has(shape, 'item:DateTimeReceived', true)) out += `<t:DateTimeReceived>${iso(item.received)}</t:DateTimeReceived>`;
  if (has(shape, 'item:Size', getDefault)) out += `<t:Size>${item.size}</t:Size>`;
  if (item.categories && item.categories.length > 0 && has(shape, 'item:Categories', false)) {
    out += `<t:Categories>${item.categories.map((c) => el('t:String', c)).join('')}</t:Categories>`;
  }
  if (has(shape, 'item:Importance', false)) out += el('t:Importance', IMPORTANCE_NAMES[item.importance]);
  if (all) out += '<t:IsSubmitted>false</t:IsSubmitted>';
  if (has(shape, 'item:IsDraft', false)) out += `<t:IsDraft>${item.isDraft}</t:IsDraft>`;
  if (all) out += `<t:IsFromMe>${fromMe}</t:IsFromMe><t:IsResend>false</t:IsResend><t:IsUnmodified>${!item.isDraft}</t:IsUnmodified>`;
  if (sent !== undefined && has(shape, 'item:DateTimeSent', getDefault)) out += `<t:DateTimeSent>${iso(sent)}</t:DateTimeSent>`;
  if (has(shape, 'item:DateTimeCreated', getDefault)) out += `<t:DateTimeCreated>${iso(dateTimeCreated(item))}</t:DateTimeCreated>`;
  if (message && has(shape, 'item:DisplayCc', false)) out += el('t:DisplayCc', displayNames(ccRecipients(item)));
  if (message && has(shape, 'item:DisplayTo', false)) out += el('t:DisplayTo', displayNames(toRecipients(item)));
  if (has(shape, 'item:HasAttachments', true)) out += `<t:HasAttachments>${item.hasAttachments}</t:HasAttachments>`;
  for (const path of shape.extended) {
    const value = extendedValue(item, path);
    if (value !== undefined) out += extendedProperty(path, value);
  }
  if (all) out += '<t:Culture>en-US</t:Culture>';
  if (all && owner) out += el('t:LastModifiedName', owner.name);
  if (has(shape, 'item:LastModifiedTime', false)) out += `<t:LastModifiedTime>${iso(lastModified(item))}</t:LastModifiedTime>`;
  if (has(shape, 'item:IsAssociated', false)) out += `<t:IsAssociated>${isAssociated(item)}</t:IsAssociated>`;
  if (message) out += messagePart(item, shape, options, fromMe);
  return `${out}</t:${kind}>`;
}

/** A t:ArrayOfRecipientsType list; the owner is a Mailbox, others one-off addresses. */
function recipientList(qname: string, recipients: readonly Sender[], owner: { smtp: string } | undefined): string {
  if (recipients.length === 0) return '';
  const entries = recipients.map((r) => mailbox(r, false, owner !== undefined && r.address.toLowerCase() === owner.smtp.toLowerCase() ? 'Mailbox' : 'OneOff'));
  return `<${qname}>${entries.join('')}</${qname}>`;
}

/** MessageType's own elements, after all of ItemType's. */
function messagePart(item: Item, shape: Shape, options: ItemWriteOptions, fromMe: boolean): string {
  const getDefault = !options.findView;
  const all = shape.base === 'AllProperties';
  const owner = item.folder?.mailbox.owner;
  let out = '';
  if (item.from && has(shape, 'message:Sender', false)) out += `<t:Sender>${mailbox(item.from, options.findView)}</t:Sender>`;
  // Recipient lists: GetItem only (FindItem refuses them, findItem.ts); Default has them, as MSD's
  // GetItem (email message) sample shows ToRecipients. Empty lists are left out.
  if (!options.findView && has(shape, 'message:ToRecipients', getDefault)) out += recipientList('t:ToRecipients', toRecipients(item), owner);
  if (!options.findView && has(shape, 'message:CcRecipients', getDefault)) out += recipientList('t:CcRecipients', ccRecipients(item), owner);
  if (has(shape, 'message:IsReadReceiptRequested', getDefault)) out += '<t:IsReadReceiptRequested>false</t:IsReadReceiptRequested>';
  if (has(shape, 'message:IsDeliveryReceiptRequested', getDefault)) out += '<t:IsDeliveryReceiptRequested>false</t:IsDeliveryReceiptRequested>';
  if (has(shape, 'message:ConversationTopic', false)) out += el('t:ConversationTopic', item.subject.replace(TOPIC_PREFIX, ''));
  if (item.from && has(shape, 'message:From', true)) out += `<t:From>${mailbox(item.from, options.findView)}</t:From>`;
  if (has(shape, 'message:InternetMessageId', false)) out += el('t:InternetMessageId', internetMessageId(item));
  if (has(shape, 'message:IsRead', true)) out += `<t:IsRead>${item.isRead}</t:IsRead>`;
  if (all && owner && !fromMe && !item.isDraft) {
    const me = mailbox({ name: owner.name, address: owner.smtp }, false, 'Mailbox');
    out += `<t:ReceivedBy>${me}</t:ReceivedBy><t:ReceivedRepresenting>${me}</t:ReceivedRepresenting>`;
  }
  return out;
}
