// Folder-associated (FAI) items the demo mailbox holds, as Outlook and Exchange leave them:
// server-side rules (IPM.Rule.Version2.Message, MS-OXORULE) and the Autocomplete stream
// (IPM.Configuration.Autocomplete) in Inbox; calendar options and working hours
// (IPM.Configuration.Calendar, IPM.Configuration.WorkHours, MS-OXOCFG/MS-OXOCAL) in Calendar; saved
// views (IPM.Microsoft.FolderDesign.NamedView) in both. They are found only by FindItem with
// Traversal="Associated", never counted in TotalCount, and the app never asks for them.
import type { Mailbox } from './model';
import type { NewItem, Store } from './store';

const DAY = 86_400;
/** Fixed so every run is identical (the demo's "now" is 2025-10-31). */
const SET_UP = Date.UTC(2024, 2, 4, 8, 30, 0) / 1000;

interface FaiSpec {
  itemClass: string;
  subject: string;
  size: number;
  /** Days after the mailbox was set up. */
  day: number;
}

const INBOX_FAI: readonly FaiSpec[] = [
  { itemClass: 'IPM.Rule.Version2.Message', subject: '', size: 1_842, day: 3 },
  { itemClass: 'IPM.Rule.Version2.Message', subject: '', size: 2_106, day: 41 },
  { itemClass: 'IPM.Configuration.Autocomplete', subject: 'IPM.Configuration.Autocomplete', size: 9_320, day: 1 },
  { itemClass: 'IPM.Microsoft.FolderDesign.NamedView', subject: 'Compact', size: 3_402, day: 0 },
];

const CALENDAR_FAI: readonly FaiSpec[] = [
  { itemClass: 'IPM.Configuration.Calendar', subject: 'IPM.Configuration.Calendar', size: 1_204, day: 0 },
  { itemClass: 'IPM.Configuration.WorkHours', subject: 'IPM.Configuration.WorkHours', size: 2_988, day: 0 },
  { itemClass: 'IPM.Microsoft.FolderDesign.NamedView', subject: 'Calendar', size: 3_118, day: 0 },
];

function faiItem(spec: FaiSpec): NewItem {
  const at = SET_UP + spec.day * DAY;
  return { subject: spec.subject, itemClass: spec.itemClass, received: at, modified: at, size: spec.size, isRead: true, extras: { associated: true } };
}

/** Adds the FAI items to a primary mailbox's Inbox and Calendar. */
export function seedAssociatedItems(store: Store, mailbox: Mailbox): void {
  const inbox = mailbox.byDistinguished.get('inbox');
  const calendar = mailbox.byDistinguished.get('calendar');
  if (inbox) store.addItems(inbox, INBOX_FAI.length, (i) => faiItem(INBOX_FAI[i] as FaiSpec));
  if (calendar) store.addItems(calendar, CALENDAR_FAI.length, (i) => faiItem(CALENDAR_FAI[i] as FaiSpec));
}
