// FindFolder: the subfolders of each parent (Shallow: children; Deep: the whole subtree).
import { EwsError } from '../errors';
import { folderShapeXml, readFolderRows, type FolderRow, type FolderShapeOptions } from '../folderRow';
import { folderIdsXml, requireNonEmpty, type FolderRef } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { firstChild, type XNode } from '../xmlTree';
import { indexedPageViewXml, readPageAttributes, type PageRequest, type PageInfo } from './paging';

export interface FindFolderRequest extends FolderShapeOptions {
  parents: readonly FolderRef[];
  traversal: 'Shallow' | 'Deep';
  /** Without paging the server refuses more than its find limit (1000 by default). */
  page?: PageRequest;
}

export interface FindFolderPage extends PageInfo {
  folders: FolderRow[];
}

function readPage(message: XNode): FindFolderPage {
  const root = firstChild(message, 'RootFolder');
  if (root === undefined) throw new EwsError('malformed', 'Exchange sent an unusable answer: FindFolder succeeded without a RootFolder.');
  return { ...readPageAttributes(root), folders: readFolderRows(firstChild(root, 'Folders')) };
}

export const findFolderOperation: EwsOperation<FindFolderRequest, EwsResult<FindFolderPage>[]> = {
  name: 'FindFolder',
  buildBody(request) {
    requireNonEmpty(request.parents, 'parent folder');
    if (request.traversal !== 'Shallow' && request.traversal !== 'Deep') {
      throw new EwsError('invalid-request', `Unknown folder traversal ${String(request.traversal)}.`);
    }
    const view = request.page === undefined ? '' : indexedPageViewXml('IndexedPageFolderView', request.page);
    return `<m:FindFolder Traversal="${request.traversal}">${folderShapeXml(request)}${view}<m:ParentFolderIds>${folderIdsXml(request.parents)}</m:ParentFolderIds></m:FindFolder>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'FindFolder', request.parents.length, readPage);
  },
};
