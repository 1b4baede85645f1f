// The job's history entry and how often it is written.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/jobs/backoff';
import type { JournalHeader } from '../../electron/jobs/journal';
import { RunState } from '../../electron/jobs/runState';
import { jobSummary, SUMMARY_EVERY_MS, SummaryWriter } from '../../electron/jobs/runSummary';
import type { JobHistoryEntry, JobSpec } from '../../shared/domain';

const spec: JobSpec = { mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids: ['a', 'b'] } };
const header: JournalHeader = { t: 'header', v: 2, jobId: 'job-1', createdAt: 'T0', user: 'u@x', spec, targetDescription: 'two items', retryOf: 'job-0' };

describe('jobSummary', () => {
  it('while running: planned-so-far total, no finish time', () => {
    const s = new RunState(undefined, 2);
    s.state = 'running';
    s.found = 1;
    const e = jobSummary(header, spec, s, undefined, 'T1');
    expect(e).toMatchObject({ jobId: 'job-1', state: 'running', total: 1, createdAt: 'T0', updatedAt: 'T1', user: 'u@x', retryOf: 'job-0', resumable: false });
    expect(e.finishedAt).toBeUndefined();
  });

  it('once finished: the finish time, the error and the journal trust', () => {
    const s = new RunState(undefined, 2);
    s.state = 'failed';
    s.planned = true;
    s.total = 2;
    s.fail('boom');
    const trust = { status: 'damaged' as const, detail: 'line 3' };
    const e = jobSummary(header, spec, s, trust, 'T2');
    expect(e).toMatchObject({ state: 'failed', total: 2, finishedAt: 'T2', error: 'boom', integrity: trust });
  });
});

describe('SummaryWriter', () => {
  it('writes when forced or due, never more often, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    try {
      let now = 10_000;
      const clock: Clock = { now: () => now, sleep: async () => undefined };
      let built = 0;
      const w = new SummaryWriter(dir, clock, (): JobHistoryEntry => {
        built++;
        return {
          jobId: 'job-1',
          title: 't',
          spec,
          state: 'running',
          counts: { done: built, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 },
          total: 1,
          createdAt: 'T0',
          updatedAt: 'T',
          resumable: false,
          user: 'u',
        };
      });
      expect(w.due()).toBe(true);
      await w.save(true);
      expect(w.due()).toBe(false);
      await w.save(false);
      expect(built).toBe(1);
      now += SUMMARY_EVERY_MS + 1;
      expect(w.due()).toBe(true);
      await w.save(false);
      expect(built).toBe(2);
      expect(readdirSync(dir).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
