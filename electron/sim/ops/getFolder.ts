// GetFolder: one message per requested folder, m:Folders holding it (empty on error). The hidden
// System folder answers ErrorAccessDenied per the systemFolderGetFolder switch (it stops the batch).
import { runBatch } from '../batch';
import { isItemError, itemError } from '../errors';
import { refusesGetFolder } from '../folderSet';
import { NS_MESSAGES } from '../namespaces';
import { readShape, writeFolder } from '../shapes';
import { requireChild } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkFolderIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

export const getFolder: OperationHandler = async (ctx, request) => {
  const shape = readShape(requireChild(request, NS_MESSAGES, 'FolderShape'));
  const refs = nonEmptyArray(request, 'FolderIds');
  checkFolderIdSyntax(refs);
  const outcomes = await runBatch(
    ctx,
    refs,
    (ref) => {
      const folder = ctx.resolveFolderRef(ref);
      if (isItemError(folder)) return { ok: false, error: folder };
      if (ctx.sim.switches.systemFolderGetFolder === 'ErrorAccessDenied' && refusesGetFolder(folder)) {
        return { ok: false, error: itemError('ErrorAccessDenied', 'Not allowed to access Non IPM folder.') };
      }
      return { ok: true, payload: `<m:Folders>${writeFolder(ctx.store, folder, shape)}</m:Folders>` };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('GetFolder', o, '<m:Folders/>')).join('');
};
