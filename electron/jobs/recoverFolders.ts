// The new folders of a recover job's newFolders policy: one per deleted folder whose items are
// recovered, made under the admin's chosen parent while planning, before any item is moved.
//
// Made at most once per job: each folder's id is journalled (OrphanFolderLog) before it is used,
// and a resumed job takes the journalled id. A name the parent already has (left by an earlier job,
// made by the admin, or made by a CreateFolder whose answer was lost) is reused rather than refused:
// the admin asked for the items to be in a folder of that name, and that folder exists.
import type { FolderInfo } from '../../shared/domain';
import { BackendRequestError } from './backend';
import { callWithRetry } from './backoff';
import type { PlanContext } from './planContext';

export type { OrphanFolderLog } from './planContext';

/** Prefix of the stand-in ids a dry run gives folders it would create (never sent to a server). */
export const PLANNED_FOLDER_PREFIX = 'planned-folder:';

export interface WantedFolder {
  /** Source key (hex) of the deleted folder. */
  key: string;
  displayName: string;
}

/**
 * Source key (hex) → the folder its orphans go to. Without a log (dry run) nothing is created:
 * an existing folder of the name is named, otherwise a PLANNED_FOLDER_PREFIX stand-in.
 */
export async function orphanFolders(
  ctx: PlanContext,
  parentFolderId: string,
  wanted: readonly WantedFolder[],
  folders: readonly FolderInfo[],
): Promise<Map<string, { id: string; displayName: string }>> {
  const out = new Map<string, { id: string; displayName: string }>();
  if (wanted.length === 0) return out;
  const log = ctx.orphanFolders;
  // The parent's real id: the listing names parents by id, the admin may have given a well-known name.
  const parent = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.getFolder(parentFolderId, signal));
  let tree = folders;
  for (const w of wanted) {
    if (out.has(w.key)) continue;
    const journalled = log?.known(w.key);
    if (journalled !== undefined) {
      // Used as journalled even if renamed since: items of this job may already be in it.
      out.set(w.key, { id: journalled, displayName: tree.find((f) => f.id === journalled)?.displayName ?? w.displayName });
      continue;
    }
    const existing = childNamed(tree, parent.id, w.displayName);
    if (!log) {
      out.set(w.key, existing ? { id: existing.id, displayName: existing.displayName } : { id: PLANNED_FOLDER_PREFIX + w.key, displayName: w.displayName });
      continue;
    }
    let made: { id: string; displayName: string; reused: boolean };
    if (existing) {
      made = { id: existing.id, displayName: existing.displayName, reused: true };
    } else {
      const answer = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.createFolder(parent.id, w.displayName, signal));
      if (answer.status === 'created') {
        made = { id: answer.id, displayName: w.displayName, reused: false };
      } else {
        // Made since the listing, or by an earlier attempt whose answer was lost: find it and use it.
        tree = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.listFoldersWithSourceKeys(signal));
        const found = childNamed(tree, parent.id, w.displayName);
        if (!found) {
          throw new BackendRequestError({
            kind: 'fatal',
            code: 'ErrorFolderExists',
            message: `a folder named "${w.displayName}" exists under ${parent.displayName} but the folder list does not show it`,
            mayHaveExecuted: false,
          });
        }
        made = { id: found.id, displayName: found.displayName, reused: true };
      }
    }
    await log.record({ key: w.key, id: made.id, name: made.displayName, reused: made.reused });
    out.set(w.key, { id: made.id, displayName: made.displayName });
  }
  return out;
}

/** Exchange keeps folder names unique per parent without regard to case. */
function childNamed(folders: readonly FolderInfo[], parentId: string, name: string): FolderInfo | undefined {
  const lower = name.toLowerCase();
  return folders.find((f) => f.parentId === parentId && f.displayName.toLowerCase() === lower);
}
