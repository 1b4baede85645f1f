// The audit export of a job: one row per item outcome, streamed from the journal, as CSV or JSON.
// Folders are recorded by id (exact); the export adds their paths when the caller can name them.
// CSV cells are always quoted, and cells an office suite would read as a formula (= + - @, tab, CR)
// are prefixed with an apostrophe, because subjects come from outside senders.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { AuditRow, OutcomeKind } from '../../shared/domain';
import { describeAction, describeMailbox, type FolderNamer } from './describe';
import { readJournal, type JournalHeader, type OutcomeRecord } from './journal';
import { JournalIntegrity } from './journalLines';
import { applyRecord, startReplay, type ReplayedJob } from './replay';

export type ReportFormat = 'csv' | 'json';

const columns: (keyof AuditRow)[] = [
  'jobId',
  'user',
  'mailbox',
  'action',
  'itemId',
  'subject',
  'folder',
  'folderId',
  'outcome',
  'code',
  'message',
  'newId',
  'destinationFolder',
  'destinationFolderId',
  'sentAt',
  'recordedAt',
];

export function csvCell(value: string | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

export function auditRow(h: JournalHeader, o: OutcomeRecord, recordedAt: string, nameOf?: FolderNamer): AuditRow {
  const row: AuditRow = {
    jobId: h.jobId,
    user: h.user,
    mailbox: describeMailbox(h.spec),
    action: describeAction(h.spec, nameOf),
    itemId: o.id,
    subject: o.subj,
    folderId: o.folder,
    outcome: o.k,
    recordedAt,
  };
  const folder = o.folder === '' ? undefined : nameOf?.(o.folder);
  if (folder !== undefined) row.folder = folder;
  if (o.code !== undefined) row.code = o.code;
  if (o.msg !== undefined) row.message = o.msg;
  if (o.newId !== undefined) row.newId = o.newId;
  if (o.dest !== undefined) {
    row.destinationFolderId = o.dest;
    const destination = nameOf?.(o.dest);
    if (destination !== undefined) row.destinationFolder = destination;
  }
  if (o.sentAt !== undefined) row.sentAt = o.sentAt;
  return row;
}

/**
 * Streams every final outcome of a journal with its header, in the order they were recorded.
 * Only the trusted part: each record is checked as replay checks it (journalRead.ts, replay.ts),
 * so a damaged journal (or an earlier version's, which has no checksums to catch a line written
 * twice) never exports two outcomes for one item.
 */
export async function* auditRows(journalFile: string, kinds?: ReadonlySet<OutcomeKind>, nameOf?: FolderNamer): AsyncGenerator<AuditRow> {
  const integrity = new JournalIntegrity(journalFile);
  let job: ReplayedJob | undefined;
  for await (const rec of readJournal(journalFile, undefined, integrity)) {
    if (rec.t === 'header') {
      job = startReplay(rec, integrity);
      continue;
    }
    if (!job || applyRecord(job, rec) !== undefined) return;
    if (rec.t === 'result') {
      for (const o of rec.out) if (!kinds || kinds.has(o.k)) yield auditRow(job.header, o, rec.at, nameOf);
    }
  }
}

async function write(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes the report to `outPath`; returns the number of rows. `nameOf` fills the folder path columns. */
export async function exportReport(journalFile: string, format: ReportFormat, outPath: string, nameOf?: FolderNamer): Promise<number> {
  const out = createWriteStream(outPath);
  let rows = 0;
  try {
    if (format === 'csv') {
      await write(out, columns.map((c) => csvCell(c)).join(',') + '\r\n');
      for await (const row of auditRows(journalFile, undefined, nameOf)) {
        await write(out, columns.map((c) => csvCell(row[c])).join(',') + '\r\n');
        rows++;
      }
    } else {
      await write(out, '[');
      for await (const row of auditRows(journalFile, undefined, nameOf)) {
        await write(out, (rows === 0 ? '\n' : ',\n') + JSON.stringify(row));
        rows++;
      }
      await write(out, '\n]\n');
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return rows;
}
