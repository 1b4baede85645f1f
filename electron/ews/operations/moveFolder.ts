// MoveFolder: folders (with their subfolders and items) under another folder. A moved folder keeps
// its FolderId; the answer carries it with its new ChangeKey. Distinguished folders cannot be
// moved (ErrorMoveDistinguishedFolder comes back as that folder's result).
import { folderIdsXml, folderIdXml, readIdAttributes, requireNonEmpty, type FolderRef } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { childrenOf, firstChild, type XNode } from '../xmlTree';

export interface FolderTransferRequest {
  folders: readonly FolderRef[];
  to: FolderRef;
}

export interface TransferredFolder {
  id: string;
  changeKey: string | undefined;
}

/** The first folder element's FolderId in a message's m:Folders (any folder kind). */
export function readTransferredFolder(message: XNode): TransferredFolder | undefined {
  const folders = firstChild(message, 'Folders');
  const folder = folders === undefined ? undefined : childrenOf(folders)[0];
  return readIdAttributes(folder === undefined ? undefined : firstChild(folder, 'FolderId'));
}

export function folderTransferBody(name: 'MoveFolder' | 'CopyFolder', request: FolderTransferRequest): string {
  requireNonEmpty(request.folders, 'folder');
  return `<m:${name}><m:ToFolderId>${folderIdXml(request.to)}</m:ToFolderId><m:FolderIds>${folderIdsXml(request.folders)}</m:FolderIds></m:${name}>`;
}

export const moveFolderOperation: EwsOperation<FolderTransferRequest, EwsResult<TransferredFolder | undefined>[]> = {
  name: 'MoveFolder',
  buildBody: (request) => folderTransferBody('MoveFolder', request),
  parseResponse: (response, request) => readResponseMessages(response, 'MoveFolder', request.folders.length, readTransferredFolder),
};
