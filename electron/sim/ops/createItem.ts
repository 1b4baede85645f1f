// CreateItem: saves items into a folder. MessageDisposition is required for messages
// (ErrorMessageDispositionRequired). SaveOnly saves into SavedItemFolderId or Drafts;
// SendAndSaveCopy saves into SavedItemFolderId or Sent Items; SendOnly saves nothing and returns
// an empty m:Items (the simulator delivers no mail). The received time can be set the way import
// tools do it, through PR_MESSAGE_DELIVERY_TIME (0x0E06 SystemTime). A saved message is a draft
// (IsDraft) unless it was sent (the Sent Items copy) or PR_MESSAGE_FLAGS (0x0E07) clears
// MSGFLAG_UNSENT (0x8), as import tools do; bit 0x1 (MSGFLAG_READ) sets IsRead. Body, Categories,
// Importance, PolicyTag (0x3019) and PidLidSpamOriginalFolder are stored as given.
import { runBatch } from '../batch';
import type { RequestContext } from '../context';
import { isItemError, itemError, type ItemError } from '../errors';
import { IMPORTANCE_NAMES, itemKind, type Folder, type Importance, type ItemExtras, type ItemKind, type Sender } from '../model';
import { NS_MESSAGES, NS_TYPES } from '../namespaces';
import { PID_LID_SPAM_ORIGINAL_FOLDER, PR_LAST_ACTIVE_PARENT_ENTRY_ID, PR_POLICY_TAG, readExtendedPath } from '../shapes';
import type { NewItem } from '../store';
import { booleanText, child, children, enumAttr, schemaFault, type XNode } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { nonEmptyArray, resolveTarget, singleFolderRef, type OperationHandler } from './operation';

const PR_MESSAGE_DELIVERY_TIME = 0x0e06;
const PR_MESSAGE_FLAGS = 0x0e07;
const MSGFLAG_READ = 0x1;
const MSGFLAG_UNSENT = 0x8;
const ELEMENT_KIND: Record<string, ItemKind> = { Item: 'Message', Message: 'Message', CalendarItem: 'CalendarItem', Contact: 'Contact', Task: 'Task' };
const DEFAULT_CLASS: Record<ItemKind, string> = { Message: 'IPM.Note', CalendarItem: 'IPM.Appointment', Contact: 'IPM.Contact', Task: 'IPM.Task' };
const DEFAULT_FOLDER: Record<ItemKind, string> = { Message: 'drafts', CalendarItem: 'calendar', Contact: 'contacts', Task: 'tasks' };

function readSender(node: XNode | undefined): Sender | null {
  const mailbox = node ? child(node, NS_TYPES, 'Mailbox') : undefined;
  if (!mailbox) return null;
  const address = child(mailbox, NS_TYPES, 'EmailAddress')?.text.trim() ?? '';
  const name = child(mailbox, NS_TYPES, 'Name')?.text ?? address;
  return { name, address };
}

/** A t:ArrayOfRecipientsType list (ToRecipients, CcRecipients); kept as given, never derived. */
function readRecipients(node: XNode | undefined): Sender[] {
  if (!node) return [];
  return children(node, NS_TYPES, 'Mailbox').map((mailbox) => {
    const address = child(mailbox, NS_TYPES, 'EmailAddress')?.text.trim() ?? '';
    return { name: child(mailbox, NS_TYPES, 'Name')?.text ?? address, address };
  });
}

function readItem(node: XNode, kind: ItemKind): NewItem | ItemError {
  const props: NewItem = {
    subject: child(node, NS_TYPES, 'Subject')?.text ?? '',
    itemClass: child(node, NS_TYPES, 'ItemClass')?.text.trim() || DEFAULT_CLASS[kind],
    hasAttachments: (child(node, NS_TYPES, 'Attachments')?.children.length ?? 0) > 0,
  };
  if (itemKind(props.itemClass ?? '') !== kind && kind !== 'Message') {
    return itemError('ErrorInvalidPropertySet', `ItemClass ${props.itemClass} does not fit t:${node.name}.`);
  }
  const from = readSender(child(node, NS_TYPES, 'From')) ?? readSender(child(node, NS_TYPES, 'Sender'));
  if (from) props.from = from;
  const isRead = child(node, NS_TYPES, 'IsRead');
  if (isRead) props.isRead = booleanText(isRead, 'IsRead');
  const extras: ItemExtras = {};
  if (kind === 'Message')
    extras.recipients = { to: readRecipients(child(node, NS_TYPES, 'ToRecipients')), cc: readRecipients(child(node, NS_TYPES, 'CcRecipients')) };
  const body = child(node, NS_TYPES, 'Body');
  if (body) extras.body = { type: enumAttr(body, 'BodyType', ['HTML', 'Text'] as const), text: body.text };
  const categories = child(node, NS_TYPES, 'Categories');
  if (categories) props.categories = children(categories, NS_TYPES, 'String').map((c) => c.text);
  const importance = child(node, NS_TYPES, 'Importance')?.text.trim();
  if (importance !== undefined) {
    const level = (IMPORTANCE_NAMES as readonly string[]).indexOf(importance);
    if (level < 0) throw schemaFault(`The value '${importance}' is invalid for Importance.`);
    props.importance = level as Importance;
  }
  for (const ext of children(node, NS_TYPES, 'ExtendedProperty')) {
    const uri = child(ext, NS_TYPES, 'ExtendedFieldURI');
    const path = uri ? readExtendedPath(uri) : undefined;
    const value = child(ext, NS_TYPES, 'Value')?.text.trim();
    if (!path || value === undefined) continue;
    if (path.tag === PR_MESSAGE_DELIVERY_TIME && path.type === 'SystemTime') {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) return itemError('ErrorInvalidValueForProperty', `'${value}' is not a dateTime.`);
      props.received = Math.floor(ms / 1000);
    } else if (path.tag === PR_LAST_ACTIVE_PARENT_ENTRY_ID && path.type === 'Binary') {
      props.lastActiveParent = Buffer.from(value, 'base64');
    } else if (path.tag === PR_MESSAGE_FLAGS && path.type === 'Integer' && /^\d+$/.test(value)) {
      const flags = Number(value);
      props.isDraft = (flags & MSGFLAG_UNSENT) !== 0;
      props.isRead = (flags & MSGFLAG_READ) !== 0;
    } else if (path.tag === PR_POLICY_TAG && path.type === 'Binary') {
      extras.policyTag = Buffer.from(value, 'base64');
    } else if (path.named === PID_LID_SPAM_ORIGINAL_FOLDER && path.type === 'Binary') {
      extras.spamOriginalFolder = Buffer.from(value, 'base64');
    }
  }
  if (Object.keys(extras).length > 0) props.extras = extras;
  return props;
}

function destinationFor(ctx: RequestContext, kind: ItemKind, disposition: string | undefined, saved: Folder | ItemError | undefined): Folder | ItemError {
  if (saved) return saved;
  const name = kind === 'Message' && disposition === 'SendAndSaveCopy' ? 'sentitems' : DEFAULT_FOLDER[kind];
  return ctx.actingAs.primary.byDistinguished.get(name) ?? itemError('ErrorFolderNotFound');
}

export const createItem: OperationHandler = async (ctx, request) => {
  const dispositionAttr = request.attrs['MessageDisposition'];
  const disposition = dispositionAttr === undefined ? undefined : enumAttr(request, 'MessageDisposition', ['SaveOnly', 'SendOnly', 'SendAndSaveCopy'] as const);
  if (request.attrs['SendMeetingInvitations'] !== undefined) {
    enumAttr(request, 'SendMeetingInvitations', ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const);
  }
  const savedNode = child(request, NS_MESSAGES, 'SavedItemFolderId');
  const savedRef = savedNode ? singleFolderRef(savedNode) : undefined;
  const nodes = nonEmptyArray(request, 'Items');
  for (const node of nodes) {
    if (node.ns !== NS_TYPES) throw schemaFault(`The element '${node.name}' is not a valid item.`);
  }
  const saved = savedRef ? resolveTarget(ctx, savedRef, 'ErrorFolderNotFound') : undefined;
  const outcomes = await runBatch(
    ctx,
    nodes,
    (node) => {
      const kind = ELEMENT_KIND[node.name];
      if (!kind) return { ok: false, error: itemError('ErrorInvalidOperation', `The simulator cannot create t:${node.name} items.`) };
      if (kind === 'Message' && disposition === undefined) return { ok: false, error: itemError('ErrorMessageDispositionRequired') };
      const props = readItem(node, kind);
      if (isItemError(props)) return { ok: false, error: props };
      if (kind === 'Message' && disposition === 'SendOnly') return { ok: true, payload: '<m:Items/>' };
      const folder = destinationFor(ctx, kind, disposition, saved);
      if (isItemError(folder)) return { ok: false, error: folder };
      // A saved message is unsent (a draft) unless it went out or its flags say otherwise.
      if (kind === 'Message' && props.isDraft === undefined) props.isDraft = disposition === 'SaveOnly';
      // Created now, whatever delivery time an import gave it.
      props.modified = Math.floor(Date.now() / 1000);
      const item = ctx.store.addItem(folder, props);
      const element = itemKind(item.itemClass);
      return {
        ok: true,
        payload: `<m:Items><t:${element}><t:ItemId Id="${ctx.store.itemId(item)}" ChangeKey="${ctx.store.itemChangeKey(item)}"/></t:${element}></m:Items>`,
      };
    },
    { injectItemErrors: true },
  );
  return outcomes.map((o) => responseMessage('CreateItem', o, '<m:Items/>')).join('');
};
