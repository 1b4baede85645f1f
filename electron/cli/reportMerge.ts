// `report --merge FILE…`: joins the per-item reports of several workers (one per --shard, each with
// its own account and journal) into one, CSV or JSON lines in, either out. Columns are the union,
// in the order first seen; a row seen twice (the same job and item) is kept once and counted, so
// a report merged in twice does not double its figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from './args';
import { EXIT, type CommandContext, type ExitCode } from './context';
import { csvCell } from './output';

/** Parses CSV text (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

export function readReport(path: string, text: string): Record<string, string>[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const objects: unknown[] = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as unknown);
    return objects
      .filter((o): o is Record<string, unknown> => typeof o === 'object' && o !== null && (!('type' in o) || o.type === 'item'))
      .map((o) =>
        Object.fromEntries(
          Object.entries(o)
            .filter(([k]) => k !== 'type')
            .map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)]),
        ),
      );
  }
  const [header, ...rows] = parseCsv(text);
  if (header === undefined || !header.includes('itemId')) throw new UsageError(`${path}: not a report (no itemId column).`);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

export function merge(reports: readonly Record<string, string>[][]): { columns: string[]; rows: Record<string, string>[]; duplicates: number } {
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows: Record<string, string>[] = [];
  let duplicates = 0;
  for (const report of reports) {
    for (const row of report) {
      for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
      const key = `${row.jobId ?? ''}\u0000${row.itemId ?? ''}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      rows.push(row);
    }
  }
  return { columns, rows, duplicates };
}

export async function mergeReports(ctx: CommandContext): Promise<ExitCode> {
  const files = ctx.args.positional;
  if (files.length === 0) throw new UsageError('report --merge needs the report files to join.');
  const reports = files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (error) {
      throw new UsageError(`${f}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return readReport(f, text);
  });
  const merged = merge(reports);
  const outPath = ctx.args.strings.get('out');
  const csv = ctx.out.format === 'csv' || outPath?.endsWith('.csv') === true;
  const text = csv
    ? [merged.columns.map(csvCell).join(','), ...merged.rows.map((r) => merged.columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n'
    : merged.rows.map((r) => JSON.stringify(r)).join('\n') + (merged.rows.length > 0 ? '\n' : '');
  if (outPath !== undefined) writeFileSync(outPath, text);
  else process.stdout.write(text);
  const failed = merged.rows.filter((r) => r.outcome === 'failed' || r.outcome === 'unknown' || r.outcome === 'notAttempted').length;
  ctx.out.note(
    `${merged.rows.length} rows from ${files.length} reports${merged.duplicates > 0 ? ` (${merged.duplicates} duplicate rows left out)` : ''}; ${failed} not done.`,
  );
  return failed > 0 ? EXIT.partlyFailed : EXIT.done;
}
