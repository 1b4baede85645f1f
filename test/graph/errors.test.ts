import { describe, expect, it } from 'vitest';
import { describeFailure, failureFromParsed, failureFromText, header, isNotFound, mayHaveApplied, type GraphFailure } from '../../electron/graph/errors';
import { DEFAULT_RETRY_AFTER_MS } from '../../electron/graph/retryAfter';
import { fixture } from './support';

describe('Graph error mapping', () => {
  it('maps an error body to a typed value with its request id', () => {
    const failure = failureFromText(404, {}, fixture('error-not-found.json'));
    expect(failure).toEqual({
      kind: 'graph-error',
      status: 404,
      code: 'ErrorItemNotFound',
      message: 'The specified object was not found in the store.',
      requestId: '5d2f3f1e-aaaa-4bbb-8ccc-0123456789ab',
    });
    expect(isNotFound(failure)).toBe(true);
    expect(describeFailure(failure)).toContain('ErrorItemNotFound');
  });

  it('maps 429 and 503 to throttling with the Retry-After wait', () => {
    expect(failureFromText(429, { 'retry-after': '12' }, fixture('error-throttled.json'))).toEqual({
      kind: 'throttled',
      status: 429,
      retryAfterMs: 12_000,
      code: 'ApplicationThrottled',
      message: 'Application is over its MailboxConcurrency limit.',
    });
    expect(failureFromText(503, { 'Retry-After': '3' }, '')).toEqual({ kind: 'throttled', status: 503, retryAfterMs: 3000 });
  });

  it('waits a default time when a throttled answer names none', () => {
    expect(failureFromParsed(429, undefined, undefined)).toMatchObject({ kind: 'throttled', retryAfterMs: DEFAULT_RETRY_AFTER_MS });
  });

  it('calls an error without a Graph error body malformed', () => {
    expect(failureFromText(500, {}, '<html>Server Error</html>')).toEqual({ kind: 'malformed', status: 500, message: 'HTTP 500 without a Graph error body.' });
    expect(failureFromText(400, {}, '{"error":"nope"}').kind).toBe('malformed');
  });

  it('takes the request id from the header when the body has none', () => {
    expect(failureFromParsed(403, { 'Request-Id': 'r-1' }, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } })).toMatchObject({
      requestId: 'r-1',
    });
  });

  it('looks headers up without regard to case', () => {
    expect(header({ 'Retry-After': '1' }, 'retry-after')).toBe('1');
    expect(header(undefined, 'x')).toBeUndefined();
  });

  it.each<[GraphFailure, boolean]>([
    [{ kind: 'transport', reason: 'timeout', message: '' }, true],
    [{ kind: 'transport', reason: 'network', message: '' }, true],
    [{ kind: 'transport', reason: 'aborted', message: '' }, true],
    [{ kind: 'transport', reason: 'too-large', message: '' }, true],
    [{ kind: 'transport', reason: 'tls', message: '' }, false],
    [{ kind: 'malformed', status: 200, message: '' }, true],
    [{ kind: 'graph-error', status: 504, code: 'GatewayTimeout', message: '' }, true],
    [{ kind: 'graph-error', status: 404, code: 'ErrorItemNotFound', message: '' }, false],
    [{ kind: 'graph-error', status: 403, code: 'ErrorAccessDenied', message: '' }, false],
    [{ kind: 'throttled', status: 429, retryAfterMs: 1000 }, false],
    [{ kind: 'refused-url', url: 'x', message: '' }, false],
    [{ kind: 'auth', message: '' }, false],
  ])('says whether %j may have been carried out (%s)', (failure, expected) => {
    expect(mayHaveApplied(failure)).toBe(expected);
  });
});
