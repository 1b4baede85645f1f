// The operations whose answers may be parsed in the parse worker, by a key both threads know:
// an operation object cannot cross to the worker, its key can. Several operations share one EWS
// name (GetItem rows and GetItem details), so the key is ours, not the operation's name.
import type { EwsOperation } from './operation';
import { convertIdOperation } from './operations/convert-id';
import { copyFolderOperation } from './operations/copy-folder';
import { createFolderOperation } from './operations/create-folder';
import { createItemOperation } from './operations/create-item';
import { deleteFolderOperation } from './operations/delete-folder';
import { deleteItemOperation } from './operations/delete-item';
import { emptyFolderOperation } from './operations/empty-folder';
import { expandDLOperation } from './operations/expand-dl';
import { findFolderOperation } from './operations/find-folder';
import { findItemOperation } from './operations/find-item';
import { getFolderOperation } from './operations/get-folder';
import { getItemDetailsOperation } from './operations/get-item-details';
import { getItemOperation } from './operations/get-item';
import { copyItemOperation, moveItemOperation } from './operations/move-copy-item';
import { moveFolderOperation } from './operations/move-folder';
import { resolveNamesOperation } from './operations/resolve-names';
import { updateItemOperation } from './operations/update-item';

type AnyOperation = EwsOperation<unknown, unknown>;

const BY_KEY: ReadonlyMap<string, AnyOperation> = new Map<string, AnyOperation>([
  ['convertId', convertIdOperation],
  ['copyFolder', copyFolderOperation],
  ['createFolder', createFolderOperation],
  ['createItem', createItemOperation],
  ['deleteFolder', deleteFolderOperation],
  ['deleteItem', deleteItemOperation],
  ['emptyFolder', emptyFolderOperation],
  ['expandDL', expandDLOperation],
  ['findFolder', findFolderOperation],
  ['findItem', findItemOperation],
  ['getFolder', getFolderOperation],
  ['getItemDetails', getItemDetailsOperation],
  ['getItem', getItemOperation],
  ['copyItem', copyItemOperation],
  ['moveItem', moveItemOperation],
  ['moveFolder', moveFolderOperation],
  ['resolveNames', resolveNamesOperation],
  ['updateItem', updateItemOperation],
]);

const KEYS: ReadonlyMap<AnyOperation, string> = new Map([...BY_KEY].map(([key, operation]) => [operation, key]));

export function operationByKey(key: string): AnyOperation | undefined {
  return BY_KEY.get(key);
}

/** The operation's key, or undefined for one the worker does not know (parsed in place). */
export function keyOfOperation<Req, Res>(operation: EwsOperation<Req, Res>): string | undefined {
  return KEYS.get(operation as AnyOperation);
}
