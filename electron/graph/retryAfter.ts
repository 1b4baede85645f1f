// Retry-After (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. Graph sends seconds;
// the date form is read too because a proxy in between may rewrite it.

/** Used when a throttled answer carries no usable Retry-After (Graph's guidance: back off, then retry). */
export const DEFAULT_RETRY_AFTER_MS = 10_000;
/** A server asking for more than this is capped: the engine's own back-off takes over from there. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const when = Date.parse(text);
  if (Number.isNaN(when) || !/[a-z]/i.test(text)) return undefined;
  return Math.min(Math.max(0, when - nowMs), MAX_RETRY_AFTER_MS);
}
