// The packaged command line: `npm run build:cli`'s bundle (built here into a temporary folder outside
// the checkout, so no node_modules is anywhere above it) runs with plain Node: --help, and a search
// against the simulator; it needs nothing but Node's built-ins and its own files. bin.cjs prefers a
// build that is at least as new as the sources and falls back to them through tsx when it is stale.
import { execFile, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { cliEnv } from './support';

const repo = resolve(import.meta.dirname, '..', '..');
let sim: RunningSimulator;
let out: string;
let dataDir: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'cli-built-'));
  dataDir = mkdtempSync(join(tmpdir(), 'cli-built-data-'));
  await promisify(execFile)(join(repo, 'node_modules', '.bin', 'vite'), ['build', '-c', 'electron/cli/vite.config.mts', '--outDir', out], {
    cwd: repo,
    env: { ...process.env, NO_COLOR: '1' },
  });
  sim = await startSimulator({ seed: 'empty', throttling: false });
  const inbox = sim.store.folderByDistinguished('alice@contoso.com', 'inbox');
  if (!inbox) throw new Error('no inbox');
  sim.store.seedItems(inbox.id, 3, { subject: 'Packaged search target' });
}, 120_000);
afterAll(async () => {
  await sim.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the built file; asynchronously, since the simulator answers from this process. */
const node = (
  args: readonly string[],
  env: NodeJS.ProcessEnv = { PATH: process.env.PATH },
): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((done) => {
    const child = execFile(process.execPath, [join(out, 'mailbox-sweeper.js'), ...args], { env, encoding: 'utf8', timeout: 60_000 }, (_error, stdout, stderr) =>
      done({ status: child.exitCode, stdout, stderr }),
    );
  });

describe('the built command line', () => {
  it('prints its help with plain Node', async () => {
    const r = await node(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^mailbox-sweeper — search and clean many Exchange mailboxes/);
    expect(r.stdout).toMatch(/retry {5}JOB_ID/);
  });

  it('searches the simulator', async () => {
    const r = await node(['search', '--mailbox', 'alice@contoso.com', '--subject', 'Packaged search', '--format', 'jsonl'], cliEnv(sim.url, dataDir));
    expect(r.stderr).toBe('3 hits (3.1 KB) in 1 of 1 mailboxes.\n');
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.find((e) => e.type === 'preview')).toMatchObject({ mailbox: 'alice@contoso.com', state: 'searched', hits: 3 });
  });

  it('needs nothing but Node built-ins and its own files', () => {
    const outside: string[] = [];
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.js')) files.push(join(dir, e.name));
      }
    };
    walk(out);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/^(import|export)\s/m);
      for (const [, name = ''] of code.matchAll(/require\("([^"]+)"\)/g))
        if (!name.startsWith('./') && !name.startsWith('../') && !name.startsWith('node:') && !builtinModules.includes(name)) outside.push(`${file}: ${name}`);
    }
    expect(outside).toEqual([]);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(expect.arrayContaining(['mailbox-sweeper.js', 'ewsParseWorker.js']));
  });
});

describe('bin.cjs', () => {
  it('runs a fresh build, and the sources when the build is older than them', () => {
    // A copy of the launcher in a stand-in checkout: its electron/ and shared/ sources, and a build.
    const checkout = mkdtempSync(join(tmpdir(), 'cli-launcher-'));
    try {
      cpSync(join(repo, 'electron'), join(checkout, 'electron'), { recursive: true });
      cpSync(join(repo, 'shared'), join(checkout, 'shared'), { recursive: true });
      symlinkSync(join(repo, 'node_modules'), join(checkout, 'node_modules'), 'dir');
      cpSync(out, join(checkout, 'out', 'cli'), { recursive: true });
      const built = join(checkout, 'out', 'cli', 'mailbox-sweeper.js');
      // Mark the build so its use shows in the help text.
      writeFileSync(built, readFileSync(built, 'utf8').replace('mailbox-sweeper — search', 'mailbox-sweeper (built) — search'));
      const run = (): string =>
        spawnSync(process.execPath, [join(checkout, 'electron', 'cli', 'bin.cjs'), '--help'], { encoding: 'utf8', timeout: 60_000 }).stdout;
      const future = new Date(Date.now() + 60_000);
      utimesSync(built, future, future);
      expect(run()).toMatch(/^mailbox-sweeper \(built\)/);
      const past = new Date(Date.now() - 3_600_000);
      utimesSync(built, past, past);
      expect(run()).toMatch(/^mailbox-sweeper — search/);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  }, 120_000);
});
