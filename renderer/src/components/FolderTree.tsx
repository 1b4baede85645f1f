// An ARIA tree over DisplayNodes, flat in the DOM (aria-level) so that arrow keys walk the
// visible rows in order, with one roving tab stop.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FolderInfo } from '../../../shared/domain';
import { formatCount } from '../lib/format';
import { visibleEntries, type DisplayNode, type TreeEntry } from '../lib/folderTree';

interface FolderTreeProps {
  label: string;
  roots: readonly DisplayNode[];
  selectedId?: string;
  onActivate: (folder: FolderInfo) => void;
  /** Whether a branch starts expanded (the admin toggles from there); all of them by default. */
  initiallyExpanded?: (node: DisplayNode) => boolean;
}

const expandAll = (): boolean => true;

export function FolderTree({ label, roots, selectedId, onActivate, initiallyExpanded = expandAll }: FolderTreeProps) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string | undefined>(undefined);
  const itemRefs = useRef(new Map<string, HTMLDivElement>());

  const entries = useMemo(() => visibleEntries(roots, (node) => initiallyExpanded(node) !== toggled.has(node.key)), [roots, toggled, initiallyExpanded]);

  const toggle = (key: string): void =>
    setToggled((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const tabStop =
    entries.find((e) => e.node.key === focusKey)?.node.key ?? entries.find((e) => e.node.folder?.id === selectedId)?.node.key ?? entries[0]?.node.key;

  const focusEntry = (entry: TreeEntry | undefined): void => {
    if (!entry) return;
    setFocusKey(entry.node.key);
    itemRefs.current.get(entry.node.key)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, entry: TreeEntry, index: number): void => {
    switch (event.key) {
      case 'ArrowDown':
        focusEntry(entries[index + 1]);
        break;
      case 'ArrowUp':
        focusEntry(entries[index - 1]);
        break;
      case 'Home':
        focusEntry(entries[0]);
        break;
      case 'End':
        focusEntry(entries[entries.length - 1]);
        break;
      case 'ArrowRight':
        if (entry.expanded === false) toggle(entry.node.key);
        else if (entry.expanded) focusEntry(entries[index + 1]);
        break;
      case 'ArrowLeft':
        if (entry.expanded) toggle(entry.node.key);
        else focusEntry(entries.find((e) => e.node.key === entry.parentKey));
        break;
      case 'Enter':
      case ' ':
        if (entry.node.folder?.unavailableReason !== undefined) break;
        if (entry.node.folder) onActivate(entry.node.folder);
        else toggle(entry.node.key);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div role="tree" aria-label={label} className="folder-tree">
      {entries.map((entry, index) => {
        const { node } = entry;
        const folder = node.folder;
        const selected = folder !== undefined && folder.id === selectedId;
        // A folder this backend cannot open (Versions, Purges over Graph) is shown, named why, and never opened.
        const unavailable = folder?.unavailableReason === undefined ? undefined : unavailableTag(folder.unavailableReason);
        const count = unavailable ?? (folder ? `${formatCount(folder.totalCount)} items` : undefined);
        return (
          <div
            key={node.key}
            ref={(el) => {
              if (el) itemRefs.current.set(node.key, el);
              else itemRefs.current.delete(node.key);
            }}
            role="treeitem"
            aria-label={count ? `${node.label}, ${count}` : node.label}
            aria-level={entry.level}
            aria-posinset={entry.posInSet}
            aria-setsize={entry.setSize}
            aria-expanded={entry.expanded}
            aria-selected={selected}
            aria-disabled={unavailable === undefined ? undefined : true}
            title={folder?.unavailableReason}
            tabIndex={node.key === tabStop ? 0 : -1}
            className={['tree-item', node.dumpster ? 'dumpster' : '', folder ? '' : 'heading', selected ? 'selected' : ''].join(' ')}
            style={{ paddingInlineStart: `${0.5 + (entry.level - 1) * 1.1}rem` }}
            onClick={() => {
              setFocusKey(node.key);
              if (folder && unavailable === undefined) onActivate(folder);
              else if (!folder) toggle(node.key);
            }}
            onKeyDown={(event) => onKeyDown(event, entry, index)}
          >
            <span
              className="twisty"
              aria-hidden="true"
              onClick={(event) => {
                if (entry.expanded === undefined) return;
                event.stopPropagation();
                toggle(node.key);
              }}
            >
              {entry.expanded === undefined ? '' : entry.expanded ? '▾' : '▸'}
            </span>
            <span className="tree-label">{node.label}</span>
            {unavailable !== undefined && <span className="tag">{unavailable}</span>}
            {folder && unavailable === undefined && folder.totalCount > 0 && <span className="tree-count">{formatCount(folder.totalCount)}</span>}
          </div>
        );
      })}
    </div>
  );
}

/** The short tag of an unavailable folder: the reason's lead ("EWS only: …" → "EWS only"). */
function unavailableTag(reason: string): string {
  const lead = reason.split(':')[0]?.trim() ?? '';
  return lead !== '' && lead.length <= 24 ? lead : 'Unavailable';
}
