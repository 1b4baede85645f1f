// Rebuilds a job's state from its journal: which items are final, which were sent without an
// answer (they must be settled before anything else), which are still to do. One byte per item,
// so a 500,000-item job costs half a megabyte here, never the items themselves.
import type { JobState, OutcomeCounts } from '../../shared/domain';
import { readJournal, type JournalHeader, type KeysetCursor } from './journal';

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
}

/** Streams the journal once. Returns undefined when the file has no header. */
export async function replayJournal(path: string): Promise<ReplayedJob | undefined> {
  let job: ReplayedJob | undefined;
  for await (const rec of readJournal(path)) {
    if (rec.t === 'header') {
      job = {
        header: rec,
        epoch: 0,
        planned: false,
        released: 0,
        total: 0,
        status: new SeqStatus(),
        counts: emptyCounts(),
        lastBatch: 0,
        updatedAt: rec.createdAt,
        createdFolders: new Map(),
      };
      continue;
    }
    if (!job) return undefined;
    switch (rec.t) {
      case 'plan':
        if (rec.e === job.epoch) {
          for (const item of rec.items) job.status.set(item.seq, ItemStatus.Pending);
          if (rec.cur) job.cursor = rec.cur;
          if (rec.rel !== undefined) job.released = Math.max(job.released, rec.rel);
        }
        break;
      case 'planReset':
        job.epoch = rec.e;
        job.status.reset();
        delete job.cursor;
        job.released = 0;
        job.updatedAt = rec.at;
        break;
      case 'planned':
        job.planned = true;
        job.total = rec.total;
        job.updatedAt = rec.at;
        break;
      case 'intent':
        for (const s of rec.seqs) job.status.set(s, ItemStatus.InFlight);
        job.lastBatch = Math.max(job.lastBatch, rec.b);
        job.updatedAt = rec.at;
        break;
      case 'result':
        for (const o of rec.out) {
          if (job.status.get(o.s) !== ItemStatus.Final) job.counts[o.k] += 1;
          job.status.set(o.s, ItemStatus.Final);
        }
        for (const s of rec.retry ?? []) job.status.set(s, ItemStatus.Pending);
        for (const s of rec.retryLost ?? []) job.status.set(s, ItemStatus.PendingAfterLost);
        job.lastBatch = Math.max(job.lastBatch, rec.b);
        job.updatedAt = rec.at;
        break;
      case 'folder':
        job.createdFolders.set(rec.key, rec.id);
        job.updatedAt = rec.at;
        break;
      case 'state':
        job.lastState = rec.state;
        job.lastError = rec.error;
        job.updatedAt = rec.at;
        break;
    }
  }
  if (job && !job.planned) job.total = job.status.length;
  return job;
}
