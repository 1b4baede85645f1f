// The sidebar's folder tree from the flat folder list: hidden containers, well-known order, the
// dumpster branch, paths, and the visible rows of the tree widget.
import { describe, expect, it } from 'vitest';
import type { FolderArea, FolderInfo } from '../../shared/domain';
import {
  buildMailboxTree,
  folderPath,
  foldersBySourceKey,
  mailboxPartNode,
  visibleEntries,
  type DisplayNode,
  type FolderNode,
} from '../../renderer/src/lib/folderTree';

function folder(
  id: string,
  displayName: string,
  parentId: string | undefined,
  extra: { distinguishedId?: string; area?: FolderArea; sourceKey?: string } = {},
): FolderInfo {
  return {
    id,
    displayName,
    parentId,
    totalCount: 0,
    childFolderCount: 0,
    part: 'primary',
    area: extra.area ?? 'ipm',
    distinguishedId: extra.distinguishedId,
    sourceKey: extra.sourceKey,
  };
}

// A mailbox as FindFolder lists it under the root: the IPM subtree and Recoverable Items.
const mailbox: FolderInfo[] = [
  folder('root', 'Top of Information Store', undefined, { distinguishedId: 'root' }),
  folder('ipm', 'IPM root', 'root', { distinguishedId: 'msgfolderroot' }),
  folder('zeta', 'Zeta projects', 'ipm', { sourceKey: 'SK-zeta' }),
  folder('sent', 'Sent Items', 'ipm', { distinguishedId: 'sentitems' }),
  folder('alpha', 'Alpha', 'ipm'),
  folder('inbox', 'Inbox', 'ipm', { distinguishedId: 'inbox', sourceKey: 'SK-inbox' }),
  folder('deleted', 'Deleted Items', 'ipm', { distinguishedId: 'deleteditems' }),
  folder('projects', 'Projects', 'inbox'),
  folder('q3', 'Q3', 'projects'),
  folder('dumpster', 'Recoverable Items', 'root', { distinguishedId: 'recoverableitemsroot', area: 'recoverable' }),
  folder('deletions', 'Deletions', 'dumpster', { distinguishedId: 'recoverableitemsdeletions', area: 'recoverable' }),
  folder('holds', 'DiscoveryHolds', 'dumpster', { distinguishedId: 'recoverableitemsdiscoveryholds', area: 'recoverable' }),
];

const names = (nodes: readonly FolderNode[]): string[] => nodes.map((n) => n.folder.displayName);
const labels = (nodes: readonly DisplayNode[]): string[] => nodes.map((n) => n.label);

describe('buildMailboxTree', () => {
  it('hides the root containers, shows their children on top, well-known folders first then by name', () => {
    const tree = buildMailboxTree(mailbox);
    expect(names(tree.ipm)).toEqual(['Inbox', 'Sent Items', 'Deleted Items', 'Alpha', 'Zeta projects']);
    const inbox = tree.ipm[0];
    expect(names(inbox?.children ?? [])).toEqual(['Projects']);
    expect(names(inbox?.children[0]?.children ?? [])).toEqual(['Q3']);
  });

  it('keeps Recoverable Items as its own branch', () => {
    const tree = buildMailboxTree(mailbox);
    expect(names(tree.recoverable)).toEqual(['Recoverable Items']);
    expect(names(tree.recoverable[0]?.children ?? [])).toEqual(['Deletions', 'DiscoveryHolds']);
  });

  it('puts a folder whose parent is not listed at the top', () => {
    const tree = buildMailboxTree([folder('orphan', 'Shared with me', 'not-listed'), ...mailbox]);
    expect(names(tree.ipm)).toContain('Shared with me');
  });
});

describe('paths and source keys', () => {
  const byId = new Map(mailbox.map((f) => [f.id, f]));

  it('names a folder by its path below the hidden containers', () => {
    const q3 = byId.get('q3');
    expect(q3 && folderPath(q3, byId)).toBe('Inbox / Projects / Q3');
    const inbox = byId.get('inbox');
    expect(inbox && folderPath(inbox, byId)).toBe('Inbox');
  });

  it('maps source keys to folders, skipping folders without one', () => {
    const map = foldersBySourceKey(mailbox);
    expect([...map.keys()].sort()).toEqual(['SK-inbox', 'SK-zeta']);
    expect(map.get('SK-inbox')?.id).toBe('inbox');
  });
});

describe('mailboxPartNode', () => {
  it('heads the primary mailbox "Mailbox", adds the dumpster root under it, and spells dumpster names as words', () => {
    const node = mailboxPartNode('primary', mailbox, true);
    expect(node.label).toBe('Mailbox');
    expect(node.key).toBe('primary:heading');
    const dumpster = node.children.at(-1);
    expect(dumpster?.label).toBe('Recoverable Items');
    expect(dumpster?.dumpster).toBe(true);
    expect(labels(dumpster?.children ?? [])).toEqual(['Deletions', 'Discovery Holds']);
  });

  it('leaves the dumpster out when not asked for', () => {
    expect(labels(mailboxPartNode('archive', mailbox, false).children)).toEqual(['Inbox', 'Sent Items', 'Deleted Items', 'Alpha', 'Zeta projects']);
    expect(mailboxPartNode('archive', mailbox, false).label).toBe('Archive');
  });

  it('groups dumpster folders under a heading when their root is not listed', () => {
    const withoutRoot = mailbox.filter((f) => f.id !== 'dumpster');
    const node = mailboxPartNode('primary', withoutRoot, true);
    const heading = node.children.at(-1);
    expect(heading).toMatchObject({ key: 'primary:recoverable', label: 'Recoverable Items', dumpster: true });
    expect(heading?.folder).toBeUndefined();
    expect(labels(heading?.children ?? [])).toEqual(['Deletions', 'Discovery Holds']);
  });
});

describe('visibleEntries', () => {
  it('lists rows depth first with level, position and set size, skipping collapsed branches', () => {
    const roots = [mailboxPartNode('primary', mailbox, true)];
    const expanded = new Set(['primary:heading', 'inbox']);
    const entries = visibleEntries(roots, (node) => expanded.has(node.key));
    expect(entries.map((e) => [e.node.label, e.level, e.posInSet, e.setSize, e.expanded])).toEqual([
      ['Mailbox', 1, 1, 1, true],
      ['Inbox', 2, 1, 6, true],
      ['Projects', 3, 1, 1, false],
      ['Sent Items', 2, 2, 6, undefined],
      ['Deleted Items', 2, 3, 6, undefined],
      ['Alpha', 2, 4, 6, undefined],
      ['Zeta projects', 2, 5, 6, undefined],
      ['Recoverable Items', 2, 6, 6, false],
    ]);
    expect(entries[2]?.parentKey).toBe('inbox');
  });
});
