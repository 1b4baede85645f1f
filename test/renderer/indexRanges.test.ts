// Selection as sorted, disjoint, half-open index ranges.
import { describe, expect, it } from 'vitest';
import { addRange, containsIndex, countIndices, normalize, removeIndex, spanBetween, toggleIndex, type IndexRange } from '../../renderer/src/lib/indexRanges';

const r = (start: number, end: number): IndexRange => ({ start, end });

describe('normalize', () => {
  it('sorts, merges overlapping and touching ranges, and drops empty ones', () => {
    expect(normalize([r(10, 12), r(0, 3), r(3, 5), r(4, 8), r(20, 20), r(15, 14)])).toEqual([r(0, 8), r(10, 12)]);
  });

  it('does not change the ranges it was given', () => {
    const input = [r(0, 2), r(1, 4)];
    normalize(input);
    expect(input).toEqual([r(0, 2), r(1, 4)]);
  });

  it('keeps ranges with a gap apart', () => {
    expect(normalize([r(0, 2), r(3, 4)])).toEqual([r(0, 2), r(3, 4)]);
  });
});

describe('addRange and removeIndex', () => {
  it('adds a range that bridges two others into one', () => {
    expect(addRange([r(0, 2), r(5, 7)], r(2, 5))).toEqual([r(0, 7)]);
  });

  it('removes an index from the middle, the start and the end of a range', () => {
    expect(removeIndex([r(0, 5)], 2)).toEqual([r(0, 2), r(3, 5)]);
    expect(removeIndex([r(0, 5)], 0)).toEqual([r(1, 5)]);
    expect(removeIndex([r(0, 5)], 4)).toEqual([r(0, 4)]);
    expect(removeIndex([r(3, 4)], 3)).toEqual([]);
  });

  it('leaves the ranges as they were when the index is not in them', () => {
    expect(removeIndex([r(0, 2), r(5, 7)], 3)).toEqual([r(0, 2), r(5, 7)]);
  });
});

describe('containsIndex', () => {
  const ranges = [r(0, 3), r(10, 11), r(20, 100_000)];

  it('finds indices inside ranges, with the end excluded', () => {
    for (const i of [0, 2, 10, 20, 99_999]) expect(containsIndex(ranges, i)).toBe(true);
    for (const i of [3, 9, 11, 19, 100_000, -1]) expect(containsIndex(ranges, i)).toBe(false);
  });

  it('finds nothing in no ranges', () => {
    expect(containsIndex([], 0)).toBe(false);
  });

  it('agrees with a plain scan over many ranges', () => {
    const many = Array.from({ length: 200 }, (_, i) => r(i * 7, i * 7 + (i % 5) + 1));
    for (let i = -2; i < 1500; i++) expect(containsIndex(many, i)).toBe(many.some((x) => i >= x.start && i < x.end));
  });
});

describe('toggleIndex, countIndices, spanBetween', () => {
  it('toggles an index in and out', () => {
    const on = toggleIndex([r(0, 2)], 2);
    expect(on).toEqual([r(0, 3)]);
    expect(toggleIndex(on, 1)).toEqual([r(0, 1), r(2, 3)]);
  });

  it('counts the indices in all ranges', () => {
    expect(countIndices([r(0, 3), r(10, 11), r(20, 100_020)])).toBe(100_004);
    expect(countIndices([])).toBe(0);
  });

  it('spans both ends inclusive, in either order', () => {
    expect(spanBetween(5, 2)).toEqual(r(2, 6));
    expect(spanBetween(2, 5)).toEqual(r(2, 6));
    expect(spanBetween(4, 4)).toEqual(r(4, 5));
  });
});
