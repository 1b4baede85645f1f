// The shape of an operation handler: it reads the request element (m:<Op>) and returns the
// m:ResponseMessages content; the server wraps it in the envelope.
import type { RequestContext } from '../context';
import { isItemError, itemError, type ItemError } from '../errors';
import type { Folder } from '../model';
import { NS_MESSAGES, NS_TYPES } from '../namespaces';
import { SCHEMA_DISTINGUISHED_IDS } from '../folderSet';
import { requireAttr, requireChild, schemaFault, type XNode } from '../xmlRead';

export type OperationHandler = (ctx: RequestContext, request: XNode) => Promise<string>;

/** The children of a required non-empty array element (m:ItemIds, m:FolderIds, …). */
export function nonEmptyArray(request: XNode, name: string): XNode[] {
  const list = requireChild(request, NS_MESSAGES, name).children;
  if (list.length === 0) throw schemaFault(`The element '${name}' has incomplete content.`);
  return list;
}

const ITEM_ID_ELEMENTS = new Set(['ItemId', 'OccurrenceItemId', 'RecurringMasterItemId', 'RecurringMasterItemIdRanges']);

/** Checks the whole id list before anything is applied: Exchange validates the request first. */
export function checkItemIdSyntax(nodes: readonly XNode[]): void {
  for (const node of nodes) {
    if (node.ns !== NS_TYPES || !ITEM_ID_ELEMENTS.has(node.name)) throw schemaFault(`The element '${node.name}' is not a valid item id element.`);
    if (node.name === 'ItemId') requireAttr(node, 'Id');
  }
}

export function checkFolderIdSyntax(nodes: readonly XNode[]): void {
  for (const node of nodes) {
    if (node.ns !== NS_TYPES || (node.name !== 'FolderId' && node.name !== 'DistinguishedFolderId')) {
      throw schemaFault(`The element '${node.name}' is not a valid folder id element.`);
    }
    const id = requireAttr(node, 'Id');
    if (node.name === 'DistinguishedFolderId' && !SCHEMA_DISTINGUISHED_IDS.has(id)) {
      throw schemaFault(
        `The 'Id' attribute is invalid - The value '${id}' is invalid according to its datatype 'DistinguishedFolderIdNameType' - The Enumeration constraint failed.`,
      );
    }
  }
}

/** A target folder element (m:ToFolderId, m:ParentFolderId, m:SavedItemFolderId) holds exactly one reference. */
export function singleFolderRef(container: XNode): XNode {
  const [ref, ...rest] = container.children;
  if (!ref || rest.length > 0) throw schemaFault(`The element '${container.name}' must hold exactly one folder id.`);
  checkFolderIdSyntax([ref]);
  return ref;
}

/** Resolves a destination folder; "not found" becomes the operation's own code (e.g. ErrorToFolderNotFound). */
export function resolveTarget(ctx: RequestContext, ref: XNode, notFoundCode: string): Folder | ItemError {
  // A destination is changed: read-only access to it answers ErrorAccessDenied.
  const resolved = ctx.resolveFolderRef(ref, 'change');
  if (isItemError(resolved) && (resolved.code === 'ErrorItemNotFound' || resolved.code === 'ErrorFolderNotFound')) {
    return itemError(notFoundCode);
  }
  return resolved;
}
