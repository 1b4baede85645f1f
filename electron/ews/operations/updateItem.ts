// UpdateItem: what the app changes on items in place — IsRead, and Categories (set the whole list,
// or clear it). One t:ItemChange per item, results in input order; the item keeps its id and comes
// back with its new ChangeKey. ConflictResolution decides what a stale ChangeKey does (NeverOverwrite:
// ErrorIrresolvableConflict for that item). MessageDisposition="SaveOnly" is always sent: Exchange
// requires it whenever the item is a message (ErrorMessageDispositionRequired) and SaveOnly sends nothing.
import { EwsError } from '../errors';
import { itemIdXml, readNewItemId, requireNonEmpty, type ItemId } from '../ids';
import type { EwsOperation } from '../operation';
import { fieldXml } from '../properties';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { escapeXml } from '../xmlText';
import { childText, firstChild, type XNode } from '../xmlTree';

export type ConflictResolution = 'NeverOverwrite' | 'AutoResolve' | 'AlwaysOverwrite';
const CONFLICT_RESOLUTIONS: readonly string[] = ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'];

export interface ItemUpdate {
  /** Send the ChangeKey you read for conflict detection; without it the update always applies. */
  item: ItemId;
  isRead?: boolean;
  /** The item's whole category list; null or [] clears it. */
  categories?: readonly string[] | null;
}

export interface UpdateItemRequest {
  updates: readonly ItemUpdate[];
  conflictResolution: ConflictResolution;
  /** Marking read sends no read receipt (Exchange 2013 SP1 and later). */
  suppressReadReceipts?: boolean;
}

export interface UpdatedItem {
  /** The item's id with its new ChangeKey. */
  id: ItemId | undefined;
  /** m:ConflictResults/t:Count, when the server sent it. */
  conflicts: number | undefined;
}

function changesXml(update: ItemUpdate): string {
  let out = '';
  if (update.isRead !== undefined) {
    out += `<t:SetItemField>${fieldXml('message:IsRead')}<t:Message><t:IsRead>${update.isRead ? 'true' : 'false'}</t:IsRead></t:Message></t:SetItemField>`;
  }
  if (update.categories !== undefined) {
    const names = update.categories ?? [];
    // t:Item holds Categories for every item kind (messages, appointments, tasks, contacts).
    out +=
      names.length === 0
        ? `<t:DeleteItemField>${fieldXml('item:Categories')}</t:DeleteItemField>`
        : `<t:SetItemField>${fieldXml('item:Categories')}<t:Item><t:Categories>${names.map((n) => `<t:String>${escapeXml(n)}</t:String>`).join('')}</t:Categories></t:Item></t:SetItemField>`;
  }
  if (out === '') throw new EwsError('invalid-request', 'An item update must change IsRead or Categories.');
  return out;
}

function readUpdated(message: XNode): UpdatedItem {
  const results = firstChild(message, 'ConflictResults');
  const raw = results === undefined ? undefined : childText(results, 'Count');
  const n = raw === undefined ? NaN : Number(raw.trim());
  return { id: readNewItemId(message), conflicts: Number.isInteger(n) && n >= 0 ? n : undefined };
}

export const updateItemOperation: EwsOperation<UpdateItemRequest, EwsResult<UpdatedItem>[]> = {
  name: 'UpdateItem',
  buildBody(request) {
    requireNonEmpty(request.updates, 'item update');
    if (!CONFLICT_RESOLUTIONS.includes(request.conflictResolution)) {
      throw new EwsError('invalid-request', `"${String(request.conflictResolution)}" is not a ConflictResolution.`);
    }
    const suppress = request.suppressReadReceipts ? ' SuppressReadReceipts="true"' : '';
    let changes = '';
    for (const update of request.updates) changes += `<t:ItemChange>${itemIdXml(update.item)}<t:Updates>${changesXml(update)}</t:Updates></t:ItemChange>`;
    return `<m:UpdateItem ConflictResolution="${request.conflictResolution}" MessageDisposition="SaveOnly"${suppress}><m:ItemChanges>${changes}</m:ItemChanges></m:UpdateItem>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'UpdateItem', request.updates.length, readUpdated);
  },
};
