// The inspection and manipulation API tests and the demo use instead of HTTP: look up where an
// item is now, list a folder, count, create folders and items in bulk. Every id it takes and
// returns is the same EwsId the wire carries.
import { decodeEwsId } from './ids';
import type { Folder, Item, MailboxPart, Sender } from './model';
import type { Grant } from './rights';
import { createRetentionApi, type RetentionApi } from './retentionApi';
import type { Store } from './store';

export interface ItemView {
  id: string;
  changeKey: string;
  folderId: string;
  itemClass: string;
  subject: string;
  from?: Sender;
  /** DateTimeReceived, ISO 8601 UTC. */
  received: string;
  size: number;
  hasAttachments: boolean;
  isRead: boolean;
  /** LastActiveParentEntryId (0x348A), base64, when the item carries one. */
  lastActiveParentEntryId?: string;
}

export interface FolderView {
  id: string;
  changeKey: string;
  parentId?: string;
  displayName: string;
  folderClass?: string;
  /** Distinguished id (inbox, recoverableitemsdeletions, archiveinbox, …) when it has one. */
  distinguished?: string;
  /** Owner's primary SMTP address. */
  mailbox: string;
  part: MailboxPart;
  /** Display names from the mailbox root's child down, e.g. "Top of Information Store/Inbox/Projects". */
  path: string;
  /** PR_SOURCE_KEY (0x65E0), base64. */
  sourceKey: string;
  totalCount: number;
  childFolderCount: number;
  unreadCount: number;
  /** In the Recoverable Items tree. */
  inDumpster: boolean;
}

export interface Located {
  folderId: string;
  /** The folder's distinguished id when it has one (e.g. "deleteditems"). */
  distinguished?: string;
  folder: FolderView;
  item: ItemView;
}

/** Template for `seedItems`; item i gets `received - i * receivedStepSeconds` (newest first). */
export interface ItemTemplate {
  subject?: string | ((index: number) => string);
  itemClass?: string;
  from?: Sender;
  /** Newest DateTimeReceived (default now). */
  received?: Date | string;
  receivedStepSeconds?: number;
  size?: number;
  hasAttachments?: boolean;
  isRead?: boolean;
  /** Stamps LastActiveParentEntryId with this folder's source key (the folder may be deleted later). */
  lastActiveParentFolderId?: string;
  /** Or with this base64 value. */
  lastActiveParentEntryId?: string;
}

export interface UserView {
  smtp: string;
  name: string;
  canImpersonate: boolean;
  /** FullAccess grants: lower-case addresses, or '*'. */
  fullAccessTo: Grant;
  readAccessTo: Grant;
  hasArchive: boolean;
}

/** Also: retention(user) and setRetention(user, update) for single item recovery, holds and the quota (retentionApi.ts). */
export interface SimStore extends RetentionApi {
  users(): UserView[];
  /** A distinguished folder of a user's mailbox; `archive*` names reach the archive. */
  folderByDistinguished(user: string, name: string): FolderView | undefined;
  /** A folder by display-name path below the IPM root, e.g. "Inbox/Bulk notifications". */
  folderByPath(user: string, path: string, part?: MailboxPart): FolderView | undefined;
  folder(folderId: string): FolderView | undefined;
  /** The live folder whose PR_SOURCE_KEY is this (base64); undefined when that folder is gone. */
  folderBySourceKey(sourceKey: string): FolderView | undefined;
  childFolders(folderId: string): FolderView[];
  /** Every folder of a user's mailbox, depth first from its root (root excluded). */
  allFolders(user: string, part?: MailboxPart): FolderView[];
  /** Items in the default order (DateTimeReceived descending); throws for an unknown folder. */
  folderItems(folderId: string, range?: { offset?: number; limit?: number }): ItemView[];
  itemCount(folderId: string): number;
  /** Where the item with this id is now; undefined when the id no longer resolves (moved, deleted). */
  locate(itemId: string): Located | undefined;
  /** Items in all of a user's folders (both mailboxes unless `part` is given). */
  totalItems(user: string, part?: MailboxPart): number;
  /** Adds `count` items quickly without HTTP; returns their ids (newest first). */
  seedItems(folderId: string, count: number, template?: ItemTemplate): string[];
  createFolder(parentId: string, displayName: string, folderClass?: string): FolderView;
  /** Removes a folder and everything in it outright (e.g. to make dumpster items orphans). */
  removeFolder(folderId: string): void;
}

export function createStoreApi(store: Store): SimStore {
  const userOf = (smtp: string) => {
    const user = store.user(smtp);
    if (!user) throw new Error(`no user ${smtp}`);
    return user;
  };
  const folderOf = (id: string): Folder | undefined => {
    const decoded = decodeEwsId(id);
    return decoded && decoded.kind === 'folder' ? store.lookupFolder(decoded) : undefined;
  };
  const mustFolder = (id: string): Folder => {
    const folder = folderOf(id);
    if (!folder) throw new Error(`no folder ${id}`);
    return folder;
  };
  const pathOf = (folder: Folder): string => {
    const names: string[] = [];
    for (let f: Folder | null = folder; f && f.parent; f = f.parent) names.unshift(f.displayName);
    return names.join('/');
  };
  const folderView = (f: Folder): FolderView => ({
    id: store.folderId(f),
    changeKey: store.folderChangeKey(f),
    parentId: f.parent ? store.folderId(f.parent) : undefined,
    displayName: f.displayName,
    folderClass: f.folderClass,
    distinguished: f.distinguished,
    mailbox: f.mailbox.owner.smtp,
    part: f.mailbox.part,
    path: pathOf(f),
    sourceKey: f.sourceKey.toString('base64'),
    totalCount: f.contents.count,
    childFolderCount: f.children.length,
    unreadCount: f.contents.unread,
    inDumpster: store.inDumpster(f),
  });
  const itemView = (item: Item): ItemView => ({
    id: store.itemId(item),
    changeKey: store.itemChangeKey(item),
    folderId: store.folderId(item.folder as Folder),
    itemClass: item.itemClass,
    subject: item.subject,
    from: item.from ? { ...item.from } : undefined,
    received: new Date(item.received * 1000).toISOString(),
    size: item.size,
    hasAttachments: item.hasAttachments,
    isRead: item.isRead,
    lastActiveParentEntryId: item.lastActiveParent?.toString('base64'),
  });
  const mailboxOf = (smtp: string, part: MailboxPart) => {
    const user = userOf(smtp);
    return part === 'archive' ? user.archive : user.primary;
  };

  return {
    ...createRetentionApi(store, userOf),
    users: () =>
      [...store.users.values()].map((u) => ({
        smtp: u.smtp,
        name: u.name,
        canImpersonate: u.canImpersonate,
        fullAccessTo: u.fullAccessTo,
        readAccessTo: u.readAccessTo,
        hasArchive: u.archive !== null,
      })),
    folderByDistinguished: (user, name) => {
      const u = userOf(user);
      const mailbox = name.startsWith('archive') ? u.archive : u.primary;
      const folder = mailbox?.byDistinguished.get(name);
      return folder ? folderView(folder) : undefined;
    },
    folderByPath: (user, path, part = 'primary') => {
      const mailbox = mailboxOf(user, part);
      let folder = mailbox ? store.distinguished(mailbox, 'msgfolderroot') : undefined;
      for (const name of path.split('/').filter((s) => s !== '')) {
        folder = folder?.children.find((c) => c.displayName === name);
      }
      return folder ? folderView(folder) : undefined;
    },
    folder: (id) => {
      const folder = folderOf(id);
      return folder ? folderView(folder) : undefined;
    },
    folderBySourceKey: (key) => {
      for (const folder of store.allFolders()) if (!folder.removed && folder.sourceKey.toString('base64') === key) return folderView(folder);
      return undefined;
    },
    childFolders: (id) => mustFolder(id).children.map(folderView),
    allFolders: (user, part = 'primary') => {
      const mailbox = mailboxOf(user, part);
      return mailbox ? store.descendants(mailbox.root).map(folderView) : [];
    },
    folderItems: (id, range = {}) => {
      const all = mustFolder(id).contents.all();
      const offset = range.offset ?? 0;
      return all.slice(offset, range.limit === undefined ? undefined : offset + range.limit).map(itemView);
    },
    itemCount: (id) => mustFolder(id).contents.count,
    locate: (itemId) => {
      const decoded = decodeEwsId(itemId);
      const item = decoded && decoded.kind === 'item' ? store.lookupItem(decoded) : undefined;
      if (!item || !item.folder) return undefined;
      return { folderId: store.folderId(item.folder), distinguished: item.folder.distinguished, folder: folderView(item.folder), item: itemView(item) };
    },
    totalItems: (user, part) => {
      const u = userOf(user);
      const boxes = part ? [part === 'archive' ? u.archive : u.primary] : [u.primary, u.archive];
      let total = 0;
      for (const box of boxes) if (box) for (const f of store.descendants(box.root)) total += f.contents.count;
      return total;
    },
    seedItems: (folderId, count, template = {}) => {
      const folder = mustFolder(folderId);
      const newest = template.received === undefined ? Math.floor(Date.now() / 1000) : Math.floor(new Date(template.received).getTime() / 1000);
      const step = template.receivedStepSeconds ?? 60;
      const lap = template.lastActiveParentFolderId
        ? mustFolder(template.lastActiveParentFolderId).sourceKey
        : template.lastActiveParentEntryId
          ? Buffer.from(template.lastActiveParentEntryId, 'base64')
          : null;
      const subject = template.subject;
      const items = store.addItems(folder, count, (i) => ({
        subject: typeof subject === 'function' ? subject(i) : (subject ?? `Seeded item ${i + 1}`),
        itemClass: template.itemClass,
        from: template.from ?? null,
        received: newest - i * step,
        size: template.size,
        hasAttachments: template.hasAttachments,
        isRead: template.isRead,
        lastActiveParent: lap,
      }));
      return items.map((item) => store.itemId(item));
    },
    createFolder: (parentId, displayName, folderClass = 'IPF.Note') => folderView(store.createFolder(mustFolder(parentId), displayName, folderClass)),
    removeFolder: (id) => store.removeFolderTree(mustFolder(id)),
  };
}
