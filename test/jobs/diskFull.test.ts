// Issue 14, point 3: the disk fills up while a job plans or runs. The journal write fails; the job
// must not hang "running" or leave an unhandled rejection: it ends "interrupted: disk full", writes
// nothing more, and once space is back it resumes and finishes with every item accounted for once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JournalWriter, type JournalRecord } from '../../electron/jobs/journal';
import { FakeBackend } from './fakeBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  vi.restoreAllMocks();
  cleanup();
});

const mailbox = { part: 'primary' as const };

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/** From the first record `fullFrom` accepts on, every journal write fails until `space()` is called. */
function fillDiskAt(fullFrom: (record: JournalRecord) => boolean): { space(): void; refused: JournalRecord[] } {
  const original = JournalWriter.prototype.appendAt;
  let full = false;
  let spaceBack = false;
  const refused: JournalRecord[] = [];
  vi.spyOn(JournalWriter.prototype, 'appendAt').mockImplementation(function (this: JournalWriter, record: JournalRecord) {
    if (!spaceBack && (full || fullFrom(record))) {
      full = true;
      refused.push(record);
      return Promise.reject(enospc());
    }
    return original.call(this, record);
  });
  return { space: () => (spaceBack = true), refused };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('disk full', () => {
  it('at the "planned" record: the job ends interrupted (disk full), no unhandled rejection, and resumes to the end', async () => {
    const fb = new FakeBackend();
    const ids = fb.addItems('inbox', 300).map((item) => item.id);
    const disk = fillDiskAt((record) => record.t === 'planned');
    const engine = makeEngine(dir, fb, { batch: { initial: 50, max: 50 } });
    const job = await engine.start({ mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } });
    const result = await Promise.race([job.done, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000))]);
    if (result === 'hung') throw new Error('the job never ended');
    await settle();
    expect(unhandled).toEqual([]);
    expect(result.state).toBe('interrupted');
    expect(result.error).toMatch(/^interrupted: disk full/);
    // Nothing was written after the first refusal (a half-written record never gets followed).
    expect(disk.refused.every((record, i) => i === 0 || record.t !== 'planned')).toBe(true);

    const listed = (await engine.listJobs()).find((entry) => entry.jobId === job.jobId);
    expect(listed).toMatchObject({ state: 'interrupted', resumable: true });

    disk.space();
    const resumed = await (await engine.resume(job.jobId)).done;
    expect(resumed.state).toBe('completed');
    const outcomes = await outcomesOf(dir, job.jobId);
    expect(outcomes.size).toBe(300);
    expect([...outcomes.values()].every((row) => row.outcome === 'done' || row.outcome === 'alreadyGone')).toBe(true);
    expect(fb.items.size).toBe(300); // soft-deleted items move to Deletions: none vanished, none doubled
    for (const [key, times] of fb.applied) expect(times, key).toBe(1);
  });

  it('while results are being recorded: interrupted, in-flight batches settled on resume, every item once', async () => {
    const fb = new FakeBackend();
    const ids = fb.addItems('inbox', 400).map((item) => item.id);
    let results = 0;
    const disk = fillDiskAt((record) => record.t === 'result' && ++results === 3);
    const engine = makeEngine(dir, fb, { batch: { initial: 40, max: 40 } });
    const job = await engine.start({ mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } });
    const result = await job.done;
    await settle();
    expect(unhandled).toEqual([]);
    expect(result.state).toBe('interrupted');
    expect(result.error).toMatch(/^interrupted: disk full/);

    disk.space();
    const resumed = await (await engine.resume(job.jobId)).done;
    expect(resumed.state).toBe('completed');
    const outcomes = await outcomesOf(dir, job.jobId);
    expect(outcomes.size).toBe(400);
    expect([...outcomes.values()].filter((row) => row.outcome === 'failed' || row.outcome === 'notAttempted')).toEqual([]);
  });
});
