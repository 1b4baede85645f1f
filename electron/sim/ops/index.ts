// The operations the simulator answers, by request element name (m:<Op>).
import { convertId } from './convertId';
import { copyFolder } from './copyFolder';
import { copyItem } from './copyItem';
import { createFolder } from './createFolder';
import { createItem } from './createItem';
import { deleteFolder } from './deleteFolder';
import { deleteItem } from './deleteItem';
import { emptyFolder } from './emptyFolder';
import { expandDL } from './expandDl';
import { findFolder } from './findFolder';
import { findItem } from './findItem';
import { getFolder } from './getFolder';
import { getItem } from './getItem';
import { moveFolder } from './moveFolder';
import { moveItem } from './moveItem';
import type { OperationHandler } from './operation';
import { resolveNames } from './resolveNames';
import { updateItem } from './updateItem';

// A null-prototype table: an element named after an Object.prototype member (m:constructor,
// m:toString) must find nothing here, never a built-in function.
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = Object.assign(Object.create(null) as Record<string, OperationHandler>, {
  GetFolder: getFolder,
  FindFolder: findFolder,
  FindItem: findItem,
  GetItem: getItem,
  CreateItem: createItem,
  MoveItem: moveItem,
  CopyItem: copyItem,
  DeleteItem: deleteItem,
  EmptyFolder: emptyFolder,
  CreateFolder: createFolder,
  DeleteFolder: deleteFolder,
  MoveFolder: moveFolder,
  CopyFolder: copyFolder,
  UpdateItem: updateItem,
  ConvertId: convertId,
  ResolveNames: resolveNames,
  ExpandDL: expandDL,
});

/** The handler for a request element's local name; only the table's own entries count. */
export function operationHandler(name: string): OperationHandler | undefined {
  return Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
}
