// A job that ends early gives every item left an outcome: not attempted, or unknown after a lost
// answer (saying why and when), held items first, then the plan the reader never reached, in
// journal records of at most 1000.
import { describe, expect, it } from 'vitest';
import type { OutcomeRecord, PlannedItem } from '../../electron/jobs/journal';
import { NOT_SENT_BATCH, settleLeftovers } from '../../electron/jobs/leftovers';
import { workItem, type WorkItem } from '../../electron/jobs/workQueue';

const item = (seq: number): PlannedItem => ({ seq, id: `i${seq}`, subject: `s${seq}`, folderId: 'f', size: 1 });
async function* of(items: WorkItem[]): AsyncGenerator<WorkItem> {
  yield* items;
}

describe('settleLeftovers', () => {
  it('held items first, then unreached ones; after-lost ones unknown with the reason', async () => {
    const records: { b: number; out: OutcomeRecord[] }[] = [];
    await settleLeftovers(
      [workItem(item(3), true)],
      of([workItem(item(7), false)]),
      { fatalError: undefined, at: 'T1' },
      async (b, out) => void records.push({ b, out }),
    );
    expect(records).toEqual([
      {
        b: NOT_SENT_BATCH,
        out: [
          {
            s: 3,
            k: 'unknown',
            id: 'i3',
            subj: 's3',
            folder: 'f',
            msg: 'an earlier answer was lost and the job ended before sending again (cancelled before it was sent) at T1',
          },
          { s: 7, k: 'notAttempted', id: 'i7', subj: 's7', folder: 'f' },
        ],
      },
    ]);
  });

  it('names the fatal error, and journals in records of at most 1000', async () => {
    const records: OutcomeRecord[][] = [];
    const held = Array.from({ length: 2500 }, (_, i) => workItem(item(i), i === 0));
    await settleLeftovers(held, of([]), { fatalError: 'ErrorAccessDenied: no', at: 'T2' }, async (_b, out) => void records.push(out));
    expect(records.map((r) => r.length)).toEqual([1000, 1000, 500]);
    expect(records[0]?.[0]?.msg).toContain('(not sent: the job stopped (ErrorAccessDenied: no))');
  });

  it('records nothing when nothing is left', async () => {
    const records: unknown[] = [];
    await settleLeftovers([], of([]), { fatalError: undefined, at: 'T' }, async (_b, out) => void records.push(out));
    expect(records).toEqual([]);
  });
});
