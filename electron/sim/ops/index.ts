// The operations the simulator answers, by request element name (m:<Op>).
import { convertId } from './convert-id';
import { copyFolder } from './copy-folder';
import { copyItem } from './copy-item';
import { createFolder } from './create-folder';
import { createItem } from './create-item';
import { deleteFolder } from './delete-folder';
import { deleteItem } from './delete-item';
import { emptyFolder } from './empty-folder';
import { expandDL } from './expand-dl';
import { findFolder } from './find-folder';
import { findItem } from './find-item';
import { getFolder } from './get-folder';
import { getItem } from './get-item';
import { moveFolder } from './move-folder';
import { moveItem } from './move-item';
import type { OperationHandler } from './operation';
import { resolveNames } from './resolve-names';
import { updateItem } from './update-item';

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
