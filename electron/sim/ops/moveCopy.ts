// MoveItem and CopyItem share their request shape (ToFolderId, ItemIds, ReturnNewItemIds).
// Both give the item a new id (a move is copy + delete, so the old id stops resolving). Within one
// mailbox the new ids are returned; across mailboxes Exchange returns Success with an empty m:Items.
// Refused per item: an associated (FAI) item, ErrorInvalidOperation (ResponseCode reference: "Move
// or copy an associated item"); a move out of Purges/DiscoveryHolds under a hold (retention.ts,
// switch heldDumpsterMoveOut); a move or copy into a full Recoverable Items folder, answered as a
// delete into it is (switch recoverableItemsFullError).
import { runBatch } from '../batch';
import type { RequestContext } from '../context';
import { lastActiveParentFor } from '../deletion';
import { isItemError, itemError, type ItemError } from '../errors';
import { isAssociated, itemKind, type Folder, type Item } from '../model';
import { NS_MESSAGES } from '../namespaces';
import { heldRemovalRefusal, moveIntoDumpsterRefusal } from '../retention';
import { booleanText, child, requireChild, type XNode } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkItemIdSyntax, nonEmptyArray, resolveTarget, singleFolderRef } from './operation';

/** Moves into these keep the ChangeKey (EWS-FACTS §5): a delete is not an edit. */
const KEEPS_CHANGE_KEY = new Set(['deleteditems', 'recoverableitemsdeletions', 'archivedeleteditems', 'archiverecoverableitemsdeletions']);

function isDeletedItemsOrDumpster(ctx: RequestContext, folder: Folder): boolean {
  const deleted = ctx.store.distinguished(folder.mailbox, 'deleteditems');
  return (deleted !== undefined && ctx.store.isWithin(folder, deleted)) || ctx.store.inDumpster(folder);
}

function applyMove(ctx: RequestContext, item: Item, destination: Folder): Item {
  const source = item.folder as Folder;
  const stamp =
    ctx.sim.switches.stampLastActiveParentOnMove && isDeletedItemsOrDumpster(ctx, destination) && !isDeletedItemsOrDumpster(ctx, source)
      ? lastActiveParentFor(ctx.store, item, source)
      : undefined;
  return ctx.store.moveItem(item, destination, {
    keepChangeKey: destination.distinguished !== undefined && KEEPS_CHANGE_KEY.has(destination.distinguished),
    lastActiveParent: stamp,
  });
}

/** Why this item may not be moved or copied there, if it may not. */
function refusal(ctx: RequestContext, item: Item, destination: Folder, operation: 'MoveItem' | 'CopyItem'): ItemError | undefined {
  if (isAssociated(item)) return itemError('ErrorInvalidOperation', 'Associated items cannot be moved or copied.');
  const source = item.folder as Folder;
  const switches = ctx.sim.switches;
  if (operation === 'MoveItem') {
    const held = heldRemovalRefusal(switches, source);
    if (held) return held;
  }
  return moveIntoDumpsterRefusal(ctx.store, switches, source, destination, operation === 'CopyItem');
}

export async function moveOrCopy(ctx: RequestContext, request: XNode, operation: 'MoveItem' | 'CopyItem'): Promise<string> {
  const targetRef = singleFolderRef(requireChild(request, NS_MESSAGES, 'ToFolderId'));
  const ids = nonEmptyArray(request, 'ItemIds');
  checkItemIdSyntax(ids);
  const returnNode = child(request, NS_MESSAGES, 'ReturnNewItemIds');
  const returnIds = returnNode ? booleanText(returnNode, 'ReturnNewItemIds') : ctx.sim.switches.returnNewItemIdsByDefault;
  const destination = resolveTarget(ctx, targetRef, 'ErrorToFolderNotFound');
  const outcomes = await runBatch(
    ctx,
    ids,
    (idNode) => {
      const item = ctx.resolveItemRef(idNode, operation === 'MoveItem' ? 'change' : 'read');
      if (isItemError(item)) return { ok: false, error: item };
      if (isItemError(destination)) return { ok: false, error: destination };
      const refused = refusal(ctx, item, destination, operation);
      if (refused) return { ok: false, error: refused };
      const crossMailbox = item.folder?.mailbox !== destination.mailbox;
      const result = operation === 'MoveItem' ? applyMove(ctx, item, destination) : ctx.store.copyItem(item, destination);
      if (!returnIds || crossMailbox) return { ok: true, payload: '<m:Items/>' };
      const element = itemKind(result.itemClass);
      return {
        ok: true,
        payload: `<m:Items><t:${element}><t:ItemId Id="${ctx.store.itemId(result)}" ChangeKey="${ctx.store.itemChangeKey(result)}"/></t:${element}></m:Items>`,
      };
    },
    { injectItemErrors: true },
  );
  return outcomes.map((o) => responseMessage(operation, o, '<m:Items/>')).join('');
}
