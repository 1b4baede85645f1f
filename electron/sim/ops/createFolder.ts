// CreateFolder: one message per new folder. Same display name under the parent (ignoring case)
// → ErrorFolderExists; missing parent → ErrorParentFolderNotFound; search-folder parent →
// ErrorInvalidParentFolder. A custom FolderClass is kept; typed folders get their class.
import { runBatch } from '../batch';
import { isItemError, itemError } from '../errors';
import { folderKind } from '../model';
import { NS_MESSAGES, NS_TYPES } from '../namespaces';
import { child, requireChild, schemaFault } from '../xmlRead';
import { responseMessage } from '../xmlWrite';
import { nonEmptyArray, resolveTarget, singleFolderRef, type OperationHandler } from './operation';

const DEFAULT_CLASS: Record<string, string | undefined> = {
  Folder: 'IPF.Note',
  CalendarFolder: 'IPF.Appointment',
  ContactsFolder: 'IPF.Contact',
  TasksFolder: 'IPF.Task',
  SearchFolder: undefined,
};

export const createFolder: OperationHandler = async (ctx, request) => {
  const parentRef = singleFolderRef(requireChild(request, NS_MESSAGES, 'ParentFolderId'));
  const nodes = nonEmptyArray(request, 'Folders');
  for (const node of nodes) {
    if (node.ns !== NS_TYPES || !(node.name in DEFAULT_CLASS)) throw schemaFault(`The element '${node.name}' is not a valid folder.`);
  }
  const parent = resolveTarget(ctx, parentRef, 'ErrorParentFolderNotFound');
  const outcomes = await runBatch(
    ctx,
    nodes,
    (node) => {
      if (isItemError(parent)) return { ok: false, error: parent };
      if (parent.isSearchFolder) return { ok: false, error: itemError('ErrorInvalidParentFolder') };
      const name = child(node, NS_TYPES, 'DisplayName')?.text;
      if (!name || name.trim() === '') return { ok: false, error: itemError('ErrorInvalidPropertySet', 'A folder needs a DisplayName.') };
      const lower = name.toLowerCase();
      if (parent.children.some((c) => c.displayName.toLowerCase() === lower)) return { ok: false, error: itemError('ErrorFolderExists') };
      const folderClass = child(node, NS_TYPES, 'FolderClass')?.text.trim() || DEFAULT_CLASS[node.name];
      const folder = ctx.store.createFolder(parent, name, folderClass, node.name === 'SearchFolder');
      const kind = folderKind(folder);
      return {
        ok: true,
        payload: `<m:Folders><t:${kind}><t:FolderId Id="${ctx.store.folderId(folder)}" ChangeKey="${ctx.store.folderChangeKey(folder)}"/></t:${kind}></m:Folders>`,
      };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('CreateFolder', o, '<m:Folders/>')).join('');
};
