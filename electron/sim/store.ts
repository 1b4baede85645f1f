// The simulator's mailbox state: users, their primary and archive mailboxes, folders and items,
// and the primitive moves every operation is built from. No XML here.
import { FolderContents } from './folderContents';
import { ARCHIVE_FOLDERS, PRIMARY_FOLDERS, type FolderSpec } from './folderSet';
import { CHANGE_KEY_TYPE, changeKey, folderEwsId, guidFrom, itemEwsId, sourceKey, type DecodedId } from './ids';
import {
  folderKind,
  isAssociated,
  itemKind,
  touchItem,
  type Folder,
  type Importance,
  type Item,
  type ItemExtras,
  type Mailbox,
  type MailboxPart,
  type RetentionSettings,
  type Sender,
  type User,
} from './model';
import { createPrng, type Prng } from './prng';
import { grant, type Grant } from './rights';
import { retentionSettings } from './retentionSettings';

export interface UserConfig {
  smtp: string;
  name: string;
  password: string;
  /** ApplicationImpersonation: may act as other users in requests carrying ExchangeImpersonation. */
  canImpersonate?: boolean;
  /** FullAccess (delegate access) to these mailboxes, or '*' for all (rights.ts). */
  fullAccessTo?: Grant;
  /** Read-only access to these mailboxes, or '*' (rights.ts). */
  readAccessTo?: Grant;
  /** Has an archive mailbox (default true). */
  hasArchive?: boolean;
  /** Single item recovery, holds, extra dumpster bytes (retention.ts); all off / 0 by default. */
  retention?: Partial<RetentionSettings>;
}

/** Properties of a new item; everything but the subject has a default. */
export interface NewItem {
  subject: string;
  itemClass?: string;
  from?: Sender | null;
  /** Epoch seconds. */
  received?: number;
  size?: number;
  hasAttachments?: boolean;
  isRead?: boolean;
  lastActiveParent?: Buffer | null;
  /** Kept by moves and copies; a new item takes its own counter. */
  origin?: number;
  /** LastModifiedTime, epoch seconds; defaults to the received time. */
  modified?: number;
  /** As Item's; what moves and copies carry over (ignored when `modified` is given). */
  modifiedAfterReceived?: number;
  categories?: readonly string[] | null;
  importance?: Importance;
  isDraft?: boolean;
  extras?: ItemExtras | null;
}

/** Each user's store, so retention.ts can act on an item alone (keepVersionIfHeld takes just the item). */
const stores = new WeakMap<User, Store>();

export function storeOfUser(user: User): Store {
  const store = stores.get(user);
  if (!store) throw new Error(`user ${user.smtp} belongs to no store`);
  return store;
}

export class Store {
  readonly users = new Map<string, User>();
  private readonly mailboxesByGuid = new Map<string, Mailbox>();
  private readonly folders = new Map<number, Folder>();
  /** Live items by counter; holes where items were moved, copied away or purged. */
  private readonly items: Array<Item | undefined> = [];
  private nextCounter = 1;
  private nextChange = 1;
  private readonly guidSource: Prng;

  constructor(users: readonly UserConfig[], idSeed = 0x5eed) {
    this.guidSource = createPrng(idSeed);
    for (const config of users) this.addUser(config);
  }

  addUser(config: UserConfig): User {
    const key = config.smtp.toLowerCase();
    if (this.users.has(key)) throw new Error(`duplicate user ${config.smtp}`);
    const user = {
      smtp: config.smtp,
      name: config.name,
      password: config.password,
      canImpersonate: config.canImpersonate ?? false,
      fullAccessTo: grant(config.fullAccessTo),
      readAccessTo: grant(config.readAccessTo),
      retention: retentionSettings(config.retention),
    } as User;
    user.primary = this.createMailbox(user, 'primary');
    user.archive = config.hasArchive === false ? null : this.createMailbox(user, 'archive');
    stores.set(user, this);
    this.users.set(key, user);
    return user;
  }

  user(smtp: string): User | undefined {
    return this.users.get(smtp.toLowerCase());
  }

  mailboxByGuid(guid: string): Mailbox | undefined {
    return this.mailboxesByGuid.get(guid);
  }

  private createMailbox(owner: User, part: MailboxPart): Mailbox {
    const guid = guidFrom(() => this.guidSource.nextUint32());
    const keys = {
      guid: guid.text,
      providerUid: guidFrom(() => this.guidSource.nextUint32()).bytes,
      replicaGuid: guidFrom(() => this.guidSource.nextUint32()).bytes,
    };
    const mailbox = { keys, owner, part, byDistinguished: new Map<string, Folder>() } as Mailbox;
    mailbox.root = this.buildFolders(mailbox, null, part === 'primary' ? PRIMARY_FOLDERS : ARCHIVE_FOLDERS);
    this.mailboxesByGuid.set(keys.guid, mailbox);
    return mailbox;
  }

  private buildFolders(mailbox: Mailbox, parent: Folder | null, spec: FolderSpec): Folder {
    const folder = this.newFolder(mailbox, parent, spec.name, spec.folderClass, {
      distinguished: spec.distinguished,
      system: spec.system ?? false,
      searchFolder: spec.searchFolder ?? false,
    });
    for (const childSpec of spec.children ?? []) this.buildFolders(mailbox, folder, childSpec);
    return folder;
  }

  private newFolder(
    mailbox: Mailbox,
    parent: Folder | null,
    displayName: string,
    folderClass: string | undefined,
    flags: { distinguished?: string; system: boolean; searchFolder: boolean },
  ): Folder {
    const counter = this.nextCounter++;
    const created: Folder = {
      counter,
      mailbox,
      parent,
      displayName,
      folderClass,
      distinguished: flags.distinguished,
      system: flags.system,
      isSearchFolder: flags.searchFolder,
      children: [],
      sourceKey: sourceKey(mailbox.keys.replicaGuid, counter),
      changeNumber: this.nextChange++,
      contents: new FolderContents(() => created),
      associated: new FolderContents(() => created),
      removed: false,
    };
    this.folders.set(counter, created);
    if (parent) parent.children.push(created);
    if (flags.distinguished) mailbox.byDistinguished.set(flags.distinguished, created);
    return created;
  }

  // ---- folders ---------------------------------------------------------------------------

  createFolder(parent: Folder, displayName: string, folderClass: string | undefined, searchFolder = false): Folder {
    return this.newFolder(parent.mailbox, parent, displayName, folderClass, { system: false, searchFolder });
  }

  folderByCounter(counter: number): Folder | undefined {
    return this.folders.get(counter);
  }

  /** Resolves a decoded folder id to a live folder of the mailbox it names. */
  lookupFolder(decoded: DecodedId): Folder | undefined {
    const folder = this.folders.get(decoded.folderCounter);
    if (!folder || folder.removed) return undefined;
    const keys = folder.mailbox.keys;
    if (keys.guid !== decoded.mailboxGuid || !keys.replicaGuid.equals(decoded.replicaGuid) || !keys.providerUid.equals(decoded.providerUid)) {
      return undefined;
    }
    return folder;
  }

  lookupItem(decoded: DecodedId): Item | undefined {
    if (decoded.itemCounter === undefined) return undefined;
    const item = this.items[decoded.itemCounter];
    if (!item || !item.folder) return undefined;
    if (item.folder.counter !== decoded.folderCounter) return undefined;
    const keys = item.folder.mailbox.keys;
    if (keys.guid !== decoded.mailboxGuid || !keys.providerUid.equals(decoded.providerUid) || !keys.replicaGuid.equals(decoded.replicaGuid)) {
      return undefined;
    }
    return item;
  }

  folderId(folder: Folder): string {
    return folderEwsId(folder.mailbox.keys, folder.counter);
  }

  folderChangeKey(folder: Folder): string {
    const kind = folderKind(folder);
    const code =
      kind === 'CalendarFolder'
        ? CHANGE_KEY_TYPE.CalendarFolder
        : kind === 'ContactsFolder'
          ? CHANGE_KEY_TYPE.ContactsFolder
          : kind === 'SearchFolder'
            ? CHANGE_KEY_TYPE.SearchFolder
            : CHANGE_KEY_TYPE.Folder;
    return changeKey(code, folder.mailbox.keys.replicaGuid, folder.changeNumber);
  }

  itemId(item: Item): string {
    const folder = item.folder;
    if (!folder) throw new Error('item is gone');
    return itemEwsId(folder.mailbox.keys, folder.counter, item.counter);
  }

  itemChangeKey(item: Item): string {
    const folder = item.folder;
    if (!folder) throw new Error('item is gone');
    return changeKey(CHANGE_KEY_TYPE[itemKind(item.itemClass)], folder.mailbox.keys.replicaGuid, item.changeNumber);
  }

  /** True when `folder` is `ancestor` or lies below it. */
  isWithin(folder: Folder, ancestor: Folder): boolean {
    for (let f: Folder | null = folder; f; f = f.parent) if (f === ancestor) return true;
    return false;
  }

  /** True when the folder is in its mailbox's Recoverable Items tree (the dumpster). */
  inDumpster(folder: Folder): boolean {
    const dumpsterRoot = this.distinguished(folder.mailbox, 'recoverableitemsroot');
    return dumpsterRoot !== undefined && this.isWithin(folder, dumpsterRoot);
  }

  /** A mailbox's distinguished folder by its primary-mailbox name (the archive prefix is added for archives). */
  distinguished(mailbox: Mailbox, primaryName: string): Folder | undefined {
    return mailbox.byDistinguished.get(mailbox.part === 'archive' ? `archive${primaryName}` : primaryName);
  }

  /** All folders below `folder`, depth first in display order. */
  descendants(folder: Folder): Folder[] {
    const out: Folder[] = [];
    const walk = (f: Folder): void => {
      for (const c of f.children) {
        out.push(c);
        walk(c);
      }
    };
    walk(folder);
    return out;
  }

  moveFolder(folder: Folder, newParent: Folder): void {
    const old = folder.parent;
    if (old) old.children.splice(old.children.indexOf(folder), 1);
    folder.parent = newParent;
    newParent.children.push(folder);
    folder.changeNumber = this.nextChange++;
  }

  /** Removes a folder, its subfolders and all their items outright (no dumpster). */
  removeFolderTree(folder: Folder): void {
    for (const sub of [...folder.children]) this.removeFolderTree(sub);
    for (const item of [...folder.contents.all()]) this.purgeItem(item);
    for (const item of [...folder.associated.all()]) this.purgeItem(item);
    const parent = folder.parent;
    if (parent) parent.children.splice(parent.children.indexOf(folder), 1);
    folder.parent = null;
    folder.removed = true;
    this.folders.delete(folder.counter);
    if (folder.distinguished) folder.mailbox.byDistinguished.delete(folder.distinguished);
  }

  // ---- items -----------------------------------------------------------------------------

  private makeItem(folder: Folder, props: NewItem, changeNumber?: number): Item {
    const counter = this.nextCounter++;
    const received = props.received ?? Math.floor(Date.now() / 1000);
    const item: Item = {
      counter,
      folder,
      changeNumber: changeNumber ?? this.nextChange++,
      itemClass: props.itemClass ?? 'IPM.Note',
      subject: props.subject,
      from: props.from ?? null,
      received,
      size: props.size ?? 1024 + props.subject.length * 2,
      hasAttachments: props.hasAttachments ?? false,
      isRead: props.isRead ?? false,
      lastActiveParent: props.lastActiveParent ?? null,
      origin: props.origin ?? counter,
      modifiedAfterReceived: props.modified === undefined ? (props.modifiedAfterReceived ?? 0) : props.modified - received,
      categories: props.categories ?? null,
      importance: props.importance ?? 1,
      isDraft: props.isDraft ?? false,
      extras: props.extras ?? null,
    };
    this.items[item.counter] = item;
    return item;
  }

  addItem(folder: Folder, props: NewItem): Item {
    const item = this.makeItem(folder, props);
    listOf(folder, item).add(item);
    return item;
  }

  /** Bulk insert without per-item bookkeeping beyond the minimum (seeding 1M items). All FAI or none, as the first item. */
  addItems(folder: Folder, count: number, make: (index: number) => NewItem): Item[] {
    const created: Item[] = new Array<Item>(count);
    for (let i = 0; i < count; i++) created[i] = this.makeItem(folder, make(i));
    const [first] = created;
    if (first) listOf(folder, first).addMany(created);
    return created;
  }

  private detach(item: Item): void {
    const folder = item.folder;
    if (!folder) return;
    listOf(folder, item).noteRemoved(item);
    item.folder = null;
    this.items[item.counter] = undefined;
  }

  /**
   * Moves an item: Exchange copies it and deletes the original, so it gets a new entry id (new
   * counter) and the old id stops resolving. `keepChangeKey` for moves into Deleted Items and
   * the dumpster, which Exchange does not count as edits.
   */
  moveItem(item: Item, destination: Folder, options: { keepChangeKey: boolean; lastActiveParent?: Buffer | null }): Item {
    const moved = this.makeItem(
      destination,
      { ...item, lastActiveParent: options.lastActiveParent === undefined ? item.lastActiveParent : options.lastActiveParent },
      options.keepChangeKey ? item.changeNumber : undefined,
    );
    this.detach(item);
    // A move is a change: LastModifiedTime becomes the move (in the dumpster: the deletion) time.
    touchItem(moved);
    listOf(destination, moved).add(moved);
    return moved;
  }

  /** An edit in place (UpdateItem): a new ChangeKey, the same id. */
  bumpChangeKey(item: Item): void {
    item.changeNumber = this.nextChange++;
  }

  copyItem(item: Item, destination: Folder): Item {
    return this.addItem(destination, { ...item });
  }

  purgeItem(item: Item): void {
    this.detach(item);
  }

  itemByCounter(counter: number): Item | undefined {
    return this.items[counter];
  }

  allFolders(): IterableIterator<Folder> {
    return this.folders.values();
  }
}

/** FAI items live in the folder's associated list, all others in its contents. */
function listOf(folder: Folder, item: Item): Folder['contents'] {
  return isAssociated(item) ? folder.associated : folder.contents;
}
