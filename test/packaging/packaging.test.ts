// Packaging config check without the Electron download: build with electron-vite into a temp
// stage, then `electron-builder --dir` against a stub electronDist (see TOOLCHAIN.md). This
// validates electron-builder.yml (the whole file is schema-checked when loaded), produces
// app.asar and checks that it holds the entry points and nothing else.
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, listPackage } from '@electron/asar';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..', '..');
const bin = (name: string): string => join(repo, 'node_modules', '.bin', name);
const ELECTRON_VERSION = '45.4.1';

let stage: string;
let asarPath: string;
let entries: string[];

beforeAll(async () => {
  stage = await mkdtemp(join(tmpdir(), 'sweeper-packaging-'));
  // The same build `npm run build` does, into the stage so the shared out/ folder is untouched.
  await run(bin('electron-vite'), ['build', '--outDir', join(stage, 'out')], { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });
  // The command line, as `npm run build:cli` builds it (electron-builder.yml packs it as an extra resource).
  await run(bin('vite'), ['build', '-c', 'electron/cli/vite.config.mts', '--outDir', join(stage, 'out', 'cli')], {
    cwd: repo,
    env: { ...process.env, NO_COLOR: '1' },
  });
  await copyFile(join(repo, 'package.json'), join(stage, 'package.json'));
  await symlink(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
  await symlink(join(repo, 'assets'), join(stage, 'assets'), 'dir');
  const electronDist = join(stage, 'electron-dist');
  await mkdir(electronDist);
  await writeFile(join(electronDist, 'electron'), '#!/bin/sh\necho "stub: no Electron binary here" >&2\nexit 1\n');
  await chmod(join(electronDist, 'electron'), 0o755);
  await writeFile(join(electronDist, 'version'), ELECTRON_VERSION);
  await writeFile(join(electronDist, 'LICENSE'), 'Stub licence for the packaging test.\n');
  await run(
    bin('electron-builder'),
    [
      '--dir',
      '--linux',
      '--x64',
      '--config',
      join(repo, 'electron-builder.yml'),
      '--projectDir',
      stage,
      `-c.electronDist=${electronDist}`,
      '--publish',
      'never',
    ],
    { cwd: stage, env: { ...process.env, CI: '1', ELECTRON_BUILDER_OFFLINE: '1' } },
  );
  asarPath = join(stage, 'release', 'linux-unpacked', 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 120_000);

afterAll(async () => {
  await rm(stage, { recursive: true, force: true });
});

describe('electron-builder --dir with a stub Electron', () => {
  it('produces app.asar holding package.json and the main entry it names', async () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main: string; productName: string };
    expect(manifest.main).toBe('out/main/index.js');
    expect(entries).toContain(`/${manifest.main}`);
    expect(entries).toContain('/out/preload/index.js');
    expect(entries).toContain('/out/renderer/index.html');
    expect(manifest.productName).toBe('Mailbox Sweeper');
    await expect(readFile(join(stage, 'release', 'linux-unpacked', 'version'), 'utf8')).resolves.toContain(ELECTRON_VERSION);
  });

  it('packs only the build output: no sources, tests, source maps or node_modules', () => {
    const unexpected = entries.filter((entry) => !entry.startsWith('/out') && entry !== '/package.json');
    expect(unexpected).toEqual([]);
    expect(entries.some((entry) => entry.endsWith('.map') || entry.endsWith('.ts'))).toBe(false);
  });

  it('has CommonJS main bundles (index and its workers) that need nothing but Electron, Node built-ins and each other', () => {
    // index.js, the demo simulator's worker and the EWS parse worker share chunks (out/main/chunks/):
    // follow every relative require and check each file is packed and needs nothing from outside.
    const seen = new Set<string>();
    const queue = ['out/main/index.js', 'out/main/simWorker.js', 'out/main/ewsParseWorker.js'];
    const outside: string[] = [];
    while (queue.length > 0) {
      const file = queue.shift() ?? '';
      if (seen.has(file)) continue;
      seen.add(file);
      expect(entries).toContain(`/${file}`);
      const code = extractFile(asarPath, file).toString('utf8');
      // CommonJS, as package.json has no "type": "module".
      expect(code, file).not.toMatch(/^(import|export)\s/m);
      for (const [, name = ''] of code.matchAll(/require\("([^"]+)"\)/g)) {
        if (name.startsWith('./') || name.startsWith('../')) queue.push(posix.normalize(posix.join(posix.dirname(file), name)));
        // Built-ins may be named without the node: prefix by bundled libraries (selfsigned's 'crypto').
        else if (name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name)) outside.push(`${file}: ${name}`);
      }
    }
    expect(outside).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('puts the command line beside app.asar (resources/cli), where plain Node can run it, and not inside', async () => {
    const cli = join(stage, 'release', 'linux-unpacked', 'resources', 'cli');
    await expect(readFile(join(cli, 'mailbox-sweeper.js'), 'utf8')).resolves.toContain('mailbox-sweeper — search and clean many Exchange mailboxes');
    await expect(readFile(join(cli, 'ewsParseWorker.js'), 'utf8')).resolves.toMatch(/parentPort/);
    expect(entries.some((entry) => entry.startsWith('/out/cli'))).toBe(false);
  });

  it('has a CommonJS preload (sandboxed preloads cannot be ES modules) that only requires electron', () => {
    const preload = extractFile(asarPath, 'out/preload/index.js').toString('utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("sweeper"');
  });
});
