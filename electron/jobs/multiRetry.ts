// "Retry failed across all": a new job over many mailboxes made from what a finished one left
// undone, journalled like any multi-job (its own folder, manifest and child journals; the manifest
// names the job it retries). Per mailbox of the finished job:
// - each folder job that completed gives the ids of its items to try again: failed with a retryable
//   error, not attempted, and unknown (except for copies: an unknown copy may exist already, and a
//   second one is never made blindly; the report keeps it as unknown);
// - a folder job that was cancelled or failed is searched again with the same filter, minus every
//   item it already settled (done, already gone, final errors, unknown copies), since its listing may
//   not have reached every hit;
// - a folder found in the search whose job never started runs as it would have;
// - a mailbox that was never searched (unreachable, failed or cancelled before its search) is
//   opened and searched again.
// Final errors (failed, not retryable: access denied, item refused…) are not retried: they are
// counted and stay in the first job's report.
import type { JobHistoryEntry, JobTarget, MultiJobAction, MultiJobSpec } from '../../shared/domain';
import { journalPath, readJournal, type OutcomeRecord } from './journal';
import { JournalIntegrity } from './journalLines';
import type { ManifestMailbox, MultiManifest, PlannedFolder } from './multiManifest';
import { applyRecord, startReplay, type ReplayedJob } from './replay';

/** What a retry covers, before it starts. */
export interface RetryPlan {
  spec: MultiJobSpec;
  mailboxes: Record<string, ManifestMailbox>;
  /** Items retried by id (known now; folders searched again add theirs when they run). */
  items: number;
  /** Items that failed with a final error: left out, listed in the first job's report. */
  finalErrors: number;
  /** Unknown copies left out: they may exist already in the destination. */
  unknownCopies: number;
  /** Folders searched again (their job was cancelled or failed, or never started). */
  foldersAgain: number;
  /** Mailboxes opened and searched again (never searched in the first job). */
  mailboxesAgain: string[];
}

const childKey = (smtp: string, part: string, folderId: string): string => `${smtp.toLowerCase()}|${part}|${folderId}`;

/** The folder a child job acted on (its query's folder, or the folder an id list came from). */
export function childFolderKey(job: JobHistoryEntry): string | undefined {
  const folderId = job.spec.target.folderId;
  return job.spec.mailbox.smtp === undefined || folderId === undefined ? undefined : childKey(job.spec.mailbox.smtp, job.spec.mailbox.part, folderId);
}

/** Whether the action leaves the source item in place and makes a new one (an unknown outcome may then be a copy made). */
export function copiesItems(action: MultiJobAction): boolean {
  switch (action.kind) {
    case 'delete':
    case 'move':
    case 'recover':
      return false;
    case 'collect':
      return true;
  }
}

/** Whether an outcome is tried again. */
export function isRetried(o: Pick<OutcomeRecord, 'k' | 'retryable'>, copy: boolean): boolean {
  if (o.k === 'notAttempted') return true;
  if (o.k === 'failed') return o.retryable === true;
  if (o.k === 'unknown') return !copy;
  return false;
}

/** Every trusted outcome of a journal, as replay reads them (a damaged tail is not trusted). */
async function* outcomesOf(file: string): AsyncGenerator<OutcomeRecord> {
  const integrity = new JournalIntegrity(file);
  let job: ReplayedJob | undefined;
  for await (const rec of readJournal(file, undefined, integrity)) {
    if (rec.t === 'header') {
      job = startReplay(rec, integrity);
      continue;
    }
    if (!job || applyRecord(job, rec) !== undefined) return;
    if (rec.t === 'result') yield* rec.out;
  }
}

/** The ids a folder job retries and the ids it leaves, from its journal. */
export async function splitOutcomes(file: string, copy: boolean): Promise<{ retried: string[]; left: string[]; finalErrors: number; unknownCopies: number }> {
  const retried: string[] = [];
  const left: string[] = [];
  let finalErrors = 0;
  let unknownCopies = 0;
  for await (const o of outcomesOf(file)) {
    if (isRetried(o, copy)) retried.push(o.id);
    else {
      left.push(o.id);
      if (o.k === 'failed') finalErrors++;
      if (o.k === 'unknown') unknownCopies++;
    }
  }
  return { retried, left, finalErrors, unknownCopies };
}

/**
 * The retry of a finished multi-job (`sourceDir` its folder, `jobs` its child jobs). Throws when a
 * child job is still interrupted: what it sent without an answer must be settled by its own resume.
 */
export async function planRetry(sourceDir: string, source: MultiManifest, jobs: readonly JobHistoryEntry[]): Promise<RetryPlan> {
  const byFolder = new Map<string, JobHistoryEntry[]>();
  for (const job of jobs) {
    const key = childFolderKey(job);
    if (key === undefined) continue;
    byFolder.set(key, [...(byFolder.get(key) ?? []), job]);
  }
  const copy = copiesItems(source.spec.action);
  const plan: RetryPlan = {
    spec: { ...source.spec, search: { ...source.spec.search, mailboxes: [] } },
    mailboxes: {},
    items: 0,
    finalErrors: 0,
    unknownCopies: 0,
    foldersAgain: 0,
    mailboxesAgain: [],
  };
  for (const smtp of source.spec.search.mailboxes) {
    const m = source.mailboxes[smtp];
    if (m === undefined) continue;
    if (m.folders === undefined) {
      if (m.state === 'done') continue;
      plan.mailboxes[smtp] = { state: 'pending' };
      plan.mailboxesAgain.push(smtp);
      continue;
    }
    const folders: PlannedFolder[] = [];
    for (const folder of m.folders) {
      // The newest job of the folder: a resumed or retried folder has one job a run.
      const job = (byFolder.get(childKey(smtp, folder.part, folder.folderId)) ?? []).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
      const { retry: _previous, ...base } = folder;
      if (job === undefined) {
        folders.push(base);
        plan.foldersAgain++;
        continue;
      }
      if (job.resumable) throw new Error(`Job ${job.jobId} of ${smtp} was interrupted: what it sent without an answer must be settled first.`);
      const split = await splitOutcomes(journalPath(sourceDir, job.jobId), copy);
      plan.finalErrors += split.finalErrors;
      plan.unknownCopies += split.unknownCopies;
      if (job.state === 'completed') {
        if (split.retried.length === 0) continue;
        folders.push({ ...base, hits: split.retried.length, retry: { jobId: job.jobId, mode: 'ids' } });
        plan.items += split.retried.length;
      } else {
        folders.push({ ...base, hits: Math.max(0, folder.hits - split.left.length), retry: { jobId: job.jobId, mode: 'query' } });
        plan.foldersAgain++;
      }
    }
    if (folders.length === 0) continue;
    const entry: ManifestMailbox = { state: 'pending', folders };
    if (m.access !== undefined) entry.access = m.access;
    plan.mailboxes[smtp] = entry;
  }
  plan.spec.search.mailboxes = Object.keys(plan.mailboxes);
  return plan;
}

/** The target of a retried folder's job: the ids to try again, or the folder's query minus what was settled. */
export async function retryTarget(sourceDir: string, folder: PlannedFolder, spec: MultiJobSpec): Promise<JobTarget> {
  const retry = folder.retry;
  if (retry === undefined) return { kind: 'query', folderId: folder.folderId, filter: spec.search.filter };
  const split = await splitOutcomes(journalPath(sourceDir, retry.jobId), copiesItems(spec.action));
  if (retry.mode === 'ids') return { kind: 'ids', ids: split.retried, folderId: folder.folderId };
  return { kind: 'query', folderId: folder.folderId, filter: spec.search.filter, ...(split.left.length === 0 ? {} : { excludeIds: split.left }) };
}
