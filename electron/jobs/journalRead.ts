// Reading a journal: every line checked (journalLines.ts), records yielded only while the file
// can be trusted. The last line without its newline is a write torn by a crash: expected, dropped.
// Anything else wrong ends what is yielded; the caller's JournalIntegrity (if given) says which
// line and why, so that replay and history can say "damaged" instead of telling wrongly.
import { promises as fsp } from 'node:fs';
import type { JournalHeader, JournalRecord, PlannedItem } from './journalTypes';
import { JournalIntegrity, LineChecker } from './journalLines';

const READ_CHUNK = 256 * 1024;

interface Line {
  text: string;
  start: number;
  end: number;
}

/** Splits chunks into lines, carrying a partial line from one chunk to the next. */
class LineSplitter {
  private carry: Buffer[] = [];
  private lineStart = 0;

  /** `buf[0..bytesRead)` read at file offset `at`. */
  push(buf: Buffer, bytesRead: number, at: number): Line[] {
    const lines: Line[] = [];
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl !== -1 && nl < bytesRead; nl = buf.indexOf(0x0a, start)) {
      const piece = buf.subarray(start, nl);
      const text = this.carry.length > 0 ? Buffer.concat([...this.carry, piece]).toString('utf8') : piece.toString('utf8');
      this.carry = [];
      lines.push({ text, start: this.lineStart, end: at + nl + 1 });
      start = nl + 1;
      this.lineStart = at + start;
    }
    if (start < bytesRead) this.carry.push(Buffer.from(buf.subarray(start, bytesRead)));
    return lines;
  }

  get hasPartial(): boolean {
    return this.carry.length > 0;
  }
}

/**
 * Streams the trusted records of a journal, holding one chunk and one line at a time. `endByte`
 * limits reading to the file as it was at a known point (the end of the plan), so records appended
 * meanwhile are not read.
 */
export async function* readJournal(path: string, endByte?: number, integrity = new JournalIntegrity(path)): AsyncGenerator<JournalRecord> {
  const checker = new LineChecker(integrity);
  const handle = await fsp.open(path, 'r');
  try {
    const end = endByte ?? (await handle.stat()).size;
    const buf = Buffer.alloc(READ_CHUNK);
    const splitter = new LineSplitter();
    let pos = 0;
    while (pos < end) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(READ_CHUNK, end - pos), pos);
      if (bytesRead === 0) break;
      const lines = splitter.push(buf, bytesRead, pos);
      pos += bytesRead;
      for (const line of lines) {
        const rec = checker.check(line.text, line.start, line.end);
        if (rec) yield rec;
        else if (integrity.damaged && endByte !== undefined) return;
      }
    }
    // A last line without its newline is torn (crash mid-write) or still being written: skipped.
    if (splitter.hasPartial) integrity.tornTail = true;
  } finally {
    await handle.close();
  }
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
 * chunk and one record at a time. A damaged line (which this process did not write) stops the
 * job: it throws, naming the file and line.
 */
export async function* tailPlan(path: string, epoch: number, limit: () => number, more: () => Promise<boolean>): AsyncGenerator<PlannedItem> {
  const integrity = new JournalIntegrity(path);
  const checker = new LineChecker(integrity);
  const handle = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(READ_CHUNK);
    const splitter = new LineSplitter();
    let pos = 0;
    for (;;) {
      const end = limit();
      if (pos >= end) {
        if (await more()) continue;
        if (pos >= limit()) return;
        continue;
      }
      const { bytesRead } = await handle.read(buf, 0, Math.min(READ_CHUNK, end - pos), pos);
      if (bytesRead === 0) return;
      const lines = splitter.push(buf, bytesRead, pos);
      pos += bytesRead;
      for (const line of lines) {
        const rec = checker.check(line.text, line.start, line.end);
        if (!rec) throw new Error(`the journal is damaged: ${integrity.describe() ?? path}`);
        if (rec.t === 'plan' && rec.e === epoch) yield* rec.items;
      }
    }
  } finally {
    await handle.close();
  }
}
