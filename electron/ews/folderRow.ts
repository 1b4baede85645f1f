// The folder shape this app asks for, and the typed row read back from any folder element
// (t:Folder, t:CalendarFolder, t:ContactsFolder, t:SearchFolder, t:TasksFolder).
import { readIdAttributes } from './ids';
import { extendedFieldXml, fieldXml, PR_MESSAGE_SIZE_EXTENDED, PR_SOURCE_KEY, readExtendedProperty } from './properties';
import { childrenOf, nameOf, textOf, type XNode } from './xmlTree';

export interface FolderRow {
  /** The element name: Folder, CalendarFolder, ContactsFolder, SearchFolder or TasksFolder. */
  kind: string;
  id: string;
  changeKey: string | undefined;
  parentId: string | undefined;
  displayName: string | undefined;
  folderClass: string | undefined;
  totalCount: number | undefined;
  childFolderCount: number | undefined;
  unreadCount: number | undefined;
  /** PR_SOURCE_KEY (0x65E0), base64: what deleted items' LastActiveParentEntryId points at. */
  sourceKey: string | undefined;
  /** Only when asked for (folder:DistinguishedFolderId). */
  distinguishedId: string | undefined;
  /** Bytes of the folder's own items (PR_MESSAGE_SIZE_EXTENDED), only when asked for (includeSize). */
  sizeBytes?: number;
}

export interface FolderShapeOptions {
  includeDistinguishedId?: boolean;
  /** Also ask for the folder's size (PR_MESSAGE_SIZE_EXTENDED, Long). */
  includeSize?: boolean;
}

export function folderShapeXml(options: FolderShapeOptions): string {
  return (
    '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
    fieldXml('folder:ParentFolderId') +
    fieldXml('folder:DisplayName') +
    fieldXml('folder:FolderClass') +
    fieldXml('folder:TotalCount') +
    fieldXml('folder:ChildFolderCount') +
    fieldXml('folder:UnreadCount') +
    (options.includeDistinguishedId ? fieldXml('folder:DistinguishedFolderId') : '') +
    extendedFieldXml(PR_SOURCE_KEY, 'Binary') +
    (options.includeSize ? extendedFieldXml(PR_MESSAGE_SIZE_EXTENDED, 'Long') : '') +
    '</t:AdditionalProperties></m:FolderShape>'
  );
}

function count(raw: string): number | undefined {
  const n = Number(raw.trim());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function readFolderRow(folder: XNode): FolderRow | undefined {
  const row: FolderRow = {
    kind: nameOf(folder) ?? 'Folder',
    id: '',
    changeKey: undefined,
    parentId: undefined,
    displayName: undefined,
    folderClass: undefined,
    totalCount: undefined,
    childFolderCount: undefined,
    unreadCount: undefined,
    sourceKey: undefined,
    distinguishedId: undefined,
  };
  for (const child of childrenOf(folder)) {
    switch (nameOf(child)) {
      case 'FolderId': {
        const ids = readIdAttributes(child);
        if (ids) {
          row.id = ids.id;
          row.changeKey = ids.changeKey;
        }
        break;
      }
      case 'ParentFolderId':
        row.parentId = readIdAttributes(child)?.id;
        break;
      case 'DisplayName':
        row.displayName = textOf(child);
        break;
      case 'FolderClass':
        row.folderClass = textOf(child);
        break;
      case 'TotalCount':
        row.totalCount = count(textOf(child));
        break;
      case 'ChildFolderCount':
        row.childFolderCount = count(textOf(child));
        break;
      case 'UnreadCount':
        row.unreadCount = count(textOf(child));
        break;
      case 'DistinguishedFolderId':
        row.distinguishedId = textOf(child).trim();
        break;
      case 'ExtendedProperty': {
        const prop = readExtendedProperty(child);
        if (prop?.tag === PR_SOURCE_KEY) row.sourceKey = prop.value;
        else if (prop?.tag === PR_MESSAGE_SIZE_EXTENDED) {
          const bytes = count(prop.value);
          if (bytes !== undefined) row.sizeBytes = bytes;
        }
        break;
      }
      default:
        // Properties the row does not carry (Exchange may add ones we did not ask for).
        break;
    }
  }
  return row.id === '' ? undefined : row;
}

/** All folder elements of a t:Folders container, in document order. */
export function readFolderRows(container: XNode | undefined): FolderRow[] {
  const out: FolderRow[] = [];
  if (container === undefined) return out;
  for (const child of childrenOf(container)) {
    if (nameOf(child) === undefined) continue;
    const row = readFolderRow(child);
    if (row) out.push(row);
  }
  return out;
}
