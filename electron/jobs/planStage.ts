// The planning side of a run: plans the job's target page by page into the journal (each page's
// items marked pending, released items handed to the plan feed), records the folders recover
// creates for orphans, and ends with the "planned" record that fixes the job's size.
import type { JobSpec, JobState } from '../../shared/domain';
import type { JobBackend } from './backend';
import { asRequestError, type CallLimits, type AccountGate } from './backoff';
import type { JournalRecord } from './journal';
import type { PlanFeed } from './planFeed';
import { planJob, type PlanResume } from './planner';
import type { OrphanFolderLog } from './recoverFolders';
import { ItemStatus, type ReplayedJob } from './replay';
import type { RunJournal } from './runJournal';
import type { RunState } from './runState';

export interface PlanStageDeps {
  spec: JobSpec;
  backend: JobBackend;
  gate: AccountGate;
  limits: CallLimits;
  state: RunState;
  feed: PlanFeed;
  journal: RunJournal;
  /** Recover: folders made for orphan groups (source key hex → id), as journalled. */
  createdFolders: Map<string, string>;
  setState(state: JobState): Promise<void>;
  progressChanged(): void;
  iso(): string;
}

export async function runPlanning(d: PlanStageDeps, resume: PlanResume | undefined): Promise<void> {
  const { state, feed, journal } = d;
  const signal = AbortSignal.any([state.stop.signal, state.planStop.signal]);
  const orphanFolders: OrphanFolderLog = {
    known: (key) => d.createdFolders.get(key),
    record: async ({ key, id, name, reused }) => {
      await journal.append({ t: 'folder', at: d.iso(), key, id, name, reused });
      d.createdFolders.set(key, id);
    },
  };
  const ctx = { backend: d.backend, gate: d.gate, limits: d.limits, signal, orphanFolders };
  try {
    state.total = await planJob(
      d.spec,
      ctx,
      async (items, info) => {
        const rec: JournalRecord = { t: 'plan', e: state.epoch, items };
        if (info?.cursor) rec.cur = info.cursor;
        if (info?.released !== undefined) rec.rel = info.released;
        // Only written: its items go out after an intent, whose sync puts this page on disk first (journal.ts).
        await journal.append(rec, 'written');
        for (const it of items) state.status.set(it.seq, ItemStatus.Pending);
        if (info?.released !== undefined && feed.release(info.released)) {
          if (state.state === 'planning') await d.setState('running');
        }
        feed.appended();
        await state.waitWhilePaused();
      },
      (found, expected) => {
        state.found = found;
        state.expected = expected;
        d.progressChanged();
      },
      resume,
    );
  } catch (err) {
    if (!state.cancelRequested && !state.planStop.signal.aborted) {
      const e = asRequestError(err);
      state.fail(`planning failed: ${e.code}: ${e.message}`);
    }
    state.total = state.status.length;
  }
  state.planned = true;
  let end: number;
  try {
    end = await journal.appendAt({ t: 'planned', at: d.iso(), total: state.total }, 'written');
  } catch {
    // A journal failure: already noted (RunJournal), and the send loop is woken to stop.
    return;
  }
  feed.complete(end);
  state.wake.notify();
  if (state.state === 'planning' && !state.fatalError && !state.cancelRequested) await d.setState('running').catch(() => undefined);
}

/**
 * Where planning starts in a run: nowhere if the plan is complete (everything in it may be sent);
 * on after a crash while listing a query (from its cursor) or looking up an id list (from its next
 * id); or afresh, in a new pass, if nothing had been released yet.
 */
export async function resumePoint(
  d: Pick<PlanStageDeps, 'spec' | 'state' | 'feed' | 'journal' | 'iso'>,
  replayed: ReplayedJob | undefined,
): Promise<PlanResume | undefined> {
  const { state, feed } = d;
  if (state.planned) {
    // Everything planned is in the file before this point; reading stops here, not at the moving end.
    feed.complete(d.journal.writtenBytes);
    return undefined;
  }
  if (replayed?.cursor) {
    // Died while listing a query: items may have been acted on, so the plan is kept and listing
    // continues from the journalled cursor.
    feed.release(replayed.released);
    return { cursor: replayed.cursor, nextSeq: state.status.length, released: replayed.released };
  }
  if (replayed !== undefined && state.status.length > 0 && d.spec.target.kind === 'ids' && replayed.released > 0) {
    // Died while looking up an id list: what is planned stays (some of it may have been acted
    // on), and the lookups go on from the next id.
    feed.release(replayed.released);
    return { nextSeq: state.status.length, released: replayed.released };
  }
  if (replayed !== undefined && state.status.length > 0) {
    // Died before anything was released (an empty folder's plan, an older journal): nothing was
    // sent yet, so plan again.
    state.epoch += 1;
    state.status.reset();
    await d.journal.append({ t: 'planReset', at: d.iso(), e: state.epoch });
  }
  return undefined;
}
