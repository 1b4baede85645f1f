// Lists the paths README.md and electron/**/README.md name under electron/, test/, e2e/ or bench/
// that do not exist in the tree, so a moved or renamed file cannot leave the docs behind
// (test/lint/docPaths.test.ts runs it). Run: npx tsx scripts/docPaths.ts (exit 1 when any is stale).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOTS = ['electron', 'test', 'e2e', 'bench'];
// A root folder, then path characters; a glob (*), an ellipsis or a brace list ends the path there.
const PATH = new RegExp(`(?<![\\w./@-])(?:${ROOTS.join('|')})/[\\w./-]*`, 'g');
// Docs name modules without their extension too (electron/sim/requestGrammar).
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.json', '.md'];

/** README.md and every README.md under electron/, relative to the root. */
export function docFiles(root: string): string[] {
  const found: string[] = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'README.md') found.push(path);
    }
  };
  if (existsSync(join(root, 'electron'))) walk('electron');
  return found;
}

/** The path-looking strings of one document, trimmed of sentence punctuation. */
export function pathsIn(text: string): string[] {
  const paths = new Set<string>();
  for (const match of text.matchAll(PATH)) {
    const path = match[0].replace(/[.]+$/, '');
    if (path.endsWith('/') && ROOTS.includes(path.slice(0, -1))) continue;
    paths.add(path);
  }
  return [...paths];
}

/**
 * The files of the tree (tracked, or new and not ignored) and every folder holding one. From git,
 * so an empty folder left behind by a rename does not count; the file system when git is absent.
 */
export function treePaths(root: string): Set<string> | undefined {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).split('\0');
  } catch {
    return undefined;
  }
  const paths = new Set<string>();
  for (const file of files) {
    if (file === '' || !existsSync(join(root, file))) continue;
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  return paths;
}

/** Whether a path names a file or folder of the tree (with or without its extension). */
export function exists(root: string, path: string, tree = treePaths(root)): boolean {
  const bare = path.replace(/\/$/, '');
  return EXTENSIONS.some((ext) => (tree === undefined ? existsSync(join(root, bare + ext)) : tree.has(bare + ext)));
}

/** Output folders a run writes (e2e/artifacts/…) are git-ignored: named in the docs, never in the tree. */
export function generated(root: string, path: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every stale path, as "README.md: electron/…". */
export function staleDocPaths(root: string): string[] {
  const stale: string[] = [];
  const tree = treePaths(root);
  for (const doc of docFiles(root)) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const path of pathsIn(text)) if (!exists(root, path, tree) && !generated(root, path)) stale.push(`${doc}: ${path}`);
  }
  return stale;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = relative(process.cwd(), join(fileURLToPath(import.meta.url), '..', '..')) || '.';
  const stale = staleDocPaths(root);
  for (const line of stale) console.log(line);
  process.exitCode = stale.length === 0 ? 0 : 1;
}
