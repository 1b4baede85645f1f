// Job history: a small summary file beside each journal, rewritten atomically at state changes and
// checkpoints, so the history list never has to read large journals. The journal stays the truth:
// a missing or unreadable summary is rebuilt from it.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { JobHistoryEntry, JobState, JournalTrust } from '../../shared/domain';
import { abbreviatedSpec, jobTitle } from './describe';
import { checkSummary } from './historySchema';
import { journalPath } from './journal';
import { replayJournal, type ReplayedJob } from './replay';

export function summaryPath(dir: string, jobId: string): string {
  return join(dir, `${jobId}.summary.json`);
}

export async function writeSummary(dir: string, summary: JobHistoryEntry): Promise<void> {
  const path = summaryPath(dir, summary.jobId);
  const tmp = `${path}.tmp`;
  await fsp.writeFile(tmp, JSON.stringify(summary));
  await fsp.rename(tmp, path);
}

const terminal: ReadonlySet<JobState> = new Set(['completed', 'cancelled', 'failed']);

export function isTerminal(state: JobState): boolean {
  return terminal.has(state);
}

/** What the admin is told about a journal that is not fully verified (undefined: it is). */
export function trustOf(job: ReplayedJob): JournalTrust | undefined {
  const it = job.integrity;
  const where = it.describe();
  if (where !== undefined) {
    const c = job.counts;
    const kept = c.done + c.alreadyGone + c.failed + c.unknown + c.notAttempted;
    const after = it.linesAfterDamage > 0 ? `; the ${it.linesAfterDamage.toLocaleString('en-US')} lines after it are not trusted` : '';
    return {
      status: 'damaged',
      detail: `${where}. Trusted: the ${kept.toLocaleString('en-US')} item outcomes recorded before that line${after}. A resume verifies every other item against the mailbox before reporting it.`,
    };
  }
  if (job.recheck?.why === 'damaged') {
    return { status: 'damaged', detail: `${job.recheck.detail} Items without a trusted outcome were verified against the mailbox when the job was resumed.` };
  }
  if (it.legacyLines > 0) return LEGACY_TRUST;
  return undefined;
}

const LEGACY_TRUST: JournalTrust = {
  status: 'legacy',
  detail: 'Written by an earlier version without checksums: read unverified. A resume verifies every item whose outcome is not recorded.',
};

/** An earlier version's journal starts with a plain header line, not a checksum (journalLines.ts). */
async function isLegacyJournal(path: string): Promise<boolean> {
  const handle = await fsp.open(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString('utf8').startsWith('{"t":"header"');
  } finally {
    await handle.close();
  }
}

export function summaryFromReplay(job: ReplayedJob): JobHistoryEntry {
  const h = job.header;
  const finished = job.lastState !== undefined && isTerminal(job.lastState);
  const s: JobHistoryEntry = {
    jobId: h.jobId,
    title: jobTitle(h.spec),
    spec: abbreviatedSpec(h.spec),
    state: finished && job.lastState ? job.lastState : 'interrupted',
    counts: job.counts,
    total: job.total,
    createdAt: h.createdAt,
    updatedAt: job.updatedAt,
    resumable: !finished,
    user: h.user,
  };
  if (finished) s.finishedAt = job.updatedAt;
  if (h.retryOf) s.retryOf = h.retryOf;
  if (job.lastError) s.error = job.lastError;
  const trust = trustOf(job);
  if (trust) s.integrity = trust;
  return s;
}

/** A job the history list leaves out because neither its journal nor its summary can be read. */
export interface SkippedJob {
  jobId: string;
  /** The journal that could not be read. */
  file: string;
  problem: string;
}

/**
 * Every job in the folder, newest first. `live` maps running jobs to their current summaries.
 * A job that cannot be read at all is left out and named to `onSkipped`, never thrown.
 */
export async function listSummaries(
  dir: string,
  live: ReadonlyMap<string, JobHistoryEntry>,
  onSkipped?: (skipped: SkippedJob) => void,
): Promise<JobHistoryEntry[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const out: JobHistoryEntry[] = [];
  for (const name of names) {
    const m = /^(.+)\.journal\.jsonl$/.exec(name);
    const jobId = m?.[1];
    if (!jobId) continue;
    const running = live.get(jobId);
    if (running) {
      out.push(running);
      continue;
    }
    const read = await historyEntry(dir, jobId);
    if ('entry' in read) out.push(read.entry);
    else onSkipped?.({ jobId, file: journalPath(dir, jobId), problem: read.skipped });
  }
  out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return out;
}

/**
 * One job not running here. A stored summary is used as it is only when the journal has not been
 * written since (a finished job's last write is its summary): otherwise the journal is replayed,
 * which checks every line, so damage done after the summary shows. Never throws: one unreadable
 * file must not break the list, so it comes back as the problem (the caller names the journal).
 */
async function historyEntry(dir: string, jobId: string): Promise<{ entry: JobHistoryEntry } | { skipped: string }> {
  const journal = journalPath(dir, jobId);
  try {
    const read = await readStoredSummary(dir, jobId);
    const stored = 'entry' in read ? read.entry : undefined;
    if (stored && isTerminal(stored.state)) {
      const [j, s] = await Promise.all([fsp.stat(journal), fsp.stat(summaryPath(dir, jobId))]);
      if (j.mtimeMs <= s.mtimeMs) return { entry: stored.integrity || !(await isLegacyJournal(journal)) ? stored : { ...stored, integrity: LEGACY_TRUST } };
    }
    const replayed = await replayJournal(journal);
    if (!replayed) {
      if (stored) return { entry: { ...stored, integrity: { status: 'damaged', detail: `${journal}: the header cannot be read.` }, resumable: false } };
      return { skipped: `the header cannot be read, and ${summaryPath(dir, jobId)} ${'problem' in read ? `is ${read.problem}` : 'is missing'}.` };
    }
    // Unfinished and not running in this process: summaryFromReplay calls it 'interrupted'.
    return { entry: summaryFromReplay(replayed) };
  } catch (error: unknown) {
    return { skipped: `it cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The stored summary when it is one; otherwise why not (missing, torn, or not a summary): the journal is replayed instead. */
async function readStoredSummary(dir: string, jobId: string): Promise<{ entry: JobHistoryEntry } | { problem: string } | { missing: true }> {
  let text: string;
  try {
    text = await fsp.readFile(summaryPath(dir, jobId), 'utf8');
  } catch {
    return { missing: true };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON (torn or damaged)' };
  }
  const checked = checkSummary(value, jobId);
  return checked.ok ? { entry: checked.entry } : { problem: checked.reason };
}
