// FindFolder: Shallow lists a folder's children, Deep all its descendants (from msgfolderroot that
// never includes Recoverable Items, which lives under root). SoftDeleted finds nothing here.
import { outOfTimeOutcome, runBatch } from '../batch';
import { isItemError, SoapFault } from '../errors';
import type { Folder } from '../model';
import { NS_MESSAGES } from '../namespaces';
import { pageOf, readPagingView, rootFolderAttributes } from '../paging';
import { compileRestriction, FOLDER_FIELD_SET } from '../query';
import { readShape, writeFolder } from '../shapes';
import { child, enumAttr, requireChild } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkFolderIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

export const findFolder: OperationHandler = async (ctx, request) => {
  const traversal = enumAttr(request, 'Traversal', ['Shallow', 'Deep', 'SoftDeleted'] as const);
  const shape = readShape(requireChild(request, NS_MESSAGES, 'FolderShape'));
  if (child(request, NS_MESSAGES, 'FractionalPageFolderView')) {
    throw new SoapFault('ErrorInvalidRequest', 'The simulator supports IndexedPageFolderView paging only.');
  }
  const viewNode = child(request, NS_MESSAGES, 'IndexedPageFolderView');
  const view = viewNode ? readPagingView(viewNode) : undefined;
  const restrictionNode = child(request, NS_MESSAGES, 'Restriction');
  const restriction = restrictionNode ? compileRestriction(restrictionNode, FOLDER_FIELD_SET) : undefined;
  const parents = nonEmptyArray(request, 'ParentFolderIds');
  checkFolderIdSyntax(parents);
  const outcomes = await runBatch(
    ctx,
    parents,
    async (ref) => {
      if (isItemError(restriction)) return { ok: false, error: restriction };
      const parent = ctx.resolveFolderRef(ref);
      if (isItemError(parent)) return { ok: false, error: parent };
      let found: Folder[] = traversal === 'Shallow' ? [...parent.children] : traversal === 'Deep' ? ctx.store.descendants(parent) : [];
      if (restriction) found = found.filter(restriction);
      const page = pageOf(found, view);
      if (isItemError(page)) return { ok: false, error: page };
      // Charged per row returned (an empty page still costs one), not per call.
      if (!(await ctx.budget.chargeRows(Math.max(1, page.entries.length))).ok) return outOfTimeOutcome(ctx);
      const folders = page.entries.map((f) => writeFolder(ctx.store, f, shape)).join('');
      return { ok: true, payload: `<m:RootFolder${rootFolderAttributes(page)}><t:Folders>${folders}</t:Folders></m:RootFolder>` };
    },
    { injectItemErrors: false, chargePerInput: false },
  );
  return outcomes.map((o) => responseMessage('FindFolder', o)).join('');
};
