// The plan feed: planned items come from the journal in seq order, only once released, only while
// pending, into the work queue; a resumed run's unanswered items and an early stop's unreached ones
// are read from the same plan.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalWriter, type PlannedItem } from '../../electron/jobs/journal';
import { PlanFeed } from '../../electron/jobs/planFeed';
import { ItemStatus, SeqStatus } from '../../electron/jobs/replay';
import { READY_MAX, WorkQueue, type WorkItem } from '../../electron/jobs/workQueue';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('plan-feed-')));
afterEach(() => cleanup());

const item = (seq: number): PlannedItem => ({ seq, id: `id-${seq}`, subject: `s${seq}`, folderId: 'f', size: 1 });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Lets the background reader run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

interface Setup {
  journal: JournalWriter;
  status: SeqStatus;
  queue: WorkQueue;
  feed: PlanFeed;
  /** Journals a plan page of these seqs (pending) and tells the feed. */
  plan(seqs: number[], epoch?: number): Promise<void>;
  /** Everything the queue holds now, in order. */
  taken(): WorkItem[];
  /** What the queue receives until it holds `n` items (or a few seconds pass), in order. */
  takeN(n: number): Promise<WorkItem[]>;
}

async function setup(opts: { verifyAll?: boolean; epoch?: number; name?: string } = {}): Promise<Setup> {
  const file = join(dir, `${opts.name ?? 'j'}.journal.jsonl`);
  const journal = await JournalWriter.open(file);
  await journal.append({
    t: 'header',
    v: 2,
    jobId: 'j',
    createdAt: 'T0',
    user: 'u',
    spec: { mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: [] } },
    targetDescription: 'x',
  });
  const status = new SeqStatus();
  const queue = new WorkQueue(() => '');
  const feed = new PlanFeed({
    journalFile: file,
    epoch: () => opts.epoch ?? 0,
    writtenBytes: () => journal.writtenBytes,
    status,
    verifyAll: opts.verifyAll ?? false,
    queue,
    wake: () => undefined,
    onError: (m) => {
      throw new Error(`unexpected: ${m}`);
    },
  });
  return {
    journal,
    status,
    queue,
    feed,
    plan: async (seqs, epoch = opts.epoch ?? 0) => {
      await journal.append({ t: 'plan', e: epoch, items: seqs.map(item) });
      for (const s of seqs) status.set(s, ItemStatus.Pending);
      feed.appended();
    },
    taken: () => queue.takeAll(),
    takeN: async (n) => {
      const got: WorkItem[] = [];
      for (let waited = 0; got.length < n && waited < 5_000; waited += 20) {
        await settle();
        got.push(...queue.takeAll());
      }
      return got;
    },
  };
}

describe('PlanFeed', () => {
  it('hands on items only once released, in seq order, each marked held', async () => {
    const s = await setup();
    s.feed.start();
    await s.plan(range(0, 10));
    await settle();
    expect(s.taken()).toEqual([]);
    s.feed.release(4);
    s.feed.appended();
    expect((await s.takeN(4)).map((w) => w.item.seq)).toEqual([0, 1, 2, 3]);
    expect(s.status.get(3)).toBe(ItemStatus.Held);
    expect(s.status.get(4)).toBe(ItemStatus.Pending);
    await s.plan(range(10, 12));
    s.feed.complete(s.journal.writtenBytes);
    expect((await s.takeN(8)).map((w) => w.item.seq)).toEqual(range(4, 12));
    await s.feed.stop();
    expect(s.queue.sourceDone).toBe(true);
    // It read to the end: nothing is left unreached.
    const unreached: number[] = [];
    for await (const w of s.feed.unreached()) unreached.push(w.item.seq);
    expect(unreached).toEqual([]);
    await s.journal.close();
  });

  it('release only moves forward', async () => {
    const s = await setup();
    expect(s.feed.release(5)).toBe(true);
    expect(s.feed.release(3)).toBe(false);
    expect(s.feed.release(5)).toBe(false);
    expect(s.feed.released).toBe(5);
    s.feed.complete(0);
    expect(s.feed.released).toBe(Infinity);
    await s.journal.close();
  });

  it('skips items that are no longer pending, and marks after-lost ones (and all under verifyAll)', async () => {
    const s = await setup();
    await s.plan(range(0, 4));
    s.status.set(1, ItemStatus.Final);
    s.status.set(2, ItemStatus.PendingAfterLost);
    s.feed.complete(s.journal.writtenBytes);
    s.feed.start();
    expect((await s.takeN(3)).map((w) => [w.item.seq, w.afterLost])).toEqual([
      [0, false],
      [2, true],
      [3, false],
    ]);
    await s.feed.stop();
    const t = await setup({ verifyAll: true, name: 'damaged' });
    await t.plan([0]);
    t.feed.complete(t.journal.writtenBytes);
    t.feed.start();
    expect((await t.takeN(1)).map((w) => w.afterLost)).toEqual([true]);
    await t.feed.stop();
    await Promise.all([s.journal.close(), t.journal.close()]);
  });

  it('reads only the current planning pass', async () => {
    const s = await setup({ epoch: 1 });
    await s.plan([0, 1], 0);
    await s.plan([0, 1, 2], 1);
    s.feed.complete(s.journal.writtenBytes);
    s.feed.start();
    expect((await s.takeN(3)).map((w) => w.item.seq)).toEqual([0, 1, 2]);
    await s.feed.stop();
    await s.journal.close();
  });

  it('waits for room in the queue, and after an early stop yields the pending items it never reached', async () => {
    const s = await setup();
    const n = READY_MAX + 500;
    await s.plan(range(0, n));
    s.feed.complete(s.journal.writtenBytes);
    s.feed.start();
    for (let waited = 0; !s.queue.isFull() && waited < 5_000; waited += 20) await settle();
    expect(s.queue.isFull()).toBe(true);
    // Full: it reads no further however long it is left.
    await settle();
    await s.feed.stop();
    const held = s.taken().map((w) => w.item.seq);
    expect(held).toEqual(range(0, READY_MAX));
    const unreached: number[] = [];
    for await (const w of s.feed.unreached()) unreached.push(w.item.seq);
    expect(unreached).toEqual(range(READY_MAX, n));
    await s.journal.close();
  });

  it('unanswered: the items a previous run left in flight, each marked held', async () => {
    const s = await setup();
    await s.plan(range(0, 6));
    s.status.set(2, ItemStatus.InFlight);
    s.status.set(5, ItemStatus.InFlight);
    const found: number[] = [];
    for await (const it of s.feed.unanswered()) found.push(it.seq);
    expect(found).toEqual([2, 5]);
    expect(s.status.get(2)).toBe(ItemStatus.Held);
    expect(s.status.countOf(ItemStatus.InFlight)).toBe(0);
    await s.journal.close();
  });
});
