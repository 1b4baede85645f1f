// Retention rules of a mailbox (EWS-FACTS §7): single item recovery (SIR), litigation and
// In-Place holds, copy-on-write into Versions, and the Recoverable Items quota. deletion.ts asks
// here where a hard-deleted or purged item goes, and whether the dumpster can take more.
import type { Folder, Item, Mailbox, User } from './model';
import { storeOfUser } from './retention-settings';
import type { Store } from './store';

const GB = 1024 ** 3;

/** RecoverableItemsWarningQuota / RecoverableItemsQuota: 20/30 GB, raised to 90/100 GB while on hold. */
export const RECOVERABLE_ITEMS_QUOTA = {
  normal: { warning: 20 * GB, limit: 30 * GB },
  held: { warning: 90 * GB, limit: 100 * GB },
} as const;

export function onHold(user: User): boolean {
  return user.retention.litigationHold || user.retention.inPlaceHold;
}

/** SIR or a hold: purged items are kept in Purges rather than gone. */
export function keepsPurgedItems(user: User): boolean {
  return user.retention.singleItemRecovery || onHold(user);
}

/**
 * Drafts are exempt from copy-on-write. The model has no draft flag of its own yet, so an item in
 * Drafts counts as one, and so does any item carrying `isDraft: true` once items get that property.
 */
function isDraft(store: Store, item: Item, folder: Folder): boolean {
  if ('isDraft' in item && item.isDraft === true) return true;
  return folder === store.distinguished(folder.mailbox, 'drafts');
}

/**
 * Copy-on-write before an edit: when the item's mailbox is on a hold and the item is not a draft,
 * a copy of its current state goes to that mailbox's Versions folder, stamped with the folder it
 * lives in. The caller decides whether its edit triggers this. Nothing is kept for items already
 * in the dumpster, or when the Recoverable Items quota is full (EWS-FACTS §7: versions fail then).
 */
export function keepVersionIfHeld(item: Item): void {
  const folder = item.folder;
  if (!folder) return;
  const mailbox = folder.mailbox;
  if (!onHold(mailbox.owner)) return;
  const store = storeOfUser(mailbox.owner);
  if (store.inDumpster(folder) || isDraft(store, item, folder)) return;
  const versions = store.distinguished(mailbox, 'recoverableitemsversions');
  if (!versions || recoverableItemsState(store, mailbox) === 'full') return;
  const copy = store.copyItem(item, versions);
  copy.lastActiveParent = folder.sourceKey;
  noteAdded(versions, copy.size);
}

// ---- the Recoverable Items quota -------------------------------------------------------------

/** Bytes per dumpster folder, valid while the folder's contents version is unchanged. */
const folderBytes = new WeakMap<Folder, { version: number; bytes: number }>();

function bytesOf(folder: Folder): number {
  const cached = folderBytes.get(folder);
  if (cached && cached.version === folder.contents.version) return cached.bytes;
  let bytes = 0;
  for (const item of folder.contents.all()) bytes += item.size;
  folderBytes.set(folder, { version: folder.contents.version, bytes });
  return bytes;
}

/**
 * Keeps a folder's byte count current after one item was added (delta > 0) or removed (< 0)
 * without a full recount, if the count was current just before; otherwise the next read recounts.
 */
function noteChange(folder: Folder, delta: number, versionBefore: number): void {
  const cached = folderBytes.get(folder);
  if (cached && cached.version === versionBefore) folderBytes.set(folder, { version: folder.contents.version, bytes: cached.bytes + delta });
}

function noteAdded(folder: Folder, size: number): void {
  noteChange(folder, size, folder.contents.version - 1);
}

/** Runs a store change that adds to / removes from dumpster folders, keeping their byte counts. */
export function trackDumpsterChange(store: Store, folders: ReadonlyArray<readonly [Folder | null, number]>, change: () => void): void {
  const before = folders.map(([f]) => (f && store.inDumpster(f) ? (bytesOf(f), f.contents.version) : -1));
  change();
  folders.forEach(([f, delta], i) => {
    const version = before[i];
    if (f && version !== undefined && version >= 0) noteChange(f, delta, version);
  });
}

/** Bytes in the mailbox's Recoverable Items tree, plus the extra bytes set for tests. */
export function dumpsterBytes(store: Store, mailbox: Mailbox): number {
  const root = store.distinguished(mailbox, 'recoverableitemsroot');
  let bytes = mailbox.owner.retention.extraDumpsterBytes[mailbox.part];
  if (!root) return bytes;
  bytes += bytesOf(root);
  for (const folder of store.descendants(root)) bytes += bytesOf(folder);
  return bytes;
}

export type QuotaState = 'ok' | 'warning' | 'full';

export function recoverableItemsQuota(user: User): { warning: number; limit: number } {
  return onHold(user) ? RECOVERABLE_ITEMS_QUOTA.held : RECOVERABLE_ITEMS_QUOTA.normal;
}

/** 'full' from the limit on: nothing more may enter the dumpster (deletes into it fail). */
export function recoverableItemsState(store: Store, mailbox: Mailbox): QuotaState {
  const bytes = dumpsterBytes(store, mailbox);
  const quota = recoverableItemsQuota(mailbox.owner);
  return bytes >= quota.limit ? 'full' : bytes >= quota.warning ? 'warning' : 'ok';
}
