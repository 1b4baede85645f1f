// EmptyFolder: deletes a folder's contents (and optionally its subfolders).
import { folderIdsXml, requireNonEmpty, type FolderRef } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { checkDeleteType, type DeleteType } from './deleteTypes';

export interface EmptyFolderRequest {
  folders: readonly FolderRef[];
  deleteType: DeleteType;
  deleteSubFolders: boolean;
}

export const emptyFolderOperation: EwsOperation<EmptyFolderRequest, EwsResult<null>[]> = {
  name: 'EmptyFolder',
  buildBody(request) {
    requireNonEmpty(request.folders, 'folder');
    return `<m:EmptyFolder DeleteType="${checkDeleteType(request.deleteType)}" DeleteSubFolders="${request.deleteSubFolders ? 'true' : 'false'}"><m:FolderIds>${folderIdsXml(request.folders)}</m:FolderIds></m:EmptyFolder>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'EmptyFolder', request.folders.length, () => null);
  },
};
