// Recover to the original folder: a deleted item's LastActiveParentEntryId equals the PR_SOURCE_KEY
// of the folder it was deleted from. One listing of the folder tree with source keys gives the map;
// items whose home is gone (or who carry no such property) go to the admin's fallback folder.
import { callWithRetry } from './backoff';
import type { PlanContext } from './planner';

export interface FolderName {
  id: string;
  displayName: string;
}

export interface RecoverMap {
  /** Source key (hex) → folder. */
  homes: Map<string, FolderName>;
  fallback: FolderName;
}

/** Source keys arrive base64; compare them as bytes so padding or line breaks do not matter. */
export function sourceKeyHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}

export async function loadRecoverMap(ctx: PlanContext, fallbackFolderId: string): Promise<RecoverMap> {
  const { gate, limits, backend } = ctx;
  const folders = await callWithRetry(gate, limits, ctx.signal, (signal) => backend.listFoldersWithSourceKeys(signal));
  const homes = new Map<string, FolderName>();
  for (const f of folders) {
    if (f.sourceKey) homes.set(sourceKeyHex(f.sourceKey), { id: f.id, displayName: f.displayName });
  }
  const known = folders.find((f) => f.id === fallbackFolderId);
  const fallback = known
    ? { id: known.id, displayName: known.displayName }
    : await callWithRetry(gate, limits, ctx.signal, (signal) => backend.getFolder(fallbackFolderId, signal));
  return { homes, fallback: { id: fallback.id, displayName: fallback.displayName } };
}

export function recoverDestination(map: RecoverMap, lastActiveParentEntryId: string | undefined): { dest: FolderName; fallback: boolean } {
  const home = lastActiveParentEntryId ? map.homes.get(sourceKeyHex(lastActiveParentEntryId)) : undefined;
  return home ? { dest: home, fallback: false } : { dest: map.fallback, fallback: true };
}
