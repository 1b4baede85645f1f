// One journal line, checked. Each line is a JSON object that starts with its checksum and its
// running number: {"c":"<crc32 hex>","n":<line index>,…record}. The checksum (CRC-32, zlib's)
// covers the line without the "c" member, so a flipped byte anywhere is seen; the running number is
// the line's own index in the file, so a line written twice, a file appended to itself and a
// missing line all show as a number out of place. Journals of the earlier version (header v 1,
// plain JSON lines) are read as "legacy": checked by shape only, never trusted as verified.
import { crc32 } from 'node:zlib';
import type { JournalRecord } from './journalTypes';
import { checkRecord } from './journalSchema';

const PREFIX = '{"c":"';
/** `{"c":"xxxxxxxx",` */
const PREFIX_LEN = PREFIX.length + 8 + 2;

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** The line (with its newline) for record number `n`. */
export function encodeLine(n: number, record: JournalRecord): string {
  const body = `{"n":${n},${JSON.stringify(record).slice(1)}`;
  return `${PREFIX}${hex8(crc32(body))}",${body.slice(1)}\n`;
}

/** The running number in a line written by encodeLine, without checking anything else. */
export function lineNumberOf(line: string): number | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  const m = /^"n":(\d+),/.exec(line.slice(PREFIX_LEN));
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** What a reader found about a journal's integrity. Lines are 1-based in messages. */
export class JournalIntegrity {
  /** Lines without checksum (an earlier version's journal, or its part before a resume). */
  legacyLines = 0;
  verifiedLines = 0;
  /** The first damaged line (1-based) and why; nothing from it on is trusted. */
  damage: { line: number; reason: string } | undefined;
  /** Lines read after the damaged one (not trusted). */
  linesAfterDamage = 0;
  /** The last line had no newline: torn by a crash mid-write (expected; dropped). */
  tornTail = false;
  /** Byte offset just past the last trusted line. */
  trustedEnd = 0;
  /** The line being read: its 1-based number and where it starts and ends. */
  line = 0;
  lineStart = 0;
  lineEnd = 0;

  constructor(readonly file: string) {}

  /** A reader (replay) found the current record inconsistent: it and everything after is untrusted. */
  reject(reason: string): void {
    if (this.damage) return;
    this.damage = { line: this.line, reason };
    this.trustedEnd = this.lineStart;
  }

  get damaged(): boolean {
    return this.damage !== undefined;
  }

  /** "<file> line N: reason" for messages. */
  describe(): string | undefined {
    return this.damage ? `${this.file} line ${this.damage.line}: ${this.damage.reason}` : undefined;
  }
}

/**
 * Checks lines in file order. Returns the record, or undefined when the line is damaged (recorded
 * in the integrity; every later line is then refused too: once one line is wrong, nothing after
 * it can be placed with certainty).
 */
export class LineChecker {
  private mode: 'start' | 'legacy' | 'verified' = 'start';
  private index = 0;

  constructor(private readonly integrity: JournalIntegrity) {}

  check(line: string, start: number, end: number): JournalRecord | undefined {
    const it = this.integrity;
    const n = this.index++;
    it.line = n + 1;
    it.lineStart = start;
    it.lineEnd = end;
    if (it.damage) {
      it.linesAfterDamage += 1;
      return undefined;
    }
    const rec = this.parse(line, n);
    if (rec === undefined) {
      it.trustedEnd = start;
      return undefined;
    }
    it.trustedEnd = end;
    return rec;
  }

  private parse(line: string, n: number): JournalRecord | undefined {
    const it = this.integrity;
    const fail = (reason: string): undefined => {
      it.reject(reason);
      return undefined;
    };
    if (line.startsWith(PREFIX)) {
      if (this.mode === 'start' && n > 0) return fail('checksummed line after lines that were not read');
      const crcText = line.slice(PREFIX.length, PREFIX.length + 8);
      const body = `{${line.slice(PREFIX_LEN)}`;
      if (line.slice(PREFIX.length + 8, PREFIX_LEN) !== '",' || !/^[0-9a-f]{8}$/.test(crcText)) return fail('the checksum is unreadable');
      if (hex8(crc32(body)) !== crcText) return fail('checksum mismatch (the line was changed or damaged)');
      const value = parseJson(body);
      if (value === undefined) return fail('not JSON');
      const seen = (value as { n?: unknown }).n;
      if (seen !== n) {
        if (typeof seen !== 'number') return fail('no running number');
        return fail(seen < n ? `repeats record ${seen + 1} (a line written twice or a copy appended)` : `records ${n + 1} to ${seen} are missing`);
      }
      const checked = checkRecord(value);
      if (!checked.ok) return fail(checked.reason);
      if (n === 0 && checked.record.t !== 'header') return fail('the first record is not a header');
      if (n > 0 && checked.record.t === 'header') return fail('a second header');
      this.mode = 'verified';
      it.verifiedLines += 1;
      return checked.record;
    }
    if (line.startsWith('{') && this.mode !== 'verified') {
      // An earlier version's line: shape only, and only before the first checksummed line.
      const value = parseJson(line);
      if (value === undefined) return fail('not JSON');
      const checked = checkRecord(value);
      if (!checked.ok) return fail(checked.reason);
      const rec = checked.record;
      if (n === 0 && (rec.t !== 'header' || rec.v !== 1)) return fail("a line without checksum that is not an earlier version's header");
      if (n > 0 && (this.mode !== 'legacy' || rec.t === 'header')) return fail(rec.t === 'header' ? 'a second header' : 'a line without checksum');
      this.mode = 'legacy';
      it.legacyLines += 1;
      return rec;
    }
    return fail(line.length === 0 ? 'an empty line' : this.mode === 'verified' ? 'a line without checksum' : 'not a journal record');
  }
}

/**
 * The record in one line read on its own (checksum, JSON and shape; no running number), or
 * undefined: for looking at lines that are set aside as untrusted, never for acting on them.
 */
export function readableRecord(line: string): JournalRecord | undefined {
  let value: object | undefined;
  if (line.startsWith(PREFIX)) {
    const body = `{${line.slice(PREFIX_LEN)}`;
    if (hex8(crc32(body)) !== line.slice(PREFIX.length, PREFIX.length + 8)) return undefined;
    value = parseJson(body);
  } else {
    value = parseJson(line);
  }
  if (value === undefined) return undefined;
  const checked = checkRecord(value);
  return checked.ok ? checked.record : undefined;
}

function parseJson(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
