// UpdateItem (the UpdateItem operation reference; MS-OXWSCORE 3.1.4.9): one message per
// t:ItemChange, in order; the item keeps its id and gets a new ChangeKey and LastModifiedTime.
//   ConflictResolution (required): a ChangeKey that is well-formed but not current is a conflict.
//     NeverOverwrite → ErrorIrresolvableConflict; AlwaysOverwrite → applied; AutoResolve → the
//     autoResolveStaleChangeKey switch. No ChangeKey: no conflict check. m:ConflictResults/t:Count
//     says how many updated properties met a conflict (0 without one).
//   MessageDisposition is required when the item is a message (ErrorMessageDispositionRequired).
//   Sending (SendOnly/SendAndSaveCopy) is not modelled: the simulator delivers no mail.
//   SuppressReadReceipts is accepted; the simulator sends no read receipts either way.
// Properties (t:Path, then an item element holding exactly that one property, else
// ErrorIncorrectUpdatePropertyCount): message:IsRead (set), item:Categories (set, delete),
// item:Subject and item:Body (set, delete). IsRead keeps the folder's unread count. Read-only
// properties → ErrorInvalidPropertySet; IsRead cannot be deleted (ErrorInvalidPropertyDelete);
// none of these appends (ErrorInvalidPropertyAppend). All of an ItemChange is checked before
// any of it is applied. Under a hold, a subject or body edit first keeps the original in Versions
// (retention.ts, EWS-FACTS §7); read state and categories do not trigger copy-on-write.
import { runBatch } from '../batch';
import type { RequestContext } from '../context';
import { isItemError, itemError, SoapFault, type ItemError } from '../errors';
import { isAssociated, itemKind, touchItem, type Item, type ItemBody } from '../model';
import { NS_MESSAGES, NS_TYPES } from '../namespaces';
import { keepVersionIfHeld } from '../retention';
import { booleanAttr, booleanText, child, children, enumAttr, requireAttr, requireChild, schemaFault, type XNode } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkItemIdSyntax, nonEmptyArray, singleFolderRef, type OperationHandler } from './operation';

const CONFLICT_RESOLUTIONS = ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'] as const;
const DISPOSITIONS = ['SaveOnly', 'SendOnly', 'SendAndSaveCopy'] as const;
const CALENDAR_UPDATES = ['SendToNone', 'SendOnlyToAll', 'SendOnlyToChanged', 'SendToAllAndSaveCopy', 'SendToChangedAndSaveCopy'] as const;

/** The properties this simulator updates, by FieldURI, with the element that carries each value. */
const UPDATABLE: Record<string, string> = {
  'message:IsRead': 'IsRead',
  'item:Categories': 'Categories',
  'item:Subject': 'Subject',
  'item:Body': 'Body',
};
/** Properties Exchange computes itself: setting or deleting one is ErrorInvalidPropertySet. */
const READ_ONLY = new Set([
  'item:ItemId',
  'item:ParentFolderId',
  'item:DateTimeReceived',
  'item:DateTimeSent',
  'item:DateTimeCreated',
  'item:Size',
  'item:HasAttachments',
  'item:LastModifiedTime',
  'item:LastModifiedName',
  'item:IsSubmitted',
  'item:IsFromMe',
  'item:IsResend',
  'item:IsUnmodified',
  'message:InternetMessageId',
  'item:ConversationId',
]);
/** Edits that make a held item keep its original in Versions (EWS-FACTS §7). */
const COPY_ON_WRITE = new Set(['item:Subject', 'item:Body']);

type Change =
  | { path: 'message:IsRead'; value: boolean }
  | { path: 'item:Categories'; value: readonly string[] | null }
  | { path: 'item:Subject'; value: string }
  | { path: 'item:Body'; value: ItemBody };

interface ItemChange {
  idNode: XNode;
  updates: XNode[];
}

function readItemChange(node: XNode): ItemChange {
  if (node.ns !== NS_TYPES || node.name !== 'ItemChange') throw schemaFault(`The element '${node.name}' is not a valid item change.`);
  const [idNode] = node.children;
  if (!idNode) throw schemaFault("The element 'ItemChange' has incomplete content.");
  checkItemIdSyntax([idNode]);
  const updates = requireChild(node, NS_TYPES, 'Updates').children;
  if (updates.length === 0) throw schemaFault("The element 'Updates' has incomplete content.");
  for (const update of updates) {
    if (update.ns !== NS_TYPES || !['SetItemField', 'AppendToItemField', 'DeleteItemField'].includes(update.name)) {
      throw schemaFault(`The element '${update.name}' is not a valid change description.`);
    }
  }
  return { idNode, updates };
}

/** The FieldURI an update names; indexed and extended paths are not modelled. */
function pathOf(update: XNode): string {
  const path = update.children[0];
  if (path?.ns === NS_TYPES && path.name === 'FieldURI') return requireAttr(path, 'FieldURI');
  if (path?.ns === NS_TYPES && (path.name === 'IndexedFieldURI' || path.name === 'ExtendedFieldURI')) {
    throw new SoapFault('ErrorInvalidRequest', `The simulator does not update properties by t:${path.name}.`);
  }
  throw schemaFault(`The element '${update.name}' is missing its property path.`);
}

/** The single property inside a Set/Append item element; undefined when there is not exactly one. */
function singleProperty(update: XNode, element: string): XNode | undefined {
  const holder = update.children[1];
  if (!holder || holder.ns !== NS_TYPES || update.children.length !== 2)
    throw schemaFault(`The element '${update.name}' must hold one item element after its path.`);
  const [property, ...rest] = holder.children;
  return property && rest.length === 0 && property.ns === NS_TYPES && property.name === element ? property : undefined;
}

function readValue(path: string, property: XNode): Change {
  switch (path) {
    case 'message:IsRead':
      return { path, value: booleanText(property, 'IsRead') };
    case 'item:Categories':
      return { path, value: children(property, NS_TYPES, 'String').map((s) => s.text) };
    case 'item:Subject':
      return { path, value: property.text };
    default:
      return { path: 'item:Body', value: { type: enumAttr(property, 'BodyType', ['HTML', 'Text'] as const), text: property.text } };
  }
}

function readChange(update: XNode): Change | ItemError {
  const path = pathOf(update);
  const element = UPDATABLE[path];
  if (element === undefined) {
    if (READ_ONLY.has(path)) return itemError('ErrorInvalidPropertySet', `${path} is read-only.`);
    throw new SoapFault('ErrorInvalidRequest', `The simulator does not update ${path}.`);
  }
  if (update.name === 'AppendToItemField') {
    if (path === 'item:Body') throw new SoapFault('ErrorInvalidRequest', 'The simulator does not append to bodies.');
    return itemError('ErrorInvalidPropertyAppend');
  }
  if (update.name === 'DeleteItemField') {
    if (path === 'message:IsRead') return itemError('ErrorInvalidPropertyDelete');
    if (path === 'item:Categories') return { path, value: null };
    if (path === 'item:Subject') return { path, value: '' };
    return { path: 'item:Body', value: { type: 'Text', text: '' } };
  }
  const property = singleProperty(update, element);
  return property ? readValue(path, property) : itemError('ErrorIncorrectUpdatePropertyCount');
}

function apply(item: Item, change: Change): void {
  switch (change.path) {
    case 'message:IsRead':
      if (item.isRead !== change.value) {
        item.isRead = change.value;
        // FAI items are counted in the folder's associated list, not its contents.
        if (item.folder) (isAssociated(item) ? item.folder.associated : item.folder.contents).noteReadChanged(item);
      }
      return;
    case 'item:Categories':
      item.categories = change.value === null || change.value.length === 0 ? null : change.value;
      return;
    case 'item:Subject':
      item.subject = change.value;
      return;
    case 'item:Body':
      item.extras = { ...(item.extras ?? {}), body: change.value };
  }
}

function update(
  ctx: RequestContext,
  change: ItemChange,
  conflictResolution: (typeof CONFLICT_RESOLUTIONS)[number],
  disposition: string | undefined,
): { item: Item; conflicts: number } | ItemError {
  const item = ctx.resolveItemRef(change.idNode, 'change');
  if (isItemError(item)) return item;
  if (itemKind(item.itemClass) === 'Message' && disposition === undefined) return itemError('ErrorMessageDispositionRequired');
  const changes: Change[] = [];
  for (const node of change.updates) {
    const read = readChange(node);
    if (isItemError(read)) return read;
    changes.push(read);
  }
  const sentKey = change.idNode.attrs['ChangeKey'];
  const stale = sentKey !== undefined && sentKey !== ctx.store.itemChangeKey(item);
  if (stale && (conflictResolution === 'NeverOverwrite' || ctx.sim.switches.autoResolveStaleChangeKey === 'ErrorIrresolvableConflict')) {
    return itemError('ErrorIrresolvableConflict');
  }
  if (changes.some((c) => COPY_ON_WRITE.has(c.path))) keepVersionIfHeld(item);
  for (const c of changes) apply(item, c);
  ctx.store.bumpChangeKey(item);
  touchItem(item);
  return { item, conflicts: stale ? changes.length : 0 };
}

export const updateItem: OperationHandler = async (ctx, request) => {
  const conflictResolution = enumAttr(request, 'ConflictResolution', CONFLICT_RESOLUTIONS);
  const disposition = request.attrs['MessageDisposition'] === undefined ? undefined : enumAttr(request, 'MessageDisposition', DISPOSITIONS);
  if (request.attrs['SendMeetingInvitationsOrCancellations'] !== undefined) enumAttr(request, 'SendMeetingInvitationsOrCancellations', CALENDAR_UPDATES);
  booleanAttr(request, 'SuppressReadReceipts', false);
  if (disposition !== undefined && disposition !== 'SaveOnly')
    throw new SoapFault('ErrorInvalidRequest', 'The simulator delivers no mail: UpdateItem can only save.');
  const saved = child(request, NS_MESSAGES, 'SavedItemFolderId');
  if (saved) singleFolderRef(saved);
  const changes = nonEmptyArray(request, 'ItemChanges').map(readItemChange);
  const outcomes = await runBatch(
    ctx,
    changes,
    (change) => {
      const result = update(ctx, change, conflictResolution, disposition);
      if (isItemError(result)) return { ok: false, error: result };
      const kind = itemKind(result.item.itemClass);
      const id = `<t:ItemId Id="${ctx.store.itemId(result.item)}" ChangeKey="${ctx.store.itemChangeKey(result.item)}"/>`;
      return {
        ok: true,
        payload: `<m:Items><t:${kind}>${id}</t:${kind}></m:Items><m:ConflictResults><t:Count>${result.conflicts}</t:Count></m:ConflictResults>`,
      };
    },
    { injectItemErrors: true },
  );
  return outcomes.map((o) => responseMessage('UpdateItem', o, '<m:Items/>')).join('');
};
