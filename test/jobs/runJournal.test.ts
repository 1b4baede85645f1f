// A run's journal door: writes pass through until the first failure; that one is reported once
// (disk full named as such) and every later write is refused without touching the file.
import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalWriter } from '../../electron/jobs/journal';
import { RunJournal } from '../../electron/jobs/runJournal';
import { workItem } from '../../electron/jobs/workQueue';

/** A writer that fails from the `failAt`-th write on with `error`. */
function writer(failAt: number, error: Error): { w: JournalWriter; written: JournalRecord[] } {
  const written: JournalRecord[] = [];
  const w = {
    writtenBytes: 0,
    appendAt: async (rec: JournalRecord) => {
      if (written.length + 1 >= failAt) throw error;
      written.push(rec);
      return written.length * 10;
    },
    close: async () => undefined,
  } as unknown as JournalWriter;
  return { w, written };
}

const state: JournalRecord = { t: 'state', at: 'T', state: 'running' };

describe('RunJournal', () => {
  it('passes writes through with their end offset', async () => {
    const { w, written } = writer(Infinity, new Error('never'));
    const j = new RunJournal(w, () => undefined);
    expect(await j.appendAt(state)).toBe(10);
    await j.append(state);
    expect(written).toHaveLength(2);
    expect(j.stopped).toBeUndefined();
  });

  it('stops at the first failed write, says disk full for ENOSPC, and writes nothing after', async () => {
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const { w, written } = writer(2, full);
    const told: string[] = [];
    const j = new RunJournal(w, (reason) => told.push(reason));
    await j.append(state);
    await expect(j.append(state)).rejects.toThrow('no space left');
    await expect(j.append(state)).rejects.toThrow(/^interrupted: disk full/);
    expect(told).toEqual(['interrupted: disk full (no space left on device); resume the job once the disk has space']);
    expect(j.stopped).toBe(told[0]);
    expect(written).toHaveLength(1);
  });

  it('names any other failure as a journal that could not be written', async () => {
    const { w } = writer(1, Object.assign(new Error('gone'), { code: 'ENOENT' }));
    const j = new RunJournal(w, () => undefined);
    await expect(j.append(state)).rejects.toThrow('gone');
    expect(j.stopped).toMatch(/^interrupted: the journal could not be written \(gone\)/);
  });

  it('journals a batch result with the items sent again, those after a lost answer apart', async () => {
    const { w, written } = writer(Infinity, new Error('never'));
    const j = new RunJournal(w, () => undefined);
    const item = (seq: number) => ({ seq, id: `i${seq}`, subject: '', folderId: 'f', size: 0 });
    await j.appendResult(3, 'T', [{ s: 0, k: 'done', id: 'i0', subj: '', folder: 'f' }], [workItem(item(1), false), workItem(item(2), true)]);
    await j.appendResult(4, 'T', [], []);
    expect(written).toEqual([
      { t: 'result', b: 3, at: 'T', out: [{ s: 0, k: 'done', id: 'i0', subj: '', folder: 'f' }], retry: [1], retryLost: [2] },
      { t: 'result', b: 4, at: 'T', out: [] },
    ]);
  });
});
