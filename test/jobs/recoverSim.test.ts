// Recover of a deleted folder's items against the simulator over HTTP: the dry run groups orphans
// by the folder they were deleted from, the newFolders policy makes one folder per group with
// CreateFolder and moves each group there (also after kill -9 and a resume, without a second
// folder), and the fallback works as before.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, NO_FAULTS, startSimulator, type RunningSimulator } from '../../electron/sim';
import { journalPath, readJournal } from '../../electron/jobs/journal';
import { replayJournal } from '../../electron/jobs/replay';
import type { JobResult } from '../../electron/jobs/runner';
import type { JobSpec, MailboxRef } from '../../shared/domain';
import { makeEngine, outcomesOf, tempDir } from './helpers';
import { ewsBackend } from './simHarness';

const runner = fileURLToPath(new URL('./crashRunner.ts', import.meta.url));
let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const closers: (() => void)[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(async () => {
  for (const c of closers) c();
  await sim.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir('recover-sim-'));
  sim.setFaults({ ...NO_FAULTS, seed: 11 });
});
afterEach(() => cleanup());

const me: MailboxRef = { part: 'primary' };

function distinguished(name: string): string {
  const f = sim.store.folderByDistinguished(DEMO_ADMIN, name);
  if (!f) throw new Error(`no ${name}`);
  return f.id;
}

let counter = 0;
/**
 * A folder under the Inbox whose `n` items were soft-deleted into Deletions before the folder
 * itself was removed: its items now point at a source key no folder has. Returns that key.
 */
function deletedFolder(tag: string, n: number, received = '2025-04-01T00:00:00Z'): { key: string; subjects: string[] } {
  const doomed = sim.store.createFolder(distinguished('inbox'), `Doomed ${++counter}`);
  const key = doomed.sourceKey;
  if (!key) throw new Error('the simulator gave the folder no source key');
  const ids = sim.store.seedItems(distinguished('recoverableitemsdeletions'), n, {
    subject: (i) => `${tag}-${i}`,
    lastActiveParentFolderId: doomed.id,
    received,
    receivedStepSeconds: 1,
  });
  sim.store.removeFolder(doomed.id);
  return { key, subjects: ids.map((_, i) => `${tag}-${i}`) };
}

function topFolderNamed(name: string): string[] {
  const root = distinguished('msgfolderroot');
  return sim.store
    .childFolders(root)
    .filter((f) => f.displayName === name)
    .map((f) => f.id);
}

function subjectsIn(folderId: string): Set<string> {
  return new Set(sim.store.folderItems(folderId).map((i) => i.subject));
}

function recoverSpec(tag: string, fallback: string, orphans?: Extract<JobSpec['action'], { kind: 'recover' }>['orphans']): JobSpec {
  return {
    mailbox: me,
    action: { kind: 'recover', fallbackFolderId: fallback, ...(orphans ? { orphans } : {}) },
    target: { kind: 'query', folderId: distinguished('recoverableitemsdeletions'), filter: { subjectContains: tag } },
  };
}

function engine() {
  const { backend, client } = ewsBackend(sim.url, me);
  closers.push(() => client.close());
  return makeEngine(dir, backend, { requestTimeoutMs: 2_000 });
}

describe('recover a deleted folder against the simulator', () => {
  it('groups orphans per deleted folder in the dry run, then restores each group into its own new folder', async () => {
    const tag = `grp${++counter}`;
    const a = deletedFolder(`${tag}-a`, 14, '2025-04-02T10:00:00Z');
    const b = deletedFolder(`${tag}-b`, 5, '2025-03-01T00:00:00Z');
    const fallback = sim.store.createFolder(distinguished('inbox'), `Fallback ${tag}`).id;
    const eng = engine();

    const dry = await eng.dryRun(recoverSpec(tag, fallback));
    expect(dry.orphanGroups?.map((g) => [g.lastActiveParentEntryId, g.itemCount, g.lastSeenBasis])).toEqual([
      [a.key, 14, 'modified'],
      [b.key, 5, 'modified'],
    ]);
    // Seeded straight into Deletions, the items were last modified when they arrived.
    expect(dry.orphanGroups?.[0]?.lastSeen).toBe('2025-04-02T10:00:00Z');

    const orphans = {
      kind: 'newFolders' as const,
      parentFolderId: 'msgfolderroot',
      names: [
        { lastActiveParentEntryId: a.key, displayName: `Restored ${tag} A` },
        { lastActiveParentEntryId: b.key, displayName: `Restored ${tag} B` },
      ],
    };
    const preview = await eng.dryRun(recoverSpec(tag, fallback, orphans));
    expect(preview.byDestination.filter((d) => d.newFolder).map((d) => [d.displayName, d.itemCount])).toEqual([
      [`Restored ${tag} A`, 14],
      [`Restored ${tag} B`, 5],
    ]);
    expect(topFolderNamed(`Restored ${tag} A`)).toHaveLength(0);

    const job = await eng.start(recoverSpec(tag, fallback, orphans));
    expect((await job.done).counts.done).toBe(19);
    const [folderA] = topFolderNamed(`Restored ${tag} A`);
    const [folderB] = topFolderNamed(`Restored ${tag} B`);
    expect(subjectsIn(folderA ?? '')).toEqual(new Set(a.subjects));
    expect(subjectsIn(folderB ?? '')).toEqual(new Set(b.subjects));
    expect(sim.store.itemCount(fallback)).toBe(0);
    const rows = [...(await outcomesOf(dir, job.jobId)).values()];
    expect(rows.filter((r) => r.destinationFolderId === folderA)).toHaveLength(14);
  });

  it('reuses a folder of that name under the parent, and still sends unnamed groups to the fallback', async () => {
    const tag = `reuse${++counter}`;
    const a = deletedFolder(`${tag}-a`, 4);
    const b = deletedFolder(`${tag}-b`, 3);
    const existing = sim.store.createFolder(distinguished('msgfolderroot'), `Kept ${tag}`).id;
    const fallback = sim.store.createFolder(distinguished('inbox'), `Fallback ${tag}`).id;
    const orphans = { kind: 'newFolders' as const, parentFolderId: 'msgfolderroot', names: [{ lastActiveParentEntryId: a.key, displayName: `kept ${tag}` }] };
    const res = await (await engine().start(recoverSpec(tag, fallback, orphans))).done;
    expect(res.counts.done).toBe(7);
    expect(topFolderNamed(`kept ${tag}`)).toHaveLength(0);
    expect(subjectsIn(existing)).toEqual(new Set(a.subjects));
    expect(subjectsIn(fallback)).toEqual(new Set(b.subjects));
  });

  it('the fallback policy works as before: every orphan to the chosen folder', async () => {
    const tag = `fb${++counter}`;
    const a = deletedFolder(`${tag}-a`, 6);
    const fallback = sim.store.createFolder(distinguished('inbox'), `Fallback ${tag}`).id;
    const res = await (await engine().start(recoverSpec(tag, fallback, { kind: 'fallback' }))).done;
    expect(res.counts.done).toBe(6);
    expect(subjectsIn(fallback)).toEqual(new Set(a.subjects));
  });
});

it('after kill -9 mid-run, the resumed job moves the rest into the same new folder and makes no second one', async () => {
  const tag = `crash${++counter}`;
  const a = deletedFolder(`${tag}-a`, 2500, '2025-06-01T00:00:00Z');
  const b = deletedFolder(`${tag}-b`, 40);
  const fallback = sim.store.createFolder(distinguished('inbox'), `Fallback ${tag}`).id;
  const name = `Crash restore ${tag}`;
  const orphans = {
    kind: 'newFolders' as const,
    parentFolderId: 'msgfolderroot',
    names: [
      { lastActiveParentEntryId: a.key, displayName: name },
      { lastActiveParentEntryId: b.key, displayName: `${name} B` },
    ],
  };
  // Slow answers, so the kill lands with batches in flight.
  sim.setFaults({ seed: 5, requestLatencyMs: 40 });
  const first = runChild(['start', JSON.stringify(recoverSpec(tag, fallback, orphans))]);
  const jobId = await first.line((l) => l.startsWith('JOB ')).then((l) => l.slice(4));
  await first.line((l) => l.startsWith('DONE ') && Number(l.slice(5)) >= 500);
  first.kill();
  await first.exited;

  const file = journalPath(dir, jobId);
  const afterKill = await replayJournal(file);
  expect(afterKill?.createdFolders.size).toBe(2);
  expect(afterKill?.counts.done).toBeLessThan(2540);
  expect(topFolderNamed(name)).toHaveLength(1);

  sim.setFaults({ ...NO_FAULTS });
  const second = runChild(['resume', jobId]);
  const result = JSON.parse((await second.line((l) => l.startsWith('RESULT '))).slice(7)) as JobResult;
  await second.exited;
  expect(result.state).toBe('completed');
  expect(result.counts.done + result.counts.unknown).toBe(2540);

  const [folderA] = topFolderNamed(name);
  expect(topFolderNamed(name)).toHaveLength(1);
  expect(topFolderNamed(`${name} B`)).toHaveLength(1);
  expect(subjectsIn(folderA ?? '')).toEqual(new Set(a.subjects));
  let folderRecords = 0;
  for await (const rec of readJournal(file)) if (rec.t === 'folder') folderRecords++;
  expect(folderRecords).toBe(2);
}, 120_000);

interface Child {
  line(match: (line: string) => boolean): Promise<string>;
  kill(): void;
  exited: Promise<number | null>;
}

/** The job in a child process (see crashRunner.ts), so that it can be killed with SIGKILL. */
function runChild(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', runner, sim.url, dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const seen: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  createInterface({ input: proc.stdout! }).on('line', (l) => {
    seen.push(l);
    for (const w of [...waiters]) {
      if (w.match(l)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    line: (match) =>
      new Promise((resolve, reject) => {
        const earlier = seen.find(match);
        if (earlier !== undefined) return resolve(earlier);
        waiters.push({ match, resolve });
        void exited.then((code) => reject(new Error(`child exited (${code}) before the expected line; stderr: ${stderr}`)));
      }),
    kill: () => proc.kill('SIGKILL'),
    exited,
  };
}
