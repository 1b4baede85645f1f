// CopyFolder: copies folders with their whole subtree under another folder; each result is the
// new top folder's id (every copied folder and item gets a new id). Same request shape as MoveFolder.
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { folderTransferBody, readTransferredFolder, type FolderTransferRequest, type TransferredFolder } from './moveFolder';

export const copyFolderOperation: EwsOperation<FolderTransferRequest, EwsResult<TransferredFolder | undefined>[]> = {
  name: 'CopyFolder',
  buildBody: (request) => folderTransferBody('CopyFolder', request),
  parseResponse: (response, request) => readResponseMessages(response, 'CopyFolder', request.folders.length, readTransferredFolder),
};
