// The audit export of a job: one row per item outcome, streamed from the journal, as CSV or JSON.
// Folders are recorded by id (exact); the export adds their paths when the caller can name them.
// CSV cells are always quoted, and cells an office suite would read as a formula (= + - @, tab, CR)
// are prefixed with an apostrophe, because subjects come from outside senders.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { AuditRow, OutcomeKind } from '../../shared/domain';
import { describeAction, describeMailbox, type FolderNamer } from './describe';
import { readJournal, type JournalHeader, type OutcomeRecord } from './journal';

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

/** Streams every final outcome of a journal with its header, in the order they were recorded. */
export async function* auditRows(journalFile: string, kinds?: ReadonlySet<OutcomeKind>, nameOf?: FolderNamer): AsyncGenerator<AuditRow> {
  let header: JournalHeader | undefined;
  for await (const rec of readJournal(journalFile)) {
    if (rec.t === 'header') header = rec;
    else if (rec.t === 'result' && header) {
      for (const o of rec.out) if (!kinds || kinds.has(o.k)) yield auditRow(header, o, rec.at, nameOf);
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
