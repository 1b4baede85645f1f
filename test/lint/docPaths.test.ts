// Stale paths in the docs fail the build: every electron/…, test/…, e2e/… and bench/… path that
// README.md and electron/**/README.md name must exist (scripts/docPaths.ts).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles, pathsIn, staleDocPaths } from '../../scripts/docPaths';

describe('doc paths', () => {
  it('README.md and electron/**/README.md name only paths that exist', () => {
    const root = join(__dirname, '..', '..');
    expect(docFiles(root)).toEqual(expect.arrayContaining(['README.md', 'electron/sim/README.md']));
    expect(staleDocPaths(root)).toEqual([]);
  });

  it('reads paths out of prose, code spans and tables, and nothing else', () => {
    const text = [
      'See `electron/sim/requestGrammar` and electron/backends/port.ts.',
      '| @electron/asar | a package, not a path |',
      'Specs in e2e/browser/*.spec.ts; a folder: test/service/ and bench/',
      'https://example.com/electron/x is an address, and myelectron/y is not ours.',
    ].join('\n');
    expect(pathsIn(text).sort()).toEqual(['e2e/browser/', 'electron/backends/port.ts', 'electron/sim/requestGrammar', 'test/service/'].sort());
  });

  it('names a stale path with its document, in the README or a README under electron/', async () => {
    const root = await mkdtemp(join(tmpdir(), 'doc-paths-'));
    try {
      await mkdir(join(root, 'electron', 'sim'), { recursive: true });
      await writeFile(join(root, 'electron', 'sim', 'store.ts'), '');
      await writeFile(
        join(root, 'README.md'),
        'The store is electron/sim/store.ts (and electron/sim/store); the old electron/service/mailboxSession.ts moved.',
      );
      await writeFile(join(root, 'electron', 'sim', 'README.md'), 'Tests: test/sim/ntlm.test.ts.');
      expect(staleDocPaths(root).sort()).toEqual(['README.md: electron/service/mailboxSession.ts', 'electron/sim/README.md: test/sim/ntlm.test.ts']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
