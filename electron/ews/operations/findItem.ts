// FindItem: one page of a folder's items, with optional filter and sort.
import { EwsError } from '../errors';
import { folderIdXml, type FolderRef } from '../ids';
import { FIND_ITEM_SHAPE, readItemRows, type ItemRow } from '../itemRow';
import type { EwsOperation } from '../operation';
import { restrictionXml, sortOrderXml, type ItemFilter, type SortKey } from '../restriction';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { firstChild, type XNode } from '../xmlTree';
import { indexedPageViewXml, readPageAttributes, type PageInfo, type PageRequest } from './paging';

export interface FindItemRequest {
  folder: FolderRef;
  page: PageRequest;
  filter?: ItemFilter;
  sort?: readonly SortKey[];
}

export interface FindItemPage extends PageInfo {
  items: ItemRow[];
}

function readPage(message: XNode): FindItemPage {
  const root = firstChild(message, 'RootFolder');
  if (root === undefined) throw new EwsError('malformed', 'Exchange sent an unusable answer: FindItem succeeded without a RootFolder.');
  return { ...readPageAttributes(root), items: readItemRows(firstChild(root, 'Items')) };
}

export const findItemOperation: EwsOperation<FindItemRequest, EwsResult<FindItemPage>> = {
  name: 'FindItem',
  buildBody(request) {
    return (
      `<m:FindItem Traversal="Shallow">${FIND_ITEM_SHAPE}${indexedPageViewXml('IndexedPageItemView', request.page)}` +
      `${restrictionXml(request.filter)}${sortOrderXml(request.sort)}<m:ParentFolderIds>${folderIdXml(request.folder)}</m:ParentFolderIds></m:FindItem>`
    );
  },
  parseResponse(response) {
    const [only] = readResponseMessages(response, 'FindItem', 1, readPage);
    if (only === undefined) throw new EwsError('malformed', 'Exchange sent an unusable answer: FindItem returned no result.');
    return only;
  },
};
