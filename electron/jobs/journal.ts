// The job journal: one append-only JSON-lines file per job, in the data folder the caller passes.
// Every batch is journalled before it is sent (intent) and after it is answered (outcomes), and each
// append is durable (written and fdatasync'd) before the engine goes on, so a crash or kill -9 loses
// nothing that was acted on. Concurrent appends are grouped into one write + one sync.
// It doubles as the audit log: outcome records carry the item's id, subject, folder, code and new id.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { encodeLine, lineNumberOf } from './journalLines';
import type { JournalRecord } from './journalTypes';

export { readHeader, readJournal, readPlan, tailPlan } from './journalRead';
export type { JournalHeader, JournalRecord, KeysetCursor, OutcomeRecord, PlannedItem } from './journalTypes';

export function journalPath(dir: string, jobId: string): string {
  return join(dir, `${jobId}.journal.jsonl`);
}

export class JournalWriter {
  private queue: string[] = [];
  private waiters: { resolve: (end: number) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  private closed = false;

  private constructor(
    private readonly handle: fsp.FileHandle,
    /** Bytes of complete records on disk. */
    private written: number,
    /** The running number of the next line (its index in the file: see journalLines.ts). */
    private nextLine: number,
  ) {}

  /** Bytes of complete, durable records: a reader may read up to here while appends go on. */
  get durableBytes(): number {
    return this.written;
  }

  /** Opens for appending; a torn last line from a crash is cut off so that new records start clean. */
  static async open(path: string): Promise<JournalWriter> {
    const handle = await fsp.open(path, 'a+');
    const { size } = await handle.stat();
    let keep = size;
    let lines = 0;
    if (size > 0) {
      keep = await lengthUpToLastNewline(handle, size);
      if (keep !== size) {
        await handle.truncate(keep);
        await handle.datasync();
      }
      lines = await lineCount(handle, keep);
    }
    return new JournalWriter(handle, keep, lines);
  }

  /** Resolves once the record is on disk. */
  append(record: JournalRecord): Promise<void> {
    return this.appendAt(record).then(() => undefined);
  }

  /** Resolves once the record is on disk, with the byte offset just past it. */
  appendAt(record: JournalRecord): Promise<number> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    this.queue.push(encodeLine(this.nextLine++, record));
    const p = new Promise<number>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return p;
  }

  /** Bytes on disk once everything appended so far is written. */
  async size(): Promise<number> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    return (await this.handle.stat()).size;
  }

  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    this.closed = true;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const pendingLines = this.queue;
      const lines = pendingLines.join('');
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      const ends: number[] = [];
      let pos = this.written;
      for (const line of pendingLines) {
        pos += Buffer.byteLength(line);
        ends.push(pos);
      }
      try {
        await this.handle.write(lines);
        await this.handle.datasync();
        this.written = pos;
        waiters.forEach((w, i) => w.resolve(ends[i] ?? pos));
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.flushing = false;
  }
}

/**
 * Complete lines in the first `end` bytes: the last line's running number + 1 when it has one
 * (one short read), else counted (an earlier version's journal, read once when it is resumed).
 */
async function lineCount(handle: fsp.FileHandle, end: number): Promise<number> {
  if (end === 0) return 0;
  const start = await lengthUpToLastNewline(handle, end - 1);
  const last = Buffer.alloc(Math.min(end - start, 64));
  await handle.read(last, 0, last.length, start);
  const n = lineNumberOf(last.toString('utf8'));
  if (n !== undefined) return n + 1;
  const chunk = Buffer.alloc(256 * 1024);
  let lines = 0;
  for (let pos = 0; pos < end;) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, end - pos), pos);
    if (bytesRead === 0) break;
    for (let i = chunk.indexOf(0x0a); i !== -1 && i < bytesRead; i = chunk.indexOf(0x0a, i + 1)) lines++;
    pos += bytesRead;
  }
  return lines;
}

async function lengthUpToLastNewline(handle: fsp.FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return 0;
}
