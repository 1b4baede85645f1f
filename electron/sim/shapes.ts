// Response shapes (m:ItemShape / m:FolderShape): which properties of an item or folder are
// written, in the element order the schema's sequences require.
import type { Store } from './store';
import { folderKind, itemKind, type Folder, type Item, type Sender } from './model';
import { NS_TYPES } from './namespaces';
import { child, enumText, requireAttr, requireChild, schemaFault, type XNode } from './xml-read';
import { el, esc } from './xml-write';

export const PR_SOURCE_KEY = 0x65e0;
export const PR_LAST_ACTIVE_PARENT_ENTRY_ID = 0x348a;
export const PR_ATTR_HIDDEN = 0x10f4;

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

export interface ExtendedPath {
  tag: number;
  type: string;
}

export interface Shape {
  base: BaseShape;
  fields: ReadonlySet<string>;
  extended: readonly ExtendedPath[];
}

/** PropertyTag may be hex (0x65E0) or decimal (26080). */
export function parsePropertyTag(text: string): number | undefined {
  const t = text.trim();
  if (/^0x[0-9a-f]{1,4}$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^\d{1,5}$/.test(t)) {
    const n = Number(t);
    return n <= 0xffff ? n : undefined;
  }
  return undefined;
}

/** Exchange writes PropertyTag back as lowercase hex, whatever form the request used. */
export function formatPropertyTag(tag: number): string {
  return `0x${tag.toString(16)}`;
}

export function readExtendedPath(node: XNode): ExtendedPath | undefined {
  const tagText = node.attrs['PropertyTag'];
  const type = requireAttr(node, 'PropertyType');
  if (tagText === undefined) return undefined;
  const tag = parsePropertyTag(tagText);
  if (tag === undefined) throw schemaFault(`The 'PropertyTag' attribute value '${tagText}' is invalid.`);
  return { tag, type };
}

export function readShape(shapeNode: XNode): Shape {
  const base = enumText(requireChild(shapeNode, NS_TYPES, 'BaseShape'), ['IdOnly', 'Default', 'AllProperties'] as const);
  const fields = new Set<string>();
  const extended: ExtendedPath[] = [];
  const additional = child(shapeNode, NS_TYPES, 'AdditionalProperties');
  for (const path of additional?.children ?? []) {
    if (path.name === 'FieldURI') fields.add(requireAttr(path, 'FieldURI'));
    else if (path.name === 'ExtendedFieldURI') {
      const ext = readExtendedPath(path);
      if (ext) extended.push(ext);
    } else if (path.name !== 'IndexedFieldURI') {
      throw schemaFault(`The element '${path.name}' is not a valid property path.`);
    }
  }
  return { base, fields, extended };
}

/** Whole seconds, as Exchange writes them: toISOString's ".sssZ" becomes "Z". */
const iso = (epochSeconds: number): string => {
  const text = new Date(epochSeconds * 1000).toISOString();
  return /\.\d{3}Z$/.test(text) ? `${text.slice(0, -5)}Z` : text;
};

function has(shape: Shape, field: string, inDefault: boolean): boolean {
  return shape.fields.has(field) || shape.base === 'AllProperties' || (inDefault && shape.base === 'Default');
}

function extendedProperty(path: ExtendedPath, value: string): string {
  return `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="${formatPropertyTag(path.tag)}" PropertyType="${esc(path.type)}"/>${el('t:Value', value)}</t:ExtendedProperty>`;
}

function mailbox(sender: Sender, nameOnly: boolean): string {
  if (nameOnly) return `<t:Mailbox>${el('t:Name', sender.name)}</t:Mailbox>`;
  return `<t:Mailbox>${el('t:Name', sender.name)}${el('t:EmailAddress', sender.address)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>OneOff</t:MailboxType></t:Mailbox>`;
}

export interface ItemWriteOptions {
  /** FindItem returns only t:Name for From/Sender (EWS docs); GetItem the whole mailbox. */
  findView: boolean;
}

export function writeItem(store: Store, item: Item, shape: Shape, options: ItemWriteOptions): string {
  const kind = itemKind(item.itemClass);
  const folder = item.folder;
  let out = `<t:${kind}><t:ItemId Id="${store.itemId(item)}" ChangeKey="${store.itemChangeKey(item)}"/>`;
  if (folder && has(shape, 'item:ParentFolderId', false)) {
    out += `<t:ParentFolderId Id="${store.folderId(folder)}" ChangeKey="${store.folderChangeKey(folder)}"/>`;
  }
  if (has(shape, 'item:ItemClass', false)) out += el('t:ItemClass', item.itemClass);
  if (has(shape, 'item:Subject', true)) out += el('t:Subject', item.subject);
  if (has(shape, 'item:DateTimeReceived', true)) out += `<t:DateTimeReceived>${iso(item.received)}</t:DateTimeReceived>`;
  if (has(shape, 'item:Size', false)) out += `<t:Size>${item.size}</t:Size>`;
  if (has(shape, 'item:HasAttachments', true)) out += `<t:HasAttachments>${item.hasAttachments}</t:HasAttachments>`;
  for (const path of shape.extended) {
    if (path.tag === PR_LAST_ACTIVE_PARENT_ENTRY_ID && path.type === 'Binary' && item.lastActiveParent) {
      out += extendedProperty(path, item.lastActiveParent.toString('base64'));
    }
  }
  if (kind === 'Message' && item.from) {
    if (has(shape, 'message:Sender', false)) out += `<t:Sender>${mailbox(item.from, options.findView)}</t:Sender>`;
    if (has(shape, 'message:From', true)) out += `<t:From>${mailbox(item.from, options.findView)}</t:From>`;
  }
  if (kind === 'Message' && has(shape, 'message:IsRead', true)) out += `<t:IsRead>${item.isRead}</t:IsRead>`;
  return `${out}</t:${kind}>`;
}

/** Folders outside the IPM subtree (msgfolderroot) are hidden (PR_ATTR_HIDDEN). */
function isHidden(store: Store, folder: Folder): boolean {
  const ipmRoot = store.distinguished(folder.mailbox, 'msgfolderroot');
  return !ipmRoot || (folder !== ipmRoot && !store.isWithin(folder, ipmRoot) && folder.parent !== null);
}

export function writeFolder(store: Store, folder: Folder, shape: Shape): string {
  const kind = folderKind(folder);
  let out = `<t:${kind}><t:FolderId Id="${store.folderId(folder)}" ChangeKey="${store.folderChangeKey(folder)}"/>`;
  if (folder.parent && has(shape, 'folder:ParentFolderId', false)) {
    out += `<t:ParentFolderId Id="${store.folderId(folder.parent)}" ChangeKey="${store.folderChangeKey(folder.parent)}"/>`;
  }
  if (folder.folderClass !== undefined && has(shape, 'folder:FolderClass', false)) out += el('t:FolderClass', folder.folderClass);
  if (has(shape, 'folder:DisplayName', true)) out += el('t:DisplayName', folder.displayName);
  if (has(shape, 'folder:TotalCount', true)) out += `<t:TotalCount>${folder.contents.count}</t:TotalCount>`;
  if (has(shape, 'folder:ChildFolderCount', true)) out += `<t:ChildFolderCount>${folder.children.length}</t:ChildFolderCount>`;
  for (const path of shape.extended) {
    if (path.tag === PR_SOURCE_KEY && path.type === 'Binary') out += extendedProperty(path, folder.sourceKey.toString('base64'));
    if (path.tag === PR_ATTR_HIDDEN && path.type === 'Boolean') out += extendedProperty(path, String(isHidden(store, folder)));
  }
  if (folder.distinguished && shape.fields.has('folder:DistinguishedFolderId')) out += el('t:DistinguishedFolderId', folder.distinguished);
  if ((kind === 'Folder' || kind === 'SearchFolder' || kind === 'TasksFolder') && has(shape, 'folder:UnreadCount', true)) {
    out += `<t:UnreadCount>${folder.contents.unread}</t:UnreadCount>`;
  }
  return `${out}</t:${kind}>`;
}

