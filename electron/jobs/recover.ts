// Recover to the original folder: a deleted item's LastActiveParentEntryId equals the PR_SOURCE_KEY
// of the folder it was deleted from. One listing of the folder tree with source keys gives the map;
// items whose home is gone (or who carry no such property) go to the admin's fallback folder, or,
// under the newFolders policy, into a new folder per deleted folder (see recoverFolders.ts).
import type { JobAction, OrphanGroup } from '../../shared/domain';
import { callWithRetry } from './backoff';
import type { PlanContext } from './planContext';
import { orphanFolders } from './recoverFolders';

export interface FolderName {
  id: string;
  displayName: string;
}

export interface RecoverMap {
  /** Source key (hex) → folder. */
  homes: Map<string, FolderName>;
  fallback: FolderName;
  /** newFolders policy: orphans' source key (hex) → their new folder (a placeholder id in a dry run). */
  orphanHomes: Map<string, FolderName>;
}

export type RecoverRoute = 'home' | 'newFolder' | 'fallback';

/** Source keys arrive base64; compare them as bytes so padding or line breaks do not matter. */
export function sourceKeyHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}

export async function loadRecoverMap(ctx: PlanContext, action: Extract<JobAction, { kind: 'recover' }>): Promise<RecoverMap> {
  const { gate, limits, backend } = ctx;
  const folders = await callWithRetry(gate, limits, ctx.signal, (signal) => backend.listFoldersWithSourceKeys(signal));
  const homes = new Map<string, FolderName>();
  for (const f of folders) {
    if (f.sourceKey) homes.set(sourceKeyHex(f.sourceKey), { id: f.id, displayName: f.displayName });
  }
  const known = folders.find((f) => f.id === action.fallbackFolderId);
  const fallback = known
    ? { id: known.id, displayName: known.displayName }
    : await callWithRetry(gate, limits, ctx.signal, (signal) => backend.getFolder(action.fallbackFolderId, signal));
  let orphanHomes = new Map<string, FolderName>();
  if (action.orphans?.kind === 'newFolders') {
    // A named group whose folder is back (restored meanwhile) goes home like any other item.
    const wanted = action.orphans.names
      .map((n) => ({ key: sourceKeyHex(n.lastActiveParentEntryId), displayName: n.displayName.trim() }))
      .filter((n) => !homes.has(n.key));
    orphanHomes = await orphanFolders(ctx, action.orphans.parentFolderId, wanted, folders);
  }
  return { homes, fallback: { id: fallback.id, displayName: fallback.displayName }, orphanHomes };
}

export function recoverDestination(map: RecoverMap, lastActiveParentEntryId: string | undefined): { dest: FolderName; route: RecoverRoute } {
  const key = lastActiveParentEntryId ? sourceKeyHex(lastActiveParentEntryId) : undefined;
  const home = key === undefined ? undefined : map.homes.get(key);
  if (home) return { dest: home, route: 'home' };
  const made = key === undefined ? undefined : map.orphanHomes.get(key);
  if (made) return { dest: made, route: 'newFolder' };
  return { dest: map.fallback, route: 'fallback' };
}

/** Tallies recover items whose home is gone by the folder they were deleted from (dry runs). */
export class OrphanTally {
  private readonly groups = new Map<string, OrphanGroup>();

  /**
   * `lastModified` (LastModifiedTime: in the dumpster, when the item was deleted) is the "last seen"
   * of a group; where a row lacks it the newest received time stands in, and the group says so.
   */
  add(lastActiveParentEntryId: string | undefined, size: number, lastModified: string | undefined, received: string | undefined): void {
    // Grouped by the bytes, not the base64 text; the first spelling seen names the group.
    const key = lastActiveParentEntryId ? sourceKeyHex(lastActiveParentEntryId) : '';
    let g = this.groups.get(key);
    if (!g) {
      g = { itemCount: 0, totalSize: 0, lastSeenBasis: 'modified' };
      if (lastActiveParentEntryId) g.lastActiveParentEntryId = lastActiveParentEntryId;
      this.groups.set(key, g);
    }
    g.itemCount += 1;
    g.totalSize += size;
    if (lastModified === undefined) g.lastSeenBasis = 'received';
    const seen = lastModified ?? received;
    if (seen !== undefined && (g.lastSeen === undefined || Date.parse(seen) > Date.parse(g.lastSeen))) g.lastSeen = seen;
  }

  /** Largest first; the unknown-origin group last. */
  result(): OrphanGroup[] {
    return [...this.groups.values()].sort((a, b) => {
      const unknown = Number(a.lastActiveParentEntryId === undefined) - Number(b.lastActiveParentEntryId === undefined);
      return unknown !== 0 ? unknown : b.itemCount - a.itemCount;
    });
  }
}
