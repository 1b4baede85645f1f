// The operations whose answers may be parsed in the parse worker, by a key both threads know:
// an operation object cannot cross to the worker, its key can. Several operations share one EWS
// name (GetItem rows and GetItem details), so the key is ours, not the operation's name.
import type { EwsOperation } from './operation';
import { convertIdOperation } from './operations/convertId';
import { copyFolderOperation } from './operations/copyFolder';
import { createFolderOperation } from './operations/createFolder';
import { createItemOperation } from './operations/createItem';
import { deleteFolderOperation } from './operations/deleteFolder';
import { deleteItemOperation } from './operations/deleteItem';
import { emptyFolderOperation } from './operations/emptyFolder';
import { expandDLOperation } from './operations/expandDl';
import { findFolderOperation } from './operations/findFolder';
import { findItemOperation } from './operations/findItem';
import { getFolderOperation } from './operations/getFolder';
import { getItemDetailsOperation } from './operations/getItemDetails';
import { getItemOperation } from './operations/getItem';
import { copyItemOperation, moveItemOperation } from './operations/moveCopyItem';
import { moveFolderOperation } from './operations/moveFolder';
import { resolveNamesOperation } from './operations/resolveNames';
import { updateItemOperation } from './operations/updateItem';

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
