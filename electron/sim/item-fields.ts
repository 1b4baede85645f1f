// Item properties the simulator derives instead of storing, so a million-item folder stays small:
// DateTimeSent, DateTimeCreated, InternetMessageId and the body come from the item's origin
// counter, received time, subject and sender; PR_ENTRYID from its id. Each is stable across
// moves (a move makes a new Item but keeps `origin`, `received` and `subject`).
import { demoBody } from './demo-content';
import { folderEwsId, itemEwsId } from './ids';
import type { Folder, Item, ItemBody } from './model';

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
