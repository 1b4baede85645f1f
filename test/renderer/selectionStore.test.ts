// Outlook-style selection: click, Ctrl-click, Shift-click, keyboard moves, "all loaded" and "all
// matching" with exclusions.
import { beforeEach, describe, expect, it } from 'vitest';
import { isRowSelected, selectedCount, useSelectionStore, type Selection } from '../../renderer/src/stores/selectionStore';

const plain = { toggle: false, extend: false };
const ctrl = { toggle: true, extend: false };
const shift = { toggle: false, extend: true };
const ctrlShift = { toggle: true, extend: true };

const state = () => useSelectionStore.getState();
const ranges = (selection: Selection) => (selection.kind === 'ranges' ? selection.ranges : undefined);

beforeEach(() => state().clear());

describe('clicks', () => {
  it('a click selects one row and sets the anchor and focus', () => {
    state().click(4, 'a', plain);
    expect(ranges(state().selection)).toEqual([{ start: 4, end: 5 }]);
    expect(state()).toMatchObject({ anchor: 4, focusIndex: 4, allLoaded: false });
  });

  it('Shift-click selects from the anchor, replacing what was selected, and keeps the anchor', () => {
    state().click(4, 'a', plain);
    state().click(9, 'b', shift);
    expect(ranges(state().selection)).toEqual([{ start: 4, end: 10 }]);
    state().click(1, 'c', shift);
    expect(ranges(state().selection)).toEqual([{ start: 1, end: 5 }]);
    expect(state()).toMatchObject({ anchor: 4, focusIndex: 1 });
  });

  it('Ctrl-click toggles one row and moves the anchor; Ctrl+Shift adds a span to the selection', () => {
    state().click(2, 'a', plain);
    state().click(6, 'b', ctrl);
    expect(ranges(state().selection)).toEqual([
      { start: 2, end: 3 },
      { start: 6, end: 7 },
    ]);
    state().click(2, 'a', ctrl);
    expect(ranges(state().selection)).toEqual([{ start: 6, end: 7 }]);
    expect(state().anchor).toBe(2);
    state().click(20, 'z', ctrlShift);
    expect(ranges(state().selection)).toEqual([{ start: 2, end: 21 }]);
  });

  it('Shift-click without an anchor selects just that row', () => {
    state().click(7, 'x', shift);
    expect(ranges(state().selection)).toEqual([{ start: 7, end: 8 }]);
  });
});

describe('keyboard', () => {
  it('moving focus selects the row; with Shift it extends from the anchor', () => {
    state().moveFocus(3, false);
    state().moveFocus(6, true);
    expect(ranges(state().selection)).toEqual([{ start: 3, end: 7 }]);
    expect(state()).toMatchObject({ anchor: 3, focusIndex: 6 });
    state().moveFocus(8, false);
    expect(ranges(state().selection)).toEqual([{ start: 8, end: 9 }]);
    expect(state().anchor).toBe(8);
  });
});

describe('all loaded and all matching', () => {
  it('"all loaded" takes the loaded ranges, merged, and offers "all matching" until the next click', () => {
    state().selectAllLoaded([
      { start: 1000, end: 2000 },
      { start: 0, end: 1000 },
    ]);
    expect(ranges(state().selection)).toEqual([{ start: 0, end: 2000 }]);
    expect(state().allLoaded).toBe(true);
    state().click(5, 'a', plain);
    expect(state().allLoaded).toBe(false);
  });

  it('"all matching" counts the total less the rows Ctrl-clicked out, and Ctrl-click brings one back', () => {
    state().selectAllMatching();
    state().click(3, 'id-3', ctrl);
    state().click(8, 'id-8', ctrl);
    const selection = state().selection;
    expect(selection.kind).toBe('allMatching');
    expect(selectedCount(selection, 100_000)).toBe(99_998);
    expect(isRowSelected(selection, 3, 'id-3')).toBe(false);
    expect(isRowSelected(selection, 4, 'id-4')).toBe(true);
    // A row not loaded yet (no id) counts as selected.
    expect(isRowSelected(selection, 50_000, undefined)).toBe(true);
    state().click(3, 'id-3', ctrl);
    expect(selectedCount(state().selection, 100_000)).toBe(99_999);
  });

  it('a plain click leaves "all matching" for that one row', () => {
    state().selectAllMatching();
    state().click(5, 'id-5', plain);
    expect(ranges(state().selection)).toEqual([{ start: 5, end: 6 }]);
    expect(selectedCount(state().selection, 100)).toBe(1);
  });

  it('"all matching" never counts below zero', () => {
    state().selectAllMatching();
    state().click(0, 'a', ctrl);
    state().click(1, 'b', ctrl);
    expect(selectedCount(state().selection, 1)).toBe(0);
  });

  it('clear forgets the selection, anchor and focus', () => {
    state().click(2, 'a', plain);
    state().clear();
    expect(state()).toMatchObject({ selection: { kind: 'ranges', ranges: [] }, anchor: undefined, focusIndex: undefined, allLoaded: false });
    expect(isRowSelected(state().selection, 2, 'a')).toBe(false);
  });
});
