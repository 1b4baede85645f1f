// The progress event of a job over many mailboxes, built from where each mailbox stands: the totals
// over all mailboxes, how many have ended, the rate and what is left. Pure, so a run (multiRun.ts)
// only decides when to send it.
import type { MailboxJobStatus, MultiJobProgress, OutcomeCounts } from '../../shared/domain';
import type { ManifestMailbox } from './multiManifest';
import { addCounts, settledOf, zeroCounts } from './multiPorts';
import type { RateMeter } from './progress';

/** A mailbox in one of these states has its outcome: it is not worked again, by this run or a resume. */
export const FINAL_MAILBOX_STATES: ReadonlySet<string> = new Set(['done', 'unreachable', 'failed', 'cancelled']);

export interface ProgressInput {
  multiJobId: string;
  statuses: MailboxJobStatus[];
  mailboxesTotal: number;
  /** 'running' while the run goes on; its end state on the last event. */
  state: MultiJobProgress['state'];
  /** The mailbox whose change this event reports. */
  changed?: string;
  now: number;
  rate: RateMeter;
}

export function multiProgressEvent({ multiJobId, statuses, mailboxesTotal, state, changed, now, rate }: ProgressInput): MultiJobProgress {
  const counts = zeroCounts();
  let total = 0;
  for (const s of statuses) {
    addCounts(counts, s.counts);
    total += s.total;
  }
  const settled = settledOf(counts);
  rate.record(now, settled);
  const perSecond = rate.perSecond();
  const event: MultiJobProgress = {
    multiJobId,
    state,
    mailboxesDone: statuses.filter((s) => FINAL_MAILBOX_STATES.has(s.state)).length,
    mailboxesTotal,
    counts,
    total,
    itemsPerSecond: Math.round(perSecond),
  };
  if (state === 'running' && perSecond > 0 && total > settled) event.etaSeconds = Math.round((total - settled) / perSecond);
  const mailbox = changed === undefined ? undefined : statuses.find((s) => s.mailbox === changed);
  if (mailbox !== undefined) event.mailbox = mailbox;
  return event;
}

/** Where one mailbox stands: its state from the manifest, the counts its jobs reported (by job id). */
export function mailboxStatus(
  smtp: string,
  m: ManifestMailbox,
  jobs: ReadonlyMap<string, { counts: OutcomeCounts; total: number }> | undefined,
): MailboxJobStatus {
  const counts = zeroCounts();
  let total = 0;
  for (const c of jobs?.values() ?? []) {
    addCounts(counts, c.counts);
    total += c.total;
  }
  // Folders whose job has not reported yet count with the hits the search found.
  const reported = jobs?.size ?? 0;
  if (m.folders !== undefined && reported < m.folders.length) for (const f of m.folders.slice(reported)) total += f.hits;
  const status: MailboxJobStatus = { mailbox: smtp, state: m.state, counts, total, jobIds: [...(jobs?.keys() ?? [])] };
  if (m.reason !== undefined) status.reason = m.reason;
  if (m.access !== undefined) status.access = m.access;
  return status;
}
