// CreateItem with MessageDisposition=SaveOnly: seeds messages into any folder.
// DateTimeReceived is read-only in EWS, so the received time travels as
// PR_MESSAGE_DELIVERY_TIME; PR_MESSAGE_FLAGS without MSGFLAG_UNSENT makes it a received
// message rather than a draft.
import { EwsError } from '../errors';
import { folderIdXml, readNewItemId, requireNonEmpty, type FolderRef, type ItemId } from '../ids';
import type { EwsOperation } from '../operation';
import { extendedFieldXml, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_FLAGS } from '../properties';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { escapeXml } from '../xmlText';

export interface NewMessage {
  subject: string;
  /** e.g. IPM.Note (default), IPM.Note.Custom */
  itemClass?: string;
  from?: { name?: string; address: string };
  receivedAt?: Date | string;
  body?: { type: 'Text' | 'HTML'; content: string };
  isRead?: boolean;
}

export interface CreateItemRequest {
  folder: FolderRef;
  messages: readonly NewMessage[];
}

const MSGFLAG_READ = 0x1;

function extendedValueXml(tag: number, type: 'SystemTime' | 'Integer', value: string): string {
  return `<t:ExtendedProperty>${extendedFieldXml(tag, type)}<t:Value>${value}</t:Value></t:ExtendedProperty>`;
}

function messageXml(m: NewMessage): string {
  let out = '<t:Message>';
  if (m.itemClass !== undefined) out += `<t:ItemClass>${escapeXml(m.itemClass)}</t:ItemClass>`;
  out += `<t:Subject>${escapeXml(m.subject)}</t:Subject>`;
  if (m.body !== undefined) out += `<t:Body BodyType="${m.body.type === 'HTML' ? 'HTML' : 'Text'}">${escapeXml(m.body.content)}</t:Body>`;
  if (m.receivedAt !== undefined) {
    const at = m.receivedAt instanceof Date ? m.receivedAt : new Date(m.receivedAt);
    if (Number.isNaN(at.getTime())) throw new EwsError('invalid-request', `receivedAt is not a valid date: ${String(m.receivedAt)}.`);
    out += extendedValueXml(PR_MESSAGE_DELIVERY_TIME, 'SystemTime', at.toISOString());
  }
  out += extendedValueXml(PR_MESSAGE_FLAGS, 'Integer', String(m.isRead ? MSGFLAG_READ : 0));
  if (m.from !== undefined) {
    const name = m.from.name === undefined ? '' : `<t:Name>${escapeXml(m.from.name)}</t:Name>`;
    out += `<t:From><t:Mailbox>${name}<t:EmailAddress>${escapeXml(m.from.address)}</t:EmailAddress></t:Mailbox></t:From>`;
  }
  return `${out}</t:Message>`;
}

export const createItemOperation: EwsOperation<CreateItemRequest, EwsResult<ItemId | undefined>[]> = {
  name: 'CreateItem',
  buildBody(request) {
    requireNonEmpty(request.messages, 'message');
    let items = '';
    for (const m of request.messages) items += messageXml(m);
    return `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${folderIdXml(request.folder)}</m:SavedItemFolderId><m:Items>${items}</m:Items></m:CreateItem>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'CreateItem', request.messages.length, readNewItemId);
  },
};
