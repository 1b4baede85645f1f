// Journals damaged between a "kill -9" and the resume, one test per damage kind of issue 13: each
// is detected (named by file and line), listed in Job history as damaged, and a resume ends with
// a report the mailbox agrees with: nothing claimed that was not seen, nothing moved twice.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultBackoffOptions, AccountGate, realClock } from '../../electron/jobs/backoff';
import { JournalWriter } from '../../electron/jobs/journal';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import { JobRun } from '../../electron/jobs/runner';
import {
  asLegacy,
  expectMailboxAndReportAgree,
  ITEMS,
  killedMoveJob,
  lines,
  nthLine,
  resealed,
  resumeToEnd,
  writeLines,
  type KilledJob,
} from './damageHarness';
import { makeEngine, outcomesOf, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('journal-damage-')));
afterEach(() => cleanup());

/** Replays the damaged journal: damaged at `line` (1-based) for the reason matched. */
async function expectDamage(job: KilledJob, line: number, reason: RegExp): Promise<void> {
  const replayed = await replayJournal(job.file);
  expect(replayed?.integrity.damage?.line).toBe(line);
  expect(replayed?.integrity.damage?.reason).toMatch(reason);
  expect(replayed?.integrity.describe()).toContain(job.file);
  const listed = (await makeEngine(dir, job.fb).listJobs()).find((j) => j.jobId === job.jobId);
  expect(listed).toMatchObject({ state: 'interrupted', resumable: true, integrity: { status: 'damaged' } });
  expect(listed?.integrity?.detail).toContain(`line ${line}`);
}

/** Resumes; the job completes, every item has one outcome, and the mailbox agrees with each. */
async function expectHonestResume(job: KilledJob): Promise<Map<string, string>> {
  const { engine, state } = await resumeToEnd(dir, job);
  expect(state).toBe('completed');
  const kinds = await expectMailboxAndReportAgree(dir, job, state);
  const entry = (await engine.listJobs()).find((j) => j.jobId === job.jobId);
  expect(entry).toMatchObject({ state: 'completed', total: ITEMS, integrity: { status: 'damaged' } });
  // The damaged original is kept beside the journal as evidence.
  expect((await replayJournal(job.file))?.integrity.damaged).toBe(false);
  return kinds;
}

describe('journal damage between a kill and the resume', () => {
  it('an undamaged journal resumes to 1,500 moved items, each reported done once', async () => {
    const job = await killedMoveJob(dir);
    expect((await replayJournal(job.file))?.integrity.damaged).toBe(false);
    const { state } = await resumeToEnd(dir, job);
    expect(state).toBe('completed');
    const kinds = await expectMailboxAndReportAgree(dir, job, state);
    expect([...kinds.values()].every((k) => k === 'done')).toBe(true);
    expect(job.fb.inFolder('dest')).toHaveLength(ITEMS);
  });

  it('a damaged plan record: refused at its line; nothing from it on is trusted, items are verified, none reported done unseen', async () => {
    const job = await killedMoveJob(dir);
    const ls = lines(job.file);
    const at = nthLine(ls, 'plan', 2);
    ls[at] = (ls[at] ?? '').replace('Subject', 'Sub ject');
    writeLines(job.file, ls);
    await expectDamage(job, at + 1, /checksum mismatch/);
    const { state } = await resumeToEnd(dir, job);
    // Items the lost records had moved can no longer be traced by their old ids: they are reported
    // unknown, never done; everything reported done is in the destination.
    const kinds = await expectMailboxAndReportAgree(dir, job, state);
    expect(state).toBe('completed');
    expect(job.fb.inFolder('dest')).toHaveLength(ITEMS);
    expect([...kinds.values()].filter((k) => k === 'done').length + [...kinds.values()].filter((k) => k === 'unknown').length).toBe(ITEMS);
  });

  it('a damaged plan record of a query job: refused; the resume lists on, and does not call the job completed when items it cannot list again may have moved', async () => {
    const job = await killedMoveJob(dir, 'query');
    const ls = lines(job.file);
    const at = nthLine(ls, 'plan', 1);
    ls[at] = (ls[at] ?? '').replace('Subject', 'Sub ject');
    writeLines(job.file, ls);
    await expectDamage(job, at + 1, /checksum mismatch/);
    const { engine, state, error } = await resumeToEnd(dir, job);
    // Items the lost lines had moved are gone from the folder: listing again cannot find them,
    // so the report cannot be complete, and the job says so instead of "completed".
    expect(state).toBe('failed');
    expect(error).toMatch(/set-aside lines may have been acted on without an outcome here \(compare with .*\.damaged-/);
    const kinds = await expectMailboxAndReportAgree(dir, job, state);
    // Whatever is still in the folder is not reported moved.
    for (const it of job.fb.inFolder('inbox')) expect(kinds.get(it.key)).not.toBe('done');
    expect((await engine.listJobs()).find((j) => j.jobId === job.jobId)).toMatchObject({ state: 'failed', integrity: { status: 'damaged' } });
  });

  it('a query job whose last lines were written twice still completes: the set-aside lines only repeat trusted ones', async () => {
    const job = await killedMoveJob(dir, 'query');
    const ls = lines(job.file);
    writeLines(job.file, [...ls, ...ls.slice(-10)]);
    await expectDamage(job, ls.length + 1, /repeats record/);
    const { state } = await resumeToEnd(dir, job);
    expect(state).toBe('completed');
    await expectMailboxAndReportAgree(dir, job, state);
  });

  it('the last 10 lines written twice: refused as a repeat, no item gets two outcomes', async () => {
    const job = await killedMoveJob(dir);
    const ls = lines(job.file);
    writeLines(job.file, [...ls, ...ls.slice(-10)]);
    await expectDamage(job, ls.length + 1, /repeats record/);
    const kinds = await expectHonestResume(job);
    expect([...kinds.values()].every((k) => k === 'done')).toBe(true);
  });

  it('a plan record repeated at the end: refused, nothing moved is reported failed', async () => {
    const job = await killedMoveJob(dir);
    const ls = lines(job.file);
    const plan = nthLine(ls, 'plan', 0);
    writeLines(job.file, [...ls, ls[plan] ?? '']);
    await expectDamage(job, ls.length + 1, new RegExp(`repeats record ${plan + 1} `));
    const kinds = await expectHonestResume(job);
    expect([...kinds.values()].filter((k) => k === 'failed')).toHaveLength(0);
  });

  it('the whole file appended to itself: refused at the second header, one outcome per item', async () => {
    const job = await killedMoveJob(dir);
    const ls = lines(job.file);
    writeLines(job.file, [...ls, ...ls]);
    await expectDamage(job, ls.length + 1, /repeats record 1/);
    await expectHonestResume(job);
  });

  it('a record with items: null (checksum made to match): refused by its shape, and Job history still lists every job', async () => {
    const job = await killedMoveJob(dir);
    const ls = lines(job.file);
    const at = nthLine(ls, 'plan', 1);
    ls[at] = resealed(ls[at] ?? '', (r) => (r.items = null));
    writeLines(job.file, ls);
    await expectDamage(job, at + 1, /not a valid journal record at items/);
    const { state } = await resumeToEnd(dir, job);
    await expectMailboxAndReportAgree(dir, job, state);
  });

  it('a huge sequence number (checksum made to match): refused without sizing anything by it', async () => {
    const job = await killedMoveJob(dir);
    const ls = lines(job.file);
    const at = nthLine(ls, 'plan', 1);
    ls[at] = resealed(ls[at] ?? '', (r) => ((r.items as { seq: number }[])[0] = { ...(r.items as { seq: number }[])[0], seq: 900_000_000 } as { seq: number }));
    writeLines(job.file, ls);
    await expectDamage(job, at + 1, /seq/);
    // Within the schema's bound but out of place: refused by replay's numbering check.
    ls[at] = resealed(ls[at] ?? '', (r) => ((r.items as { seq: number }[])[0] = { ...(r.items as { seq: number }[])[0], seq: 40_000_000 } as { seq: number }));
    writeLines(job.file, ls);
    await expectDamage(job, at + 1, /planned item 40000000 where item \d+ was due/);
    const { state } = await resumeToEnd(dir, job);
    await expectMailboxAndReportAgree(dir, job, state);
  });

  it("an earlier version's journal (no checksums) is listed as legacy, exported, and resumed with every open item verified", async () => {
    const job = await killedMoveJob(dir);
    writeLines(job.file, asLegacy(lines(job.file)));
    const replayed = await replayJournal(job.file);
    expect(replayed?.integrity.damaged).toBe(false);
    expect(replayed?.counts.done).toBe(1000);
    const engine = makeEngine(dir, job.fb);
    const listed = (await engine.listJobs()).find((j) => j.jobId === job.jobId);
    expect(listed).toMatchObject({ state: 'interrupted', resumable: true, integrity: { status: 'legacy' } });
    expect(await engine.exportReport(job.jobId, 'json', `${dir}/legacy.json`)).toBe(1000);
    const { state } = await resumeToEnd(dir, job);
    expect(state).toBe('completed');
    const kinds = await expectMailboxAndReportAgree(dir, job, state);
    expect([...kinds.values()].every((k) => k === 'done')).toBe(true);
    // Legacy lines first, checksummed lines after: still read as one journal, never "damaged".
    expect((await replayJournal(job.file))?.integrity).toMatchObject({ damage: undefined });
    expect(existsSync(job.file)).toBe(true);
  });

  it("an earlier version's journal with its last 10 lines written twice: refused by replay's checks, exported once per item", async () => {
    const job = await killedMoveJob(dir);
    const ls = asLegacy(lines(job.file));
    writeLines(job.file, [...ls, ...ls.slice(-10)]);
    const replayed = await replayJournal(job.file);
    expect(replayed?.integrity.damage?.line).toBe(ls.length + 1);
    expect(replayed?.counts.done).toBe(1000);
    // outcomesOf throws on a second outcome for one item.
    expect((await outcomesOf(dir, job.jobId)).size).toBe(1000);
    const { state } = await resumeToEnd(dir, job);
    expect(state).toBe('completed');
    await expectMailboxAndReportAgree(dir, job, state);
  });
});

describe('end-of-job invariant', () => {
  it('a job in which an item ends without an outcome is not reported completed', async () => {
    const job = await killedMoveJob(dir);
    const replayed = await replayJournal(job.file);
    if (!replayed) throw new Error('no journal');
    // A bookkeeping slip: one item marked final with no outcome recorded for it.
    replayed.status.set(ITEMS - 1, ItemStatus.Final);
    const journal = await JournalWriter.open(job.file);
    const run = new JobRun(
      replayed.header,
      replayed,
      journal,
      job.file,
      dir,
      job.fb,
      new AccountGate(realClock, defaultBackoffOptions, () => 0.5),
      {
        batch: {},
        concurrency: { cap: 4, initial: 4 },
        backoff: defaultBackoffOptions,
        requestTimeoutMs: 10_000,
        serverRequestLimitMs: 60_000,
        maxBusyPerItem: 50,
        progressIntervalMs: 100,
        clock: realClock,
      },
      () => undefined,
    );
    const res = await run.done;
    expect(res.state).toBe('failed');
    expect(res.error).toMatch(/integrity check: 1500 items planned, 1500 with a final outcome, 1499 outcomes counted/);
    expect((await makeEngine(dir, job.fb).listJobs()).find((j) => j.jobId === job.jobId)).toMatchObject({ state: 'failed' });
  });
});
