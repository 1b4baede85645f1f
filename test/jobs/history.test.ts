// Job history read from disk: a stored summary is used only when it has the shape writeSummary
// writes (historySchema.ts); one that does not is replaced by the journal's replay, and a job whose
// journal and summary both cannot be read is left out and named, without breaking the list.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSummaries, summaryPath, type SkippedJob } from '../../electron/jobs/history';
import { checkSummary } from '../../electron/jobs/historySchema';
import { journalPath } from '../../electron/jobs/journal';
import type { JobHistoryEntry } from '../../shared/domain';
import { FakeBackend } from './fakeBackend';
import { makeEngine, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('history-test-')));
afterEach(() => cleanup());

const mailbox = { part: 'primary' as const };

/** Runs a finished 5-item soft delete and returns its id and stored summary. */
async function finishedJob(): Promise<{ jobId: string; stored: JobHistoryEntry }> {
  const fb = new FakeBackend();
  const items = fb.addItems('inbox', 5);
  const job = await makeEngine(dir, fb).start({
    mailbox,
    action: { kind: 'delete', mode: 'SoftDelete' },
    target: { kind: 'ids', ids: items.map((i) => i.id) },
  });
  await job.done;
  return { jobId: job.jobId, stored: JSON.parse(readFileSync(summaryPath(dir, job.jobId), 'utf8')) as JobHistoryEntry };
}

/** Writes a summary newer than the journal, so it would be used as it is if it passed the check. */
function storeSummary(jobId: string, content: string): void {
  writeFileSync(summaryPath(dir, jobId), content);
  const later = new Date(Date.now() + 60_000);
  utimesSync(summaryPath(dir, jobId), later, later);
}

async function list(): Promise<{ entries: JobHistoryEntry[]; skipped: SkippedJob[] }> {
  const skipped: SkippedJob[] = [];
  const entries = await listSummaries(dir, new Map(), (s) => skipped.push(s));
  return { entries, skipped };
}

describe('checkSummary', () => {
  it('takes what writeSummary writes, the spec as written', async () => {
    const { jobId, stored } = await finishedJob();
    const checked = checkSummary(stored, jobId);
    expect(checked).toEqual({ ok: true, entry: stored });
    expect(checked.ok && checked.entry.spec.target).toMatchObject({ kind: 'ids', ids: expect.any(Array) as unknown });
  });

  it('names the first problem with its path', async () => {
    const { jobId, stored } = await finishedJob();
    expect(checkSummary({ ...stored, state: 'exploded' }, jobId)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not a valid job summary at state:/) as unknown,
    });
    expect(checkSummary({ ...stored, counts: { ...stored.counts, done: -1 } }, jobId)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at counts\.done/) as unknown,
    });
    expect(checkSummary({ ...stored, spec: { ...stored.spec, action: { kind: 'format-disk' } } }, jobId)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at spec\.action\.kind/) as unknown,
    });
    expect(checkSummary(null, jobId)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a valid job summary/) as unknown });
    expect(checkSummary(stored, 'job-other')).toEqual({ ok: false, reason: `the summary of another job (${jobId})` });
  });
});

describe('listSummaries with damaged files', () => {
  it('uses a valid stored summary as it is', async () => {
    const { jobId, stored } = await finishedJob();
    storeSummary(jobId, JSON.stringify({ ...stored, title: 'kept from the summary' }));
    const { entries, skipped } = await list();
    expect(entries).toEqual([{ ...stored, title: 'kept from the summary' }]);
    expect(skipped).toEqual([]);
  });

  it('replays the journal instead of a summary that is not one (bad state, bad counts, torn JSON)', async () => {
    const { jobId, stored } = await finishedJob();
    for (const bad of [
      JSON.stringify({ ...stored, state: 'exploded', title: 'from the summary' }),
      JSON.stringify({ ...stored, counts: 'many', title: 'from the summary' }),
      JSON.stringify({ ...stored, title: 'from the summary' }).slice(0, 40),
    ]) {
      storeSummary(jobId, bad);
      const { entries, skipped } = await list();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ jobId, state: 'completed', counts: { done: 5 }, total: 5, title: stored.title });
      expect(skipped).toEqual([]);
    }
  });

  it('marks a job damaged when only its summary can be read', async () => {
    const { jobId, stored } = await finishedJob();
    writeFileSync(journalPath(dir, jobId), 'not a journal\n');
    storeSummary(jobId, JSON.stringify(stored));
    // The journal is written after the summary here, so the summary is not used as it is.
    const later = new Date(Date.now() + 120_000);
    utimesSync(journalPath(dir, jobId), later, later);
    const { entries } = await list();
    expect(entries[0]).toMatchObject({
      jobId,
      resumable: false,
      integrity: { status: 'damaged', detail: expect.stringContaining('the header cannot be read') as unknown },
    });
  });

  it('leaves out a job whose journal and summary both cannot be read, says why, and lists the others', async () => {
    const good = await finishedJob();
    const bad = await finishedJob();
    writeFileSync(journalPath(dir, bad.jobId), 'not a journal\n');
    storeSummary(bad.jobId, JSON.stringify({ ...bad.stored, state: 'exploded' }));
    const { entries, skipped } = await list();
    expect(entries.map((e) => e.jobId)).toEqual([good.jobId]);
    expect(skipped).toEqual([
      { jobId: bad.jobId, file: journalPath(dir, bad.jobId), problem: expect.stringContaining('the header cannot be read') as unknown },
    ]);
    expect(skipped[0]?.problem).toContain(`${summaryPath(dir, bad.jobId)} is not a valid job summary at state`);
  });

  it('says a missing summary is missing', async () => {
    const { jobId } = await finishedJob();
    writeFileSync(journalPath(dir, jobId), 'not a journal\n');
    const { rmSync } = await import('node:fs');
    rmSync(summaryPath(dir, jobId));
    const { entries, skipped } = await list();
    expect(entries).toEqual([]);
    expect(skipped[0]?.problem).toMatch(/is missing\.$/);
  });
});
