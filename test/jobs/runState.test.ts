// A run's shared bookkeeping: the first fatal error stands, results are counted once, pause waits
// for resume or cancel, and the end-of-job invariant names what is unaccounted for.
import { describe, expect, it } from 'vitest';
import type { OutcomeRecord } from '../../electron/jobs/journal';
import { ItemStatus } from '../../electron/jobs/replay';
import { RunState } from '../../electron/jobs/runState';
import { workItem } from '../../electron/jobs/workQueue';

const done = (s: number): OutcomeRecord => ({ s, k: 'done', id: `i${s}`, subj: '', folder: 'f' });

describe('RunState', () => {
  it('keeps the first fatal error, and is halted by it or by cancel', () => {
    const s = new RunState(undefined, undefined);
    expect(s.halted).toBe(false);
    s.fail('first');
    s.fail('second');
    expect(s.fatalError).toBe('first');
    expect(s.halted).toBe(true);
    const c = new RunState(undefined, undefined);
    c.cancelRequested = true;
    expect(c.halted).toBe(true);
  });

  it('counts an outcome once however often it is recorded, and holds items to send again', () => {
    const s = new RunState(undefined, undefined);
    s.applyResult([done(0), done(1)], [workItem({ seq: 2, id: 'i2', subject: '', folderId: 'f', size: 0 }, false)]);
    s.applyResult([done(1)], []);
    expect(s.counts.done).toBe(2);
    expect(s.settled()).toBe(2);
    expect(s.status.get(1)).toBe(ItemStatus.Final);
    expect(s.status.get(2)).toBe(ItemStatus.Held);
  });

  it('the end-of-job invariant: planned, every item final, counts agree; else it says what is off', () => {
    const s = new RunState(undefined, 5);
    s.planned = true;
    s.total = 2;
    s.applyResult([done(0), done(1)], []);
    expect(s.integrityProblem(undefined)).toBeUndefined();
    expect(s.integrityProblem('compare with x')).toMatch(/journal was damaged.*\(compare with x\)$/);
    s.status.set(2, ItemStatus.Final);
    expect(s.integrityProblem(undefined)).toBe(
      'integrity check: 2 items planned, 3 with a final outcome, 2 outcomes counted; the job cannot be reported as completed',
    );
    expect(s.size()).toEqual({ planned: true, total: 2, found: 0, expected: undefined, known: 5 });
  });

  it('waits while paused until resumed, and not at all once cancelled', async () => {
    const s = new RunState(undefined, undefined);
    s.pauseRequested = true;
    let over = false;
    const waiting = s.waitWhilePaused().then(() => (over = true));
    s.resumed.notify();
    await new Promise((resolve) => setImmediate(resolve));
    expect(over).toBe(false);
    s.pauseRequested = false;
    s.resumed.notify();
    await waiting;
    s.pauseRequested = true;
    s.cancelRequested = true;
    await s.waitWhilePaused();
  });

  it('is finished only in a final state', () => {
    const s = new RunState(undefined, undefined);
    for (const state of ['planning', 'running', 'paused', 'interrupted'] as const) {
      s.state = state;
      expect(s.finished).toBe(false);
    }
    for (const state of ['completed', 'cancelled', 'failed'] as const) {
      s.state = state;
      expect(s.finished).toBe(true);
    }
  });

  it('takes cancel and pause once, never after the end, and wakes what waits on them', async () => {
    const s = new RunState(undefined, undefined);
    let woken = 0;
    void s.wake.wait().then(() => woken++);
    expect(s.requestPause()).toBe(true);
    expect(s.pauseRequested).toBe(true);
    const paused = s.waitWhilePaused();
    s.requestResume();
    await paused;
    expect(s.pauseRequested).toBe(false);
    expect(s.requestCancel()).toBe(true);
    expect(s.requestCancel()).toBe(false);
    expect(s.requestPause()).toBe(false);
    expect(s.stop.signal.aborted).toBe(true);
    await Promise.resolve();
    expect(woken).toBe(1);
    const ended = new RunState(undefined, undefined);
    ended.state = 'completed';
    expect(ended.requestCancel()).toBe(false);
    expect(ended.cancelRequested).toBe(false);
  });

  it('stops for a failed journal write like a crash: the reason is the fatal error, sending and planning stop', () => {
    const s = new RunState(undefined, undefined);
    s.stopForJournal('interrupted: disk full');
    expect(s.journalStopped).toBe('interrupted: disk full');
    expect(s.fatalError).toBe('interrupted: disk full');
    expect(s.stop.signal.aborted).toBe(true);
    expect(s.planStop.signal.aborted).toBe(true);
  });
});
