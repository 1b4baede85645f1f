// The journal, replay, history, audit export and resume, and the small policies (batch size,
// concurrency, back-off), with the fake backend.
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../shared/domain';
import { BatchSizer } from '../../electron/jobs/batchSizer';
import { AdaptiveConcurrency } from '../../electron/jobs/concurrency';
import { backoffDelay, callWithRetry, AccountGate, realClock } from '../../electron/jobs/backoff';
import { BackendRequestError, type JobBackend } from '../../electron/jobs/backend';
import { journalPath, JournalWriter, readJournal, type JournalRecord } from '../../electron/jobs/journal';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import { csvCell } from '../../electron/jobs/report';
import { FakeBackend } from './fakeBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());
const mailbox = { part: 'primary' as const };

describe('journal', () => {
  it('appends durably, and a torn last line (crash mid-write) is ignored on read and cut on reopen', async () => {
    const file = join(dir, 'j.journal.jsonl');
    const w = await JournalWriter.open(file);
    await Promise.all([
      w.append({
        t: 'header',
        v: 2,
        jobId: 'j',
        createdAt: 'T0',
        user: 'u',
        spec: { mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: [] } },
        targetDescription: 'x',
      }),
      w.append({ t: 'state', at: 'a', state: 'running' }),
      w.append({ t: 'intent', b: 1, at: 'b', seqs: [0, 1] }),
    ]);
    await w.close();
    appendFileSync(file, '{"t":"result","b":1,"at":"c","out":[{"s":0,');
    const read: JournalRecord[] = [];
    for await (const r of readJournal(file)) read.push(r);
    expect(read.map((r) => r.t)).toEqual(['header', 'state', 'intent']);

    const w2 = await JournalWriter.open(file);
    await w2.append({ t: 'state', at: 'd', state: 'completed' });
    await w2.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => JSON.parse(l) !== null)).toBe(true);
  });

  it('replays outcomes, retries and unanswered intents into per-item status and counts', async () => {
    const file = journalPath(dir, 'job-x');
    writeFileSync(
      file,
      [
        {
          t: 'header',
          v: 1,
          jobId: 'job-x',
          createdAt: 'T0',
          user: 'u',
          spec: { mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: [] } },
          targetDescription: 'x',
        },
        { t: 'plan', e: 0, items: [0, 1, 2, 3, 4].map((s) => ({ seq: s, id: `i${s}`, subject: '', folderId: 'f', size: 1 })) },
        { t: 'planned', at: 'T1', total: 5 },
        { t: 'intent', b: 1, at: 'T2', seqs: [0, 1, 2] },
        { t: 'result', b: 1, at: 'T3', out: [{ s: 0, k: 'done', id: 'i0', subj: '', folder: 'f' }], retry: [1], retryLost: [2] },
        { t: 'intent', b: 2, at: 'T4', seqs: [3] },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const job = await replayJournal(file);
    expect(job?.planned).toBe(true);
    expect(job?.counts.done).toBe(1);
    expect([0, 1, 2, 3, 4].map((s) => job?.status.get(s))).toEqual([
      ItemStatus.Final,
      ItemStatus.Pending,
      ItemStatus.PendingAfterLost,
      ItemStatus.InFlight,
      ItemStatus.Pending,
    ]);
    expect(job?.lastBatch).toBe(2);
  });
});

/**
 * Waits until a job's journal records a batch sent (an intent) and then stops growing: the dying
 * engine may still be appending the intents of its other batches, and a second writer on the same
 * file would number its lines from where it found the file (two writers at once is a test
 * artefact: a job runs in one engine).
 */
async function untilBatchSent(file: string): Promise<void> {
  for (let sent = false; !sent;) {
    await new Promise((r) => setTimeout(r, 5));
    for await (const rec of readJournal(file)) if (rec.t === 'intent') sent = true;
  }
  for (let size = -1; size !== statSync(file).size;) {
    size = statSync(file).size;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resumes the job in a fresh engine: every item ends once, applied once, from the plan the journal kept (not made again). */
async function resumesOnOnePlan(dir: string, fb: FakeBackend, items: readonly { key: string }[], jobId: string): Promise<void> {
  const res = await (await makeEngine(dir, fb).resume(jobId)).done;
  expect(res).toMatchObject({ state: 'completed', total: items.length });
  expect(res.counts.done + res.counts.alreadyGone).toBe(items.length);
  expect((await outcomesOf(dir, jobId)).size).toBe(items.length);
  for (const it of items) expect(fb.applied.get(it.key)).toBe(1);
  const { kinds, seqs } = await planRecords(journalPath(dir, jobId));
  expect(kinds).not.toContain('planReset');
  expect(seqs.size).toBe(items.length);
}

/** The record kinds of a journal and the seqs its plan records carry (each at most once). */
async function planRecords(file: string): Promise<{ kinds: string[]; seqs: Set<number> }> {
  const kinds: string[] = [];
  const seqs = new Set<number>();
  for await (const rec of readJournal(file)) {
    kinds.push(rec.t);
    if (rec.t === 'plan')
      for (const it of rec.items) {
        expect(seqs.has(it.seq)).toBe(false);
        seqs.add(it.seq);
      }
  }
  return { kinds, seqs };
}

describe('resume, history, report, retry', () => {
  it('resumes an abandoned run: final items are not resent, the unanswered batch is settled first', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 400);
    // The third move request is carried out but never answered, and the process "dies" there.
    fb.requestFault = ({ op, n }) => (op === 'move' && n === 3 ? { kind: 'lost', after: () => undefined } : undefined);
    let hang = false;
    const inner = fb.moveItems.bind(fb);
    fb.moveItems = async (ids, to, signal) => {
      const p = inner(ids, to, signal);
      if (hang) return new Promise(() => undefined);
      return p.catch(() => {
        hang = true;
        return new Promise(() => undefined);
      });
    };
    const first = makeEngine(dir, fb, { initialConcurrency: 1, concurrencyCap: 1, batch: { initial: 100, max: 100 } });
    const job = await first.start({ mailbox, action: { kind: 'move', toFolderId: 'dest' }, target: { kind: 'ids', ids: items.map((i) => i.id) } });
    while (!hang) await new Promise((r) => setTimeout(r, 5));

    fb.moveItems = inner;
    fb.requestFault = () => undefined;
    const callsBefore = fb.calls.length;
    const second = makeEngine(dir, fb);
    const listed = await second.listInterrupted();
    expect(listed.map((j) => j.jobId)).toEqual([job.jobId]);
    expect(listed[0]?.resumable).toBe(true);
    const resumed = await second.resume(job.jobId);
    const res = await resumed.done;
    expect(res.counts).toMatchObject({ done: 400, unknown: 0, failed: 0 });
    for (const it of items) expect(fb.applied.get(it.key)).toBe(1);
    // The first two batches (200 items) were never sent again.
    const resent = fb.calls.slice(callsBefore).flatMap((c) => c.ids);
    expect(resent.length).toBe(100);
    expect((await second.listJobs())[0]).toMatchObject({ jobId: job.jobId, state: 'completed', resumable: false });
  });

  it('a query job that died while listing keeps its plan and lists on from the journalled cursor', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 2500);
    // After its first page, every request of the first engine hangs for good: it is as good as
    // dead, with deletes of the first page sent and unanswered. (Its own wrapper, so nothing it
    // still sends can reach the mailbox once the resumed engine runs, however slow the machine.)
    const dying = dyingAfter(fb, { lists: 1 });
    const first = makeEngine(dir, dying, { requestTimeoutMs: 600_000 });
    const job = await first.start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'query', folderId: 'inbox', filter: {} } });
    const file = journalPath(dir, job.jobId);
    await untilBatchSent(file);
    const replayed = await replayJournal(file);
    expect(replayed?.planned).toBe(false);
    expect(replayed?.cursor?.before).toBeDefined();
    await resumesOnOnePlan(dir, fb, items, job.jobId);
  });

  it('an ids job that died while looking up its items keeps its plan and looks up the rest from the next id', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 2500);
    // After its first lookup the first engine hangs for good (its own wrapper: see dyingAfter):
    // the first chunk is planned and released, and its deletes are sent and never answered.
    const first = makeEngine(dir, dyingAfter(fb, { lookups: 1 }), { requestTimeoutMs: 600_000 });
    const job = await first.start({ mailbox, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: items.map((i) => i.id) } });
    const file = journalPath(dir, job.jobId);
    await untilBatchSent(file);
    const replayed = await replayJournal(file);
    expect(replayed?.planned).toBe(false);
    expect(replayed?.released).toBeGreaterThan(0);
    await resumesOnOnePlan(dir, fb, items, job.jobId);
  });

  it('lists history newest first, exports CSV (quoted, formula-safe) and JSON, pages the report, retries failed items', async () => {
    const fb = new FakeBackend();
    fb.addFolder('dest', 'Dest', 'msgfolderroot');
    const items = fb.addItems('inbox', 30, (i) => ({ subject: i === 0 ? '=HYPERLINK("http://x","click")' : i === 1 ? 'say "hi", friend' : `+plain ${i}` }));
    const stuck = new Set(items.slice(0, 4).map((i) => i.key));
    fb.itemFault = (_op, it) => (stuck.has(it.key) ? { status: 'error', code: 'ErrorQuotaExceeded', message: 'quota', retryable: true } : undefined);
    const engine = makeEngine(dir, fb);
    const job = await engine.start({
      mailbox: { smtp: 'alice@contoso.com', part: 'archive' },
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: items.map((i) => i.id) },
    });
    const res = await job.done;
    expect(res.counts).toMatchObject({ done: 26, failed: 4 });

    const csvPath = join(dir, 'report.csv');
    expect(await engine.exportReport(job.jobId, 'csv', csvPath)).toBe(30);
    const csv = readFileSync(csvPath, 'utf8');
    const [head, ...rows] = csv.trimEnd().split('\r\n');
    expect(head).toBe(
      '"jobId","user","mailbox","action","itemId","subject","folder","folderId","outcome","code","message","newId","destinationFolder","destinationFolderId","sentAt","recordedAt"',
    );
    expect(rows).toHaveLength(30);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csv).toContain('"say ""hi"", friend"');
    expect(csv).toContain(`"'+plain 5"`);
    expect(csv).toContain('"alice@contoso.com (archive)"');
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('ok')).toBe('"ok"');

    // Without a namer the path columns stay empty; the ids are always there.
    expect(rows.every((r) => r.includes('"Move to dest"') && r.includes('"inbox"'))).toBe(true);

    // With one (the service passes the open mailbox's folder paths), folders are named.
    const jsonPath = join(dir, 'report.json');
    const names = new Map([
      ['inbox', 'Inbox'],
      ['dest', 'Projects/Dest'],
    ]);
    await engine.exportReport(job.jobId, 'json', jsonPath, (id) => names.get(id));
    const parsed = JSON.parse(readFileSync(jsonPath, 'utf8')) as AuditRow[];
    expect(parsed).toHaveLength(30);
    expect(parsed.filter((r) => r.outcome === 'failed')).toHaveLength(4);
    expect(parsed.every((r) => r.user === 'admin@contoso.com' && typeof r.sentAt === 'string')).toBe(true);
    expect(parsed.every((r) => r.action === 'Move to Projects/Dest' && r.folder === 'Inbox' && r.folderId === 'inbox')).toBe(true);
    const moved = parsed.filter((r) => r.outcome === 'done');
    expect(moved.length).toBe(26);
    expect(moved.every((r) => r.destinationFolderId === 'dest' && r.destinationFolder === 'Projects/Dest')).toBe(true);
    expect(parsed.filter((r) => r.outcome === 'failed').every((r) => r.destinationFolder === undefined)).toBe(true);

    const page = await engine.reportPage(job.jobId, { offset: 1, max: 2 });
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0]).toMatchObject({ outcome: 'failed', code: 'ErrorQuotaExceeded' });

    stuck.clear();
    const retry = await engine.retryFailed(job.jobId);
    const retried = await retry?.done;
    expect(retried?.counts).toMatchObject({ done: 4, failed: 0 });
    expect(fb.inFolder('dest')).toHaveLength(30);
    const history = await engine.listJobs();
    expect(history.map((h) => h.jobId)).toEqual([retry?.jobId, job.jobId]);
    expect(history[0]).toMatchObject({ retryOf: job.jobId, state: 'completed', total: 4, user: 'admin@contoso.com' });
    expect(history[1]?.title).toMatch(/^Move to dest: 30 selected items in alice@contoso.com \(archive\)$/);
    expect(await engine.retryFailed(retry?.jobId ?? '')).toBeUndefined();
  });

  it('rebuilds history from the journal when the summary file is missing', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 10);
    const engine = makeEngine(dir, fb);
    const job = await engine.start({ mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids: items.map((i) => i.id) } });
    await job.done;
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, `${job.jobId}.summary.json`));
    const [entry] = await makeEngine(dir, fb).listJobs();
    expect(entry).toMatchObject({ jobId: job.jobId, state: 'completed', counts: { done: 10 }, total: 10, resumable: false });
    expect((await outcomesOf(dir, job.jobId)).size).toBe(10);
  });
});

describe('policies', () => {
  it('batch size grows while fast and clean, shrinks on busy, timeouts and slow answers, within bounds', () => {
    const s = new BatchSizer({ initial: 100, min: 10, max: 500, slowMs: 15_000, fastMs: 5_000 });
    s.record('clean', 100, 200);
    expect(s.size).toBe(125);
    s.record('clean', 50, 200); // a short batch says nothing about the size
    expect(s.size).toBe(125);
    s.record('busy', 125, 100);
    expect(s.size).toBe(93);
    s.record('timeout', 93, 90_000);
    expect(s.size).toBe(46);
    s.record('clean', 46, 40_000); // slow: aim at half the slow threshold
    expect(s.size).toBeLessThan(46);
    for (let i = 0; i < 50; i++) s.record('clean', s.size, 10);
    expect(s.size).toBe(500);
  });

  it('concurrency doubles per round until congestion, then grows by one per round; halves on too many connections; capped', () => {
    const c = new AdaptiveConcurrency({ initial: 2, cap: 8 });
    c.onClean();
    c.onClean();
    expect(c.limit).toBe(4);
    for (let i = 0; i < 20; i++) c.onClean();
    expect(c.limit).toBe(8);
    c.onTooManyConcurrent();
    expect(c.limit).toBe(4);
    for (let i = 0; i < 4; i++) c.onClean();
    expect(c.limit).toBe(5);
    c.onTransient();
    expect(c.limit).toBe(4);
  });

  it('back-off grows exponentially with jitter and is capped; lookups retry busy and transient errors, not fatal ones', async () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 10_000, () => 1)).toBe(10_000);
    const gate = new AccountGate(realClock, { defaultBusyMs: 5, baseMs: 1, maxMs: 10, maxAttempts: 5 }, () => 0.5);
    let calls = 0;
    const value = await callWithRetry(gate, { maxAttempts: 5, timeoutMs: 1000 }, new AbortController().signal, async () => {
      calls++;
      if (calls === 1) throw new BackendRequestError({ kind: 'busy', code: 'ErrorServerBusy', message: 'busy', backOffMs: 20, mayHaveExecuted: false });
      if (calls === 2) throw new BackendRequestError({ kind: 'transient', code: 'HTTP503', message: '503', mayHaveExecuted: false });
      return 42;
    });
    expect(value).toBe(42);
    expect(calls).toBe(3);
    await expect(
      callWithRetry(gate, { maxAttempts: 5, timeoutMs: 1000 }, new AbortController().signal, async () => {
        throw new BackendRequestError({ kind: 'fatal', code: 'ErrorAccessDenied', message: 'no', mayHaveExecuted: false });
      }),
    ).rejects.toMatchObject({ code: 'ErrorAccessDenied' });
  });
});

/**
 * The mailbox as seen by an engine that is about to die: its first `lists` listings and `lookups`
 * lookups are answered, then every request hangs for good. Only that engine uses this wrapper, so
 * nothing it still sends can reach the mailbox while a resumed engine runs, however slow the machine.
 */
function dyingAfter(fb: FakeBackend, answered: { lists?: number; lookups?: number }): JobBackend {
  let lists = 0;
  let lookups = 0;
  const hang = (signal: AbortSignal): Promise<never> =>
    new Promise((_, reject) =>
      signal.addEventListener(
        'abort',
        () => reject(new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'aborted', mayHaveExecuted: true })),
        { once: true },
      ),
    );
  return {
    listItems: (req, signal) => (++lists <= (answered.lists ?? 0) ? fb.listItems(req, signal) : hang(signal)),
    getItems: (ids, signal) => (++lookups <= (answered.lookups ?? 0) ? fb.getItems(ids, signal) : hang(signal)),
    moveItems: (_ids, _to, signal) => hang(signal),
    copyItems: (_ids, _to, signal) => hang(signal),
    deleteItems: (_ids, _mode, signal) => hang(signal),
    emptyFolder: (_folder, _mode, _sub, signal) => hang(signal),
    getFolder: (id, signal) => fb.getFolder(id, signal),
    listFoldersWithSourceKeys: (signal) => fb.listFoldersWithSourceKeys(signal),
    createFolder: (parent, name, signal) => fb.createFolder(parent, name, signal),
    moveFolder: (folder, to, signal) => fb.moveFolder(folder, to, signal),
  };
}
