// Item properties the simulator derives instead of storing, so a million-item folder stays small:
// DateTimeSent, DateTimeCreated, InternetMessageId, the body and the recipients come from the
// item's origin counter, received time, subject, sender and mailbox owner; PR_ENTRYID from its id. Each is stable across
// moves (a move makes a new Item but keeps `origin`, `received` and `subject`).
import { demoBody, PEOPLE } from './demoContent';
import { folderEwsId, itemEwsId } from './ids';
import { isAssociated, type Folder, type Item, type ItemBody, type Sender } from './model';

/** DateTimeSent, epoch seconds: a few seconds to minutes before delivery. Drafts were never sent. */
export function dateTimeSent(item: Item): number | undefined {
  if (item.isDraft) return undefined;
  return item.received - (3 + (item.origin % 240));
}

/** DateTimeCreated: a delivered item is created in the mailbox when it is received. */
export function dateTimeCreated(item: Item): number {
  return item.received;
}

/** InternetMessageId, the RFC 5322 Message-ID with its angle brackets; copies keep it. */
export function internetMessageId(item: Item): string {
  const domain = item.from ? item.from.address.slice(item.from.address.indexOf('@') + 1) || 'contoso.com' : 'contoso.com';
  return `<${item.origin.toString(36).toUpperCase()}.${item.received.toString(36).toUpperCase()}@${domain}>`;
}

export type RequestedBodyType = 'Best' | 'HTML' | 'Text';

const HTML_HEAD = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>';

function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${HTML_HEAD}<div>${escaped.split(/\r?\n/).join('<br>')}</div></body></html>`;
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\r\n')
    .replace(/<\/(div|p)>/gi, '\r\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The body in the requested format. Best is the stored format (HTML for derived demo bodies);
 * HTML and Text convert, as Exchange does when the stored format differs.
 */
export function itemBody(item: Item, requested: RequestedBodyType): ItemBody {
  const own = item.extras?.body;
  if (own) {
    if (requested === 'Best' || requested === own.type) return own;
    return requested === 'HTML' ? { type: 'HTML', text: textToHtml(own.text) } : { type: 'Text', text: htmlToText(own.text) };
  }
  const body = demoBody(item.origin, item.subject, item.from?.name);
  return requested === 'Text' ? { type: 'Text', text: body.text } : { type: 'HTML', text: body.html };
}

const EWS_ID_HEADER = 43;

/** PR_ENTRYID (0x0FFF) of an item: the entry id its EwsId carries after the 43-byte header (EWS-FACTS §5). */
export function itemEntryId(item: Item): Buffer | undefined {
  const folder = item.folder;
  if (!folder) return undefined;
  return Buffer.from(itemEwsId(folder.mailbox.keys, folder.counter, item.counter), 'base64').subarray(EWS_ID_HEADER);
}

/** PR_ENTRYID of a folder (what PidLidSpamOriginalFolder holds). */
export function folderEntryId(folder: Folder): Buffer {
  return Buffer.from(folderEwsId(folder.mailbox.keys, folder.counter), 'base64').subarray(EWS_ID_HEADER);
}

// ---- recipients (ToRecipients, CcRecipients, DisplayTo, DisplayCc) ------------------------------

/** One Cc line in this many demo items. */
const CC_EVERY = 4;

function sameAddress(a: Sender | null, b: Sender): boolean {
  return a !== null && a.address.toLowerCase() === b.address.toLowerCase();
}

function ownerOf(item: Item): Sender | undefined {
  const owner = item.folder?.mailbox.owner;
  return owner ? { name: owner.name, address: owner.smtp } : undefined;
}

/** A shared demo person for this item and slot, never the sender or the owner. */
function demoPerson(item: Item, slot: number, owner: Sender): Sender {
  for (let step = 0; step < PEOPLE.length; step++) {
    const person = PEOPLE[(item.origin * 7 + slot * 5 + step) % PEOPLE.length] as Sender;
    if (!sameAddress(item.from, person) && !sameAddress(owner, person)) return person;
  }
  return owner;
}

/**
 * ToRecipients: what CreateItem was given, if it made the item; otherwise derived, so no demo item
 * stores a list: delivered mail was sent to the mailbox owner, mail the owner sent went to a demo
 * person; items without a sender and associated items have none.
 */
export function toRecipients(item: Item): readonly Sender[] {
  const given = item.extras?.recipients;
  if (given) return given.to;
  const owner = ownerOf(item);
  if (!owner || item.from === null || isAssociated(item)) return [];
  return sameAddress(item.from, owner) ? [demoPerson(item, 0, owner)] : [owner];
}

/** CcRecipients: what CreateItem was given; else one demo colleague on every CC_EVERY-th item (by origin). */
export function ccRecipients(item: Item): readonly Sender[] {
  const given = item.extras?.recipients;
  if (given) return given.cc;
  const owner = ownerOf(item);
  if (!owner || item.from === null || isAssociated(item) || item.origin % CC_EVERY !== 1) return [];
  return [demoPerson(item, 1, owner)];
}

/** DisplayTo / DisplayCc: the display names joined by "; ", as Outlook shows them. */
export function displayNames(recipients: readonly Sender[]): string {
  return recipients.map((r) => r.name).join('; ');
}
