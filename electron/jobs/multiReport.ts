// The per-item report of a job over many mailboxes: its mailboxes' journals in report order, paged
// without reading every row for every page. Each journal's outcome counts (from its job summary,
// the same counts replay keeps: one per final outcome, so one per report row) say how many rows of
// a page's kind it holds, so the total costs no journal reading and a page reads only the journals
// it falls in. A finished multi-job never changes: its journal list is kept, and the reader left
// where a page ended, so "next page" goes on from there instead of from the journal's start.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { AuditRow, JobHistoryEntry, OutcomeCounts, OutcomeKind } from '../../shared/domain';
import { journalPath } from './journal';
import type { MultiManifest } from './multiManifest';
import { auditRows, csvCell, type ReportFormat } from './report';

/** The per-item report's columns: the mailbox first, then what the single-mailbox report has. */
export const MULTI_REPORT_COLUMNS: (keyof AuditRow)[] = [
  'mailbox',
  'jobId',
  'user',
  'action',
  'itemId',
  'subject',
  'folderId',
  'outcome',
  'code',
  'message',
  'newId',
  'destinationFolderId',
  'sentAt',
  'recordedAt',
];

const ALL_OUTCOMES: readonly OutcomeKind[] = ['done', 'alreadyGone', 'failed', 'unknown', 'notAttempted'];

/** One mailbox job's journal in the report, with its outcome counts. */
export interface ReportSegment {
  mailbox: string;
  journal: string;
  counts: OutcomeCounts;
}

/** The journals of a multi-job, mailbox by mailbox in the spec's order, each mailbox's jobs oldest first. */
export function reportSegments(dir: string, manifest: MultiManifest, jobs: readonly JobHistoryEntry[]): ReportSegment[] {
  const byMailbox = new Map<string, JobHistoryEntry[]>();
  for (const job of jobs) {
    const key = job.spec.mailbox.smtp?.toLowerCase();
    if (key === undefined) continue;
    const list = byMailbox.get(key);
    if (list === undefined) byMailbox.set(key, [job]);
    else list.push(job);
  }
  const out: ReportSegment[] = [];
  for (const smtp of manifest.spec.search.mailboxes) {
    const mine = [...(byMailbox.get(smtp.toLowerCase()) ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    for (const job of mine) out.push({ mailbox: smtp, journal: journalPath(dir, job.jobId), counts: job.counts });
  }
  return out;
}

export interface ReportQuery {
  /** One mailbox only (absent: every mailbox). */
  mailbox?: string;
  /** Which outcomes (absent: all). */
  outcomes?: readonly OutcomeKind[];
  offset: number;
  max: number;
}

/** A multi-job's journals as read now; `frozen` when they can no longer change (the job finished). */
export interface LoadedReport {
  segments: ReportSegment[];
  frozen: boolean;
}

interface Cursor {
  /** Index of the next row in the query's rows. */
  position: number;
  segment: number;
  rows: AsyncGenerator<AuditRow>;
}

/** Finished jobs whose journal lists are kept, and readers left at the end of a page. */
const KEPT_REPORTS = 4;
const KEPT_CURSORS = 8;

export class MultiReportPager {
  private readonly frozen = new Map<string, ReportSegment[]>();
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly load: (multiJobId: string) => Promise<LoadedReport>) {}

  async page(multiJobId: string, query: ReportQuery): Promise<{ rows: AuditRow[]; total: number }> {
    const { segments, frozen } = await this.segmentsOf(multiJobId);
    const kinds = new Set(query.outcomes ?? ALL_OUTCOMES);
    const who = query.mailbox?.toLowerCase();
    const matching = (s: ReportSegment): number => (who !== undefined && s.mailbox.toLowerCase() !== who ? 0 : [...kinds].reduce((n, k) => n + s.counts[k], 0));
    const total = segments.reduce((n, s) => n + matching(s), 0);
    const key = `${multiJobId}\n${who ?? ''}\n${[...kinds].sort().join(',')}`;

    let cursor = this.take(key, query.offset);
    if (cursor === undefined) {
      let before = 0;
      let segment = 0;
      while (segment < segments.length && before + matching(segments[segment] as ReportSegment) <= query.offset)
        before += matching(segments[segment++] as ReportSegment);
      cursor = { position: before, segment, rows: this.open(segments[segment], kinds) };
    }
    const rows: AuditRow[] = [];
    while (rows.length < query.max && cursor.segment < segments.length) {
      const next = await cursor.rows.next();
      if (next.done === true) {
        do cursor.segment++;
        while (cursor.segment < segments.length && matching(segments[cursor.segment] as ReportSegment) === 0);
        cursor.rows = this.open(segments[cursor.segment], kinds);
        continue;
      }
      if (cursor.position++ >= query.offset) rows.push(next.value);
    }
    // Only a finished job's journals stay as they are: a reader of a running one is not kept.
    if (frozen && rows.length === query.max) this.keep(key, cursor);
    else void cursor.rows.return(undefined);
    return { rows, total };
  }

  /** Closes the kept readers. */
  close(): void {
    for (const cursor of this.cursors.values()) void cursor.rows.return(undefined);
    this.cursors.clear();
    this.frozen.clear();
  }

  private async segmentsOf(multiJobId: string): Promise<LoadedReport> {
    const kept = this.frozen.get(multiJobId);
    if (kept !== undefined) return { segments: kept, frozen: true };
    const loaded = await this.load(multiJobId);
    if (loaded.frozen) {
      this.frozen.set(multiJobId, loaded.segments);
      if (this.frozen.size > KEPT_REPORTS) this.frozen.delete(this.frozen.keys().next().value as string);
    }
    return loaded;
  }

  private open(segment: ReportSegment | undefined, kinds: ReadonlySet<OutcomeKind>): AsyncGenerator<AuditRow> {
    return segment === undefined ? (async function* () {})() : auditRows(segment.journal, kinds);
  }

  /** The reader a page of this query left at `offset`, if one is kept. */
  private take(key: string, offset: number): Cursor | undefined {
    const cursor = this.cursors.get(key);
    if (cursor === undefined) return undefined;
    this.cursors.delete(key);
    if (cursor.position === offset) return cursor;
    void cursor.rows.return(undefined);
    return undefined;
  }

  private keep(key: string, cursor: Cursor): void {
    this.cursors.set(key, cursor);
    if (this.cursors.size <= KEPT_CURSORS) return;
    const oldest = this.cursors.keys().next().value as string;
    void this.cursors.get(oldest)?.rows.return(undefined);
    this.cursors.delete(oldest);
  }
}

/** Writes the per-item report (CSV with the mailbox column, or JSON lines); returns the rows written. */
export async function writeMultiReport(rows: AsyncIterable<AuditRow>, format: ReportFormat, outPath: string): Promise<number> {
  const out = createWriteStream(outPath);
  let n = 0;
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    if (format === 'csv') await write(MULTI_REPORT_COLUMNS.map((c) => csvCell(c)).join(',') + '\r\n');
    for await (const row of rows) {
      await write(format === 'csv' ? MULTI_REPORT_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\r\n' : `${JSON.stringify(row)}\n`);
      n++;
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return n;
}
