// The job journal: one append-only JSON-lines file per job, in the data folder the caller passes.
// Every batch is journalled before it is sent (intent) and after it is answered (outcomes).
// Concurrent appends are grouped into one write + one sync.
// It doubles as the audit log: outcome records carry the item's id, subject, folder, code and new id.
//
// What is durable when. An append is 'synced' (written and fdatasync'd before it resolves: the
// default; intents, final states, the folders recover makes) or 'written' (in the file, which a
// reader and a kill -9 see, but on disk only with the next synced append: the header, plan pages,
// batch results (outcomes), states along the way). Records are written in order and one fdatasync
// covers every byte written before it, so a synced record makes everything before it durable too.
// The first sync of a new journal also syncs its folder, once: until then a power cut may lose the
// file's name. That suffices because nothing is acted on before a synced record: a request goes out
// only after its intent is synced, and with it the header and the plan pages a resume reads to
// settle it (and a folder recover made is journalled synced). What a power cut can lose is written
// records after the last synced one: a plan page never sent (planned again from the cursor before
// it), a state on the way (the job reads as interrupted, as it is), batch results (their items read
// as sent without an answer, as after a lost response: the resume settles them against the mailbox
// before anything else (batchSender.settleUnanswered: a delete is sent again, "not found" then
// being already gone; a move or copy is looked up in its destination, verify.ts), and journals
// what it found; an item sent again has its intent after the result that re-queued it, so that
// result is synced with it) or, before the first intent, the whole job, which had done nothing.
// Nothing reads a job's outcomes as final before its final state, which is synced (and close()
// syncs whatever is left): an unfinished job is listed by replaying its journal (history.ts) and a
// retry refuses a job that is still interrupted (multiRetry.ts). Results being only written halves
// the fsyncs of a running job (one per batch, its intent). The summary beside it is rebuilt from
// the journal (history.ts).
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeLine, lineNumberOf } from './journalLines';
import type { JournalRecord } from './journalTypes';

export { readHeader, readJournal, readPlan, tailPlan } from './journalRead';
export type { JournalHeader, JournalRecord, KeysetCursor, OutcomeRecord, PlannedItem } from './journalTypes';

export function journalPath(dir: string, jobId: string): string {
  return join(dir, `${jobId}.journal.jsonl`);
}

/** 'synced': on disk, with everything before it, when the append resolves; 'written': in the file (see above). */
export type Durability = 'synced' | 'written';

export class JournalWriter {
  private queue: string[] = [];
  private waiters: { resolve: (end: number) => void; reject: (e: unknown) => void; sync: boolean }[] = [];
  private flushing = false;
  private closed = false;
  /** Bytes up to which an fdatasync has completed. */
  private synced: number;

  private constructor(
    private readonly handle: fsp.FileHandle,
    /** Bytes of complete records in the file. */
    private written: number,
    /** The running number of the next line (its index in the file: see journalLines.ts). */
    private nextLine: number,
    /** A new file's folder, synced with the first sync (its name is durable only then); undefined once done. */
    private dirToSync: string | undefined,
  ) {
    this.synced = written;
  }

  /** Bytes of complete records in the file: a reader may read up to here while appends go on. */
  get writtenBytes(): number {
    return this.written;
  }

  /** Bytes of complete records that a power cut keeps. */
  get syncedBytes(): number {
    return this.synced;
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
    // An empty file may be new (or left empty by a crash before its first record): its name is synced with the first record.
    return new JournalWriter(handle, keep, lines, size === 0 ? dirname(path) : undefined);
  }

  /**
   * A new job's journal. Its folder is made only when it is missing: every call on a job's way to
   * its first request waits its turn in libuv's pool behind the fsyncs of the other jobs starting.
   */
  static async openNew(path: string): Promise<JournalWriter> {
    try {
      return await JournalWriter.open(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fsp.mkdir(dirname(path), { recursive: true });
      return JournalWriter.open(path);
    }
  }

  /** Resolves once the record is in the file and, when 'synced' (the default), on disk with all before it. */
  append(record: JournalRecord, durability: Durability = 'synced'): Promise<void> {
    return this.appendAt(record, durability).then(() => undefined);
  }

  /** As append, with the byte offset just past the record. */
  appendAt(record: JournalRecord, durability: Durability = 'synced'): Promise<number> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    this.queue.push(encodeLine(this.nextLine++, record));
    const p = new Promise<number>((resolve, reject) => this.waiters.push({ resolve, reject, sync: durability === 'synced' }));
    if (!this.flushing) void this.flush();
    return p;
  }

  /** Bytes on disk once everything appended so far is written. */
  async size(): Promise<number> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    return (await this.handle.stat()).size;
  }

  /** Flushes, puts written records on disk (a run that ends has nothing left unsynced) and closes. */
  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    this.closed = true;
    try {
      if (this.synced < this.written) await this.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** fdatasync, and the first time also the new file's folder (at once: both must be done before a request may go out). */
  private async sync(): Promise<void> {
    const dir = this.dirToSync;
    if (dir === undefined) await this.handle.datasync();
    else {
      await Promise.all([this.handle.datasync(), syncDirectory(dir)]);
      this.dirToSync = undefined;
    }
    this.synced = this.written;
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
        this.written = pos;
        // One sync for the group when any of it asks for one; it also covers earlier 'written' records.
        if (waiters.some((w) => w.sync)) await this.sync();
        waiters.forEach((w, i) => w.resolve(ends[i] ?? pos));
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.flushing = false;
  }
}

/**
 * Makes a new entry in the folder durable (POSIX: fsync of the file does not promise its name).
 * Windows cannot open a folder for this; NTFS journals its metadata, so there is nothing to do.
 */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
