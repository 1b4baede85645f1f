// Graph's message and mailFolder resources as the domain's rows. What Graph's message resource
// does not carry gets the neutral value the EWS mapping gives an absent property: the item class
// is IPM.Note (the /messages collection holds messages). A message has no size property, so every
// listing and lookup by id expands PR_MESSAGE_SIZE (ROW_EXPAND): the same size on both keeps the
// engine's look-alike matching of subject, size and received time consistent; a row whose answer
// lacks it says 0, as the EWS mapping does for an absent size.
import type { GraphFolder } from '../../graph/folder';
import type { GraphMessage } from '../../graph/message';
import type { FolderArea, FolderInfo, Importance, ItemRow, MailboxPart } from '../../../shared/domain';

/** The message fields a row needs, for $select. */
export const ROW_SELECT = ['id', 'subject', 'receivedDateTime', 'lastModifiedDateTime', 'from', 'isRead', 'importance', 'parentFolderId'] as const;

/** The extended properties a row needs: where a deleted item came from, and its size. */
export const ROW_EXPAND = { withLastActiveParent: true, withSize: true } as const;

function importanceOf(value: string | undefined): Exclude<Importance, 'Normal'> | undefined {
  const v = value?.toLowerCase();
  return v === 'low' ? 'Low' : v === 'high' ? 'High' : undefined;
}

/** ISO 8601 as Graph writes it ("…Z"); kept as is, the domain wants UTC ISO text. */
export function toItemRow(m: GraphMessage): ItemRow {
  const row: ItemRow = { id: m.id, itemClass: 'IPM.Note', subject: m.subject ?? '', size: m.size ?? 0 };
  const from = m.from?.address ?? m.from?.name;
  if (from) row.from = from;
  if (m.receivedDateTime) row.received = m.receivedDateTime;
  if (m.lastActiveParentEntryId) row.lastActiveParentEntryId = m.lastActiveParentEntryId;
  if (m.lastModifiedDateTime) row.lastModified = m.lastModifiedDateTime;
  if (m.isRead !== undefined) row.isRead = m.isRead;
  const importance = importanceOf(m.importance);
  if (importance) row.importance = importance;
  return row;
}

export function toFolderInfo(f: GraphFolder, part: MailboxPart, area: FolderArea, distinguishedId?: string): FolderInfo {
  const info: FolderInfo = {
    id: f.id,
    displayName: f.displayName,
    totalCount: f.totalItemCount,
    childFolderCount: f.childFolderCount,
    unreadCount: f.unreadItemCount,
    part,
    area,
  };
  if (f.parentFolderId) info.parentId = f.parentFolderId;
  if (f.sourceKey) info.sourceKey = f.sourceKey;
  if (distinguishedId) info.distinguishedId = distinguishedId;
  return info;
}
