// "Restore folder": a folder deleted to Deleted Items is moved back (MoveFolder, with its items and
// subfolders) under a folder the admin picks. Refusals come back in words the admin can act on.
import type { JobBackend } from '../jobs/backend';
import { asRequestError } from '../jobs/backoff';
import type { ActionResult, RestoreFolderRequest } from '../../shared/ipc';

/** How long one MoveFolder may take: the server moves the whole subtree in one call. */
const MOVE_TIMEOUT_MS = 120_000;

export async function restoreFolder(
  backend: JobBackend,
  request: Pick<RestoreFolderRequest, 'folderId' | 'toFolderId'>,
  timeoutMs = MOVE_TIMEOUT_MS,
): Promise<ActionResult> {
  if (request.folderId === request.toFolderId) return { ok: false, message: 'A folder cannot be moved into itself.' };
  let answer;
  try {
    answer = await backend.moveFolder(request.folderId, request.toFolderId, AbortSignal.timeout(timeoutMs));
  } catch (error) {
    const e = asRequestError(error);
    const maybe = e.mayHaveExecuted ? ' It may have been moved all the same: refresh the folder tree to see.' : '';
    return { ok: false, message: `Exchange did not move the folder (${e.code}: ${e.message}).${maybe}` };
  }
  if (answer.status === 'moved') return { ok: true };
  switch (answer.code) {
    case 'ErrorFolderNotFound':
    case 'ErrorItemNotFound':
      return { ok: false, message: 'The folder no longer exists (deleted or moved meanwhile): refresh the folder tree.' };
    case 'ErrorToFolderNotFound':
    case 'ErrorParentFolderNotFound':
      return { ok: false, message: 'The destination folder no longer exists: refresh the folder tree and pick another.' };
    case 'ErrorFolderExists':
      return { ok: false, message: 'The destination already has a folder of that name: rename one of them first, or pick another destination.' };
    case 'ErrorMoveDistinguishedFolder':
      return { ok: false, message: 'This is a built-in folder: Exchange does not move it.' };
    case 'ErrorMoveCopyFailed':
    case 'ErrorCannotMoveOrCopyToItself':
      return { ok: false, message: 'A folder cannot be moved into itself or one of its own subfolders.' };
    default:
      return {
        ok: false,
        message: `Exchange could not move the folder (${answer.code}${answer.message && answer.message !== answer.code ? `: ${answer.message}` : ''}).`,
      };
  }
}
