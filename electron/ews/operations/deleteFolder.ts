// DeleteFolder. SoftDelete is refused before sending: folders cannot be soft-deleted (the
// docs conflict on what Exchange does with it, so the client never asks).
import { EwsError } from '../errors';
import { folderIdsXml, requireNonEmpty, type FolderRef } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { checkDeleteType, type DeleteType } from './deleteTypes';

export interface DeleteFolderRequest {
  folders: readonly FolderRef[];
  deleteType: Exclude<DeleteType, 'SoftDelete'>;
}

export const deleteFolderOperation: EwsOperation<DeleteFolderRequest, EwsResult<null>[]> = {
  name: 'DeleteFolder',
  buildBody(request) {
    requireNonEmpty(request.folders, 'folder');
    const deleteType = checkDeleteType(request.deleteType);
    if (deleteType === 'SoftDelete') {
      throw new EwsError('invalid-request', 'Folders cannot be soft-deleted: use MoveToDeletedItems (recoverable) or HardDelete (permanent).');
    }
    return `<m:DeleteFolder DeleteType="${deleteType}"><m:FolderIds>${folderIdsXml(request.folders)}</m:FolderIds></m:DeleteFolder>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'DeleteFolder', request.folders.length, () => null);
  },
};
