// DeleteItem. SendMeetingCancellations and AffectedTaskOccurrences are always sent: Exchange
// refuses calendar items and tasks in a batch without them.
import { itemIdsXml, requireNonEmpty, type ItemId } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { checkDeleteType, type DeleteType } from './deleteTypes';

export interface DeleteItemRequest {
  items: readonly ItemId[];
  deleteType: DeleteType;
}

const noPayload = (): null => null;

export const deleteItemOperation: EwsOperation<DeleteItemRequest, EwsResult<null>[]> = {
  name: 'DeleteItem',
  buildBody(request) {
    requireNonEmpty(request.items, 'item');
    return `<m:DeleteItem DeleteType="${checkDeleteType(request.deleteType)}" SendMeetingCancellations="SendToNone" AffectedTaskOccurrences="AllOccurrences"><m:ItemIds>${itemIdsXml(request.items)}</m:ItemIds></m:DeleteItem>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'DeleteItem', request.items.length, noPayload);
  },
};
