// One message for the reading pane over Graph: headers, recipients, body and where it came from.
// The body comes as Graph stores it unless Prefer: outlook.body-content-type="text" asks for text
// (Graph's message GET page); the app shows HTML only sandboxed, as it does for EWS.
import { z } from 'zod';
import { mailboxPath, type GraphRequestSpec } from '../../graph/client';
import {
  expandExtendedProperties,
  extendedInteger,
  extendedPropertiesShape,
  extendedValue,
  LAST_ACTIVE_PARENT_ENTRY_ID,
  PR_MESSAGE_SIZE,
} from '../../graph/extendedProperties';
import { queryString, segment, selectClause } from '../../graph/odata';
import type { ItemDetails, Person } from '../../../shared/domain';

const DETAIL_SELECT = [
  'id',
  'subject',
  'from',
  'toRecipients',
  'ccRecipients',
  'sentDateTime',
  'receivedDateTime',
  'lastModifiedDateTime',
  'importance',
  'categories',
  'isRead',
  'internetMessageId',
  'parentFolderId',
  'body',
];

/** The reading pane shows this many recipients of To and of Cc, as the EWS side does. */
const MAX_RECIPIENTS = 500;

export function detailsRequest(user: string | undefined, id: string, body: 'text' | 'html'): GraphRequestSpec {
  const params: Array<[string, string]> = [
    ['$select', selectClause(DETAIL_SELECT)],
    ['$expand', expandExtendedProperties([LAST_ACTIVE_PARENT_ENTRY_ID, PR_MESSAGE_SIZE])],
  ];
  return {
    method: 'GET',
    path: `${mailboxPath(user)}/messages/${segment(id)}${queryString(params)}`,
    headers: { Prefer: `outlook.body-content-type="${body}"` },
  };
}

const text = z.string().nullable().optional();
const address = z.object({ emailAddress: z.object({ name: text, address: text }).nullable().optional() });
const recipients = z.array(address).nullable().optional();

export const detailsShape = z.object({
  id: z.string().min(1),
  subject: text,
  from: address.nullable().optional(),
  toRecipients: recipients,
  ccRecipients: recipients,
  sentDateTime: text,
  receivedDateTime: text,
  lastModifiedDateTime: text,
  importance: text,
  categories: z.array(z.string()).nullable().optional(),
  isRead: z.boolean().nullable().optional(),
  internetMessageId: text,
  parentFolderId: text,
  body: z.object({ contentType: z.string(), content: z.string() }).nullable().optional(),
  singleValueExtendedProperties: extendedPropertiesShape,
});

function person(a: z.infer<typeof address> | null | undefined): Person | undefined {
  const e = a?.emailAddress;
  if (!e) return undefined;
  const p: Person = {};
  if (e.name) p.name = e.name;
  if (e.address) p.address = e.address;
  return p;
}

const IMPORTANCE = { low: 'Low', normal: 'Normal', high: 'High' } as const;

export function toItemDetails(m: z.infer<typeof detailsShape>): ItemDetails {
  const to = (m.toRecipients ?? []).map(person).filter((p): p is Person => p !== undefined);
  const cc = (m.ccRecipients ?? []).map(person).filter((p): p is Person => p !== undefined);
  const details: ItemDetails = {
    id: m.id,
    itemClass: 'IPM.Note',
    subject: m.subject ?? '',
    to: to.slice(0, MAX_RECIPIENTS),
    cc: cc.slice(0, MAX_RECIPIENTS),
    recipientsOmitted: Math.max(0, to.length - MAX_RECIPIENTS) + Math.max(0, cc.length - MAX_RECIPIENTS),
    categories: m.categories ?? [],
  };
  const from = person(m.from);
  if (from) details.from = from;
  if (m.sentDateTime) details.sent = m.sentDateTime;
  if (m.receivedDateTime) details.received = m.receivedDateTime;
  if (m.lastModifiedDateTime) details.lastModified = m.lastModifiedDateTime;
  const size = extendedInteger(m.singleValueExtendedProperties, PR_MESSAGE_SIZE);
  if (size !== undefined) details.size = size;
  const importance = m.importance ? IMPORTANCE[m.importance.toLowerCase() as keyof typeof IMPORTANCE] : undefined;
  if (importance) details.importance = importance;
  if (m.isRead != null) details.isRead = m.isRead;
  if (m.internetMessageId) details.messageId = m.internetMessageId;
  const lastActive = extendedValue(m.singleValueExtendedProperties, LAST_ACTIVE_PARENT_ENTRY_ID);
  if (lastActive) details.lastActiveParentEntryId = lastActive;
  if (m.parentFolderId) details.parentFolderId = m.parentFolderId;
  if (m.body) details.body = { format: m.body.contentType.toLowerCase() === 'html' ? 'html' : 'text', content: m.body.content, truncated: false };
  return details;
}
