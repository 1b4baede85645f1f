// Selection over a virtual list as sorted, disjoint, half-open index ranges: selecting 100,000
// rows is one range, not 100,000 ids.

export interface IndexRange {
  start: number;
  /** Exclusive. */
  end: number;
}

export function normalize(ranges: readonly IndexRange[]): IndexRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: IndexRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

export function addRange(ranges: readonly IndexRange[], range: IndexRange): IndexRange[] {
  return normalize([...ranges, range]);
}

export function removeIndex(ranges: readonly IndexRange[], index: number): IndexRange[] {
  const out: IndexRange[] = [];
  for (const range of ranges) {
    if (index < range.start || index >= range.end) out.push(range);
    else {
      if (index > range.start) out.push({ start: range.start, end: index });
      if (index + 1 < range.end) out.push({ start: index + 1, end: range.end });
    }
  }
  return out;
}

export function containsIndex(ranges: readonly IndexRange[], index: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid];
    if (!range) return false;
    if (index < range.start) hi = mid - 1;
    else if (index >= range.end) lo = mid + 1;
    else return true;
  }
  return false;
}

export function toggleIndex(ranges: readonly IndexRange[], index: number): IndexRange[] {
  return containsIndex(ranges, index) ? removeIndex(ranges, index) : addRange(ranges, { start: index, end: index + 1 });
}

export function countIndices(ranges: readonly IndexRange[]): number {
  return ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
}

export function spanBetween(a: number, b: number): IndexRange {
  return { start: Math.min(a, b), end: Math.max(a, b) + 1 };
}
