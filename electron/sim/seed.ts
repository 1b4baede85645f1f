// The deterministic demo mailbox: four Contoso users, each with a primary and an archive mailbox
// holding realistic mail, calendar, contacts and tasks, a filled dumpster (Deletions, Versions,
// Purges) whose items point home through LastActiveParentEntryId — some at folders that have since
// been deleted — and one large folder, admin's "Inbox/Bulk notifications", sized by `bulkItems`.
import {
  DEMO_CATEGORIES,
  DEMO_RETENTION_TAG,
  meetingSubject,
  NEWSLETTERS,
  newsletterSubject,
  notificationSubject,
  PEOPLE,
  receiptSubject,
  SERVICES,
  taskSubject,
  workSubject,
} from './demoContent';
import { seedAssociatedItems } from './fai';
import { folderEntryId } from './itemFields';
import type { Folder, Importance, Mailbox, Sender, User } from './model';
import { deleteFolder } from './deletion';
import { createPrng, type Prng } from './prng';
import { keepsPurgedItems } from './retention';
import type { NewItem, Store, UserConfig } from './store';
import { DEFAULT_SWITCHES } from './switches';

export const DEMO_PASSWORD = 'Sweeper-Demo-1!';
export const DEMO_ADMIN = 'admin@contoso.com';
export const DEMO_HELPDESK = 'helpdesk@contoso.com';

export const DEMO_USERS: readonly UserConfig[] = [
  // Both rights: the app picks impersonation for it (rights.ts).
  { smtp: DEMO_ADMIN, name: 'Contoso Admin', password: DEMO_PASSWORD, canImpersonate: true, fullAccessTo: '*', retention: { singleItemRecovery: true } },
  // Retention (retention.ts): admin has single item recovery, alice a litigation hold, carol an
  // In-Place Hold, bob neither (Exchange Server's default: hard-deleted items are gone).
  { smtp: 'alice@contoso.com', name: 'Alice Wilson', password: DEMO_PASSWORD, retention: { litigationHold: true } },
  { smtp: 'bob@contoso.com', name: 'Bob Kelly', password: DEMO_PASSWORD },
  { smtp: 'carol@contoso.com', name: 'Carol Diaz', password: DEMO_PASSWORD, retention: { inPlaceHold: true } },
  // FullAccess to Alice's mailbox only, no impersonation: the app falls back to delegate access.
  { smtp: DEMO_HELPDESK, name: 'Help Desk', password: DEMO_PASSWORD, fullAccessTo: ['alice@contoso.com'] },
];

/** Demo dates count back from this fixed instant so every run is identical. */
export const DEMO_NOW = Date.UTC(2025, 9, 31, 9, 0, 0) / 1000;
export const BULK_FOLDER_PATH = 'Inbox/Bulk notifications';
const DAY = 86_400;

export interface DemoOptions {
  /** Items in admin's Inbox/Bulk notifications (0 = no bulk folder). */
  bulkItems: number;
  /** Multiplies the size of every other folder (1 = a few thousand items per mailbox). */
  scale: number;
  seed: number;
}

type Generator = (prng: Prng, n: number) => NewItem;

const mix = (n: number): number => Math.imul(n + 1, 0x9e3779b1) >>> 0;

/** Categories on about one mail in five, High or Low importance on a few: from the index, not the PRNG, so the rest stays as it was. */
function flavour(n: number): { categories: readonly string[] | null; importance: Importance } {
  const h = mix(n);
  return {
    categories: h % 5 === 0 ? (DEMO_CATEGORIES[(h >>> 8) % DEMO_CATEGORIES.length] ?? null) : null,
    importance: h % 17 === 0 ? 2 : h % 23 === 0 ? 0 : 1,
  };
}

function mail(subjectOf: (pick: <T>(v: readonly T[]) => T, n: number) => string, senders: readonly Sender[], days: number, attachmentRate: number): Generator {
  const pickFrom =
    (prng: Prng) =>
    <T>(values: readonly T[]): T =>
      prng.pick(values);
  return (prng, n) => ({
    subject: subjectOf(pickFrom(prng), n),
    from: prng.pick(senders),
    received: DEMO_NOW - prng.int(0, days * DAY),
    size: prng.int(2_000, 80_000) + (prng.next() < attachmentRate ? prng.int(50_000, 4_000_000) : 0),
    hasAttachments: prng.next() < attachmentRate,
    isRead: prng.next() < 0.8,
    ...flavour(n),
  });
}

const work = mail(workSubject, PEOPLE, 720, 0.2);
const receipts = mail(receiptSubject, SERVICES, 900, 0.6);
const newsletters = mail(newsletterSubject, NEWSLETTERS, 365, 0.05);
const appointment: Generator = (prng) => ({
  subject: meetingSubject((v) => prng.pick(v)),
  itemClass: 'IPM.Appointment',
  received: DEMO_NOW - prng.int(0, 400 * DAY),
  size: prng.int(3_000, 20_000),
  isRead: true,
});
const contact: Generator = (prng) => {
  const p = prng.pick([...PEOPLE, ...SERVICES]);
  return { subject: p.name, itemClass: 'IPM.Contact', received: DEMO_NOW - prng.int(0, 1500 * DAY), size: prng.int(1_000, 8_000), isRead: true };
};
const task: Generator = (prng) => ({
  subject: taskSubject((v) => prng.pick(v)),
  itemClass: 'IPM.Task',
  received: DEMO_NOW - prng.int(0, 200 * DAY),
  size: prng.int(1_000, 6_000),
  isRead: true,
});

class DemoBuilder {
  constructor(
    private readonly store: Store,
    private readonly prng: Prng,
    private readonly scale: number,
  ) {}

  private count(n: number): number {
    return Math.max(1, Math.round(n * this.scale));
  }

  fill(folder: Folder, n: number, make: Generator, extra: Partial<NewItem> = {}): void {
    const count = this.count(n);
    this.store.addItems(folder, count, (i) => ({ ...make(this.prng, i), ...extra }));
  }

  sub(parent: Folder, name: string, folderClass = 'IPF.Note'): Folder {
    return this.store.createFolder(parent, name, folderClass);
  }

  /** Dumpster items whose LastActiveParentEntryId names `home` (a live or since-deleted folder). */
  dumpster(target: Folder, n: number, make: Generator, homes: readonly Folder[]): void {
    const count = this.count(n);
    if (!this.mayHold(target)) {
      // Versions and Purges stay empty without single item recovery or a hold (retention.ts): the
      // items are still drawn, so every other folder of the demo stays as it was.
      for (let i = 0; i < count; i++) {
        make(this.prng, i);
        this.prng.pick(homes);
      }
      return;
    }
    this.store.addItems(target, count, (i) => {
      const item = make(this.prng, i);
      const received = item.received ?? DEMO_NOW;
      // LastModifiedTime of a deleted item is, in practice, when it was deleted: after it arrived.
      const modified = received + (mix(i) % Math.max(1, DEMO_NOW - received));
      return { ...item, lastActiveParent: this.prng.pick(homes).sourceKey, modified };
    });
  }

  /** Versions and Purges hold items only in a mailbox with single item recovery or a hold. */
  private mayHold(target: Folder): boolean {
    const kept = target.distinguished !== undefined && /^(archive)?recoverableitems(versions|purges)$/.test(target.distinguished);
    return !kept || keepsPurgedItems(target.mailbox.owner);
  }

  primary(mailbox: Mailbox): void {
    const d = (name: string): Folder => must(mailbox.byDistinguished.get(name), name);
    const inbox = d('inbox');
    const projects = this.sub(inbox, 'Projects');
    const launch = this.sub(projects, 'Contoso Launch');
    const migration = this.sub(projects, 'Fabrikam Migration');
    const receiptsFolder = this.sub(inbox, 'Receipts');
    const newsFolder = this.sub(inbox, 'Newsletters');
    const hr = this.sub(d('msgfolderroot'), 'HR & Benefits');
    // A folder that existed, whose deleted mail still points at it from the dumpster.
    const oldVendors = this.sub(inbox, 'Old Vendors');

    this.fill(inbox, 800, work);
    this.fill(projects, 120, work);
    this.fill(launch, 200, work);
    this.fill(migration, 150, work);
    this.fill(receiptsFolder, 180, receipts);
    this.fill(newsFolder, 250, newsletters);
    this.fill(hr, 60, work, { extras: { policyTag: DEMO_RETENTION_TAG } });
    this.fill(d('sentitems'), 300, work, { isRead: true });
    this.fill(d('drafts'), 12, work, { isRead: true, isDraft: true });
    this.fill(d('junkemail'), 60, newsletters, { extras: { spamOriginalFolder: folderEntryId(inbox) } });
    this.fill(d('calendar'), 200, appointment);
    this.fill(d('contacts'), 150, contact);
    this.fill(d('tasks'), 60, task);
    this.fill(oldVendors, 40, receipts);
    this.dumpster(d('deleteditems'), 150, work, [inbox, launch, newsFolder, d('sentitems')]);
    this.dumpster(d('recoverableitemsdeletions'), 400, work, [inbox, projects, launch, migration, d('sentitems'), d('deleteditems'), oldVendors]);
    this.dumpster(d('recoverableitemsversions'), 50, work, [inbox, launch, d('drafts')]);
    this.dumpster(d('recoverableitemspurges'), 120, newsletters, [inbox, newsFolder, d('deleteditems'), oldVendors]);
    this.store.removeFolderTree(oldVendors);
  }

  archive(mailbox: Mailbox): void {
    const d = (name: string): Folder => must(mailbox.byDistinguished.get(name), name);
    const top = d('archivemsgfolderroot');
    const y2021 = this.sub(top, '2021');
    const y2022 = this.sub(top, '2022');
    const y2019 = this.sub(top, '2019');
    this.fill(d('archiveinbox'), 600, work);
    this.fill(y2021, 300, work);
    this.fill(y2022, 300, receipts);
    this.fill(y2019, 50, work);
    this.dumpster(d('archivedeleteditems'), 80, work, [d('archiveinbox'), y2021]);
    this.dumpster(d('archiverecoverableitemsdeletions'), 150, work, [d('archiveinbox'), y2021, y2022, y2019]);
    this.dumpster(d('archiverecoverableitemsversions'), 20, work, [y2022]);
    this.dumpster(d('archiverecoverableitemspurges'), 40, receipts, [d('archiveinbox'), y2019]);
    this.store.removeFolderTree(y2019);
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: missing ${what}`);
  return value;
}

/** Fills the store's users with the demo content. Deterministic for a given seed and options. */
export function seedDemo(store: Store, options: DemoOptions): void {
  const prng = createPrng(options.seed);
  const builder = new DemoBuilder(store, prng, options.scale);
  for (const user of store.users.values()) {
    builder.primary(user.primary);
    seedAssociatedItems(store, user.primary);
    if (user.archive) builder.archive(user.archive);
  }
  const admin = store.user(DEMO_ADMIN);
  if (admin) seedDeletedFolderTree(store, admin.primary, options.seed);
}

/**
 * A folder tree deleted the way DeleteFolder deletes it (SoftDelete): "Inbox/Vendor Contracts 2023"
 * and its subfolder "Signed" are gone, their 13 items are in Deletions, each stamped with the
 * source key of the folder it was in. Demo data for recovering a deleted folder tree; a fixed
 * size (not scaled) and its own PRNG so the rest of the demo stays as it was.
 */
export function seedDeletedFolderTree(store: Store, mailbox: Mailbox, seed: number): void {
  const prng = createPrng(seed ^ 0xde1f);
  const inbox = must(mailbox.byDistinguished.get('inbox'), 'inbox');
  const contracts = store.createFolder(inbox, 'Vendor Contracts 2023', 'IPF.Note');
  const signed = store.createFolder(contracts, 'Signed', 'IPF.Note');
  store.addItems(contracts, 8, (i) => receipts(prng, i));
  store.addItems(signed, 5, (i) => ({ ...receipts(prng, i), hasAttachments: true, isRead: true }));
  const refused = deleteFolder(store, DEFAULT_SWITCHES, contracts, 'SoftDelete');
  if (refused) throw new Error(`demo seed: deleting Vendor Contracts 2023: ${refused.code}`);
}

/**
 * Creates `Inbox/Bulk notifications` in the user's mailbox with `count` notification mails,
 * newest first. Subjects and senders come from small shared pools so a million items stay cheap.
 */
export function seedBulkFolder(store: Store, user: User, count: number, seed: number): Folder {
  const prng = createPrng(seed ^ 0xb01c);
  const inbox = must(user.primary.byDistinguished.get('inbox'), 'inbox');
  const folder = inbox.children.find((f) => f.displayName === 'Bulk notifications') ?? store.createFolder(inbox, 'Bulk notifications', 'IPF.Note');
  const subjects = Array.from({ length: 4096 }, (_, n) => notificationSubject((v) => prng.pick(v), 1000 + n));
  let received = DEMO_NOW;
  store.addItems(folder, count, () => {
    received -= 1 + (prng.nextUint32() % 90);
    const bits = prng.nextUint32();
    return {
      subject: subjects[bits & 4095] as string,
      from: SERVICES[(bits >>> 12) % SERVICES.length] as Sender,
      received,
      size: 3_000 + ((bits >>> 16) % 40_000),
      hasAttachments: bits >>> 28 === 0,
      isRead: (bits & 0x30000000) !== 0,
    };
  });
  return folder;
}
