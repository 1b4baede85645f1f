// GetItem: item rows by id, one result per input.
import { itemIdsXml, requireNonEmpty, type ItemId } from '../ids';
import { GET_ITEM_SHAPE, readItemRows, type ItemRow } from '../itemRow';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { firstChild } from '../xmlTree';

export interface GetItemRequest {
  items: readonly ItemId[];
}

export const getItemOperation: EwsOperation<GetItemRequest, EwsResult<ItemRow | undefined>[]> = {
  name: 'GetItem',
  buildBody(request) {
    requireNonEmpty(request.items, 'item');
    return `<m:GetItem>${GET_ITEM_SHAPE}<m:ItemIds>${itemIdsXml(request.items)}</m:ItemIds></m:GetItem>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'GetItem', request.items.length, (message) => readItemRows(firstChild(message, 'Items'))[0]);
  },
};
