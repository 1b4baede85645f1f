// Folder and item ids: typed inputs and their request XML.
import type { DistinguishedFolderName } from './distinguishedFolderIds';
import { isDistinguishedFolderName } from './distinguishedFolderIds';
import { EwsError } from './errors';
import { escapeXml } from './xmlText';
import { attr, childrenOf, firstChild, nameOf, type XNode } from './xmlTree';

export interface ItemId {
  id: string;
  changeKey?: string;
}

export type FolderRef =
  | { id: string; changeKey?: string }
  /** A well-known folder, optionally in another mailbox (or that mailbox's archive), by primary SMTP. */
  | { distinguished: DistinguishedFolderName; mailbox?: string };

function idAttributes(id: string, changeKey: string | undefined): string {
  if (id === '') throw new EwsError('invalid-request', 'An empty id cannot be sent to Exchange.');
  return changeKey === undefined ? `Id="${escapeXml(id)}"` : `Id="${escapeXml(id)}" ChangeKey="${escapeXml(changeKey)}"`;
}

export function itemIdXml(item: ItemId): string {
  return `<t:ItemId ${idAttributes(item.id, item.changeKey)}/>`;
}

export function folderIdXml(folder: FolderRef): string {
  if ('distinguished' in folder) {
    // Checked at run time too: ids can arrive from IPC or config as plain strings.
    if (!isDistinguishedFolderName(folder.distinguished)) {
      throw new EwsError('invalid-request', `"${folder.distinguished}" is not a distinguished folder name.`);
    }
    if (folder.mailbox === undefined) return `<t:DistinguishedFolderId Id="${folder.distinguished}"/>`;
    return `<t:DistinguishedFolderId Id="${folder.distinguished}"><t:Mailbox><t:EmailAddress>${escapeXml(folder.mailbox)}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`;
  }
  return `<t:FolderId ${idAttributes(folder.id, folder.changeKey)}/>`;
}

export function itemIdsXml(items: readonly ItemId[]): string {
  let out = '';
  for (const item of items) out += itemIdXml(item);
  return out;
}

export function folderIdsXml(folders: readonly FolderRef[]): string {
  let out = '';
  for (const folder of folders) out += folderIdXml(folder);
  return out;
}

/** Reads t:ItemId / t:FolderId attributes from a response element. */
export function readIdAttributes(node: XNode | undefined): { id: string; changeKey: string | undefined } | undefined {
  if (node === undefined) return undefined;
  const id = attr(node, 'Id');
  return id === undefined ? undefined : { id, changeKey: attr(node, 'ChangeKey') };
}

export function requireNonEmpty<T>(list: readonly T[], what: string): void {
  if (list.length === 0) throw new EwsError('invalid-request', `At least one ${what} is required.`);
}

/** The id of the first item in a response message's m:Items; undefined when Items is empty
 * (Exchange does that for some successes, e.g. cross-mailbox moves). */
export function readNewItemId(message: XNode): ItemId | undefined {
  const items = firstChild(message, 'Items');
  const item = items === undefined ? undefined : childrenOf(items).find((n) => nameOf(n) !== undefined);
  const ids = readIdAttributes(item === undefined ? undefined : firstChild(item, 'ItemId'));
  return ids === undefined ? undefined : ids.changeKey === undefined ? { id: ids.id } : { id: ids.id, changeKey: ids.changeKey };
}
