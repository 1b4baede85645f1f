// The quick filter's form state and the ItemFilter it stands for. Dates are typed as local
// calendar days and sent as the UTC instants those days start at ("to" includes the whole day).
import type { Importance, ItemFilter } from '../../../shared/domain';

export interface FilterDraft {
  text: string;
  sender: string;
  /** Received between, yyyy-mm-dd local days ('' = open). */
  from: string;
  to: string;
  itemClass: string;
  /** LastModifiedTime between (offered in Recoverable Items only, as "Deleted between"). */
  deletedFrom: string;
  deletedTo: string;
  sentFrom: string;
  sentTo: string;
  messageId: string;
  read: '' | 'read' | 'unread';
  categories: '' | 'yes' | 'no';
  attachments: '' | 'yes' | 'no';
  importance: '' | Importance;
}

export const emptyDraft: FilterDraft = {
  text: '',
  sender: '',
  from: '',
  to: '',
  itemClass: '',
  deletedFrom: '',
  deletedTo: '',
  sentFrom: '',
  sentTo: '',
  messageId: '',
  read: '',
  categories: '',
  attachments: '',
  importance: '',
};

/** A local calendar day (yyyy-mm-dd) as the ISO instant it starts at, `plusDays` later. */
export function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** Message-IDs are stored with angle brackets; a pasted one without them gets them. */
export function normalizeMessageId(raw: string): string | undefined {
  const id = raw.trim();
  if (!id) return undefined;
  return id.startsWith('<') && id.endsWith('>') ? id : `<${id.replace(/^<|>$/g, '')}>`;
}

/**
 * The filter the draft stands for. `inDumpster` decides whether the deleted dates count: outside
 * Recoverable Items LastModifiedTime is not a deletion time, so they are not offered there.
 */
export function toFilter(draft: FilterDraft, inDumpster: boolean): ItemFilter {
  const filter: ItemFilter = {};
  if (draft.text.trim()) filter.subjectContains = draft.text.trim();
  if (draft.sender.trim()) filter.senderContains = draft.sender.trim();
  const range = (from: string, to: string, set: (after?: string, before?: string) => void): void => set(dayStart(from), dayStart(to, 1));
  range(draft.from, draft.to, (after, before) => {
    if (after) filter.receivedAfter = after;
    if (before) filter.receivedBefore = before;
  });
  if (draft.itemClass) filter.itemClass = draft.itemClass;
  if (inDumpster) {
    range(draft.deletedFrom, draft.deletedTo, (after, before) => {
      if (after) filter.deletedAfter = after;
      if (before) filter.deletedBefore = before;
    });
  }
  range(draft.sentFrom, draft.sentTo, (after, before) => {
    if (after) filter.sentAfter = after;
    if (before) filter.sentBefore = before;
  });
  const messageId = normalizeMessageId(draft.messageId);
  if (messageId) filter.messageId = messageId;
  if (draft.read) filter.read = draft.read;
  if (draft.categories) filter.hasCategories = draft.categories === 'yes';
  if (draft.attachments) filter.hasAttachments = draft.attachments === 'yes';
  if (draft.importance) filter.importance = draft.importance;
  return filter;
}

/** How many conditions a filter holds (a date range counts once), for the "filter active" label. */
export function conditionCount(filter: ItemFilter): number {
  const keys = new Set(Object.keys(filter).map((key) => key.replace(/(After|Before)$/, '')));
  return keys.size;
}

/** Whether the advanced part of the draft (beyond the quick fields) holds anything. */
export function hasAdvanced(draft: FilterDraft): boolean {
  return Boolean(
    draft.deletedFrom ||
    draft.deletedTo ||
    draft.sentFrom ||
    draft.sentTo ||
    draft.messageId.trim() ||
    draft.read ||
    draft.categories ||
    draft.attachments ||
    draft.importance,
  );
}
