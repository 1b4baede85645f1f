import { describe, expect, it } from 'vitest';
import { buildBatch, MAX_BATCH_REQUESTS, readBatch, runBatch } from '../../electron/graph/batch';
import { deleteRequest } from '../../electron/graph/operations/delete';
import { readCreatedItem, readNoContent } from '../../electron/graph/operations/itemAction';
import { moveRequest } from '../../electron/graph/operations/move';
import { permanentDeleteRequest } from '../../electron/graph/operations/permanentDelete';
import { softDeleteRequest } from '../../electron/graph/operations/softDelete';
import { clientWith, fixture, GRAPH_BASE, json, sequence } from './support';

describe('$batch builder', () => {
  it('numbers requests from 1 in input order, with URLs relative to the version', () => {
    const body = buildBatch([moveRequest('u', 'a', 'inbox'), deleteRequest('u', 'b'), permanentDeleteRequest('u', 'c')]);
    expect(body).toEqual({
      requests: [
        { id: '1', method: 'POST', url: '/users/u/messages/a/move', headers: { 'Content-Type': 'application/json' }, body: { destinationId: 'inbox' } },
        { id: '2', method: 'DELETE', url: '/users/u/messages/b' },
        { id: '3', method: 'POST', url: '/users/u/messages/c/permanentDelete' },
      ],
    });
  });

  it("carries a sub-request's own headers", () => {
    const body = buildBatch([{ method: 'GET', path: '/me/messages?$count=true', headers: { ConsistencyLevel: 'eventual' } }]);
    expect(body.requests[0]?.headers).toEqual({ ConsistencyLevel: 'eventual' });
  });

  it('refuses an empty batch and more than 20 requests', () => {
    expect(MAX_BATCH_REQUESTS).toBe(20);
    expect(() => buildBatch([])).toThrow(RangeError);
    const twenty = Array.from({ length: 20 }, (_, i) => deleteRequest(undefined, `m${i}`));
    expect(buildBatch(twenty).requests).toHaveLength(20);
    expect(() => buildBatch([...twenty, deleteRequest(undefined, 'one-more')])).toThrow(RangeError);
  });
});

describe('$batch answers', () => {
  it('maps answers given in any order back to input order, each with its own outcome', () => {
    const read = readBatch(JSON.parse(fixture('batch-response-mixed.json')), 4);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const [first, second, third, fourth] = read.results;
    expect(first && readCreatedItem(first)).toEqual({ ok: true, newId: 'AAMk-moved-1' });
    expect(second && readNoContent(second)).toMatchObject({ ok: false, alreadyGone: true, failure: { code: 'ErrorItemNotFound', status: 404 } });
    // The throttled sub-request carries its own Retry-After; its neighbours are unaffected.
    expect(third).toEqual({
      ok: false,
      failure: {
        kind: 'throttled',
        status: 429,
        retryAfterMs: 7000,
        code: 'ApplicationThrottled',
        message: 'Application is over its MailboxConcurrency limit.',
      },
    });
    expect(fourth && readNoContent(fourth)).toEqual({ ok: true });
  });

  it('gives a request the answer leaves out an unknown (malformed) outcome, never success', () => {
    const read = readBatch({ responses: [{ id: '2', status: 204 }] }, 2);
    expect(read.ok && read.results[0]).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
    expect(read.ok && read.results[1]).toMatchObject({ ok: true, status: 204 });
  });

  it.each([
    [
      'a repeated id',
      {
        responses: [
          { id: '1', status: 204 },
          { id: '1', status: 204 },
        ],
      },
    ],
    ['an id beyond the batch', { responses: [{ id: '3', status: 204 }] }],
    ['an id that is not a number', { responses: [{ id: 'x', status: 204 }] }],
    ['a zero-padded id', { responses: [{ id: '01', status: 204 }] }],
    ['no responses list', { value: [] }],
  ])('calls an answer with %s malformed as a whole', (_what, body) => {
    expect(readBatch(body, 2)).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
  });

  it('sends one POST to /$batch and returns per-request results', async () => {
    const http = sequence(json(200, fixture('batch-response-mixed.json')));
    const specs = [
      moveRequest(undefined, 'a', 'inbox'),
      deleteRequest(undefined, 'b'),
      softDeleteRequest(undefined, 'c'),
      permanentDeleteRequest(undefined, 'd'),
    ];
    const result = await runBatch(clientWith(http), specs);
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0]?.url.href).toBe(`${GRAPH_BASE}/$batch`);
    expect(JSON.parse(http.requests[0]?.body ?? '')).toEqual(buildBatch(specs));
    expect(result.ok && result.results.map((r) => r.ok)).toEqual([true, false, false, true]);
  });

  it('returns a throttled $batch call once, with its Retry-After', async () => {
    const http = sequence(json(429, fixture('error-throttled.json'), { 'Retry-After': '30' }));
    expect(await runBatch(clientWith(http), [deleteRequest(undefined, 'a')])).toMatchObject({
      ok: false,
      failure: { kind: 'throttled', retryAfterMs: 30_000 },
    });
  });
});
