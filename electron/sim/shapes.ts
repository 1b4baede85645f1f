// Response shapes (m:ItemShape / m:FolderShape): which properties are asked for, extended
// property paths (by tag or named), and the folder writer. Items are written by itemShape.ts.
import type { Store } from './store';
import { folderKind, type Folder } from './model';
import { NS_TYPES } from './namespaces';
import { child, enumText, requireAttr, requireChild, schemaFault, type XNode } from './xmlRead';
import { el, esc } from './xmlWrite';
import { folderSizeBytes, PR_MESSAGE_SIZE_EXTENDED } from './folderSize';

export const PR_SOURCE_KEY = 0x65e0;
export const PR_LAST_ACTIVE_PARENT_ENTRY_ID = 0x348a;
export const PR_ATTR_HIDDEN = 0x10f4;
/** PR_ENTRYID, Binary. */
export const PR_ENTRYID = 0x0fff;
/** PR_MESSAGE_SIZE, Integer. */
export const PR_MESSAGE_SIZE = 0x0e08;
/** PR_POLICY_TAG (PolicyTag), Binary: the retention tag's GUID. */
export const PR_POLICY_TAG = 0x3019;
/** PR_ASSOC_CONTENT_COUNT, Integer: a folder's FAI item count (TotalCount leaves them out). */
export const PR_ASSOC_CONTENT_COUNT = 0x3617;
/** PidLidSpamOriginalFolder: PSETID_Common, LID 0x859C (34204), Binary ([MS-OXPROPS]). */
export const PID_LID_SPAM_ORIGINAL_FOLDER = 'Common:34204';
const PSETID_COMMON = '00062008-0000-0000-c000-000000000046';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';
export type BodyTypeRequest = 'Best' | 'HTML' | 'Text';

export interface ExtendedPath {
  /** The property tag of a PropertyTag path; undefined for a named property. */
  tag: number | undefined;
  /** A named property's key, `<set>:<id>` or `<set>:name:<name>` (set: distinguished name or lower-case GUID). */
  named: string | undefined;
  type: string;
  /** The ExtendedFieldURI attributes written back: the tag as lowercase hex, named paths as asked. */
  echo: string;
}

export interface Shape {
  base: BaseShape;
  fields: ReadonlySet<string>;
  extended: readonly ExtendedPath[];
  /** m:ItemShape/t:BodyType (Best when absent). */
  bodyType: BodyTypeRequest;
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

/** The set part of a named property's key; PSETID_Common by GUID and by name are one set. */
function propertySetKey(node: XNode): string | undefined {
  const distinguished = node.attrs['DistinguishedPropertySetId'];
  if (distinguished !== undefined) return distinguished;
  const guid = node.attrs['PropertySetId']?.trim().toLowerCase();
  if (guid === undefined) return undefined;
  return guid === PSETID_COMMON ? 'Common' : guid;
}

export function readExtendedPath(node: XNode): ExtendedPath | undefined {
  const tagText = node.attrs['PropertyTag'];
  const type = requireAttr(node, 'PropertyType');
  if (tagText !== undefined) {
    const tag = parsePropertyTag(tagText);
    if (tag === undefined) throw schemaFault(`The 'PropertyTag' attribute value '${tagText}' is invalid.`);
    return { tag, named: undefined, type, echo: `PropertyTag="${formatPropertyTag(tag)}" PropertyType="${esc(type)}"` };
  }
  const set = propertySetKey(node);
  const idText = node.attrs['PropertyId'];
  const name = node.attrs['PropertyName'];
  if (set === undefined || (idText === undefined && name === undefined)) return undefined;
  const named = idText !== undefined ? `${set}:${Number(idText.trim())}` : `${set}:name:${name ?? ''}`;
  let echo = '';
  for (const attr of ['DistinguishedPropertySetId', 'PropertySetId', 'PropertyId', 'PropertyName', 'PropertyType']) {
    const value = node.attrs[attr];
    if (value !== undefined) echo += `${echo ? ' ' : ''}${attr}="${esc(value)}"`;
  }
  return { tag: undefined, named, type, echo };
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
  const bodyNode = child(shapeNode, NS_TYPES, 'BodyType');
  const bodyType = bodyNode ? enumText(bodyNode, ['Best', 'HTML', 'Text'] as const) : 'Best';
  return { base, fields, extended, bodyType };
}

export function has(shape: Shape, field: string, inDefault: boolean): boolean {
  return shape.fields.has(field) || shape.base === 'AllProperties' || (inDefault && shape.base === 'Default');
}

export function extendedProperty(path: ExtendedPath, value: string): string {
  return `<t:ExtendedProperty><t:ExtendedFieldURI ${path.echo}/>${el('t:Value', value)}</t:ExtendedProperty>`;
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
    if (path.tag === PR_ASSOC_CONTENT_COUNT && path.type === 'Integer') out += extendedProperty(path, String(folder.associated.count));
    if (path.tag === PR_MESSAGE_SIZE_EXTENDED && path.type === 'Long') out += extendedProperty(path, String(folderSizeBytes(store, folder)));
  }
  if (folder.distinguished && shape.fields.has('folder:DistinguishedFolderId')) out += el('t:DistinguishedFolderId', folder.distinguished);
  if ((kind === 'Folder' || kind === 'SearchFolder' || kind === 'TasksFolder') && has(shape, 'folder:UnreadCount', true)) {
    out += `<t:UnreadCount>${folder.contents.unread}</t:UnreadCount>`;
  }
  return `${out}</t:${kind}>`;
}
