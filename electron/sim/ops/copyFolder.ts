// CopyFolder (the CopyFolder operation reference): copies each folder with its whole subtree —
// subfolders and items — under the destination; every copy gets a new FolderId, source key and
// item ids, and the answer names the new top folder. The originals are untouched. Distinguished
// folders may be copied (the copy is an ordinary folder); the refusals shared with MoveFolder are
// in folderTransfer.ts. Throttling: one unit per folder, plus one per 100 items copied (as EmptyFolder).
import { outOfTimeOutcome, runBatch } from '../batch';
import type { RequestContext } from '../context';
import { isItemError, itemError } from '../errors';
import type { Folder } from '../model';
import { responseMessage } from '../xmlWrite';
import { copyFolderTree, folderPayload, readFolderTransfer, transferRefusal } from './folderTransfer';
import type { OperationHandler } from './operation';

const ITEMS_PER_UNIT = 100;

/** The items of a subtree (the folder and every folder below it). */
function subtreeItemCount(ctx: RequestContext, folder: Folder): number {
  let count = folder.contents.count;
  for (const sub of ctx.store.descendants(folder)) count += sub.contents.count;
  return count;
}

export const copyFolder: OperationHandler = async (ctx, request) => {
  const { destination, sources } = readFolderTransfer(ctx, request);
  const outcomes = await runBatch(
    ctx,
    sources,
    async (ref) => {
      const folder = ctx.resolveFolderRef(ref, 'read');
      if (isItemError(folder)) return { ok: false, error: folder };
      if (isItemError(destination)) return { ok: false, error: destination };
      if (folder.parent === null) return { ok: false, error: itemError('ErrorMoveCopyFailed', 'A mailbox root cannot be copied.') };
      const refused = transferRefusal(ctx, folder, destination, 'copy');
      if (refused) return { ok: false, error: refused };
      const extraUnits = Math.floor(subtreeItemCount(ctx, folder) / ITEMS_PER_UNIT);
      if (extraUnits > 0) {
        const charge = await ctx.budget.chargeItem(extraUnits);
        if (!charge.ok) return outOfTimeOutcome(ctx);
      }
      return { ok: true, payload: folderPayload(ctx, copyFolderTree(ctx, folder, destination)) };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('CopyFolder', o, '<m:Folders/>')).join('');
};
