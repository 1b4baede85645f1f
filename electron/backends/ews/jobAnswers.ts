// The EWS client's answers in the job engine's words: per-item results (retry now, final, already
// gone, retryable later), lookups matched to their ids, folder-call failures, and how a request as
// a whole failed and whether it may have been carried out. Pure: no requests are made here.
import { EwsError, isEwsError, isXmlSendable, type EwsResult, type ItemRow, type ResponseStatus } from '../../ews';
import { toDomainRow } from './mapping';
import { BackendRequestError, type ItemLookup, type ItemResult } from '../port';

/**
 * Per-item codes that mean "not processed this time, may work if sent again". ErrorTimeoutExpired:
 * the request ran out of its one-minute execution time before reaching the item (EWS throttling
 * article, batch requests); resent at once, smaller batches follow from the slow answer.
 */
export const RETRY_CODES = new Set(['ErrorServerBusy', 'ErrorBatchProcessingStopped', 'ErrorTooManyObjectsOpened', 'ErrorTimeoutExpired']);
/** Of those, the ones that are the server's load talking (the rest: an earlier item stopped the batch). */
const THROTTLE_CODES = new Set(['ErrorServerBusy', 'ErrorTooManyObjectsOpened']);
/** Per-item codes worth a later retry by the admin (final for this job). */
const RETRYABLE_LATER = new Set([
  'ErrorMailboxStoreUnavailable',
  'ErrorInternalServerTransientError',
  'ErrorMailboxMoveInProgress',
  'ErrorQuotaExceededOnDelete',
]);
/** Network failures that happen before a request leaves: the server never saw it. */
const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** An id XML cannot carry (a server sent `&#1;`, a lone surrogate, U+FFFE): that item fails, not its batch. */
export const UNSENDABLE = {
  status: 'error',
  code: 'InvalidIdCharacters',
  message: 'The item id contains characters XML 1.0 cannot carry, so no request can name this item',
  retryable: false,
} as const satisfies ItemResult;

/** Sends only the ids XML can carry; the others get `refused`, each in its place. */
export async function sendable<R>(ids: readonly string[], refused: R, call: (sent: readonly string[]) => Promise<R[]>): Promise<R[]> {
  const sent = ids.filter(isXmlSendable);
  if (sent.length === ids.length) return call(ids);
  const answers = sent.length === 0 ? [] : await call(sent);
  let next = 0;
  return ids.map((id) => (isXmlSendable(id) ? (answers[next++] as R) : refused));
}

/**
 * An answer out of order: each id takes the row that names it. Failures name no item, so an id
 * without its own row cannot be told which failure is its own: it is reported as unresolved, never guessed.
 */
export function lookupsById(ids: readonly string[], results: readonly EwsResult<ItemRow | undefined>[]): ItemLookup[] {
  const rows = new Map<string, ItemRow>();
  for (const r of results) if (r.ok && r.value !== undefined) rows.set(r.value.id, r.value);
  return ids.map((id): ItemLookup => {
    const row = rows.get(id);
    if (row === undefined) {
      return {
        status: 'error',
        code: 'AnswerMismatch',
        message: "Exchange's answer did not match the items asked for (rows out of order or for other items); this item was not acted on",
        retryable: true,
      };
    }
    const found: ItemLookup = { status: 'found', row: toDomainRow(row) };
    if (row.parentFolderId) found.parentFolderId = row.parentFolderId;
    return found;
  });
}

export function transferResult(r: EwsResult<{ newId: { id: string } | undefined }>): ItemResult {
  if (!r.ok) return itemFailure(r.status);
  return r.value.newId ? { status: 'ok', newId: r.value.newId.id } : { status: 'ok' };
}

export function itemFailure(s: ResponseStatus): Exclude<ItemResult, { status: 'ok' }> {
  const code = s.effectiveCode || s.responseCode || 'UnknownError';
  const message = s.messageText ?? code;
  if (code === 'ErrorItemNotFound') return { status: 'notFound', code, message };
  if (s.busy || RETRY_CODES.has(code)) {
    const throttled = s.busy || THROTTLE_CODES.has(code);
    return s.backOffMs !== undefined ? { status: 'retry', code, message, throttled, backOffMs: s.backOffMs } : { status: 'retry', code, message, throttled };
  }
  return { status: 'error', code, message, retryable: RETRYABLE_LATER.has(code) };
}

/** A failed per-folder answer on a call the engine cannot do without (paging, folder lookups). */
export function folderError(s: ResponseStatus): BackendRequestError {
  const code = s.effectiveCode || s.responseCode || 'UnknownError';
  const message = s.messageText ?? code;
  if (s.busy)
    return new BackendRequestError({ kind: 'busy', code, message, ...(s.backOffMs !== undefined ? { backOffMs: s.backOffMs } : {}), mayHaveExecuted: false });
  const kind = RETRY_CODES.has(code) || RETRYABLE_LATER.has(code) ? 'transient' : 'fatal';
  return new BackendRequestError({ kind, code, message, mayHaveExecuted: false });
}

/**
 * How a request as a whole failed, and whether it may have been carried out. Only failures that
 * happen before Exchange could act (throttling refusals, 503 from the IIS queue, connections never
 * made) are "not executed"; a timeout, reset or unreadable answer may hide a completed request.
 */
export function toRequestError(err: unknown): BackendRequestError {
  if (err instanceof BackendRequestError) return err;
  if (!isEwsError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new BackendRequestError({ kind: 'transient', code: 'UnexpectedError', message, mayHaveExecuted: true });
  }
  const e: EwsError = err;
  const code = e.responseCode ?? (e.status ? `HTTP${e.status}` : e.kind);
  const base = { code, message: e.message };
  switch (e.kind) {
    case 'fault':
      if (e.responseCode === 'ErrorServerBusy' || e.responseCode === 'ErrorExceededConnectionCount') {
        return new BackendRequestError({
          ...base,
          kind: 'busy',
          ...(e.backOffMs !== undefined ? { backOffMs: e.backOffMs } : {}),
          mayHaveExecuted: false,
          tooManyConcurrent: e.responseCode === 'ErrorExceededConnectionCount',
        });
      }
      // Seen from real servers for requests that failed somewhere inside: retry (bounded), and
      // check moves, since part of the batch may have been done.
      if (e.responseCode === 'ErrorInternalServerError') return new BackendRequestError({ ...base, kind: 'transient', mayHaveExecuted: true });
      // A batch cut off at the server's time limit may have done part of its items.
      if (e.responseCode === 'ErrorTimeoutExpired') return new BackendRequestError({ ...base, kind: 'transient', mayHaveExecuted: true });
      return new BackendRequestError({ ...base, kind: e.retryable ? 'transient' : 'fatal', mayHaveExecuted: false });
    case 'http':
      if (e.status === 503) return new BackendRequestError({ ...base, kind: 'transient', mayHaveExecuted: false });
      return new BackendRequestError({ ...base, kind: e.retryable ? 'transient' : 'fatal', mayHaveExecuted: e.retryable });
    case 'redirect':
      return new BackendRequestError({ ...base, kind: e.retryable ? 'transient' : 'fatal', mayHaveExecuted: false });
    case 'timeout':
    case 'aborted':
    case 'malformed':
      return new BackendRequestError({ ...base, kind: 'transient', mayHaveExecuted: true });
    case 'network': {
      const causeCode = networkCode(e.cause);
      return new BackendRequestError({ ...base, code: causeCode ?? code, kind: 'transient', mayHaveExecuted: !(causeCode && NOT_SENT_NETWORK.has(causeCode)) });
    }
    case 'html':
      // An auth proxy or outage page answered instead of Exchange: the request did not reach it.
      // Retried a bounded number of times; a persistent one ends the items as failed.
      return new BackendRequestError({ ...base, kind: 'transient', mayHaveExecuted: false });
    case 'auth':
    case 'tls':
    case 'invalid-request':
      // neverSent (no token, refused certificate): the job's items are left not attempted, not failed.
      return new BackendRequestError({ ...base, kind: 'fatal', mayHaveExecuted: false, neverSent: e.neverSent });
  }
}

function networkCode(cause: unknown): string | undefined {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}
