// DeleteItem: DeleteType is required; calendar items need SendMeetingCancellations and tasks
// AffectedTaskOccurrences. A gone id is ErrorItemNotFound for that item; the rest proceeds.
// No payload. Destinations, and the per-item refusals under a hold (ErrorCannotDeleteObject) or a
// full Recoverable Items quota: see deletion.ts and retention.ts. An associated (FAI) item takes
// HardDelete only, else ErrorInvalidOperation (ResponseCode reference: "Delete an associated item by
// using any mode except Hard delete").
import { runBatch } from '../batch';
import { DELETE_TYPES, deleteItem as applyDelete } from '../deletion';
import { isItemError, itemError } from '../errors';
import { isAssociated, itemKind } from '../model';
import { booleanAttr, enumAttr } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { checkItemIdSyntax, nonEmptyArray, type OperationHandler } from './operation';

export const deleteItem: OperationHandler = async (ctx, request) => {
  const deleteType = enumAttr(request, 'DeleteType', DELETE_TYPES);
  const cancellations =
    request.attrs['SendMeetingCancellations'] !== undefined
      ? enumAttr(request, 'SendMeetingCancellations', ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const)
      : undefined;
  const occurrences =
    request.attrs['AffectedTaskOccurrences'] !== undefined
      ? enumAttr(request, 'AffectedTaskOccurrences', ['AllOccurrences', 'SpecifiedOccurrenceOnly'] as const)
      : undefined;
  booleanAttr(request, 'SuppressReadReceipts', false);
  const ids = nonEmptyArray(request, 'ItemIds');
  checkItemIdSyntax(ids);
  const outcomes = await runBatch(
    ctx,
    ids,
    (idNode) => {
      const item = ctx.resolveItemRef(idNode, 'change');
      if (isItemError(item)) return { ok: false, error: item };
      if (isAssociated(item) && deleteType !== 'HardDelete')
        return { ok: false, error: itemError('ErrorInvalidOperation', 'Associated items can only be hard-deleted.') };
      const kind = itemKind(item.itemClass);
      if (kind === 'CalendarItem' && cancellations === undefined) return { ok: false, error: itemError('ErrorSendMeetingCancellationsRequired') };
      if (kind === 'Task' && occurrences === undefined) return { ok: false, error: itemError('ErrorAffectedTaskOccurrencesRequired') };
      const refused = applyDelete(ctx.store, ctx.sim.switches, item, deleteType);
      return refused ? { ok: false, error: refused } : { ok: true, payload: '' };
    },
    { injectItemErrors: true },
  );
  return outcomes.map((o) => responseMessage('DeleteItem', o)).join('');
};
