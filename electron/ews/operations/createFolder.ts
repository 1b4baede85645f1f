// CreateFolder: generic t:Folder children of one parent (a custom FolderClass only works there).
import { folderIdXml, readIdAttributes, requireNonEmpty, type FolderRef } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { escapeXml } from '../xmlText';
import { childrenOf, firstChild, nameOf, type XNode } from '../xmlTree';

export interface NewFolder {
  displayName: string;
  /** e.g. IPF.Note (default when omitted is the server's). */
  folderClass?: string;
}

export interface CreateFolderRequest {
  parent: FolderRef;
  folders: readonly NewFolder[];
}

export interface CreatedFolder {
  id: string;
  changeKey: string | undefined;
}

function readCreated(message: XNode): CreatedFolder | undefined {
  const folders = firstChild(message, 'Folders');
  const folder = folders === undefined ? undefined : childrenOf(folders).find((n) => nameOf(n) !== undefined);
  return readIdAttributes(folder === undefined ? undefined : firstChild(folder, 'FolderId'));
}

export const createFolderOperation: EwsOperation<CreateFolderRequest, EwsResult<CreatedFolder | undefined>[]> = {
  name: 'CreateFolder',
  buildBody(request) {
    requireNonEmpty(request.folders, 'folder');
    let folders = '';
    for (const f of request.folders) {
      const cls = f.folderClass === undefined ? '' : `<t:FolderClass>${escapeXml(f.folderClass)}</t:FolderClass>`;
      folders += `<t:Folder>${cls}<t:DisplayName>${escapeXml(f.displayName)}</t:DisplayName></t:Folder>`;
    }
    return `<m:CreateFolder><m:ParentFolderId>${folderIdXml(request.parent)}</m:ParentFolderId><m:Folders>${folders}</m:Folders></m:CreateFolder>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'CreateFolder', request.folders.length, readCreated);
  },
};
