// Message actions on the shared mailbox model, with the same mailbox rules as the EWS front
// (electron/sim's deletion and retention rules): DELETE moves to Deleted Items, permanentDelete
// puts the message into Purges (switch permanentDelete), move and copy give a new id. A move out
// of Purges under a hold, or into a full Recoverable Items folder, is refused as in EWS.
import { deleteItem, lastActiveParentFor } from '../sim/deletion';
import type { ItemError } from '../sim/errors';
import type { Folder, Item } from '../sim/model';
import { dispose, heldRemovalRefusal, moveIntoDumpsterRefusal, quotaRefusal } from '../sim/retention';
import type { GraphContext } from './context';
import { fromStoreError } from './errors';

/** Moves into these keep the ChangeKey: a delete is not an edit (as the EWS front). */
const KEEPS_CHANGE_KEY = new Set(['deleteditems', 'recoverableitemsdeletions']);

function raise(error: ItemError | undefined): void {
  if (!error) return;
  // EWS wraps some refusals (a full dumpster) in ErrorInternalServerError; Graph names the inner code.
  const inner = error.values?.find(([k]) => k === 'InnerErrorResponseCode')?.[1];
  const innerText = error.values?.find(([k]) => k === 'InnerErrorMessageText')?.[1];
  throw inner ? fromStoreError(inner, innerText ?? error.text) : fromStoreError(error.code, error.text);
}

function deletedOrDumpster(ctx: GraphContext, folder: Folder): boolean {
  const deleted = ctx.store.distinguished(folder.mailbox, 'deleteditems');
  return (deleted !== undefined && ctx.store.isWithin(folder, deleted)) || ctx.store.inDumpster(folder);
}

export function moveMessage(ctx: GraphContext, item: Item, destination: Folder): Item {
  const source = item.folder as Folder;
  raise(heldRemovalRefusal(ctx.storeSwitches, source));
  raise(moveIntoDumpsterRefusal(ctx.store, ctx.storeSwitches, source, destination, false));
  const stamp =
    ctx.storeSwitches.stampLastActiveParentOnMove && deletedOrDumpster(ctx, destination) && !deletedOrDumpster(ctx, source)
      ? lastActiveParentFor(ctx.store, item, source)
      : undefined;
  return ctx.store.moveItem(item, destination, {
    keepChangeKey: destination.distinguished !== undefined && KEEPS_CHANGE_KEY.has(destination.distinguished),
    lastActiveParent: stamp,
  });
}

export function copyMessage(ctx: GraphContext, item: Item, destination: Folder): Item {
  raise(moveIntoDumpsterRefusal(ctx.store, ctx.storeSwitches, item.folder as Folder, destination, true));
  return ctx.store.copyItem(item, destination);
}

export function deleteMessage(ctx: GraphContext, item: Item): void {
  raise(deleteItem(ctx.store, ctx.storeSwitches, item, 'MoveToDeletedItems'));
}

export function permanentlyDeleteMessage(ctx: GraphContext, item: Item): void {
  const source = item.folder as Folder;
  const purges = ctx.store.distinguished(source.mailbox, 'recoverableitemspurges');
  // Inside the dumpster it is a purge with the dumpster's rules (holds keep Purges), as HardDelete there.
  if (ctx.switches.permanentDelete === 'hardDelete' || !purges || ctx.store.inDumpster(source)) {
    raise(deleteItem(ctx.store, ctx.storeSwitches, item, 'HardDelete'));
    return;
  }
  raise(quotaRefusal(ctx.store, ctx.storeSwitches, source, { to: purges }));
  dispose(ctx.store, item, { to: purges }, lastActiveParentFor(ctx.store, item, source));
}
