// GetItem: one message per id, m:Items always present (empty on error). FAI items are returned
// by id like any other; the body comes in the ItemShape's BodyType (Best, HTML or Text).
import { runBatch } from '../batch';
import { isItemError } from '../errors';
import { NS_MESSAGES } from '../namespaces';
import { writeItem } from '../itemShape';
import { readShape } from '../shapes';
import { requireChild } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkItemIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

export const getItem: OperationHandler = async (ctx, request) => {
  const shape = readShape(requireChild(request, NS_MESSAGES, 'ItemShape'));
  const ids = nonEmptyArray(request, 'ItemIds');
  checkItemIdSyntax(ids);
  const outcomes = await runBatch(
    ctx,
    ids,
    (idNode) => {
      const item = ctx.resolveItemRef(idNode);
      if (isItemError(item)) return { ok: false, error: item };
      return { ok: true, payload: `<m:Items>${writeItem(ctx.store, item, shape, { findView: false })}</m:Items>` };
    },
    { injectItemErrors: true },
  );
  return outcomes.map((o) => responseMessage('GetItem', o, '<m:Items/>')).join('');
};
