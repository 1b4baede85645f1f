// EmptyFolder: deletes every item of each folder with the given DeleteType (same destinations
// as DeleteItem) and, with DeleteSubFolders, its subfolders (as DeleteFolder would). A folder
// holding undeletable (distinguished or system) subfolders cannot be emptied with
// DeleteSubFolders=true: ErrorCannotEmptyFolder, nothing applied (exact code UNVERIFIED). The
// folder's own items go all or nothing (a hold on Purges/DiscoveryHolds or a full Recoverable
// Items quota refuses the folder); each subfolder is then checked as DeleteFolder checks it.
// The folder's associated (FAI) items stay unless the emptyFolderAssociated switch says otherwise.
import { outOfTimeOutcome, runBatch } from '../batch';
import { DELETE_TYPES, deleteAllItems, deleteFolder, isUndeletable } from '../deletion';
import { isItemError, itemError } from '../errors';
import { booleanAttr, enumAttr } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkFolderIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

/** Each this many items cost one more throttle unit (emptying is one store operation per folder). */
const ITEMS_PER_UNIT = 100;

export const emptyFolder: OperationHandler = async (ctx, request) => {
  const deleteType = enumAttr(request, 'DeleteType', DELETE_TYPES);
  const deleteSubFolders = booleanAttr(request, 'DeleteSubFolders', true) ?? false;
  const refs = nonEmptyArray(request, 'FolderIds');
  checkFolderIdSyntax(refs);
  const outcomes = await runBatch(
    ctx,
    refs,
    async (ref) => {
      const folder = ctx.resolveFolderRef(ref, 'change');
      if (isItemError(folder)) return { ok: false, error: folder };
      if (folder.isSearchFolder) return { ok: false, error: itemError('ErrorCannotEmptyFolder', 'Search folders cannot be emptied.') };
      if (ctx.store.inDumpster(folder) && !ctx.sim.switches.allowEmptyRecoverableItems) {
        return { ok: false, error: itemError('ErrorCannotEmptyFolder') };
      }
      if (deleteSubFolders && ctx.store.descendants(folder).some(isUndeletable)) {
        return { ok: false, error: itemError('ErrorCannotEmptyFolder', 'The folder holds folders that cannot be deleted.') };
      }
      const items = [...folder.contents.all()];
      const extraUnits = Math.floor(items.length / ITEMS_PER_UNIT);
      if (extraUnits > 0) {
        const charge = await ctx.budget.chargeItem(extraUnits);
        if (!charge.ok) return outOfTimeOutcome(ctx);
      }
      const refused = deleteAllItems(ctx.store, ctx.sim.switches, folder, deleteType);
      if (refused) return { ok: false, error: refused };
      if (ctx.sim.switches.emptyFolderAssociated === 'delete') {
        for (const fai of [...folder.associated.all()]) ctx.store.purgeItem(fai);
      }
      if (deleteSubFolders) {
        for (const sub of [...folder.children]) {
          const failed = deleteFolder(ctx.store, ctx.sim.switches, sub, deleteType);
          if (failed) return { ok: false, error: failed };
        }
      }
      return { ok: true, payload: '' };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('EmptyFolder', o)).join('');
};
