// The send loop's work queue: retries before new items, one bucket per batch, full batches while
// more is coming and a short one only at the end, bounded read-ahead, and everything handed back
// when the job ends early.
import { describe, expect, it } from 'vitest';
import type { PlannedItem } from '../../electron/jobs/journal';
import { READY_MAX, workItem, WorkQueue, type WorkItem } from '../../electron/jobs/workQueue';

const planned = (seq: number, dest = ''): PlannedItem => ({ seq, id: `id-${seq}`, subject: `s${seq}`, folderId: 'f', size: 1, dest });
const seqs = (batch: WorkItem[] | undefined): number[] | undefined => batch?.map((w) => w.item.seq);
const byDest = (w: WorkItem): string => w.item.dest ?? '';

function filled(n: number, dest: (seq: number) => string = () => ''): WorkQueue {
  const q = new WorkQueue(byDest);
  for (let seq = 0; seq < n; seq++) q.push(workItem(planned(seq, dest(seq)), false));
  return q;
}

describe('WorkQueue', () => {
  it('takes full batches in seq order while more is coming, and waits rather than send a short one', () => {
    const q = filled(25);
    expect(seqs(q.nextBatch(10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seqs(q.nextBatch(10))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // Five left, the plan not finished: more may come to fill the batch.
    expect(q.nextBatch(10)).toBeUndefined();
    expect(q.sourceDone).toBe(false);
    q.endOfSource();
    expect(seqs(q.nextBatch(10))).toEqual([20, 21, 22, 23, 24]);
    expect(q.nextBatch(10)).toBeUndefined();
    expect(q.sourceDone).toBe(true);
  });

  it('sends retries before new items', () => {
    const q = filled(10);
    q.requeue(workItem(planned(100), true));
    q.requeue(workItem(planned(101), true));
    expect(seqs(q.nextBatch(4))).toEqual([100, 101, 0, 1]);
  });

  it('never mixes buckets in a batch; at the end the fullest bucket goes first', () => {
    const q = filled(9, (seq) => (seq % 3 === 0 ? 'A' : 'B'));
    q.endOfSource();
    // Buffers up to four batches' worth (8 items) looking for a full bucket of 4: B fills first.
    expect(seqs(q.nextBatch(4))).toEqual([1, 2, 4, 5]);
    expect(seqs(q.nextBatch(4))).toEqual([0, 3, 6]);
    expect(seqs(q.nextBatch(4))).toEqual([7, 8]);
    expect(q.nextBatch(4)).toBeUndefined();
  });

  it('a full buffer of partial buckets sends the fullest one rather than wait for ever', () => {
    const q = filled(12, (seq) => `D${seq % 4}`);
    // Sixteen items fit the buffer for batches of 4, but only 12 came, 3 a bucket: wait for more.
    expect(q.nextBatch(4)).toBeUndefined();
    for (let seq = 12; seq < 20; seq++) q.push(workItem(planned(seq, `E${seq}`), false));
    // Now the buffer holds four batches' worth without a full bucket: the fullest goes short.
    expect(seqs(q.nextBatch(4))).toEqual([0, 4, 8]);
  });

  it('is full at READY_MAX read-ahead items; the reader is woken by a call that finds no full batch with less than half read ahead', async () => {
    const q = filled(READY_MAX);
    expect(q.isFull()).toBe(true);
    let woken = false;
    const waiting = q.waitForRoom().then(() => (woken = true));
    // Each call finds a full batch in the read-ahead and returns it at once.
    for (let i = 0; i < READY_MAX / 10; i++) expect(q.nextBatch(10)).toHaveLength(10);
    await Promise.resolve();
    expect(woken).toBe(false);
    expect(q.isFull()).toBe(false);
    expect(q.nextBatch(10)).toBeUndefined();
    await waiting;
    expect(woken).toBe(true);
  });

  it('wakeReader releases a waiting reader without room', async () => {
    const q = filled(READY_MAX);
    const waiting = q.waitForRoom();
    q.wakeReader();
    await expect(waiting).resolves.toBeUndefined();
    expect(q.isFull()).toBe(true);
  });

  it('takeAll hands back retries, buffered and read-ahead items once each, leaving the queue empty', () => {
    const q = filled(30);
    // Two batches out (0–9), one of them back for a retry; 20–29 still read ahead.
    expect(seqs(q.nextBatch(5))).toEqual([0, 1, 2, 3, 4]);
    expect(seqs(q.nextBatch(5))).toEqual([5, 6, 7, 8, 9]);
    q.requeue(workItem(planned(3), true));
    q.push(workItem(planned(30), false));
    const all = q.takeAll().map((w) => w.item.seq);
    expect(all.sort((a, b) => a - b)).toEqual([3, ...Array.from({ length: 21 }, (_, i) => 10 + i)]);
    q.endOfSource();
    expect(q.nextBatch(5)).toBeUndefined();
    expect(q.sourceDone).toBe(true);
  });

  it('keeps seq order across the compaction of a long read-ahead', () => {
    const q = filled(5000);
    q.endOfSource();
    const seen: number[] = [];
    for (let b = q.nextBatch(100); b; b = q.nextBatch(100)) seen.push(...b.map((w) => w.item.seq));
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('workItem starts with no attempts and no busy refusals', () => {
    expect(workItem(planned(3), true)).toEqual({ item: planned(3), attempts: 0, busy: 0, afterLost: true });
  });
});
