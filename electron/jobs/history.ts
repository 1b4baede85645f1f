// Job history: a small summary file beside each journal, rewritten atomically at state changes and
// checkpoints, so the history list never has to read large journals. The journal stays the truth:
// a missing or unreadable summary is rebuilt from it.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { JobHistoryEntry, JobState } from '../../shared/domain';
import { abbreviatedSpec, jobTitle } from './describe';
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
  return s;
}

/** Every job in the folder, newest first. `live` maps running jobs to their current summaries. */
export async function listSummaries(dir: string, live: ReadonlyMap<string, JobHistoryEntry>): Promise<JobHistoryEntry[]> {
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
    const stored = await readStoredSummary(dir, jobId);
    if (stored) {
      // Not running in this process but not finished either: the app stopped under it.
      out.push(isTerminal(stored.state) ? stored : { ...stored, state: 'interrupted', resumable: true });
      continue;
    }
    const replayed = await replayJournal(journalPath(dir, jobId));
    if (replayed) out.push(summaryFromReplay(replayed));
  }
  out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return out;
}

async function readStoredSummary(dir: string, jobId: string): Promise<JobHistoryEntry | undefined> {
  try {
    const value: unknown = JSON.parse(await fsp.readFile(summaryPath(dir, jobId), 'utf8'));
    if (typeof value === 'object' && value !== null && 'jobId' in value && value.jobId === jobId) return value as JobHistoryEntry;
  } catch {
    // missing or torn: rebuilt from the journal
  }
  return undefined;
}
