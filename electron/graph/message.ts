// The message resource as this app reads it: the fields the item table shows (all optional,
// since $select decides which come back), LastActiveParentEntryId and the size when expanded.
import { z } from 'zod';
import { extendedInteger, extendedPropertiesShape, extendedValue, LAST_ACTIVE_PARENT_ENTRY_ID, PR_MESSAGE_SIZE } from './extendedProperties';

export interface GraphMessage {
  id: string;
  subject?: string;
  receivedDateTime?: string;
  lastModifiedDateTime?: string;
  parentFolderId?: string;
  from?: { name?: string; address?: string };
  hasAttachments?: boolean;
  isRead?: boolean;
  importance?: string;
  changeKey?: string;
  internetMessageId?: string;
  /** Base64 LastActiveParentEntryId (the source key of the folder it was deleted from), when asked for. */
  lastActiveParentEntryId?: string;
  /** PR_MESSAGE_SIZE in bytes, when asked for (the message resource has no size property). */
  size?: number;
}

/** Fields listed by default: what a row of the item table needs. */
export const DEFAULT_MESSAGE_SELECT = [
  'id',
  'subject',
  'receivedDateTime',
  'from',
  'hasAttachments',
  'isRead',
  'importance',
  'parentFolderId',
  'changeKey',
] as const;

const emailAddress = z.object({ name: z.string().nullable().optional(), address: z.string().nullable().optional() });
const optionalString = z.string().nullable().optional();

export const messageShape: z.ZodType<GraphMessage> = z
  .object({
    id: z.string().min(1),
    subject: optionalString,
    receivedDateTime: optionalString,
    lastModifiedDateTime: optionalString,
    parentFolderId: optionalString,
    from: z.object({ emailAddress: emailAddress.nullable().optional() }).nullable().optional(),
    hasAttachments: z.boolean().nullable().optional(),
    isRead: z.boolean().nullable().optional(),
    importance: optionalString,
    changeKey: optionalString,
    internetMessageId: optionalString,
    singleValueExtendedProperties: extendedPropertiesShape,
  })
  .transform((m) => {
    const out: GraphMessage = { id: m.id };
    if (m.subject != null) out.subject = m.subject;
    if (m.receivedDateTime != null) out.receivedDateTime = m.receivedDateTime;
    if (m.lastModifiedDateTime != null) out.lastModifiedDateTime = m.lastModifiedDateTime;
    if (m.parentFolderId != null) out.parentFolderId = m.parentFolderId;
    const address = m.from?.emailAddress;
    if (address) out.from = { ...(address.name != null ? { name: address.name } : {}), ...(address.address != null ? { address: address.address } : {}) };
    if (m.hasAttachments != null) out.hasAttachments = m.hasAttachments;
    if (m.isRead != null) out.isRead = m.isRead;
    if (m.importance != null) out.importance = m.importance;
    if (m.changeKey != null) out.changeKey = m.changeKey;
    if (m.internetMessageId != null) out.internetMessageId = m.internetMessageId;
    const lastActive = extendedValue(m.singleValueExtendedProperties, LAST_ACTIVE_PARENT_ENTRY_ID);
    if (lastActive !== undefined) out.lastActiveParentEntryId = lastActive;
    const size = extendedInteger(m.singleValueExtendedProperties, PR_MESSAGE_SIZE);
    if (size !== undefined) out.size = size;
    return out;
  });
