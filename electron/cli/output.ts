// How the command line writes: a table for a person at a terminal, JSON lines (one object a line,
// each with a "type") or CSV for a pipe or when asked (--format). Progress goes to stderr as one
// rewritten line on a terminal; with JSON lines it is part of the stream ("type": "progress"), so
// a script can follow a run without scraping text.
import { UsageError, type ParsedArgs } from './args';

export type Format = 'table' | 'jsonl' | 'csv';

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function formatFrom(args: ParsedArgs, streams: Streams): Format {
  const asked = args.strings.get('format');
  if (asked === undefined) return streams.stdout.isTTY ? 'table' : 'jsonl';
  if (asked === 'json' || asked === 'jsonl') return 'jsonl';
  if (asked === 'table' || asked === 'csv') return asked;
  throw new UsageError(`--format ${asked}: table, jsonl or csv.`);
}

/** A CSV cell: always quoted; a leading = + - @ tab or CR gets an apostrophe (subjects come from outside senders). */
export function csvCell(value: unknown): string {
  let v = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

export type Cell = string | number | undefined;

export function renderTable(columns: readonly string[], rows: readonly Cell[][]): string {
  const text = rows.map((r) => columns.map((_, i) => (r[i] === undefined ? '' : String(r[i]))));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...text.map((r) => (r[i] ?? '').length))));
  const fit = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => fit(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}

export class Output {
  private progressShown = false;

  constructor(
    readonly format: Format,
    private readonly streams: Streams,
  ) {}

  /** Rows of one kind: a table, CSV with a header, or JSON lines of `type`. */
  rows(type: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): void {
    this.clearProgress();
    if (this.format === 'jsonl') {
      for (const row of rows) this.streams.stdout.write(`${JSON.stringify({ type, ...row })}\n`);
    } else if (this.format === 'csv') {
      this.streams.stdout.write(columns.map(csvCell).join(',') + '\r\n');
      for (const row of rows) this.streams.stdout.write(columns.map((c) => csvCell(row[c])).join(',') + '\r\n');
    } else {
      this.streams.stdout.write(
        renderTable(
          columns,
          rows.map((row) => columns.map((c) => cellOf(row[c]))),
        ),
      );
    }
  }

  /** One event for scripts (JSON lines only; a table shows the rows at the end instead). */
  event(type: string, body: Record<string, unknown>): void {
    if (this.format === 'jsonl') this.streams.stdout.write(`${JSON.stringify({ type, ...body })}\n`);
  }

  /** A message for the person (stderr, never mixed into the data). */
  note(text: string): void {
    this.clearProgress();
    this.streams.stderr.write(`${text}\n`);
  }

  /** A progress line, rewritten in place on a terminal; silent elsewhere (JSON lines carry events). */
  progress(text: string): void {
    if (!this.streams.stderr.isTTY) return;
    this.streams.stderr.write(`\r\u001b[2K${text}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.streams.stderr.write('\r\u001b[2K');
    this.progressShown = false;
  }
}

function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join('; ');
  return JSON.stringify(value);
}

/** A progress bar of `width` characters for `done` of `total`. */
export function bar(done: number, total: number, width = 24): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const full = Math.round(share * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${Math.floor(share * 100)}%`;
}
