// GetFolder: folders by id or distinguished name, one result per input.
import { folderShapeXml, readFolderRows, type FolderRow, type FolderShapeOptions } from '../folderRow';
import { folderIdsXml, requireNonEmpty, type FolderRef } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { firstChild } from '../xmlTree';

export interface GetFolderRequest extends FolderShapeOptions {
  folders: readonly FolderRef[];
}

export const getFolderOperation: EwsOperation<GetFolderRequest, EwsResult<FolderRow | undefined>[]> = {
  name: 'GetFolder',
  buildBody(request) {
    requireNonEmpty(request.folders, 'folder');
    return `<m:GetFolder>${folderShapeXml(request)}<m:FolderIds>${folderIdsXml(request.folders)}</m:FolderIds></m:GetFolder>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'GetFolder', request.folders.length, (message) => readFolderRows(firstChild(message, 'Folders'))[0]);
  },
};
