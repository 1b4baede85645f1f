// What a power cut keeps of a journal (journal.ts, "What is durable when"): 'written' records reach
// the disk with the next synced one, one fdatasync per group, and a new journal's folder is synced
// with its first sync, once. A power cut is simulated by taking the journal's bytes as they were
// when the last fdatasync returned: at every request a job sends, that copy must already hold the
// header, the plan of the items sent and their intent, and the folder must have been synced.
// Batch results are only written: a power cut after some of them leaves their items sent without
// an answer, and the resume settles them against the mailbox.
import { promises as fsp, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JournalWriter, readJournal, type JournalRecord } from '../../electron/jobs/journal';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import { summaryPath } from '../../electron/jobs/history';
import type { JobAction } from '../../shared/domain';
import { FakeBackend } from './fakeBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
/** fdatasync calls (the journal's own file) and fsync calls (the writer uses them for folders only). */
let fileSyncs: number;
let dirSyncs: number;
/** Called once an fdatasync has returned (still before the writer goes on). */
let afterFileSync: () => void;
let afterDirSync: () => void;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('journal-durability-'));
  fileSyncs = 0;
  dirSyncs = 0;
  afterFileSync = () => undefined;
  afterDirSync = () => undefined;
  // FileHandle is not exported: reach its prototype through a handle.
  const probe = await fsp.open(dir, 'r');
  const proto = Object.getPrototypeOf(probe) as fsp.FileHandle;
  await probe.close();
  const datasync = proto.datasync;
  const sync = proto.sync;
  vi.spyOn(proto, 'datasync').mockImplementation(async function (this: fsp.FileHandle) {
    await datasync.call(this);
    fileSyncs++;
    afterFileSync();
  });
  vi.spyOn(proto, 'sync').mockImplementation(async function (this: fsp.FileHandle) {
    await sync.call(this);
    dirSyncs++;
    afterDirSync();
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const header: JournalRecord = {
  t: 'header',
  v: 2,
  jobId: 'j',
  createdAt: 'T0',
  user: 'u',
  spec: { mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: [] } },
  targetDescription: 'x',
};

describe('JournalWriter durability', () => {
  it("syncs nothing for 'written' records, then one fdatasync (and the new file's folder, once) for a synced one", async () => {
    const file = join(dir, 'j.journal.jsonl');
    const w = await JournalWriter.open(file);
    await w.append(header, 'written');
    await w.append({ t: 'state', at: 'a', state: 'planning' }, 'written');
    const afterWritten = w.writtenBytes;
    expect(afterWritten).toBe(readFileSync(file).length);
    expect([fileSyncs, dirSyncs, w.syncedBytes]).toEqual([0, 0, 0]);

    await w.append({ t: 'intent', b: 1, at: 'b', seqs: [] });
    expect([fileSyncs, dirSyncs]).toEqual([1, 1]);
    expect(w.syncedBytes).toBe(w.writtenBytes);
    expect(w.syncedBytes).toBeGreaterThan(afterWritten);

    // Appends made together share one sync; the folder is not synced again.
    await Promise.all([w.append({ t: 'state', at: 'c', state: 'running' }, 'written'), w.append({ t: 'result', b: 1, at: 'd', out: [] })]);
    expect(dirSyncs).toBe(1);
    expect(fileSyncs).toBeLessThanOrEqual(2);

    // Closing puts what was only written on disk.
    await w.append({ t: 'state', at: 'e', state: 'paused' }, 'written');
    const syncsBefore = fileSyncs;
    await w.close();
    expect(fileSyncs).toBe(syncsBefore + 1);
  });

  it('does not sync the folder of a journal that already has records (a resume)', async () => {
    const file = join(dir, 'j.journal.jsonl');
    const first = await JournalWriter.open(file);
    await first.append(header);
    await first.close();
    const dirSyncsBefore = dirSyncs;
    const again = await JournalWriter.open(file);
    await again.append({ t: 'state', at: 'a', state: 'running' });
    await again.close();
    expect(dirSyncs).toBe(dirSyncsBefore);
  });
});

describe('a job under a power cut at any request', () => {
  it('has the header, the plan of the items sent and their intent on disk (and its folder synced) before each request', async () => {
    const fb = new FakeBackend();
    fb.addItems('inbox', 1_500, (i) => ({ subject: `cut-${i}` }));
    fb.latencyMs = 2;
    const journalFile = (): string | undefined => {
      const name = readdirSync(dir).find((n) => n.endsWith('.journal.jsonl'));
      return name === undefined ? undefined : join(dir, name);
    };
    /** The journal as a power cut would leave it: its bytes when the last fdatasync returned. */
    let onDisk = Buffer.alloc(0);
    let folderSynced = false;
    afterFileSync = () => {
      const file = journalFile();
      if (file !== undefined) onDisk = readFileSync(file);
    };
    afterDirSync = () => {
      folderSynced = true;
    };
    const atRequest: { ids: readonly string[]; onDisk: Buffer; folderSynced: boolean }[] = [];
    fb.requestFault = ({ op, ids }) => {
      if (op === 'delete') atRequest.push({ ids, onDisk, folderSynced });
      return undefined;
    };
    const engine = makeEngine(dir, fb, { concurrencyCap: 4, initialConcurrency: 4, batch: { initial: 200, max: 200 } });
    const job = await engine.start({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: 'inbox', filter: { subjectContains: 'cut-' } },
    });
    const result = await job.done;
    expect(result.counts.done).toBe(1_500);
    expect(atRequest.length).toBeGreaterThanOrEqual(8);

    const copy = join(dir, 'cut.copy');
    for (const [i, at] of atRequest.entries()) {
      expect(at.folderSynced, `request ${i + 1}: the new journal's folder was not synced`).toBe(true);
      writeFileSync(copy, at.onDisk);
      const replayed = await replayJournal(copy);
      expect(replayed, `request ${i + 1}: no header on disk`).toBeDefined();
      expect(replayed?.integrity.damaged).toBe(false);
      const planned = new Map<string, number>();
      const sent = new Set<number>();
      for await (const rec of readJournal(copy)) {
        if (rec.t === 'plan') for (const it of rec.items) planned.set(it.id, it.seq);
        if (rec.t === 'intent') for (const s of rec.seqs) sent.add(s);
      }
      for (const id of at.ids) {
        const seq = planned.get(id);
        expect(seq, `request ${i + 1}: item ${id} is not in the plan on disk`).toBeDefined();
        expect(sent.has(seq ?? -1), `request ${i + 1}: item ${id} has no intent on disk`).toBe(true);
      }
    }
  });
});

describe('a power cut after outcomes that were only written', () => {
  /**
   * Runs a job over 1,000 items to its end, then puts back its journal as it was at the last
   * fdatasync before the final state (the last intent's): the outcomes written after it are gone,
   * as the mailbox's changes are not. Returns what the resume needs and what was lost.
   */
  async function runAndCut(fb: FakeBackend, action: JobAction): Promise<{ jobId: string; lost: Set<number>; syncs: number; intents: number }> {
    fb.addItems('inbox', 1_000, (i) => ({ subject: `cut-${i}` }));
    fb.latencyMs = 2;
    const synced: Buffer[] = [];
    afterFileSync = () => {
      const name = readdirSync(dir).find((n) => n.endsWith('.journal.jsonl'));
      if (name !== undefined) synced.push(readFileSync(join(dir, name)));
    };
    const engine = makeEngine(dir, fb, { concurrencyCap: 4, initialConcurrency: 4, batch: { initial: 100, max: 100 } });
    const job = await engine.start({ mailbox: { part: 'primary' }, action, target: { kind: 'query', folderId: 'inbox', filter: { subjectContains: 'cut-' } } });
    const result = await job.done;
    expect(result.counts.done).toBe(1_000);
    const syncs = fileSyncs;
    afterFileSync = () => undefined;

    const file = join(dir, `${job.jobId}.journal.jsonl`);
    const full = readFileSync(file);
    // The final state is the job's last sync; the one before it is where a power cut just before the end leaves the journal.
    expect(synced.at(-1)?.equals(full)).toBe(true);
    const cut = synced.at(-2) ?? Buffer.alloc(0);
    expect(full.subarray(0, cut.length).equals(cut)).toBe(true);
    let intents = 0;
    for await (const rec of readJournal(file)) if (rec.t === 'intent') intents++;

    writeFileSync(file, cut);
    rmSync(summaryPath(dir, job.jobId), { force: true });
    const replayed = await replayJournal(file);
    expect(replayed?.integrity.damaged).toBe(false);
    const lost = new Set<number>();
    for (let s = 0; s < (replayed?.status.length ?? 0); s++) if (replayed?.status.get(s) === ItemStatus.InFlight) lost.add(s);
    return { jobId: job.jobId, lost, syncs, intents };
  }

  it('a delete: the items are sent again, found gone, and each ends in one outcome matching the mailbox', async () => {
    const fb = new FakeBackend();
    const { jobId, lost, syncs, intents } = await runAndCut(fb, { kind: 'delete', mode: 'HardDelete' });
    // One fdatasync a batch (its intent) and one for the final state: results add none.
    expect(syncs).toBeLessThanOrEqual(intents + 1);
    expect(lost.size).toBeGreaterThan(0);
    const sentBefore = fb.calls.length;

    const resumed = await (await makeEngine(dir, fb).resume(jobId)).done;
    expect(resumed.state).toBe('completed');
    const outcomes = await outcomesOf(dir, jobId);
    expect(outcomes.size).toBe(1_000);
    const resent = new Set(fb.calls.slice(sentBefore).flatMap((c) => c.ids));
    expect(resent.size).toBe(lost.size);
    for (const row of outcomes.values()) {
      // Every item is in Purges, once: its outcome says it is gone, and only a lost one was sent again.
      if (resent.has(row.itemId)) {
        expect(row.outcome).toBe('alreadyGone');
        expect(row.message).toMatch(/earlier answer was lost/);
      } else expect(row.outcome).toBe('done');
    }
    expect(fb.inFolder('recoverableitemspurges')).toHaveLength(1_000);
    for (const [key, times] of fb.applied) expect(times, key).toBe(1);
  });

  it('a move: the items are looked up, found in the destination, and each ends done with its id there', async () => {
    const fb = new FakeBackend();
    fb.addFolder('archive', 'Archive', 'msgfolderroot');
    const keyOf = new Map<string, string>();
    const { jobId, lost } = await runAndCut(fb, { kind: 'move', toFolderId: 'archive' });
    for (const it of fb.items.values()) keyOf.set(it.subject, it.key);
    expect(lost.size).toBeGreaterThan(0);
    const movesBefore = fb.calls.length;

    const resumed = await (await makeEngine(dir, fb).resume(jobId)).done;
    expect(resumed.state).toBe('completed');
    // Nothing is moved twice: the lost ones were verified, not sent again.
    expect(fb.calls.length).toBe(movesBefore);
    const outcomes = await outcomesOf(dir, jobId);
    expect(outcomes.size).toBe(1_000);
    for (const row of outcomes.values()) {
      expect(row.outcome).toBe('done');
      const now = fb.byKey(keyOf.get(row.subject) ?? '');
      expect(now?.folderId).toBe('archive');
      expect(row.newId).toBe(now?.id);
    }
    for (const [key, times] of fb.applied) expect(times, key).toBe(1);
  });

  it('a copy: the items are looked up, their copies found, and no second copy is made', async () => {
    const fb = new FakeBackend();
    fb.addFolder('archive', 'Archive', 'msgfolderroot');
    const { jobId, lost } = await runAndCut(fb, { kind: 'copy', toFolderId: 'archive' });
    expect(lost.size).toBeGreaterThan(0);
    const copiesBefore = fb.calls.length;

    const resumed = await (await makeEngine(dir, fb).resume(jobId)).done;
    expect(resumed.state).toBe('completed');
    expect(fb.calls.length).toBe(copiesBefore);
    const copies = new Map(fb.inFolder('archive').map((it) => [it.subject, it.id]));
    expect(copies.size).toBe(1_000);
    expect(fb.inFolder('archive')).toHaveLength(1_000);
    const outcomes = await outcomesOf(dir, jobId);
    expect(outcomes.size).toBe(1_000);
    for (const row of outcomes.values()) {
      expect(row.outcome).toBe('done');
      expect(row.newId).toBe(copies.get(row.subject));
    }
  });
});
