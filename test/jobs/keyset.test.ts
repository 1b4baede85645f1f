// Listing and acting side by side (keyset paging, planner.ts): no item skipped or repeated while
// the job removes items from the folder it is still listing, whatever the ties at page boundaries;
// the job's filter still applies; busy back-off is shared per account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobBackend } from '../../electron/jobs/backend';
import { JobEngine } from '../../electron/jobs/engine';
import { readJournal, journalPath } from '../../electron/jobs/journal';
import { FakeBackend } from './fakeBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

const mailbox = { part: 'primary' as const };
let dir: { dir: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const at = (sec: number): string => new Date(Date.UTC(2024, 0, 1) + sec * 1000).toISOString();

async function runDelete(fb: FakeBackend, filter = {}): Promise<{ jobId: string; counts: Record<string, number>; total: number }> {
  fb.latencyMs = 2;
  const engine = makeEngine(dir.dir, fb, { batch: { initial: 70, max: 70 }, concurrencyCap: 6, initialConcurrency: 6 });
  const job = await engine.start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'query', folderId: 'inbox', filter } });
  const res = await job.done;
  return { jobId: job.jobId, counts: res.counts, total: res.total };
}

describe('keyset planning while acting', () => {
  it('acts before listing ends, and deletes every item exactly once across tied page boundaries', async () => {
    const fb = new FakeBackend();
    // 5,200 items in groups of 7 per second: most page boundaries fall inside a group.
    const items = fb.addItems('inbox', 5200, (i) => ({ received: at(Math.floor(i / 7)) }));
    const res = await runDelete(fb);
    expect(res.total).toBe(5200);
    expect(res.counts.done).toBe(5200);
    for (const it of items) expect(fb.applied.get(it.key)).toBe(1);
    expect(fb.inFolder('inbox')).toHaveLength(0);
    // Acting began while listing was still going on: an intent precedes the last plan record.
    const kinds: string[] = [];
    for await (const rec of readJournal(journalPath(dir.dir, res.jobId))) kinds.push(rec.t);
    expect(kinds.indexOf('intent')).toBeLessThan(kinds.lastIndexOf('plan'));
    expect((await outcomesOf(dir.dir, res.jobId)).size).toBe(5200);
  });

  it('a tie larger than a page (2,500 items in one second) is held and paged by count, nothing skipped', async () => {
    const fb = new FakeBackend();
    const newer = fb.addItems('inbox', 900, (i) => ({ received: at(10_000 - i) }));
    const tied = fb.addItems('inbox', 2500, () => ({ received: at(5_000) }));
    const older = fb.addItems('inbox', 1300, (i) => ({ received: at(4_000 - i) }));
    const res = await runDelete(fb);
    expect(res.counts.done).toBe(4700);
    for (const it of [...newer, ...tied, ...older]) expect(fb.applied.get(it.key)).toBe(1);
  });

  it('applies the whole filter (subject, sender, received range, class) with the keyset bound', async () => {
    const fb = new FakeBackend();
    const match = fb.addItems('inbox', 1500, (i) => ({ received: at(3000 - i), subject: `Invoice ${i}`, from: 'billing@x.com' }));
    const other = [
      ...fb.addItems('inbox', 400, (i) => ({ received: at(3000 - i), subject: `Hello ${i}`, from: 'billing@x.com' })),
      ...fb.addItems('inbox', 400, (i) => ({ received: at(3000 - i), subject: `Invoice b${i}`, from: 'someone@y.com' })),
      ...fb.addItems('inbox', 300, (i) => ({ received: at(3000 - i), subject: `Invoice c${i}`, from: 'billing@x.com', itemClass: 'IPM.Appointment' })),
      ...fb.addItems('inbox', 300, (i) => ({ received: at(10_000 + i), subject: `Invoice d${i}`, from: 'billing@x.com' })),
      ...fb.addItems('inbox', 300, (i) => ({ received: at(100 - i), subject: `Invoice e${i}`, from: 'billing@x.com' })),
    ];
    const res = await runDelete(fb, {
      subjectContains: 'invoice',
      senderContains: 'billing',
      itemClass: 'IPM.Note',
      receivedAfter: at(1400),
      receivedBefore: at(5000),
    });
    expect(res.counts.done).toBe(1500);
    for (const it of match) expect(fb.applied.get(it.key)).toBe(1);
    for (const it of other) expect(fb.applied.get(it.key)).toBeUndefined();
  });

  it('copying into the folder being listed does not list the copies', async () => {
    const fb = new FakeBackend();
    fb.addItems('inbox', 2300, (i) => ({ received: at(3000 - Math.floor(i / 3)) }));
    fb.latencyMs = 2;
    const job = await makeEngine(dir.dir, fb, { batch: { initial: 50, max: 50 } }).start({
      mailbox,
      action: { kind: 'copy', toFolderId: 'inbox' },
      target: { kind: 'query', folderId: 'inbox', filter: {} },
    });
    const res = await job.done;
    expect(res).toMatchObject({ state: 'completed', total: 2300, counts: { done: 2300 } });
    expect(fb.inFolder('inbox')).toHaveLength(4600);
  });
});

describe('back-off gate', () => {
  it('is shared by jobs on different mailboxes under one account, separate for another account', async () => {
    const fb = new FakeBackend();
    const a = fb.addItems('inbox', 300);
    const asAccount = (key: string): JobBackend => Object.assign(Object.create(fb) as FakeBackend, { accountKey: key });
    const backends = new Map([
      ['alice@x.com', asAccount('svc')],
      ['bob@x.com', asAccount('svc')],
      ['carol@x.com', asAccount('other')],
    ]);
    const engine = new JobEngine({ dataDir: dir.dir, user: 'admin', backendFor: (m) => backends.get(m.smtp ?? '') ?? fb });
    const gates = engine as unknown as { gateFor(b: JobBackend, m: { smtp?: string; part: 'primary' }): unknown };
    const g = (smtp: string): unknown => gates.gateFor(backends.get(smtp) ?? fb, { smtp, part: 'primary' });
    expect(g('alice@x.com')).toBe(g('bob@x.com'));
    expect(g('carol@x.com')).not.toBe(g('alice@x.com'));
    expect(a).toHaveLength(300);
  });
});
