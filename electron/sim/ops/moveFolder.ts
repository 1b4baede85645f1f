// MoveFolder (the MoveFolder operation reference; EWS-FACTS §3, §7): one message per folder, in
// order. The folder keeps its FolderId (folder ids never change, moved or not) and takes its
// subfolders and items along, so their ids stay valid too; its ChangeKey changes. Refused:
//   distinguished, system and root folders ("You cannot move distinguished folders"):
//     ErrorMoveDistinguishedFolder;
//   a destination inside the folder itself: ErrorMoveCopyFailed [inf];
//   a folder of the same name already under the destination: ErrorFolderExists [inf, as CreateFolder];
//   another mailbox (primary ↔ archive included): the crossMailboxFolderMoveCopy switch.
// Shared with CopyFolder (copyFolder.ts), in folderTransfer.ts: the request shape (ToFolderId,
// FolderIds) and the checks that do not depend on moving.
import { runBatch } from '../batch';
import { isUndeletable } from '../deletion';
import { isItemError, itemError } from '../errors';
import { responseMessage } from '../xmlWrite';
import { copyFolderTree, folderPayload, readFolderTransfer, transferRefusal } from './folderTransfer';
import type { OperationHandler } from './operation';

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
