// Graph failures as typed values. Graph's error body is {"error":{"code","message","innerError"}}
// (Microsoft Graph "Error responses and resource types"); 429 and 503 with Retry-After are
// throttling (Graph "throttling guidance"), reported apart so the engine can wait and resize.
import { z } from 'zod';
import { parseBoundedJson } from './json';
import { DEFAULT_RETRY_AFTER_MS, parseRetryAfter } from './retryAfter';

export type GraphFailure =
  | { kind: 'graph-error'; status: number; code: string; message: string; requestId?: string }
  | { kind: 'throttled'; status: number; retryAfterMs: number; code?: string; message?: string }
  | { kind: 'transport'; reason: 'timeout' | 'network' | 'too-large' | 'aborted' | 'tls'; message: string }
  | { kind: 'malformed'; status?: number; message: string }
  | { kind: 'refused-url'; url: string; message: string }
  | { kind: 'auth'; message: string };

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional().default(''),
    innerError: z.object({ 'request-id': z.string().optional() }).passthrough().optional(),
  }),
});

/** Header lookup that ignores case (Graph and $batch sub-responses differ in casing). */
export function header(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** Maps an HTTP error answer (status ≥ 400) from its parsed body (undefined when absent or unreadable). */
export function failureFromParsed(status: number, headers: Readonly<Record<string, string>> | undefined, body: unknown): GraphFailure {
  const parsed = errorBody.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : undefined;
  const message = parsed.success ? parsed.data.error.message : undefined;
  if (isThrottleStatus(status)) {
    const retryAfterMs = parseRetryAfter(header(headers, 'retry-after')) ?? DEFAULT_RETRY_AFTER_MS;
    return { kind: 'throttled', status, retryAfterMs, ...(code ? { code } : {}), ...(message ? { message } : {}) };
  }
  if (parsed.success) {
    const requestId = parsed.data.error.innerError?.['request-id'] ?? header(headers, 'request-id');
    return { kind: 'graph-error', status, code: parsed.data.error.code, message: parsed.data.error.message, ...(requestId ? { requestId } : {}) };
  }
  return { kind: 'malformed', status, message: `HTTP ${status} without a Graph error body.` };
}

/** Same, from the raw text of a top-level answer. */
export function failureFromText(status: number, headers: Readonly<Record<string, string>>, text: string): GraphFailure {
  if (text.trim() === '') return failureFromParsed(status, headers, undefined);
  const json = parseBoundedJson(text);
  return failureFromParsed(status, headers, json.ok ? json.value : undefined);
}

/** The codes a per-item report reads as "already gone" rather than a failure (Graph answers 404 ErrorItemNotFound). */
export function isNotFound(failure: GraphFailure): boolean {
  return failure.kind === 'graph-error' && (failure.status === 404 || failure.code === 'ErrorItemNotFound');
}

/**
 * Whether a failed write may still have happened: the answer was lost or unreadable (timeout,
 * broken connection, cancelled in flight, malformed body, a gateway's 5xx), so the outcome is
 * unknown and must be verified, never retried blindly (a retried move would fail on the old id).
 * A Graph error or throttling answer means the request was not carried out; a TLS or URL refusal
 * or a missing token means it was never sent.
 */
export function mayHaveApplied(failure: GraphFailure): boolean {
  switch (failure.kind) {
    case 'transport':
      return failure.reason !== 'tls';
    case 'malformed':
      return true;
    case 'graph-error':
      return failure.status >= 500;
    case 'throttled':
    case 'refused-url':
    case 'auth':
      return false;
  }
}

export function describeFailure(failure: GraphFailure): string {
  switch (failure.kind) {
    case 'graph-error':
      return `${failure.code}: ${failure.message} (HTTP ${failure.status})`;
    case 'throttled':
      return `Throttled (HTTP ${failure.status}); retry after ${Math.ceil(failure.retryAfterMs / 1000)} s.`;
    case 'transport':
      return failure.message;
    case 'malformed':
      return `Malformed answer${failure.status ? ` (HTTP ${failure.status})` : ''}: ${failure.message}`;
    case 'refused-url':
    case 'auth':
      return failure.message;
  }
}
