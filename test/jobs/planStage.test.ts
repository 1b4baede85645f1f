// Where planning starts in a run (resumePoint), and runPlanning's journal records: each page as a
// plan record with its cursor and release point, then "planned" with the total.
import { describe, expect, it } from 'vitest';
import { AccountGate, defaultBackoffOptions, realClock } from '../../electron/jobs/backoff';
import type { JournalRecord, JournalWriter } from '../../electron/jobs/journal';
import { PlanFeed } from '../../electron/jobs/planFeed';
import { resumePoint, runPlanning } from '../../electron/jobs/planStage';
import { ItemStatus, type ReplayedJob } from '../../electron/jobs/replay';
import { RunJournal } from '../../electron/jobs/runJournal';
import { RunState } from '../../electron/jobs/runState';
import { WorkQueue } from '../../electron/jobs/workQueue';
import type { JobSpec, JobState } from '../../shared/domain';
import { FakeBackend } from './fakeBackend';

const query: JobSpec = {
  mailbox: { part: 'primary' },
  action: { kind: 'delete', mode: 'SoftDelete' },
  target: { kind: 'query', folderId: 'inbox', filter: {} },
};
const ids: JobSpec = { ...query, target: { kind: 'ids', ids: ['a', 'b', 'c'] } };

function parts(planned = 0) {
  const state = new RunState(undefined, undefined);
  for (let seq = 0; seq < planned; seq++) state.status.set(seq, ItemStatus.Pending);
  const written: JournalRecord[] = [];
  const writer = {
    writtenBytes: 123,
    appendAt: async (rec: JournalRecord) => written.push(rec) * 10,
    close: async () => undefined,
  } as unknown as JournalWriter;
  const journal = new RunJournal(writer, () => undefined);
  const feed = new PlanFeed({
    journalFile: '',
    epoch: () => state.epoch,
    writtenBytes: () => 0,
    status: state.status,
    verifyAll: false,
    queue: new WorkQueue(() => ''),
    wake: () => undefined,
    onError: () => undefined,
  });
  return { state, journal, feed, written, iso: () => 'T' };
}

/** Only the fields resumePoint reads of a replayed journal. */
const replayed = (r: Partial<ReplayedJob>): ReplayedJob => ({ released: 0, ...r }) as ReplayedJob;

describe('resumePoint', () => {
  it('a complete plan: no planning, everything released, read up to the durable end', async () => {
    const p = parts(3);
    p.state.planned = true;
    expect(await resumePoint({ ...p, spec: query }, replayed({}))).toBeUndefined();
    expect(p.feed.released).toBe(Infinity);
  });

  it('a query listed before the crash: from its cursor, released as journalled', async () => {
    const p = parts(3);
    const cursor = { skip: 2, before: '2024-01-01T00:00:00Z' };
    expect(await resumePoint({ ...p, spec: query }, replayed({ cursor, released: 2 }))).toEqual({ cursor, nextSeq: 3, released: 2 });
    expect(p.feed.released).toBe(2);
  });

  it('an id list looked up in part: from the next id', async () => {
    const p = parts(2);
    expect(await resumePoint({ ...p, spec: ids }, replayed({ released: 2 }))).toEqual({ nextSeq: 2, released: 2 });
  });

  it('planned but nothing released: a new planning pass, journalled', async () => {
    const p = parts(1);
    expect(await resumePoint({ ...p, spec: query }, replayed({ released: 0 }))).toBeUndefined();
    expect(p.state.epoch).toBe(1);
    expect(p.state.status.length).toBe(0);
    expect(p.written).toEqual([{ t: 'planReset', at: 'T', e: 1 }]);
  });

  it('a fresh job: from the start', async () => {
    const p = parts();
    expect(await resumePoint({ ...p, spec: query }, undefined)).toBeUndefined();
    expect(p.written).toEqual([]);
  });
});

describe('runPlanning', () => {
  it('journals each page with its release point, marks items pending, then "planned"; the job starts running at the first release', async () => {
    const fb = new FakeBackend();
    fb.addItems('inbox', 5, (i) => ({ received: new Date(Date.UTC(2024, 0, 1) - i * 10_000).toISOString() }));
    const p = parts();
    const states: JobState[] = [];
    await runPlanning(
      {
        ...p,
        spec: query,
        backend: fb,
        gate: new AccountGate(realClock, defaultBackoffOptions, () => 0.5),
        limits: { maxAttempts: 3, timeoutMs: 5_000 },
        createdFolders: new Map(),
        setState: async (s) => {
          p.state.state = s;
          states.push(s);
        },
        progressChanged: () => undefined,
      },
      undefined,
    );
    expect(p.written.map((r) => r.t)).toEqual(['plan', 'planned']);
    expect(p.written[0]).toMatchObject({ t: 'plan', e: 0, rel: 5 });
    expect(p.written[1]).toEqual({ t: 'planned', at: 'T', total: 5 });
    expect(p.state.status.countOf(ItemStatus.Pending)).toBe(5);
    expect(p.state).toMatchObject({ planned: true, total: 5, found: 5 });
    expect(p.feed.released).toBe(Infinity);
    expect(states).toEqual(['running']);
  });
});
