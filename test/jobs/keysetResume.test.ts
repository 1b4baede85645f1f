// Resuming a query job from every listing position the journal can hold (keysetListing.ts, the
// planner and the journal's cursor): an engine dies after its k-th listing answer, for every k of
// the listing, with the page boundaries inside seconds shared by many items (one tie longer than a
// page), either at once or after a few more of its batches went through; a fresh engine resumes.
// Every item ends with exactly one outcome, and each is deleted or moved exactly once.
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendRequestError, type JobBackend } from '../../electron/jobs/backend';
import { journalPath } from '../../electron/jobs/journal';
import { replayJournal } from '../../electron/jobs/replay';
import type { JobAction } from '../../shared/domain';
import { FakeBackend, type FakeItem } from './fakeBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('jobs-keyset-resume-')));
afterEach(() => cleanup());
const mailbox = { part: 'primary' as const };

const at = (sec: number): string => new Date(Date.UTC(2024, 0, 1) + sec * 1000).toISOString();

/**
 * 3,500 items newest first: 1,500 in groups of 7 per second, 1,200 in one second (a tie longer
 * than a 1,000-row page), 800 in groups of 3 per second. Pages of 1,000 end inside ties.
 */
function mailboxWithTies(): { fb: FakeBackend; items: FakeItem[] } {
  const fb = new FakeBackend();
  fb.addFolder('dest', 'Dest', 'msgfolderroot');
  const items = [
    ...fb.addItems('inbox', 1500, (i) => ({ received: at(100_000 - Math.floor(i / 7)) })),
    ...fb.addItems('inbox', 1200, () => ({ received: at(50_000) })),
    ...fb.addItems('inbox', 800, (i) => ({ received: at(40_000 - Math.floor(i / 3)) })),
  ];
  return { fb, items };
}

interface Dying {
  backend: JobBackend;
  /** Resolves once the engine is dead: from then on nothing it sends reaches the mailbox. */
  dead: Promise<void>;
  /** Resolves when its listing stops (the listing it is not answered). */
  listingStopped: Promise<void>;
  /** Kills it now (when it has fewer batches left to send than it was to be allowed). */
  die: () => void;
  lists: () => number;
}

/**
 * The mailbox as seen by an engine that dies: its first `listsAnswered` listings are answered; the
 * next one hangs, and after `actionsAfter` more action requests (answered) every request hangs
 * for good. Only that engine uses this wrapper, so nothing it still sends reaches the mailbox while
 * the resumed engine runs.
 */
function dyingAfter(fb: FakeBackend, listsAnswered: number, actionsAfter: number): Dying {
  let lists = 0;
  let listingStopped = false;
  let actionsLeft = actionsAfter;
  let dead = false;
  let markDead: () => void = () => undefined;
  const deadPromise = new Promise<void>((resolve) => (markDead = resolve));
  let markStopped: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (markStopped = resolve));
  const die = (): void => {
    dead = true;
    markDead();
  };
  const hang = (signal: AbortSignal): Promise<never> =>
    new Promise((_, reject) =>
      signal.addEventListener(
        'abort',
        () => reject(new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'aborted', mayHaveExecuted: true })),
        { once: true },
      ),
    );
  const act = <T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> => {
    if (dead) return hang(signal);
    if (listingStopped && actionsLeft-- <= 0) {
      die();
      return hang(signal);
    }
    return run();
  };
  const backend: JobBackend = {
    listItems: (req, signal) => {
      if (dead || listingStopped) return hang(signal);
      if (++lists > listsAnswered) {
        listingStopped = true;
        markStopped();
        if (actionsAfter === 0) die();
        return hang(signal);
      }
      return fb.listItems(req, signal);
    },
    getItems: (ids, signal) => (dead ? hang(signal) : fb.getItems(ids, signal)),
    moveItems: (ids, to, signal) => act(signal, () => fb.moveItems(ids, to, signal)),
    copyItems: (ids, to, signal) => act(signal, () => fb.copyItems(ids, to, signal)),
    deleteItems: (ids, mode, signal) => act(signal, () => fb.deleteItems(ids, mode, signal)),
    emptyFolder: (folder, mode, sub, signal) => act(signal, () => fb.emptyFolder(folder, mode, sub, signal)),
    getFolder: (id, signal) => fb.getFolder(id, signal),
    listFoldersWithSourceKeys: (signal) => fb.listFoldersWithSourceKeys(signal),
    createFolder: (parent, name, signal) => fb.createFolder(parent, name, signal),
    moveFolder: (folder, to, signal) => fb.moveFolder(folder, to, signal),
  };
  return { backend, dead: deadPromise, listingStopped: stoppedPromise, die, lists: () => lists };
}

/** Waits until a file stops growing (the dead engine may still be appending what it had in hand). */
async function untilQuiet(file: string): Promise<void> {
  for (let size = -1; size !== statSync(file).size;) {
    size = statSync(file).size;
    await new Promise((r) => setTimeout(r, 30));
  }
}

/**
 * The data folder as a kill -9 would leave it now: a copy, so that the dead engine (which cannot
 * be stopped without writing) never appends to the journal the resumed engine writes. Nothing the
 * dead engine sends any more reaches the mailbox, so any moment is a state a crash can leave.
 */
function crashCopy(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'jobs-keyset-resumed-'));
  cpSync(from, to, { recursive: true });
  copies.push(to);
  return to;
}
const copies: string[] = [];
afterEach(() => {
  for (const c of copies.splice(0)) rmSync(c, { recursive: true, force: true });
});

const ACTIONS: Record<'delete' | 'move', JobAction> = {
  delete: { kind: 'delete', mode: 'HardDelete' },
  move: { kind: 'move', toFolderId: 'dest' },
};
const ENGINE = { batch: { initial: 70, max: 70 }, concurrencyCap: 4, initialConcurrency: 4 };

/** Listing requests a whole run makes (the first page's, then one per cursor). */
async function listingsOfAWholeRun(): Promise<number> {
  const { fb } = mailboxWithTies();
  const counting = dyingAfter(fb, Number.MAX_SAFE_INTEGER, 0);
  const res = await (
    await makeEngine(dir, counting.backend, ENGINE).start({ mailbox, action: ACTIONS.delete, target: { kind: 'query', folderId: 'inbox', filter: {} } })
  ).done;
  expect(res.counts.done).toBe(3500);
  return counting.lists();
}

describe('resuming a query job from every listing position', () => {
  it('every item ends with exactly one outcome and is acted on once, whichever page the first run died after', async () => {
    const listings = await listingsOfAWholeRun();
    // 3,500 rows by pages of 1,000 whose last second is held: at least four pages, one more per tie cut.
    expect(listings).toBeGreaterThanOrEqual(4);
    for (const kind of ['delete', 'move'] as const) {
      for (const actionsAfter of [0, 3]) {
        for (let k = 1; k <= listings; k++) {
          const label = `${kind}, died after listing ${k} of ${listings}, ${actionsAfter} batches later`;
          const { fb, items } = mailboxWithTies();
          const dying = dyingAfter(fb, k, actionsAfter);
          const job = await makeEngine(dir, dying.backend, { ...ENGINE, requestTimeoutMs: 600_000 }).start({
            mailbox,
            action: ACTIONS[kind],
            target: { kind: 'query', folderId: 'inbox', filter: {} },
          });
          const file = journalPath(dir, job.jobId);
          // A run that lists everything before it dies finishes instead (the last k): nothing to resume then.
          const ended = await Promise.race([dying.listingStopped.then(() => false), job.done.then(() => true)]);
          if (!ended) {
            // Allowed a few more batches: it dies after them, or now if it has none left to send.
            await Promise.race([dying.dead, new Promise((r) => setTimeout(r, 300))]);
            dying.die();
          }
          await untilQuiet(file);
          let resumedIn = dir;
          if (!ended) {
            resumedIn = crashCopy(dir);
            const replayed = await replayJournal(journalPath(resumedIn, job.jobId));
            expect(replayed?.planned, label).toBe(false);
            const res = await (await makeEngine(resumedIn, fb, ENGINE).resume(job.jobId)).done;
            expect(res.state, `${label}: ${res.error ?? ''}`).toBe('completed');
            expect(res.total, label).toBe(3500);
            expect(res.counts.failed + res.counts.unknown + res.counts.notAttempted, label).toBe(0);
            expect(res.counts.done + res.counts.alreadyGone, label).toBe(3500);
          }
          const outcomes = await outcomesOf(resumedIn, job.jobId);
          expect(outcomes.size, label).toBe(3500);
          const unappliedOrTwice = items.filter((it) => fb.applied.get(it.key) !== 1).map((it) => `${it.key}×${fb.applied.get(it.key) ?? 0}`);
          expect(unappliedOrTwice, label).toEqual([]);
          expect(fb.inFolder('inbox'), label).toHaveLength(0);
          if (kind === 'move') expect(fb.inFolder('dest'), label).toHaveLength(3500);
        }
      }
    }
  }, 120_000);
});
