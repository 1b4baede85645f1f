// The in-memory mailbox model. Items are kept small (shared strings and sender objects, epoch
// seconds, no per-item buffers) so a folder can hold a million of them.
import type { MailboxKeys } from './ids';

export interface Sender {
  name: string;
  address: string;
}

export interface Item {
  /** Store counter: the item's own part of its entry id. A move or copy makes a new Item with a new counter. */
  readonly counter: number;
  /** Null once the item is gone (moved away, purged). */
  folder: Folder | null;
  changeNumber: number;
  itemClass: string;
  subject: string;
  from: Sender | null;
  /** DateTimeReceived, epoch seconds. */
  received: number;
  size: number;
  hasAttachments: boolean;
  isRead: boolean;
  /** LastActiveParentEntryId (0x348A): the source-key buffer of the folder it was deleted from (shared). */
  lastActiveParent: Buffer | null;
  /**
   * The counter the item was first created with; kept through moves and copies (which make new
   * Items). InternetMessageId, DateTimeSent and the demo body are derived from it (itemFields.ts).
   */
  readonly origin: number;
  /**
   * LastModifiedTime as seconds after DateTimeReceived (read it with lastModified(item)). Kept as a
   * small integer because a second epoch-seconds field would cost every item a heap number. Set
   * through touchItem on every change (in the dumpster it is, in practice, when it was deleted).
   */
  modifiedAfterReceived: number;
  /** Categories (item:Categories): a shared, never-mutated array, or null for none. Replace the array to change it. */
  categories: readonly string[] | null;
  /** Importance: 0 Low, 1 Normal, 2 High (IMPORTANCE_NAMES). */
  importance: Importance;
  /** IsDraft (unsent). Drafts have no DateTimeSent. */
  isDraft: boolean;
  /** Rarely-set properties (own body, retention tag, spam original folder); null for almost every item. May be shared: replace, never mutate. */
  extras: ItemExtras | null;
}

export type Importance = 0 | 1 | 2;
export const IMPORTANCE_NAMES = ['Low', 'Normal', 'High'] as const;

export interface ItemBody {
  type: 'HTML' | 'Text';
  text: string;
}

export interface ItemExtras {
  /** A body given by CreateItem; items without one get the derived demo body. */
  body?: ItemBody;
  /** PolicyTag (0x3019, Binary): the retention tag's 16-byte GUID (shared buffer). */
  policyTag?: Buffer;
  /** PidLidSpamOriginalFolder (PSETID_Common 0x859C, Binary): entry id of the folder a junk item came from. */
  spamOriginalFolder?: Buffer;
  /** A folder-associated (FAI) item, kept in Folder.associated and never in Folder.contents (see isAssociated). */
  associated?: boolean;
  /** Recipients as CreateItem gave them (empty lists when it gave none); demo items derive theirs (itemFields.ts). */
  recipients?: { to: readonly Sender[]; cc: readonly Sender[] };
}

/** True for a folder-associated (FAI) item: rules, views, configuration. */
export function isAssociated(item: Item): boolean {
  return item.extras?.associated === true;
}

/** Marks an item changed: LastModifiedTime becomes now. Every path that changes an item calls it. */
export function touchItem(item: Item, nowSeconds = Math.floor(Date.now() / 1000)): void {
  item.modifiedAfterReceived = nowSeconds - item.received;
}

/** LastModifiedTime, epoch seconds. */
export function lastModified(item: Item): number {
  return item.received + item.modifiedAfterReceived;
}

export type MailboxPart = 'primary' | 'archive';

export interface Folder {
  readonly counter: number;
  readonly mailbox: Mailbox;
  parent: Folder | null;
  displayName: string;
  folderClass: string | undefined;
  /** The distinguished id (inbox, recoverableitemsdeletions, archiveinbox, …) when it has one. */
  readonly distinguished: string | undefined;
  /** Exchange-created folder without a distinguished id (Audits, Calendar Logging): undeletable too. */
  readonly system: boolean;
  readonly isSearchFolder: boolean;
  readonly children: Folder[];
  /** PR_SOURCE_KEY (0x65E0), 22 bytes; shared with items whose LastActiveParentEntryId points here. */
  readonly sourceKey: Buffer;
  changeNumber: number;
  readonly contents: FolderContentsLike;
  /** Folder-associated (FAI) items: rules, views, configuration. Not counted in TotalCount; FindItem Associated only. */
  readonly associated: FolderContentsLike;
  removed: boolean;
}

/** What the rest of the simulator needs from a folder's item list (see folderContents.ts). */
export interface FolderContentsLike {
  readonly count: number;
  readonly unread: number;
  readonly version: number;
  add(item: Item): void;
  addMany(items: readonly Item[]): void;
  noteRemoved(item: Item): void;
  /** The item's IsRead just changed in place (UpdateItem): keeps `unread` right. */
  noteReadChanged(item: Item): void;
  /** All live items in the default order (DateTimeReceived descending). */
  all(): readonly Item[];
  /** A derived list (other sort order, restriction), cached until the folder changes. */
  view(key: string, compute: (all: readonly Item[]) => Item[]): readonly Item[];
}

export interface Mailbox {
  readonly keys: MailboxKeys;
  readonly owner: User;
  readonly part: MailboxPart;
  root: Folder;
  readonly byDistinguished: Map<string, Folder>;
}

/** A grant list (rights.ts): primary SMTP addresses (any case), or '*' for every mailbox. */
export type Grant = readonly string[] | '*';

export interface User {
  readonly smtp: string;
  readonly name: string;
  readonly password: string;
  readonly canImpersonate: boolean;
  /** FullAccess to these mailboxes' owners (rights.ts); '*' = every mailbox. */
  readonly fullAccessTo: Grant;
  /** Read-only access (rights.ts): may read, not change. */
  readonly readAccessTo: Grant;
  /** Single item recovery, holds and the Recoverable Items quota figures (retention.ts); changeable at run time. */
  retention: RetentionSettings;
  primary: Mailbox;
  archive: Mailbox | null;
}

/** Per-user retention (EWS-FACTS §7); a hold covers the primary and the archive mailbox. */
export interface RetentionSettings {
  /** Single item recovery (off by default on Exchange Server). */
  singleItemRecovery: boolean;
  litigationHold: boolean;
  inPlaceHold: boolean;
  /**
   * Bytes counted against each mailbox's Recoverable Items quota on top of the items really in its
   * dumpster, so tests can stand at the 20/30 GB marks without storing that much.
   */
  extraDumpsterBytes: { primary: number; archive: number };
}

export type ItemKind = 'Message' | 'CalendarItem' | 'Contact' | 'Task';

/** Which EWS element an item class is written as (the base t:Item is never returned). */
export function itemKind(itemClass: string): ItemKind {
  const cls = itemClass.toLowerCase();
  if (cls === 'ipm.appointment' || cls.startsWith('ipm.appointment.')) return 'CalendarItem';
  if (cls === 'ipm.contact' || cls.startsWith('ipm.contact.')) return 'Contact';
  if (cls === 'ipm.task' || cls.startsWith('ipm.task.')) return 'Task';
  return 'Message';
}

export type FolderKind = 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'TasksFolder' | 'SearchFolder';

export function folderKind(folder: Folder): FolderKind {
  if (folder.isSearchFolder) return 'SearchFolder';
  const cls = (folder.folderClass ?? '').toLowerCase();
  if (cls === 'ipf.appointment' || cls.startsWith('ipf.appointment.')) return 'CalendarFolder';
  if (cls === 'ipf.contact' || cls.startsWith('ipf.contact.')) return 'ContactsFolder';
  if (cls === 'ipf.task' || cls.startsWith('ipf.task.')) return 'TasksFolder';
  return 'Folder';
}
