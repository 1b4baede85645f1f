// FindItem: items of a folder in the default order (DateTimeReceived descending) or m:SortOrder,
// filtered by m:Restriction, paged by IndexedPageItemView (≤1000 a page). Without a paging view
// more than 1000 hits is ErrorExceededFindCountLimit. Derived orders and filters are cached per
// folder version so paging through a large folder does not re-sort it for every page; a SortOrder
// asking for the default order itself sorts nothing.
// Traversal: Shallow lists the folder's normal items, Associated only its FAI items (rules, views,
// configuration), SoftDeleted nothing (Exchange 2010 and later). Asking for a body, attachments,
// recipients or MIME content is a per-folder ErrorInvalidPropertyForOperation (MSD finditem-operation:
// FindItem does not return body formats or recipient lists; observed answer in exchangelib#214 and
// Viewpoint#191).
import { outOfTimeOutcome, runBatch } from '../batch';
import { isItemError, itemError, SoapFault } from '../errors';
import { writeItem } from '../itemShape';
import type { Item } from '../model';
import { NS_MESSAGES } from '../namespaces';
import { pageOf, readPagingView, rootFolderAttributes } from '../paging';
import { compileRestriction, compileSortOrder, isDefaultItemOrder, ITEM_FIELD_SET, nodeKey, sortBy } from '../query';
import { readShape } from '../shapes';
import { child, enumAttr, requireChild } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkFolderIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

/** Paths FindItem refuses in AdditionalProperties. */
const NOT_IN_FIND_ITEM = [
  'item:Body',
  'item:TextBody',
  'item:UniqueBody',
  'item:NormalizedBody',
  'item:MimeContent',
  'item:Attachments',
  'message:ToRecipients',
  'message:CcRecipients',
  'message:BccRecipients',
];

const UNSUPPORTED_CHILDREN = [
  'FractionalPageItemView',
  'SeekToConditionPageItemView',
  'CalendarView',
  'ContactsView',
  'GroupBy',
  'DistinguishedGroupBy',
  'QueryString',
];

export const findItem: OperationHandler = async (ctx, request) => {
  const traversal = enumAttr(request, 'Traversal', ['Shallow', 'SoftDeleted', 'Associated'] as const);
  const shape = readShape(requireChild(request, NS_MESSAGES, 'ItemShape'));
  for (const name of UNSUPPORTED_CHILDREN) {
    if (child(request, NS_MESSAGES, name)) throw new SoapFault('ErrorInvalidRequest', `The simulator does not support m:${name} in FindItem.`);
  }
  const viewNode = child(request, NS_MESSAGES, 'IndexedPageItemView');
  const view = viewNode ? readPagingView(viewNode) : undefined;
  const restrictionNode = child(request, NS_MESSAGES, 'Restriction');
  const sortNode = child(request, NS_MESSAGES, 'SortOrder');
  const restriction = restrictionNode ? compileRestriction(restrictionNode, ITEM_FIELD_SET) : undefined;
  const compiledSort = sortNode ? compileSortOrder(sortNode, ITEM_FIELD_SET, ctx.sim.switches.multiValuedSort) : undefined;
  const sort = compiledSort && !isItemError(compiledSort) && isDefaultItemOrder(compiledSort) ? undefined : compiledSort;
  const viewKey = `${nodeKey(restrictionNode)}|${sort ? nodeKey(sortNode) : ''}`;
  const refused = NOT_IN_FIND_ITEM.find((uri) => shape.fields.has(uri));
  const parents = nonEmptyArray(request, 'ParentFolderIds');
  checkFolderIdSyntax(parents);
  const outcomes = await runBatch(
    ctx,
    parents,
    async (ref) => {
      if (refused) return { ok: false, error: itemError('ErrorInvalidPropertyForOperation', `The property ${refused} can't be used in FindItem requests.`) };
      if (isItemError(restriction)) return { ok: false, error: restriction };
      if (isItemError(sort)) return { ok: false, error: sort };
      const folder = ctx.resolveFolderRef(ref);
      if (isItemError(folder)) return { ok: false, error: folder };
      let items: readonly Item[] = [];
      if (traversal !== 'SoftDeleted') {
        const list = traversal === 'Associated' ? folder.associated : folder.contents;
        items =
          restriction || sort
            ? list.view(viewKey, (all) => {
                const filtered = restriction ? all.filter(restriction) : [...all];
                return sort ? sortBy(filtered, sort) : filtered;
              })
            : list.all();
      }
      const page = pageOf(items, view);
      if (isItemError(page)) return { ok: false, error: page };
      // Charged per row returned (an empty page still costs one), not per call.
      if (!(await ctx.budget.chargeRows(Math.max(1, page.entries.length))).ok) return outOfTimeOutcome(ctx);
      let xml = '';
      for (const item of page.entries) xml += writeItem(ctx.store, item, shape, { findView: true });
      return { ok: true, payload: `<m:RootFolder${rootFolderAttributes(page)}><t:Items>${xml}</t:Items></m:RootFolder>` };
    },
    { injectItemErrors: false, chargePerInput: false },
  );
  return outcomes.map((o) => responseMessage('FindItem', o)).join('');
};
