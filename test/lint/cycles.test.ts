// No import cycles among our modules: each layer and each module can be read from the bottom up.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './importCycles';

const root = resolve(__dirname, '..', '..');

describe('import cycles', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  it('electron/, shared/ and renderer/ have none', () => {
    const graph = importGraph(root, ['electron', 'shared', 'renderer/src']);
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });
});
