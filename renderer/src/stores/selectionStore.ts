// Outlook-style selection over the current item view, kept compact: index ranges for explicit
// selection, or "every item matching the view" minus a few excluded ids. Nothing here holds one
// entry per selected row.
import { create } from 'zustand';
import { addRange, containsIndex, countIndices, normalize, spanBetween, toggleIndex, type IndexRange } from '../lib/indexRanges';

export type Selection = { kind: 'ranges'; ranges: readonly IndexRange[] } | { kind: 'allMatching'; excludedIds: ReadonlySet<string> };

export interface ClickModifiers {
  toggle: boolean;
  extend: boolean;
}

interface SelectionState {
  selection: Selection;
  /** Where Shift-ranges start. */
  anchor?: number;
  /** The row with keyboard focus. */
  focusIndex?: number;
  /** True right after Ctrl+A selected every loaded row: the banner then offers "all matching". */
  allLoaded: boolean;
  click: (index: number, id: string | undefined, modifiers: ClickModifiers) => void;
  /** Keyboard move: focus a row and select it (or extend to it with Shift). */
  moveFocus: (index: number, extend: boolean) => void;
  selectAllLoaded: (ranges: IndexRange[]) => void;
  selectAllMatching: () => void;
  clear: () => void;
}

const none: Selection = { kind: 'ranges', ranges: [] };

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selection: none,
  allLoaded: false,
  click: (index, id, { toggle, extend }) => {
    const { selection, anchor } = get();
    set({ allLoaded: false });
    if (selection.kind === 'allMatching' && toggle && !extend && id) {
      const excludedIds = new Set(selection.excludedIds);
      if (excludedIds.has(id)) excludedIds.delete(id);
      else excludedIds.add(id);
      set({ selection: { kind: 'allMatching', excludedIds }, anchor: index, focusIndex: index });
      return;
    }
    const current = selection.kind === 'ranges' ? selection.ranges : [];
    if (extend) {
      const span = spanBetween(anchor ?? index, index);
      set({ selection: { kind: 'ranges', ranges: toggle ? addRange(current, span) : [span] }, focusIndex: index });
    } else if (toggle) {
      set({ selection: { kind: 'ranges', ranges: toggleIndex(current, index) }, anchor: index, focusIndex: index });
    } else {
      set({ selection: { kind: 'ranges', ranges: [{ start: index, end: index + 1 }] }, anchor: index, focusIndex: index });
    }
  },
  moveFocus: (index, extend) => {
    const { anchor } = get();
    set({ allLoaded: false });
    if (extend) set({ selection: { kind: 'ranges', ranges: [spanBetween(anchor ?? index, index)] }, focusIndex: index });
    else set({ selection: { kind: 'ranges', ranges: [{ start: index, end: index + 1 }] }, anchor: index, focusIndex: index });
  },
  selectAllLoaded: (ranges) => set({ selection: { kind: 'ranges', ranges: normalize(ranges) }, allLoaded: true }),
  selectAllMatching: () => set({ selection: { kind: 'allMatching', excludedIds: new Set() }, allLoaded: false }),
  clear: () => set({ selection: none, anchor: undefined, focusIndex: undefined, allLoaded: false }),
}));

export function isRowSelected(selection: Selection, index: number, id: string | undefined): boolean {
  if (selection.kind === 'allMatching') return id === undefined || !selection.excludedIds.has(id);
  return containsIndex(selection.ranges, index);
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.kind === 'allMatching' ? Math.max(0, total - selection.excludedIds.size) : countIndices(selection.ranges);
}
