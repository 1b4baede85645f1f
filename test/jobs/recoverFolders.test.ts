// Recover with orphans: items whose home folder is gone, grouped by the folder they were deleted
// from (dry run), and restored into one new folder per group (newFolders policy) made once per job,
// also when an answer is lost or the job dies and is resumed, or the name already exists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobBackend } from '../../electron/jobs/backend';
import { BackendRequestError } from '../../electron/jobs/backend';
import { journalPath, readJournal, type JournalRecord } from '../../electron/jobs/journal';
import { replayJournal } from '../../electron/jobs/replay';
import type { JobSpec, RecoverOrphanPolicy } from '../../shared/domain';
import { FakeBackend, type FakeItem } from './fakeBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('recover-folders-')));
afterEach(() => cleanup());

const mailbox = { part: 'primary' as const };
const deletions = 'recoverableitemsdeletions';

interface Mailbox {
  fb: FakeBackend;
  home: FakeItem[];
  lost1: FakeItem[];
  lost2: FakeItem[];
  unknown: FakeItem[];
  key1: string;
  key2: string;
}

/** Deletions holding items of a living folder, of two deleted folders and of no known folder. */
function mailboxWithOrphans(n1 = 14, n2 = 6): Mailbox {
  const fb = new FakeBackend();
  fb.addFolder('projects', 'Projects', 'inbox');
  fb.addFolder('fallback', 'Recovered', 'msgfolderroot');
  const projects = fb.folders.get('projects')?.sourceKey ?? '';
  const key1 = Buffer.from('sk-deleted-one').toString('base64');
  const key2 = Buffer.from('sk-deleted-two').toString('base64');
  const at = (day: number) => new Date(Date.UTC(2025, 2, day)).toISOString();
  const home = fb.addItems(deletions, 5, (i) => ({ lastActive: projects, received: at(1 + i) }));
  const lost1 = fb.addItems(deletions, n1, (i) => ({ lastActive: key1, received: at(1 + (i % 20)), subject: `one-${i}` }));
  const lost2 = fb.addItems(deletions, n2, (i) => ({ lastActive: key2, received: at(2 + i), subject: `two-${i}` }));
  const unknown = fb.addItems(deletions, 3, () => ({ received: at(9) }));
  return { fb, home, lost1, lost2, unknown, key1, key2 };
}

function recoverSpec(orphans?: RecoverOrphanPolicy): JobSpec {
  return {
    mailbox,
    action: { kind: 'recover', fallbackFolderId: 'fallback', ...(orphans ? { orphans } : {}) },
    target: { kind: 'query', folderId: deletions, filter: {} },
  };
}

function newFolders(m: Mailbox, names: [string, string] = ['Lost one', 'Lost two']): RecoverOrphanPolicy {
  return {
    kind: 'newFolders',
    parentFolderId: 'msgfolderroot',
    names: [
      { lastActiveParentEntryId: m.key1, displayName: names[0] },
      { lastActiveParentEntryId: m.key2, displayName: names[1] },
    ],
  };
}

async function folderRecords(jobId: string): Promise<Extract<JournalRecord, { t: 'folder' }>[]> {
  const out: Extract<JournalRecord, { t: 'folder' }>[] = [];
  for await (const rec of readJournal(journalPath(dir, jobId))) if (rec.t === 'folder') out.push(rec);
  return out;
}

function folderNamed(fb: FakeBackend, name: string): string[] {
  return [...fb.folders.values()].filter((f) => f.displayName === name && f.parentId === 'msgfolderroot').map((f) => f.id);
}

describe('recover: orphans grouped by deleted folder', () => {
  it('dry run groups the items whose home is gone by LastActiveParentEntryId, unknown origin last', async () => {
    const m = mailboxWithOrphans();
    const dry = await makeEngine(dir, m.fb).dryRun(recoverSpec());
    expect(dry.itemCount).toBe(28);
    const groups = dry.orphanGroups ?? [];
    expect(groups.map((g) => [g.lastActiveParentEntryId, g.itemCount])).toEqual([
      [m.key1, 14],
      [m.key2, 6],
      [undefined, 3],
    ]);
    const size = (items: FakeItem[]) => items.reduce((s, i) => s + i.size, 0);
    expect(groups[0]).toMatchObject({ totalSize: size(m.lost1), lastSeenBasis: 'received', lastSeen: new Date(Date.UTC(2025, 2, 14)).toISOString() });
    expect(groups[1]?.lastSeen).toBe(new Date(Date.UTC(2025, 2, 7)).toISOString());
    // Fallback as before: every orphan to the fallback folder.
    expect(dry.byDestination.find((d) => d.folderId === 'fallback')).toMatchObject({ itemCount: 23, fallback: true });
  });

  it('dry run of the newFolders policy names the folders it would make and makes none', async () => {
    const m = mailboxWithOrphans();
    const dry = await makeEngine(dir, m.fb).dryRun(recoverSpec(newFolders(m)));
    expect(dry.byDestination.filter((d) => d.newFolder).map((d) => [d.displayName, d.itemCount, d.folderId])).toEqual([
      ['Lost one', 14, ''],
      ['Lost two', 6, ''],
    ]);
    expect(dry.byDestination.find((d) => d.folderId === 'fallback')).toMatchObject({ itemCount: 3, fallback: true });
    expect(m.fb.createdFolders).toHaveLength(0);
  });
});

describe('recover: into new folders', () => {
  it('makes one folder per group under the parent and moves each group there; home and unknown origin as before', async () => {
    const m = mailboxWithOrphans();
    const job = await makeEngine(dir, m.fb).start(recoverSpec(newFolders(m)));
    const res = await job.done;
    expect(res.counts.done).toBe(28);
    expect(m.fb.createdFolders.map((f) => [f.displayName, f.parentId])).toEqual([
      ['Lost one', 'msgfolderroot'],
      ['Lost two', 'msgfolderroot'],
    ]);
    const [one, two] = m.fb.createdFolders.map((f) => f.id);
    for (const i of m.lost1) expect(m.fb.byKey(i.key)?.folderId).toBe(one);
    for (const i of m.lost2) expect(m.fb.byKey(i.key)?.folderId).toBe(two);
    for (const i of m.home) expect(m.fb.byKey(i.key)?.folderId).toBe('projects');
    for (const i of m.unknown) expect(m.fb.byKey(i.key)?.folderId).toBe('fallback');
    expect((await folderRecords(job.jobId)).map((r) => [r.name, r.id, r.reused])).toEqual([
      ['Lost one', one, false],
      ['Lost two', two, false],
    ]);
    const rows = [...(await outcomesOf(dir, job.jobId)).values()];
    expect(rows.filter((r) => r.destinationFolderId === one)).toHaveLength(14);
    expect(job.summary().title).toMatch(/^Recover to original folder \(fallback fallback; deleted folders' items into 2 new folders\)/);
  });

  it('reuses a folder of the same name (any case) under the parent instead of failing with ErrorFolderExists', async () => {
    const m = mailboxWithOrphans();
    m.fb.addFolder('existing', 'lost ONE', 'msgfolderroot');
    const job = await makeEngine(dir, m.fb).start(recoverSpec(newFolders(m)));
    expect((await job.done).counts.done).toBe(28);
    expect(m.fb.createdFolders.map((f) => f.displayName)).toEqual(['Lost two']);
    for (const i of m.lost1) expect(m.fb.byKey(i.key)?.folderId).toBe('existing');
    expect((await folderRecords(job.jobId)).find((r) => r.id === 'existing')).toMatchObject({ reused: true, name: 'lost ONE' });
  });

  it('a CreateFolder whose answer was lost is not repeated as a second folder: the retry finds it', async () => {
    const m = mailboxWithOrphans();
    m.fb.requestFault = (req) => (req.op === 'createFolder' && req.n === 1 ? { kind: 'lost' } : undefined);
    const job = await makeEngine(dir, m.fb).start(recoverSpec(newFolders(m)));
    expect((await job.done).counts.done).toBe(28);
    expect(folderNamed(m.fb, 'Lost one')).toHaveLength(1);
    const one = folderNamed(m.fb, 'Lost one')[0];
    for (const i of m.lost1) expect(m.fb.byKey(i.key)?.folderId).toBe(one);
    expect((await folderRecords(job.jobId)).find((r) => r.name === 'Lost one')).toMatchObject({ id: one, reused: true });
  });

  it('a group whose folder is back (restored meanwhile) goes home, and no folder is made for it', async () => {
    const m = mailboxWithOrphans();
    const back = m.fb.addFolder('back', 'Back again', 'inbox');
    back.sourceKey = m.key2;
    await (
      await makeEngine(dir, m.fb).start(recoverSpec(newFolders(m)))
    ).done;
    expect(m.fb.createdFolders.map((f) => f.displayName)).toEqual(['Lost one']);
    for (const i of m.lost2) expect(m.fb.byKey(i.key)?.folderId).toBe('back');
  });

  it('a job resumed after dying mid-run uses the journalled folders, even renamed, and makes none again', async () => {
    // Two pages of orphans, so the first engine dies with the listing half done.
    const m = mailboxWithOrphans(1500, 6);
    const first = makeEngine(dir, dyingAfterFirstList(m.fb), { requestTimeoutMs: 600_000 });
    const job = await first.start(recoverSpec(newFolders(m)));
    const file = journalPath(dir, job.jobId);
    await until(async () => (await replayJournal(file))?.lastBatch !== 0);
    const replayed = await replayJournal(file);
    expect(replayed?.planned).toBe(false);
    expect(replayed?.createdFolders.size).toBe(2);
    expect(m.fb.createdFolders).toHaveLength(2);
    // The admin renames the new folder while the app is down: the job keeps to it.
    const [one, two] = m.fb.createdFolders;
    if (!one || !two) throw new Error('folders not made');
    one.displayName = 'Renamed meanwhile';

    const res = await (await makeEngine(dir, m.fb).resume(job.jobId)).done;
    expect(res).toMatchObject({ state: 'completed', total: 1514 });
    expect(m.fb.createdFolders).toHaveLength(2);
    expect(folderNamed(m.fb, 'Lost one')).toHaveLength(0);
    for (const i of m.lost1) expect(m.fb.byKey(i.key)?.folderId).toBe(one.id);
    for (const i of m.lost2) expect(m.fb.byKey(i.key)?.folderId).toBe(two.id);
    expect(await folderRecords(job.jobId)).toHaveLength(2);
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 5));
}

/**
 * The mailbox as seen by an engine about to die: folder calls and its first item listing are
 * answered, then every other request hangs for good (its own wrapper, so nothing it still sends
 * reaches the mailbox once the resumed engine runs).
 */
function dyingAfterFirstList(fb: FakeBackend): JobBackend {
  let lists = 0;
  const hang = (signal: AbortSignal): Promise<never> =>
    new Promise((_, reject) =>
      signal.addEventListener(
        'abort',
        () => reject(new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'aborted', mayHaveExecuted: true })),
        { once: true },
      ),
    );
  return {
    listItems: (req, signal) => (++lists <= 1 ? fb.listItems(req, signal) : hang(signal)),
    getItems: (_ids, signal) => hang(signal),
    moveItems: (_ids, _to, signal) => hang(signal),
    copyItems: (_ids, _to, signal) => hang(signal),
    deleteItems: (_ids, _mode, signal) => hang(signal),
    emptyFolder: (_folder, _mode, _sub, signal) => hang(signal),
    getFolder: (id, signal) => fb.getFolder(id, signal),
    listFoldersWithSourceKeys: (signal) => fb.listFoldersWithSourceKeys(signal),
    createFolder: (parent, name, signal) => fb.createFolder(parent, name, signal),
    moveFolder: (folder, to, signal) => fb.moveFolder(folder, to, signal),
  };
}
