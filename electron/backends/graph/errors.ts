// Graph failures as the engine's outcomes: a whole request's failure becomes a BackendRequestError
// (busy / transient / fatal, and whether it may have been carried out), one $batch sub-answer's an
// ItemResult, with the same meaning the EWS adapter gives its codes.
import { describeFailure, isNotFound, mayHaveApplied, type GraphFailure } from '../../graph/errors';
import { BackendRequestError, type ItemResult } from '../../jobs/backend';

/** Codes a later retry by the admin could fix (the mailbox's state, not the request). */
const RETRYABLE_LATER = new Set([
  'ErrorMailboxStoreUnavailable',
  'ErrorInternalServerTransientError',
  'ErrorMailboxMoveInProgress',
  'ErrorQuotaExceededOnDelete',
  'ErrorQuotaExceeded',
]);

/** Network failures that happen before a request leaves: the server never saw it. */
const NOT_SENT_NETWORK = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

function codeOf(failure: GraphFailure): string {
  switch (failure.kind) {
    case 'graph-error':
      return failure.code;
    case 'throttled':
      return failure.code ?? `HTTP${failure.status}`;
    case 'transport':
      return failure.reason === 'timeout' ? 'Timeout' : failure.reason === 'aborted' ? 'Aborted' : failure.reason === 'tls' ? 'TlsError' : 'NetworkError';
    case 'malformed':
      return 'MalformedAnswer';
    case 'refused-url':
      return 'RefusedUrl';
    case 'auth':
      return 'NoAccessToken';
  }
}

/**
 * Whether the outcome is unknown. A 5xx usually is (a gateway gave up on a request that may have
 * run), except the refusals that say what was not done: 501 Not Implemented and 507 Insufficient
 * Storage (a full Recoverable Items quota, ErrorQuotaExceededOnDelete).
 */
function answerLost(failure: GraphFailure): boolean {
  if (failure.kind === 'graph-error' && (failure.status === 501 || failure.status === 507)) return false;
  return mayHaveApplied(failure);
}

/**
 * How a whole Graph request failed. Throttling (429, and 503 with Retry-After, which Graph's
 * throttling guidance treats alike) is `busy` with the wait asked for; the 4-concurrent limit is
 * `tooManyConcurrent` (the engine then halves its concurrency). A lost or unreadable answer (timeout,
 * reset, 5xx from a gateway, malformed body) may hide a request that ran.
 */
export function toRequestError(failure: GraphFailure): BackendRequestError {
  const code = codeOf(failure);
  const message = describeFailure(failure);
  switch (failure.kind) {
    case 'throttled':
      return new BackendRequestError({
        kind: 'busy',
        code,
        message,
        backOffMs: failure.retryAfterMs,
        mayHaveExecuted: false,
        tooManyConcurrent: /concurrency/i.test(failure.message ?? ''),
      });
    case 'transport':
      // A refused certificate ends the handshake before the request is written.
      if (failure.reason === 'tls') return new BackendRequestError({ kind: 'fatal', code, message, mayHaveExecuted: false, neverSent: true });
      if (failure.reason === 'network' && NOT_SENT_NETWORK.test(failure.message)) {
        return new BackendRequestError({ kind: 'transient', code, message, mayHaveExecuted: false });
      }
      return new BackendRequestError({ kind: 'transient', code, message, mayHaveExecuted: true });
    case 'malformed':
      return new BackendRequestError({ kind: 'transient', code, message, mayHaveExecuted: true });
    case 'graph-error':
      if (failure.status >= 500) return new BackendRequestError({ kind: 'transient', code, message, mayHaveExecuted: answerLost(failure) });
      // 400 (a request we built wrong), 401/403 (token, consent, rights), 404 (mailbox or folder gone).
      return new BackendRequestError({ kind: RETRYABLE_LATER.has(code) ? 'transient' : 'fatal', code, message, mayHaveExecuted: false });
    case 'refused-url':
    case 'auth':
      // Refused before sending: a link off the configured host, or no token (signed out, the
      // certificate or secret refused by the authority). Nothing reached Graph.
      return new BackendRequestError({ kind: 'fatal', code, message, mayHaveExecuted: false, neverSent: true });
  }
}

/** A request that was never sent because the call was cancelled while it waited for a slot. */
export function notSent(reason: unknown): BackendRequestError {
  const message = reason instanceof Error ? reason.message : String(reason);
  return new BackendRequestError({ kind: 'transient', code: 'Cancelled', message, mayHaveExecuted: false });
}

/**
 * One $batch sub-answer's failure for one item. 404 is "not found" (for a delete: already gone);
 * 429/503 is the server's load (retry after Retry-After); 424 means a request it depended on
 * failed (we send none that depend, but it is not this item's fault); a 5xx or an unreadable
 * sub-answer may hide a change that happened, which the message says.
 */
export function itemFailure(failure: GraphFailure): Exclude<ItemResult, { status: 'ok' }> {
  const code = codeOf(failure);
  const message = describeFailure(failure);
  if (isNotFound(failure)) return { status: 'notFound', code, message };
  // A single request (not a $batch sub-answer) refused before it left: no token.
  if (failure.kind === 'auth') return { status: 'notSent', code, message };
  if (failure.kind === 'throttled') return { status: 'retry', code, message, throttled: true, backOffMs: failure.retryAfterMs };
  if (failure.kind === 'graph-error' && failure.status === 424) return { status: 'retry', code, message, throttled: false };
  if (answerLost(failure)) {
    return {
      status: 'error',
      code,
      message: `${message} Graph's answer for this item was lost or unreadable: it may have been carried out; check the item.`,
      retryable: true,
    };
  }
  return { status: 'error', code, message, retryable: RETRYABLE_LATER.has(code) || failure.kind === 'transport' };
}
