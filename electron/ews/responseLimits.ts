// How much of an answer the client reads, per operation. Measured: a 1000-row FindItem page is
// 1–2 MB, a 1000-id batch answer (MoveItem, DeleteItem…) well under 1 MB even when every item
// failed. The caps leave about four times that, and stop there: an attack run showed one 63 MB
// text node costing 12.8 s and 2.35 GB to parse.
const MiB = 1024 * 1024;

/** For operations not listed below. */
export const DEFAULT_RESPONSE_CAP = 8 * MiB;

const CAPS: ReadonlyMap<string, number> = new Map([
  ['FindItem', 8 * MiB],
  ['FindFolder', 8 * MiB],
  // The reading pane asks GetItem for bodies: the one answer that may carry large text.
  ['GetItem', 16 * MiB],
  ['GetFolder', 4 * MiB],
  ['MoveItem', 4 * MiB],
  ['CopyItem', 4 * MiB],
  ['DeleteItem', 4 * MiB],
  ['UpdateItem', 4 * MiB],
  ['CreateItem', 4 * MiB],
  ['EmptyFolder', 1 * MiB],
  ['CreateFolder', 1 * MiB],
  ['DeleteFolder', 1 * MiB],
  ['MoveFolder', 1 * MiB],
  ['CopyFolder', 1 * MiB],
  ['ConvertId', 4 * MiB],
  ['ResolveNames', 4 * MiB],
  ['ExpandDL', 4 * MiB],
]);

/** The largest answer read for this operation (bytes). */
export function responseCapFor(operation: string): number {
  return CAPS.get(operation) ?? DEFAULT_RESPONSE_CAP;
}

/** The longest text node accepted (characters): a whole message body fits, a flood does not. */
export const DEFAULT_MAX_TEXT_LENGTH = 4 * MiB;

/** Answers at least this long are parsed in the parse worker, off the calling thread's event loop. */
export const DEFAULT_WORKER_THRESHOLD_BYTES = 512 * 1024;
