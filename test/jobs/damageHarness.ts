// The journal-damage harness: a 1,500-item move job that "dies" mid-run (its backend stops
// answering for good, with one batch carried out and its answer lost, as a kill -9 leaves it),
// helpers to damage the journal it left the ways an attack run did, and the check that the
// mailbox and the job's report agree after a resume.
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';
import { BackendRequestError, type JobBackend } from '../../electron/jobs/backend';
import type { JobEngine } from '../../electron/jobs/engine';
import { journalPath, readJournal } from '../../electron/jobs/journal';
import { FakeBackend, type FakeItem } from './fakeBackend';
import { makeEngine, outcomesOf } from './helpers';

export const ITEMS = 1500;
const BATCH = 100;
/** Move batches answered before the "kill"; the next one is carried out and its answer lost. */
const ANSWERED = 10;

export interface KilledJob {
  fb: FakeBackend;
  /** The items as selected (original ids). */
  items: FakeItem[];
  jobId: string;
  file: string;
}

const mailbox = { part: 'primary' as const };

function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'aborted', mayHaveExecuted: true })), {
      once: true,
    }),
  );
}

/** A backend that answers ANSWERED moves, carries out the next without answering, then hangs. */
function dyingBackend(fb: FakeBackend): JobBackend {
  let moves = 0;
  return {
    listItems: (req, signal) => fb.listItems(req, signal),
    getItems: (ids, signal) => fb.getItems(ids, signal),
    moveItems: async (ids, to, signal) => {
      moves += 1;
      if (moves <= ANSWERED) return fb.moveItems(ids, to, signal);
      if (moves === ANSWERED + 1) await fb.moveItems(ids, to, signal);
      return hang(signal);
    },
    copyItems: (_ids, _to, signal) => hang(signal),
    deleteItems: (_ids, _mode, signal) => hang(signal),
    emptyFolder: (_folder, _mode, _sub, signal) => hang(signal),
    getFolder: (id, signal) => fb.getFolder(id, signal),
    listFoldersWithSourceKeys: (signal) => fb.listFoldersWithSourceKeys(signal),
    createFolder: (parent, name, signal) => fb.createFolder(parent, name, signal),
    moveFolder: (folder, to, signal) => fb.moveFolder(folder, to, signal),
  };
}

/** Starts the move job and returns once it is as good as dead (11 batches sent, 10 answered). */
export async function killedMoveJob(dir: string, target: 'ids' | 'query' = 'ids'): Promise<KilledJob> {
  const fb = new FakeBackend();
  fb.addFolder('dest', 'Dest', 'msgfolderroot');
  const items = fb.addItems('inbox', ITEMS);
  const engine = makeEngine(dir, dyingBackend(fb), {
    initialConcurrency: 1,
    concurrencyCap: 1,
    batch: { initial: BATCH, min: BATCH, max: BATCH },
    requestTimeoutMs: 600_000,
  });
  const job = await engine.start({
    mailbox,
    action: { kind: 'move', toFolderId: 'dest' },
    target: target === 'ids' ? { kind: 'ids', ids: items.map((i) => i.id), folderId: 'inbox' } : { kind: 'query', folderId: 'inbox', filter: {} },
  });
  const file = journalPath(dir, job.jobId);
  for (const deadline = Date.now() + 20_000; ;) {
    let intents = 0;
    let results = 0;
    for await (const rec of readJournal(file)) {
      if (rec.t === 'intent') intents++;
      if (rec.t === 'result') results++;
    }
    if (intents === ANSWERED + 1 && results === ANSWERED) break;
    if (Date.now() > deadline) throw new Error(`the job did not reach its kill point (${intents} intents, ${results} results)`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { fb, items, jobId: job.jobId, file };
}

// ---- damage ------------------------------------------------------------------------------------

export function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').slice(0, -1);
}

export function writeLines(file: string, ls: readonly string[]): void {
  writeFileSync(file, ls.map((l) => `${l}\n`).join(''));
}

/** Index of the k-th line (0-based) whose record has type `t`. */
export function nthLine(ls: readonly string[], t: string, k: number): number {
  let seen = 0;
  for (let i = 0; i < ls.length; i++) {
    if ((JSON.parse(ls[i] ?? '{}') as { t?: string }).t === t && seen++ === k) return i;
  }
  throw new Error(`no ${t} line ${k}`);
}

/** The line rewritten by `edit` with a checksum that matches again (a bug or a careful attacker). */
export function resealed(line: string, edit: (rec: Record<string, unknown>) => void): string {
  const rec = JSON.parse(line) as Record<string, unknown>;
  delete rec.c;
  edit(rec);
  const body = JSON.stringify(rec);
  return `{"c":"${crc32(body).toString(16).padStart(8, '0')}",${body.slice(1)}`;
}

/** The journal as the earlier version wrote it: plain JSON lines, header v 1. */
export function asLegacy(ls: readonly string[]): string[] {
  return ls.map((l) => {
    const rec = JSON.parse(l) as Record<string, unknown>;
    delete rec.c;
    delete rec.n;
    if (rec.t === 'header') rec.v = 1;
    return JSON.stringify(rec);
  });
}

// ---- the check -----------------------------------------------------------------------------------

/**
 * The mailbox and the report agree: no item has two outcomes; "done" means in the destination,
 * "failed" and "not attempted" mean still in the source, "unknown" claims nothing; nothing was
 * moved twice; a completed job has an outcome for every item.
 */
export async function expectMailboxAndReportAgree(dir: string, job: KilledJob, state: string): Promise<Map<string, string>> {
  const outcomes = await outcomesOf(dir, job.jobId); // throws on two outcomes for one item
  const kinds = new Map<string, string>();
  for (const it of job.items) {
    const now = job.fb.byKey(it.key);
    expect(job.fb.applied.get(it.key) ?? 0).toBeLessThanOrEqual(1);
    const row = outcomes.get(it.id);
    if (!row) continue;
    kinds.set(it.key, row.outcome);
    if (row.outcome === 'done') expect(now?.folderId, `${it.key} reported done`).toBe('dest');
    if (row.outcome === 'failed' || row.outcome === 'notAttempted') expect(now?.folderId, `${it.key} reported ${row.outcome}`).toBe('inbox');
  }
  if (state === 'completed') expect(outcomes.size).toBe(ITEMS);
  return kinds;
}

/** Resumes in a fresh engine over the real mailbox and waits for the end (bounded). */
export async function resumeToEnd(dir: string, job: KilledJob): Promise<{ engine: JobEngine; state: string; error?: string }> {
  const engine = makeEngine(dir, job.fb);
  const handle = await engine.resume(job.jobId);
  const res = await Promise.race([
    handle.done,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('resume did not finish in 30 s')), 30_000)),
  ]);
  return { engine, state: res.state, ...(res.error ? { error: res.error } : {}) };
}
