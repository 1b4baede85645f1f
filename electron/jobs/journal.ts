// The job journal: one append-only JSON-lines file per job, in the data folder the caller passes.
// Every batch is journalled before it is sent (intent) and after it is answered (outcomes), and each
// append is durable (written and fdatasync'd) before the engine goes on, so a crash or kill -9 loses
// nothing that was acted on. Concurrent appends are grouped into one write + one sync.
// It doubles as the audit log: outcome records carry the item's id, subject, folder, code and new id.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
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
  v: 1;
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
  | { t: 'folder'; at: string; key: string; id: string; name: string; reused: boolean };

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
    if (size > 0) {
      keep = await lengthUpToLastNewline(handle, size);
      if (keep !== size) {
        await handle.truncate(keep);
        await handle.datasync();
      }
    }
    return new JournalWriter(handle, keep);
  }

  /** Resolves once the record is on disk. */
  append(record: JournalRecord): Promise<void> {
    return this.appendAt(record).then(() => undefined);
  }

  /** Resolves once the record is on disk, with the byte offset just past it. */
  appendAt(record: JournalRecord): Promise<number> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    this.queue.push(JSON.stringify(record) + '\n');
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

/**
 * Streams the records of a journal. A line that does not parse is skipped (only the last line can be
 * torn by a crash, and it has no newline). `endByte` limits reading to the file as it was at a known
 * point (the end of the plan), so records appended meanwhile are not read.
 */
export async function* readJournal(path: string, endByte?: number): AsyncGenerator<JournalRecord> {
  for await (const line of readLines(path, endByte)) {
    const rec = parseRecord(line);
    if (rec) yield rec;
  }
}

const READ_CHUNK = 256 * 1024;

/**
 * Lines of a file, pulled a chunk at a time: nothing is read ahead of the consumer, so streaming
 * a journal of half a million items holds one chunk and one line, never the file.
 */
async function* readLines(path: string, endByte?: number): AsyncGenerator<string> {
  const handle = await fsp.open(path, 'r');
  try {
    const end = endByte ?? (await handle.stat()).size;
    const buf = Buffer.alloc(READ_CHUNK);
    let pos = 0;
    let carry: Buffer[] = [];
    while (pos < end) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(READ_CHUNK, end - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); nl !== -1 && nl < bytesRead; nl = buf.indexOf(0x0a, start)) {
        const piece = buf.subarray(start, nl);
        const line = carry.length > 0 ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8');
        carry = [];
        start = nl + 1;
        yield line;
      }
      if (start < bytesRead) carry.push(Buffer.from(buf.subarray(start, bytesRead)));
    }
    // A last line without its newline is torn (crash mid-write) or still being written: skip it.
  } finally {
    await handle.close();
  }
}

function parseRecord(line: string): JournalRecord | undefined {
  if (line.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && 't' in value && typeof value.t === 'string') {
      return value as JournalRecord;
    }
  } catch {
    // torn line: see readJournal
  }
  return undefined;
}

/** The header (first record) of a journal, or undefined if the file is empty or not a journal. */
export async function readHeader(path: string): Promise<JournalHeader | undefined> {
  for await (const rec of readJournal(path)) {
    return rec.t === 'header' ? rec : undefined;
  }
  return undefined;
}

/** Yields the planned items of planning pass `epoch` in seq order, streaming. */
export async function* readPlan(path: string, epoch: number, endByte?: number): AsyncGenerator<PlannedItem> {
  for await (const rec of readJournal(path, endByte)) {
    if (rec.t === 'plan' && rec.e === epoch) yield* rec.items;
  }
}

/**
 * Yields the planned items of pass `epoch` while the journal is still growing: reads complete
 * records up to `limit()` (the durable end while planning, the plan's end once it is known); at
 * the limit it awaits `more()`, which resolves false once nothing more will be planned. Holds one
 * chunk and one record at a time.
 */
export async function* tailPlan(path: string, epoch: number, limit: () => number, more: () => Promise<boolean>): AsyncGenerator<PlannedItem> {
  const handle = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(READ_CHUNK);
    let pos = 0;
    let carry: Buffer[] = [];
    for (;;) {
      const end = limit();
      if (pos >= end) {
        if (await more()) continue;
        if (pos >= limit()) return;
        continue;
      }
      const { bytesRead } = await handle.read(buf, 0, Math.min(READ_CHUNK, end - pos), pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      const lines: string[] = [];
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); nl !== -1 && nl < bytesRead; nl = buf.indexOf(0x0a, start)) {
        const piece = buf.subarray(start, nl);
        lines.push(carry.length > 0 ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8'));
        carry = [];
        start = nl + 1;
      }
      if (start < bytesRead) carry.push(Buffer.from(buf.subarray(start, bytesRead)));
      for (const line of lines) {
        const rec = parseRecord(line);
        if (rec?.t === 'plan' && rec.e === epoch) yield* rec.items;
      }
    }
  } finally {
    await handle.close();
  }
}
