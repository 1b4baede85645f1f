// MoveItem and CopyItem share one request shape; both ask for the new ids (ReturnNewItemIds).
// The new id is undefined when Exchange succeeds without returning one (cross-mailbox moves).
import { folderIdXml, itemIdsXml, readNewItemId, requireNonEmpty, type FolderRef, type ItemId } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';

export interface MoveCopyItemRequest {
  items: readonly ItemId[];
  to: FolderRef;
}

export interface MovedItem {
  newId: ItemId | undefined;
}

function moveOrCopy(name: 'MoveItem' | 'CopyItem'): EwsOperation<MoveCopyItemRequest, EwsResult<MovedItem>[]> {
  return {
    name,
    buildBody(request) {
      requireNonEmpty(request.items, 'item');
      return `<m:${name}><m:ToFolderId>${folderIdXml(request.to)}</m:ToFolderId><m:ItemIds>${itemIdsXml(request.items)}</m:ItemIds><m:ReturnNewItemIds>true</m:ReturnNewItemIds></m:${name}>`;
    },
    parseResponse(response, request) {
      return readResponseMessages(response, name, request.items.length, (message) => ({ newId: readNewItemId(message) }));
    },
  };
}

export const moveItemOperation = moveOrCopy('MoveItem');
export const copyItemOperation = moveOrCopy('CopyItem');
