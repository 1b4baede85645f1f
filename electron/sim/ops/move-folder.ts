// MoveFolder (the MoveFolder operation reference; EWS-FACTS §3, §7): one message per folder, in
// order. The folder keeps its FolderId (folder ids never change, moved or not) and takes its
// subfolders and items along, so their ids stay valid too; its ChangeKey changes. Refused:
//   distinguished, system and root folders ("You cannot move distinguished folders"):
//     ErrorMoveDistinguishedFolder;
//   a destination inside the folder itself: ErrorMoveCopyFailed [inf];
//   a folder of the same name already under the destination: ErrorFolderExists [inf, as CreateFolder];
//   another mailbox (primary ↔ archive included): the crossMailboxFolderMoveCopy switch.
// Shared with CopyFolder (copy-folder.ts): the request shape (ToFolderId, FolderIds) and the checks
// that do not depend on moving.
import { runBatch } from '../batch';
import type { RequestContext } from '../context';
import { isUndeletable } from '../deletion';
import { isItemError, itemError, type ItemError } from '../errors';
import { folderKind, type Folder } from '../model';
import { NS_MESSAGES } from '../namespaces';
import { requireChild, type XNode } from '../xml-read';
import { responseMessage } from '../xml-write';
import { copyFolderTree } from './copy-folder';
import { checkFolderIdSyntax, nonEmptyArray, resolveTarget, singleFolderRef, type OperationHandler } from './operation';

export interface FolderTransfer {
  destination: Folder | ItemError;
  sources: XNode[];
}

/** Reads m:ToFolderId and m:FolderIds (BaseMoveCopyFolderType), checking every id's syntax first. */
export function readFolderTransfer(ctx: RequestContext, request: XNode): FolderTransfer {
  const targetRef = singleFolderRef(requireChild(request, NS_MESSAGES, 'ToFolderId'));
  const sources = nonEmptyArray(request, 'FolderIds');
  checkFolderIdSyntax(sources);
  return { destination: resolveTarget(ctx, targetRef, 'ErrorToFolderNotFound'), sources };
}

/** What refuses putting `folder` (or a copy of it) under `destination`, whether moved or copied. */
export function transferRefusal(ctx: RequestContext, folder: Folder, destination: Folder, operation: 'move' | 'copy'): ItemError | undefined {
  if (folder.mailbox !== destination.mailbox && ctx.sim.switches.crossMailboxFolderMoveCopy === 'ErrorCrossMailboxMoveCopy') {
    return itemError('ErrorCrossMailboxMoveCopy');
  }
  if (ctx.store.isWithin(destination, folder)) return itemError('ErrorMoveCopyFailed', 'The destination is inside the folder.');
  const name = folder.displayName.toLowerCase();
  // A move back into its own parent meets only itself; a copy there meets the original.
  if (destination.children.some((c) => (operation === 'copy' || c !== folder) && c.displayName.toLowerCase() === name)) return itemError('ErrorFolderExists');
  return undefined;
}

/** The payload naming a folder by id and ChangeKey, in its own element kind. */
export function folderPayload(ctx: RequestContext, folder: Folder): string {
  const kind = folderKind(folder);
  return `<m:Folders><t:${kind}><t:FolderId Id="${ctx.store.folderId(folder)}" ChangeKey="${ctx.store.folderChangeKey(folder)}"/></t:${kind}></m:Folders>`;
}

export const moveFolder: OperationHandler = async (ctx, request) => {
  const { destination, sources } = readFolderTransfer(ctx, request);
  const outcomes = await runBatch(
    ctx,
    sources,
    (ref) => {
      const folder = ctx.resolveFolderRef(ref, 'change');
      if (isItemError(folder)) return { ok: false, error: folder };
      if (isItemError(destination)) return { ok: false, error: destination };
      if (isUndeletable(folder)) return { ok: false, error: itemError('ErrorMoveDistinguishedFolder') };
      const refused = transferRefusal(ctx, folder, destination, 'move');
      if (refused) return { ok: false, error: refused };
      if (folder.mailbox !== destination.mailbox) {
        // Allowed by the switch: ids carry their mailbox, so the folder arrives as a copy with new ids.
        const copy = copyFolderTree(ctx, folder, destination);
        ctx.store.removeFolderTree(folder);
        return { ok: true, payload: folderPayload(ctx, copy) };
      }
      if (folder.parent !== destination) ctx.store.moveFolder(folder, destination);
      return { ok: true, payload: folderPayload(ctx, folder) };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('MoveFolder', o, '<m:Folders/>')).join('');
};
