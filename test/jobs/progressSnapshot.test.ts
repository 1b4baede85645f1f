// The progress event a job shows, by state, and the job's size as far as it is known.
import { describe, expect, it } from 'vitest';
import { knownTotal, progressSnapshot, settledOf, totalEstimate, totalSoFar, type JobSize, type ProgressView } from '../../electron/jobs/progressSnapshot';
import type { JobSpec, OutcomeCounts } from '../../shared/domain';

const counts = (c: Partial<OutcomeCounts> = {}): OutcomeCounts => ({ done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0, ...c });
const listing: JobSize = { planned: false, total: 0, found: 300, expected: 1000, known: undefined };
const view = (v: Partial<ProgressView> = {}): ProgressView => ({
  ...listing,
  jobId: 'j1',
  state: 'running',
  counts: counts({ done: 100 }),
  cancelRequested: false,
  gateWaitMs: 0,
  gateReason: '',
  itemsPerSecond: 0,
  batchSize: 50,
  concurrency: 4,
  ...v,
});
const mailbox = { part: 'primary' } as const;

describe('job size', () => {
  it.each([
    { name: 'planned: the exact total', s: { ...listing, planned: true, total: 700 }, estimate: 700, soFar: 700 },
    { name: 'an id list: its length', s: { ...listing, known: 50 }, estimate: 50, soFar: 300 },
    { name: 'listing: the server count while it is larger', s: listing, estimate: 1000, soFar: 300 },
    { name: 'listing: what was found once it passes the count', s: { ...listing, found: 1200 }, estimate: 1200, soFar: 1200 },
    { name: 'listing without a count: what was found', s: { ...listing, expected: undefined }, estimate: 300, soFar: 300 },
  ])('$name', ({ s, estimate, soFar }) => {
    expect(totalEstimate(s)).toBe(estimate);
    expect(totalSoFar(s)).toBe(soFar);
  });

  it('knows the total in advance for an id list only, and not for emptying a folder', () => {
    const ids: JobSpec = { mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids: ['a', 'b', 'c'] } };
    const query: JobSpec = { mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'query', folderId: 'f', filter: {} } };
    const empty: JobSpec = {
      mailbox,
      action: { kind: 'emptyFolder', folderId: 'f', mode: 'HardDelete', deleteSubFolders: false },
      target: { kind: 'ids', ids: ['f'] },
    };
    expect(knownTotal(ids)).toBe(3);
    expect(knownTotal(query)).toBeUndefined();
    expect(knownTotal(empty)).toBeUndefined();
  });

  it('counts every kind of final outcome as settled', () => {
    expect(settledOf(counts({ done: 1, alreadyGone: 2, failed: 3, unknown: 4, notAttempted: 5 }))).toBe(15);
  });
});

describe('progressSnapshot', () => {
  it('planning: found so far, with the expected count when there is one', () => {
    expect(progressSnapshot(view({ state: 'planning' }))).toEqual({ kind: 'planning', jobId: 'j1', found: 300, expected: 1000 });
    expect(progressSnapshot(view({ state: 'planning', known: 40 }))).toEqual({ kind: 'planning', jobId: 'j1', found: 300, expected: 40 });
    expect(progressSnapshot(view({ state: 'planning', expected: undefined }))).toEqual({ kind: 'planning', jobId: 'j1', found: 300 });
  });

  it('paused: the counts only', () => {
    expect(progressSnapshot(view({ state: 'paused' }))).toEqual({ kind: 'paused', jobId: 'j1', counts: counts({ done: 100 }) });
  });

  it('backing off: the wait in seconds, rounded up, and why; not once cancelled', () => {
    const ev = progressSnapshot(view({ gateWaitMs: 1_200, gateReason: 'the server is busy' }));
    expect(ev).toEqual({ kind: 'backoff', jobId: 'j1', counts: counts({ done: 100 }), waitMs: 1_200, reason: 'waiting 2 s: the server is busy' });
    expect(progressSnapshot(view({ gateWaitMs: 1_200, cancelRequested: true })).kind).toBe('running');
  });

  it('running while listing: an estimated total, rate rounded to a tenth, and the ETA', () => {
    expect(progressSnapshot(view({ itemsPerSecond: 33.37 }))).toEqual({
      kind: 'running',
      jobId: 'j1',
      counts: counts({ done: 100 }),
      total: 1000,
      totalEstimated: true,
      itemsPerSecond: 33.4,
      batchSize: 50,
      concurrency: 4,
      etaSeconds: 27,
    });
  });

  it('running once planned: an exact total and no ETA before any rate', () => {
    const ev = progressSnapshot(view({ planned: true, total: 500 }));
    expect(ev).toEqual({ kind: 'running', jobId: 'j1', counts: counts({ done: 100 }), total: 500, itemsPerSecond: 0, batchSize: 50, concurrency: 4 });
  });

  it('copies the counts (a later change does not alter a sent event)', () => {
    const c = counts({ done: 1 });
    const ev = progressSnapshot(view({ counts: c, planned: true, total: 5 }));
    c.done = 2;
    expect(ev).toMatchObject({ counts: { done: 1 } });
  });
});
