// The journal's record types, apart from the writer and the readers so that the line codec, the
// schema and the readers can name them without importing journal.ts (which imports them).
import type { JobSpec, JobState, OutcomeKind } from '../../shared/domain';

/** One item as planned: enough to act on it, verify it and audit it without asking the server again. */
export interface PlannedItem {
  /** Position in the job, 0-based; journal records refer to items by it. */
  seq: number;
  id: string;
  subject: string;
  /** Folder the item was in when planned ('' when unknown, e.g. an id that did not resolve). */
  folderId: string;
  size: number;
  /** ISO 8601 received time, used to recognise the item in a destination folder after a lost move. */
  received?: string;
  /** Per-item destination (recover). */
  dest?: string;
  /** Recover: home folder is gone, so dest is the admin's fallback. */
  fallback?: boolean;
}

/** A final outcome as journalled: self-contained so that the audit export can stream it. */
export interface OutcomeRecord {
  s: number;
  k: OutcomeKind;
  id: string;
  subj: string;
  folder: string;
  code?: string;
  msg?: string;
  retryable?: boolean;
  newId?: string;
  dest?: string;
  /** When the batch that settled the item was sent (ISO). */
  sentAt?: string;
}

export interface JournalHeader {
  t: 'header';
  /** 2: checksummed lines (journalLines.ts); 1: an earlier version's plain lines, read as legacy. */
  v: 1 | 2;
  jobId: string;
  createdAt: string;
  user: string;
  spec: JobSpec;
  targetDescription: string;
  retryOf?: string;
}

/**
 * Where keyset paging of a query target stands after a page (see planner.ts): the next page is
 * the view restricted to DateTimeReceived < `before`, in DateTimeReceived-descending order, from
 * offset `skip`. `end`: the last page has been planned.
 */
export interface KeysetCursor {
  before?: string;
  skip: number;
  end?: boolean;
}

export type JournalRecord =
  | JournalHeader
  /**
   * e: the planning pass (epoch) the page belongs to. cur: the keyset cursor after this page.
   * rel: items with seq < rel may be acted on (the rest are held until planning moves past them).
   */
  | { t: 'plan'; e: number; items: PlannedItem[]; cur?: KeysetCursor; rel?: number }
  /** Planning restarts (after a crash during planning) as pass e: plan records of earlier passes no longer count. */
  | { t: 'planReset'; at: string; e: number }
  | { t: 'planned'; at: string; total: number }
  | { t: 'intent'; b: number; at: string; seqs: number[] }
  /** out: final outcomes; retry: back to pending; retryLost: pending, and an earlier send may have executed. */
  | { t: 'result'; b: number; at: string; out: OutcomeRecord[]; retry?: number[]; retryLost?: number[] }
  | { t: 'state'; at: string; state: JobState; error?: string }
  /**
   * Recover: the folder made (or found by name and reused) for the orphans deleted from the folder
   * whose source key is `key` (hex). Journalled before any item is moved there, so a resumed job
   * uses the same folder and never creates a second one.
   */
  | { t: 'folder'; at: string; key: string; id: string; name: string; reused: boolean }
  /**
   * Written on resuming a damaged (or a legacy, unchecksummed) journal: what was found, and where
   * the damaged original was kept. From here on every item without a trusted outcome is verified
   * against the mailbox before anything is claimed for it (see replay.ts).
   */
  | {
      t: 'recheck';
      at: string;
      why: 'damaged' | 'legacy';
      detail: string;
      evidence?: string;
      /**
       * A query job's plan went on in the set-aside lines and items beyond the trusted plan may
       * have been acted on there: listing again cannot find those that moved, so the job cannot
       * prove every item it touched has an outcome (it ends failed, saying so).
       */
      incompletePlan?: boolean;
    };
