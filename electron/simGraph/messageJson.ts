// A message as Graph's message resource writes it (v1.0 property names), derived from the store's
// item. Extended properties come only when $expand asks for them, by id as Graph writes them
// ("Binary 0x348A": LastActiveParentEntryId, the source key of the folder it was deleted from;
// "Integer 0x0E08": PR_MESSAGE_SIZE, since the message resource has no size property).
import { ccRecipients, dateTimeCreated, dateTimeSent, internetMessageId, itemBody, toRecipients } from '../sim/itemFields';
import { IMPORTANCE_NAMES, lastModified, type Item, type Sender } from '../sim/model';
import type { Store } from '../sim/store';
import { folderGraphId, messageGraphId } from './ids';
import type { FilterAccess, FilterRules, Getter } from './query';
import type { GraphSwitches } from './switches';

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const recipient = (s: Sender): { emailAddress: { name: string; address: string } } => ({ emailAddress: { name: s.name, address: s.address } });

const PREVIEW_LENGTH = 255;

type Field = (item: Item, store: Store) => unknown;

const FIELDS: Readonly<Record<string, Field>> = {
  createdDateTime: (i) => iso(dateTimeCreated(i)),
  lastModifiedDateTime: (i) => iso(lastModified(i)),
  changeKey: (i, s) => s.itemChangeKey(i),
  categories: (i) => [...(i.categories ?? [])],
  receivedDateTime: (i) => iso(i.received),
  sentDateTime: (i) => {
    const sent = dateTimeSent(i);
    return sent === undefined ? null : iso(sent);
  },
  hasAttachments: (i) => i.hasAttachments,
  internetMessageId: (i) => internetMessageId(i),
  subject: (i) => i.subject,
  bodyPreview: (i) => itemBody(i, 'Text').text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH),
  importance: (i) => (IMPORTANCE_NAMES[i.importance] ?? 'Normal').toLowerCase(),
  parentFolderId: (i) => (i.folder ? folderGraphId(i.folder) : null),
  isRead: (i) => i.isRead,
  isDraft: (i) => i.isDraft,
  body: (i) => {
    const body = itemBody(i, 'Best');
    return { contentType: body.type === 'HTML' ? 'html' : 'text', content: body.text };
  },
  sender: (i) => (i.from ? recipient(i.from) : null),
  from: (i) => (i.from ? recipient(i.from) : null),
  toRecipients: (i) => toRecipients(i).map(recipient),
  ccRecipients: (i) => ccRecipients(i).map(recipient),
};

export const MESSAGE_SELECTABLE: ReadonlySet<string> = new Set(['id', ...Object.keys(FIELDS)].map((k) => k.toLowerCase()));

/** Properties $filter and $orderby take on messages. */
export const MESSAGE_GETTERS: Readonly<Record<string, Getter<Item>>> = {
  receiveddatetime: (i) => i.received,
  lastmodifieddatetime: (i) => lastModified(i),
  createddatetime: (i) => dateTimeCreated(i),
  sentdatetime: (i) => dateTimeSent(i) ?? null,
  subject: (i) => i.subject,
  isread: (i) => i.isRead,
  isdraft: (i) => i.isDraft,
  hasattachments: (i) => i.hasAttachments,
  importance: (i) => (IMPORTANCE_NAMES[i.importance] ?? 'Normal').toLowerCase(),
  'from/emailaddress/address': (i) => i.from?.address ?? null,
  'from/emailaddress/name': (i) => i.from?.name ?? null,
};
export const MESSAGE_FILTERABLE: ReadonlySet<string> = new Set(Object.keys(MESSAGE_GETTERS));
const MESSAGE_TEXT: ReadonlySet<string> = new Set(['subject', 'from/emailaddress/address', 'from/emailaddress/name']);

/** What $filter and $orderby take on messages under these switches. */
export function messageFilterRules(switches: GraphSwitches): FilterRules {
  return { properties: MESSAGE_FILTERABLE, textProperties: MESSAGE_TEXT, textFunctions: switches.filterFunctions === 'supported' };
}

/** Single-value extended properties a $filter lambda can test: PR_MESSAGE_CLASS (0x001A) is the item's class. */
function filterableExtended(item: Item, id: string): string | undefined {
  return /^String\s+0x001A$/i.test(id.trim()) ? item.itemClass : undefined;
}

export const MESSAGE_FILTER_ACCESS: FilterAccess<Item> = { getters: MESSAGE_GETTERS, extended: filterableExtended };

/**
 * Extended property values the model holds, by a Graph id "{type} {tag}" (Graph's
 * singleValueLegacyExtendedProperty: the value is always a string). Binary 0x348A is
 * LastActiveParentEntryId (base64); Integer 0x0E08 is PR_MESSAGE_SIZE (PidTagMessageSize, PtypInteger32
 * in [MS-OXPROPS]), the item's size in bytes written as decimal text. Asked with another type, a
 * tag is another property (the id names the type too), so nothing comes back.
 */
function extendedValue(item: Item, id: string): string | undefined {
  const m = /^(Binary|Integer)\s+0x([0-9a-f]{4})$/i.exec(id.trim());
  if (!m) return undefined;
  const type = (m[1] as string).toLowerCase();
  const tag = (m[2] as string).toLowerCase();
  if (type === 'binary' && tag === '348a') return item.lastActiveParent?.toString('base64');
  if (type === 'integer' && tag === '0e08') return String(item.size);
  return undefined;
}

export function messageJson(store: Store, item: Item, select: readonly string[] | undefined, extended: readonly string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': `W/"${store.itemChangeKey(item)}"`, id: messageGraphId(item) };
  const wanted = select ? new Set(select.map((s) => s.toLowerCase())) : undefined;
  for (const [name, field] of Object.entries(FIELDS)) {
    if (!wanted || wanted.has(name.toLowerCase())) out[name] = field(item, store);
  }
  if (extended) {
    out.singleValueExtendedProperties = extended.flatMap((id) => {
      const value = extendedValue(item, id);
      return value === undefined ? [] : [{ id, value }];
    });
  }
  return out;
}
