// DeleteFolder: distinguished and system folders → ErrorDeleteDistinguishedFolder; a deleted
// folder's id → ErrorItemNotFound. Destinations: see deletion.ts and the folderSoftDelete switch;
// a removed folder's items go to the dumpster (or are gone) stamped with their folder's source key.
import { runBatch } from '../batch';
import { DELETE_TYPES, deleteFolder as applyDelete } from '../deletion';
import { isItemError } from '../errors';
import { enumAttr } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkFolderIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

export const deleteFolder: OperationHandler = async (ctx, request) => {
  const deleteType = enumAttr(request, 'DeleteType', DELETE_TYPES);
  const refs = nonEmptyArray(request, 'FolderIds');
  checkFolderIdSyntax(refs);
  const outcomes = await runBatch(
    ctx,
    refs,
    (ref) => {
      const folder = ctx.resolveFolderRef(ref, 'change');
      if (isItemError(folder)) return { ok: false, error: folder };
      const failed = applyDelete(ctx.store, ctx.sim.switches, folder, deleteType);
      return failed ? { ok: false, error: failed } : { ok: true, payload: '' };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('DeleteFolder', o)).join('');
};
