// Turns the flat folder list (parentId links) into the tree the sidebar draws, with the IPM
// subtree and Recoverable Items as separate branches.
import type { FolderInfo, MailboxPart } from '../../../shared/domain';

export interface FolderNode {
  folder: FolderInfo;
  children: FolderNode[];
}

/** Containers the admin never acts on: their children are shown in their place. */
const hiddenContainers = new Set(['root', 'msgfolderroot', 'archiveroot', 'archivemsgfolderroot']);

const wellKnownOrder = ['inbox', 'drafts', 'sentitems', 'deleteditems', 'archivedeleteditems', 'junkemail', 'outbox'];

function byDisplayOrder(a: FolderNode, b: FolderNode): number {
  const rank = (node: FolderNode): number => {
    const i = wellKnownOrder.indexOf(node.folder.distinguishedId ?? '');
    return i === -1 ? wellKnownOrder.length : i;
  };
  return rank(a) - rank(b) || a.folder.displayName.localeCompare(b.folder.displayName);
}

function isHidden(folder: FolderInfo): boolean {
  return hiddenContainers.has(folder.distinguishedId ?? '');
}

export interface MailboxTree {
  /** The visible (IPM) folders. */
  ipm: FolderNode[];
  /** Recoverable Items: the dumpster root (when listed) or its children. */
  recoverable: FolderNode[];
}

export function buildMailboxTree(folders: readonly FolderInfo[]): MailboxTree {
  const nodes = new Map<string, FolderNode>();
  for (const folder of folders) nodes.set(folder.id, { folder, children: [] });

  const tops: FolderNode[] = [];
  const attach = (node: FolderNode): void => {
    // Walk up past hidden containers so their children become top-level.
    let parentId = node.folder.parentId;
    while (parentId) {
      const parent = nodes.get(parentId);
      if (!parent) break;
      if (!isHidden(parent.folder)) {
        parent.children.push(node);
        return;
      }
      parentId = parent.folder.parentId;
    }
    tops.push(node);
  };
  for (const node of nodes.values()) if (!isHidden(node.folder)) attach(node);

  const sortDeep = (list: FolderNode[]): FolderNode[] => {
    list.sort(byDisplayOrder);
    for (const node of list) sortDeep(node.children);
    return list;
  };
  const ipm = sortDeep(tops.filter((n) => n.folder.area === 'ipm'));
  const recoverable = sortDeep(tops.filter((n) => n.folder.area === 'recoverable'));
  return { ipm, recoverable };
}

/** Source key → folder, for the "original folder" column and the recover preview. */
export function foldersBySourceKey(folders: readonly FolderInfo[]): Map<string, FolderInfo> {
  const map = new Map<string, FolderInfo>();
  for (const folder of folders) if (folder.sourceKey) map.set(folder.sourceKey, folder);
  return map;
}

/** The path of a folder for dialogs, e.g. "Inbox / Projects". */
export function folderPath(folder: FolderInfo, byId: ReadonlyMap<string, FolderInfo>): string {
  const parts: string[] = [folder.displayName];
  let parentId = folder.parentId;
  while (parentId) {
    const parent = byId.get(parentId);
    if (!parent || isHidden(parent)) break;
    parts.unshift(parent.displayName);
    parentId = parent.parentId;
  }
  return parts.join(' / ');
}

/** A node as the tree widget draws it: a folder, or a heading (mailbox part, dumpster branch). */
export interface DisplayNode {
  key: string;
  label: string;
  folder?: FolderInfo;
  dumpster: boolean;
  children: DisplayNode[];
}

const dumpsterRoots = new Set(['recoverableitemsroot', 'archiverecoverableitemsroot']);

/** Dumpster folders have terse server names ("DiscoveryHolds"); show them as words. */
function folderLabel(folder: FolderInfo): string {
  if (dumpsterRoots.has(folder.distinguishedId ?? '')) return 'Recoverable Items';
  if (folder.area === 'recoverable') return folder.displayName.replace(/([a-z])([A-Z])/g, '$1 $2');
  return folder.displayName;
}

function toDisplay(node: FolderNode): DisplayNode {
  return {
    key: node.folder.id,
    label: folderLabel(node.folder),
    folder: node.folder,
    dumpster: node.folder.area === 'recoverable',
    children: node.children.map(toDisplay),
  };
}

/** One mailbox part as a heading node holding its IPM folders and, optionally, its dumpster branch. */
export function mailboxPartNode(part: MailboxPart, folders: readonly FolderInfo[], withDumpster: boolean): DisplayNode {
  const tree = buildMailboxTree(folders);
  const children = tree.ipm.map(toDisplay);
  if (withDumpster && tree.recoverable.length > 0) {
    const only = tree.recoverable[0];
    if (tree.recoverable.length === 1 && only && dumpsterRoots.has(only.folder.distinguishedId ?? '')) children.push(toDisplay(only));
    else children.push({ key: `${part}:recoverable`, label: 'Recoverable Items', dumpster: true, children: tree.recoverable.map(toDisplay) });
  }
  return { key: `${part}:heading`, label: part === 'primary' ? 'Mailbox' : 'Archive', dumpster: false, children };
}

export interface TreeEntry {
  node: DisplayNode;
  level: number;
  posInSet: number;
  setSize: number;
  parentKey?: string;
  expanded?: boolean;
}

/** The visible rows of the tree, depth first, skipping collapsed branches. */
export function visibleEntries(roots: readonly DisplayNode[], isExpanded: (node: DisplayNode) => boolean): TreeEntry[] {
  const out: TreeEntry[] = [];
  const walk = (nodes: readonly DisplayNode[], level: number, parentKey: string | undefined): void => {
    nodes.forEach((node, i) => {
      const hasChildren = node.children.length > 0;
      const expanded = hasChildren ? isExpanded(node) : undefined;
      out.push({ node, level, posInSet: i + 1, setSize: nodes.length, parentKey, expanded });
      if (expanded) walk(node.children, level + 1, node.key);
    });
  };
  walk(roots, 1, undefined);
  return out;
}
