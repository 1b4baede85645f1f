// Rebuilds a job's state from its journal: which items are final, which were sent without an
// answer (they must be settled before anything else), which are still to do. One byte per item,
// so a 500,000-item job costs half a megabyte here, never the items themselves.
// Every record is also checked against what came before (plan pages continue the numbering, an
// item gets one outcome, batches are numbered upwards, …): the first record that does not fit
// is damage, and the state is that of the records before it (see JournalIntegrity).
import type { JobState, OutcomeCounts } from '../../shared/domain';
import { readJournal, type JournalHeader, type JournalRecord, type KeysetCursor } from './journal';
import { JournalIntegrity } from './journalLines';

export const ItemStatus = {
  Pending: 0,
  /** Sent (intent journalled) and not answered yet. */
  InFlight: 1,
  Final: 2,
  /** To be sent again; an earlier send may already have executed (a lost delete response). */
  PendingAfterLost: 3,
  /** In memory only: held by the running engine (queued, bucketed or in flight). */
  Held: 4,
} as const;
export type ItemStatus = (typeof ItemStatus)[keyof typeof ItemStatus];

/** A growable byte-per-item status table. */
export class SeqStatus {
  private bytes = new Uint8Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  get(seq: number): ItemStatus {
    return (this.bytes[seq] ?? 0) as ItemStatus;
  }

  set(seq: number, status: ItemStatus): void {
    if (seq >= this.bytes.length) {
      let cap = this.bytes.length;
      while (cap <= seq) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[seq] = status;
    if (seq >= this.count) this.count = seq + 1;
  }

  /** Forgets every item (a planning pass restarted). */
  reset(): void {
    this.bytes.fill(0);
    this.count = 0;
  }

  countOf(status: ItemStatus): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.bytes[i] === status) n++;
    return n;
  }
}

export function emptyCounts(): OutcomeCounts {
  return { done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
}

export interface ReplayedJob {
  header: JournalHeader;
  /** The planning pass in effect. */
  epoch: number;
  /** Planning finished: the plan is complete. */
  planned: boolean;
  /** Keyset paging's position after the last page journalled (query targets); planning continues from it. */
  cursor?: KeysetCursor;
  /** Items with seq below this may have been acted on while planning went on (see planner.ts). */
  released: number;
  total: number;
  status: SeqStatus;
  counts: OutcomeCounts;
  /** Highest batch number used, so a resumed run continues numbering. */
  lastBatch: number;
  /** The last state record. */
  lastState?: JobState;
  lastError?: string;
  /** Last record's time (ISO). */
  updatedAt: string;
  /** Recover: folders made for orphan groups, by source key (hex) → folder id. */
  createdFolders: Map<string, string>;
  /** What the reading found: verified, legacy (no checksums) or damaged from a line on. */
  integrity: JournalIntegrity;
  /**
   * A recheck record was met: every item without a trusted outcome is verified against the
   * mailbox before anything is claimed for it (its earlier fate is not known).
   */
  recheck?: { why: 'damaged' | 'legacy'; detail: string; evidence?: string; incompletePlan?: boolean };
}

/** Streams the journal once. Returns undefined when the file has no (readable) header. */
export async function replayJournal(path: string): Promise<ReplayedJob | undefined> {
  const integrity = new JournalIntegrity(path);
  let job: ReplayedJob | undefined;
  for await (const rec of readJournal(path, undefined, integrity)) {
    if (rec.t === 'header') {
      job = startReplay(rec, integrity);
      continue;
    }
    if (!job) return undefined;
    const problem = applyRecord(job, rec);
    if (problem !== undefined) {
      integrity.reject(problem);
      break;
    }
  }
  if (job && !job.planned) job.total = job.status.length;
  return job;
}

/** The state before any record after the header (for readers that replay as they stream). */
export function startReplay(header: JournalHeader, integrity: JournalIntegrity): ReplayedJob {
  return {
    header,
    epoch: 0,
    planned: false,
    released: 0,
    total: 0,
    status: new SeqStatus(),
    counts: emptyCounts(),
    lastBatch: 0,
    updatedAt: header.createdAt,
    createdFolders: new Map(),
    integrity,
  };
}

/** Applies one record; returns why it does not fit what came before, if it does not. */
export function applyRecord(job: ReplayedJob, rec: Exclude<JournalRecord, JournalHeader>): string | undefined {
  const planned = job.status.length;
  const known = (s: number): boolean => s < planned;
  switch (rec.t) {
    case 'plan': {
      if (rec.e !== job.epoch) return `a plan page of planning pass ${rec.e} during pass ${job.epoch}`;
      if (job.planned) return 'a plan page after the plan was complete';
      // Pages continue the numbering: a page read twice or out of place cannot slip in.
      let next = planned;
      for (const item of rec.items) if (item.seq !== next++) return `planned item ${item.seq} where item ${next - 1} was due`;
      for (const item of rec.items) job.status.set(item.seq, ItemStatus.Pending);
      if (rec.cur) job.cursor = rec.cur;
      if (rec.rel !== undefined) job.released = Math.max(job.released, rec.rel);
      return undefined;
    }
    case 'planReset':
      if (rec.e !== job.epoch + 1) return `planning pass ${rec.e} after pass ${job.epoch}`;
      job.epoch = rec.e;
      job.status.reset();
      delete job.cursor;
      job.released = 0;
      job.planned = false;
      job.updatedAt = rec.at;
      return undefined;
    case 'planned':
      if (rec.total !== planned) return `the plan says ${rec.total} items but ${planned} were planned`;
      job.planned = true;
      job.total = rec.total;
      job.updatedAt = rec.at;
      return undefined;
    case 'intent':
      if (rec.b <= job.lastBatch) return `batch ${rec.b} sent again (after batch ${job.lastBatch})`;
      for (const s of rec.seqs) {
        if (!known(s)) return `batch ${rec.b} sends item ${s}, which was never planned`;
        if (job.status.get(s) === ItemStatus.Final) return `batch ${rec.b} sends item ${s}, which already has its outcome`;
      }
      for (const s of rec.seqs) job.status.set(s, ItemStatus.InFlight);
      job.lastBatch = rec.b;
      job.updatedAt = rec.at;
      return undefined;
    case 'result': {
      const settled = new Set<number>();
      for (const o of rec.out) {
        if (!known(o.s)) return `an outcome for item ${o.s}, which was never planned`;
        if (job.status.get(o.s) === ItemStatus.Final || settled.has(o.s)) return `a second outcome for item ${o.s}`;
        settled.add(o.s);
      }
      for (const s of [...(rec.retry ?? []), ...(rec.retryLost ?? [])]) {
        if (!known(s)) return `item ${s} sent again, which was never planned`;
        if (job.status.get(s) === ItemStatus.Final || settled.has(s)) return `item ${s} sent again, which already has its outcome`;
      }
      for (const o of rec.out) job.status.set(o.s, ItemStatus.Final);
      for (const o of rec.out) job.counts[o.k] += 1;
      for (const s of rec.retry ?? []) job.status.set(s, ItemStatus.Pending);
      for (const s of rec.retryLost ?? []) job.status.set(s, ItemStatus.PendingAfterLost);
      job.lastBatch = Math.max(job.lastBatch, rec.b);
      job.updatedAt = rec.at;
      return undefined;
    }
    case 'folder':
      job.createdFolders.set(rec.key, rec.id);
      job.updatedAt = rec.at;
      return undefined;
    case 'state':
      job.lastState = rec.state;
      job.lastError = rec.error;
      job.updatedAt = rec.at;
      return undefined;
    case 'recheck':
      // Whatever happened to the items without a trusted outcome is not known: each is verified
      // against the mailbox (as a batch sent without an answer is) before anything is claimed.
      for (let s = 0; s < planned; s++) if (job.status.get(s) !== ItemStatus.Final) job.status.set(s, ItemStatus.InFlight);
      job.recheck = {
        why: rec.why,
        detail: rec.detail,
        ...(rec.evidence ? { evidence: rec.evidence } : {}),
        ...(rec.incompletePlan ? { incompletePlan: true } : {}),
      };
      job.updatedAt = rec.at;
      return undefined;
  }
}
