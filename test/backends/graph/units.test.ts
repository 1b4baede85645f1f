// The Graph backend's pieces with a scripted transport: the lane, the failure mapping, the filter,
// $batch splitting with a failure after earlier answers, and the folder writes the Graph simulator
// does not model (create, move, delete a folder; emptyFolder's subfolders).
import { describe, expect, it } from 'vitest';
import { sendAll, unsentResult } from '../../../electron/backends/graph/batching';
import { itemFailure, toRequestError } from '../../../electron/backends/graph/errors';
import { graphListQuery } from '../../../electron/backends/graph/filter';
import { GraphJobBackend } from '../../../electron/backends/graph/jobBackend';
import { MailboxLane } from '../../../electron/backends/graph/lane';
import { toItemDetails, detailsShape } from '../../../electron/backends/graph/details';
import type { HttpRequest } from '../../../electron/graph/transport';
import { clientWith, json, ScriptedHttp } from '../../graph/support';

const never = (): AbortSignal => new AbortController().signal;

function batchAnswer(request: HttpRequest, status: (id: string, url: string) => number, body?: (id: string) => unknown) {
  const sent = JSON.parse(request.body ?? '{}') as { requests: { id: string; url: string }[] };
  return json(200, {
    responses: sent.requests.map((r) => ({ id: r.id, status: status(r.id, r.url), headers: {}, ...(body ? { body: body(r.id) } : {}) })).reverse(),
  });
}

describe('MailboxLane', () => {
  it('never runs more than its slots at once, first come first served, and a cancelled waiter is dropped', async () => {
    const lane = new MailboxLane(4);
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const task = (name: string, slots: number) =>
      lane.run(slots, undefined, async () => {
        running += slots;
        peak = Math.max(peak, running);
        order.push(name);
        await new Promise((r) => setTimeout(r, 10));
        running -= slots;
      });
    const first = task('a', 4);
    // Queued behind 'a', which holds every slot: cancelled before it is sent.
    const cancel = new AbortController();
    const cancelled = lane.run(1, cancel.signal, () => Promise.resolve('sent'));
    const all = Promise.all([first, task('b', 1), task('c', 4), task('d', 1)]);
    cancel.abort();
    await expect(cancelled).rejects.toThrow();
    await all;
    expect(peak).toBeLessThanOrEqual(4);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(lane.slotsFor(20)).toBe(4);
    expect(lane.slotsFor(2)).toBe(2);
  });
});

describe('failure mapping', () => {
  it('maps whole-request failures like the EWS adapter: busy, transient (lost or not sent), fatal', () => {
    expect(
      toRequestError({
        kind: 'throttled',
        status: 429,
        retryAfterMs: 3000,
        code: 'ApplicationThrottled',
        message: 'Application is over its MailboxConcurrency limit.',
      }),
    ).toMatchObject({
      kind: 'busy',
      backOffMs: 3000,
      tooManyConcurrent: true,
      mayHaveExecuted: false,
    });
    expect(toRequestError({ kind: 'transport', reason: 'timeout', message: 'slow' })).toMatchObject({ kind: 'transient', mayHaveExecuted: true });
    expect(toRequestError({ kind: 'transport', reason: 'network', message: '127.0.0.1:1: ECONNREFUSED' })).toMatchObject({
      kind: 'transient',
      mayHaveExecuted: false,
    });
    expect(toRequestError({ kind: 'graph-error', status: 502, code: 'BadGateway', message: '' })).toMatchObject({ kind: 'transient', mayHaveExecuted: true });
    expect(toRequestError({ kind: 'graph-error', status: 403, code: 'ErrorAccessDenied', message: '' })).toMatchObject({
      kind: 'fatal',
      mayHaveExecuted: false,
    });
    expect(toRequestError({ kind: 'auth', message: 'no token' })).toMatchObject({ kind: 'fatal' });
  });

  it('maps sub-answers per item', () => {
    expect(itemFailure({ kind: 'graph-error', status: 404, code: 'ErrorItemNotFound', message: 'gone' })).toMatchObject({ status: 'notFound' });
    expect(itemFailure({ kind: 'throttled', status: 503, retryAfterMs: 2000 })).toMatchObject({ status: 'retry', throttled: true, backOffMs: 2000 });
    expect(itemFailure({ kind: 'graph-error', status: 507, code: 'ErrorQuotaExceededOnDelete', message: 'full' })).toMatchObject({
      status: 'error',
      retryable: true,
    });
    expect(itemFailure({ kind: 'graph-error', status: 500, code: 'ErrorInternalServerError', message: '' })).toMatchObject({
      status: 'error',
      message: expect.stringContaining('may have been carried out'),
    });
    expect(itemFailure({ kind: 'graph-error', status: 400, code: 'ErrorInvalidIdMalformed', message: '' })).toMatchObject({
      status: 'error',
      retryable: false,
    });
  });
});

describe('graphListQuery', () => {
  it('leads with receivedDateTime when ordering newest first, joins terms with and, and refuses what Graph cannot filter', () => {
    expect(graphListQuery({}, true)).toEqual({ orderBy: [{ path: 'receivedDateTime', descending: true }] });
    expect(graphListQuery({ read: 'read', receivedBefore: '2025-01-01T00:00:00Z' }, true).filter?.odata).toBe(
      'receivedDateTime lt 2025-01-01T00:00:00.000Z and isRead eq true',
    );
    expect(graphListQuery({ importance: 'High' }, true).filter?.odata).toBe("receivedDateTime ge 1900-01-01T00:00:00.000Z and importance eq 'high'");
    expect(graphListQuery({ subjectContains: "it's", itemClass: 'IPM.Note' }, false).filter?.odata).toBe(
      "contains(subject,'it''s') and singleValueExtendedProperties/any(ep:ep/id eq 'String 0x001A' and ep/value eq 'IPM.Note')",
    );
    expect(() => graphListQuery({ hasCategories: true }, false)).toThrow(/not available over Microsoft Graph/);
    expect(graphListQuery({ hasAttachments: true }, false).filter?.odata).toBe('hasAttachments eq true');
  });
});

describe('sendAll', () => {
  it('keeps the answers of earlier $batches when a later one is throttled as a whole; the rest are throttled retries', async () => {
    const http = new ScriptedHttp((request, index) =>
      index === 0 ? batchAnswer(request, () => 204) : json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '4' }),
    );
    const client = clientWith(http);
    const backend = new GraphJobBackend(client, { part: 'primary' }, { signedInUser: 'a@contoso.com' });
    const ids = Array.from({ length: 30 }, (_, i) => `id${i}`);
    const results = await backend.deleteItems(ids, 'HardDelete', never());
    expect(results.slice(0, 20).every((r) => r.status === 'ok')).toBe(true);
    expect(results.slice(20).every((r) => r.status === 'retry' && r.throttled && r.backOffMs === 4000)).toBe(true);
    expect(http.requests).toHaveLength(2);
    // The same refusal on the first $batch fails the call, as a busy EWS request does.
    const refused = new GraphJobBackend(clientWith(new ScriptedHttp(() => json(429, {}, { 'retry-after': '1' }))), { part: 'primary' });
    await expect(refused.deleteItems(ids, 'HardDelete', never())).rejects.toMatchObject({ kind: 'busy', backOffMs: 1000 });
  });

  it('maps an unsent item of a refused call to an error, and a lost later answer fails the whole call', async () => {
    expect(unsentResult(toRequestError({ kind: 'graph-error', status: 401, code: 'InvalidAuthenticationToken', message: '' }))).toMatchObject({
      status: 'error',
    });
    const http = new ScriptedHttp((request, index) =>
      index === 0 ? batchAnswer(request, () => 204) : { ok: false, failure: { kind: 'transport', reason: 'timeout', message: 'no answer' } },
    );
    const lane = new MailboxLane();
    const call = sendAll(
      { client: clientWith(http), lane },
      Array.from({ length: 25 }, (_, i) => ({ method: 'DELETE' as const, path: `/me/messages/m${i}` })),
      (r) => r.ok,
      () => false,
      never(),
    );
    await expect(call).rejects.toMatchObject({ kind: 'transient', mayHaveExecuted: true });
  });
});

describe('folder writes (not modelled by the Graph simulator)', () => {
  it('creates a folder, says exists on 409, moves a folder and reports a refusal as a value', async () => {
    const http = new ScriptedHttp((request, index) => {
      if (index === 0) return json(201, { id: 'new-folder', displayName: 'Orphans' });
      if (index === 1) return json(409, { error: { code: 'ErrorFolderExists', message: 'A folder with the specified name already exists.' } });
      if (index === 2) return json(201, { id: 'moved-folder', displayName: 'X' });
      return json(403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } });
    });
    const backend = new GraphJobBackend(clientWith(http), { part: 'primary' }, { signedInUser: 'a@contoso.com' });
    expect(await backend.createFolder('inbox', 'Orphans', never())).toEqual({ status: 'created', id: 'new-folder' });
    expect(await backend.createFolder('inbox', 'Orphans', never())).toEqual({ status: 'exists' });
    expect(await backend.moveFolder('f1', 'msgfolderroot', never())).toEqual({ status: 'moved', id: 'moved-folder' });
    expect(await backend.moveFolder('f1', 'deleteditems', never())).toEqual({ status: 'refused', code: 'ErrorAccessDenied', message: 'Access is denied.' });
    expect(http.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /v1.0/users/a%40contoso.com/mailFolders/inbox/childFolders',
      'POST /v1.0/users/a%40contoso.com/mailFolders/inbox/childFolders',
      'POST /v1.0/users/a%40contoso.com/mailFolders/f1/move',
      'POST /v1.0/users/a%40contoso.com/mailFolders/f1/move',
    ]);
    expect(JSON.parse(http.requests[2]?.body ?? '{}')).toEqual({ destinationId: 'msgfolderroot' });
  });

  it('emptyFolder with subfolders: items in batches, then each child folder deleted (permanentDelete for HardDelete)', async () => {
    let listed = 0;
    const http = new ScriptedHttp((request) => {
      const path = request.url.pathname;
      if (path.endsWith('/messages')) return json(200, { value: listed++ === 0 ? [{ id: 'm1' }, { id: 'm2' }] : [] });
      if (path.endsWith('/$batch')) return batchAnswer(request, () => 204);
      if (path.endsWith('/childFolders')) return json(200, { value: [{ id: 'c1', displayName: 'Child' }] });
      if (path.endsWith('/permanentDelete')) return { status: 204, headers: {}, body: '' };
      throw new Error(`unexpected ${request.method} ${path}`);
    });
    const backend = new GraphJobBackend(clientWith(http), { part: 'primary' });
    expect(await backend.emptyFolder('f1', 'HardDelete', true, never())).toEqual({ status: 'ok' });
    expect(http.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /v1.0/me/mailFolders/f1/messages',
      'POST /v1.0/$batch',
      'GET /v1.0/me/mailFolders/f1/messages',
      'GET /v1.0/me/mailFolders/f1/childFolders',
      'POST /v1.0/me/mailFolders/c1/permanentDelete',
    ]);
  });
});

describe('item details', () => {
  it('reads Graph message JSON into the reading pane shape', () => {
    const parsed = detailsShape.parse({
      id: 'm1',
      subject: 'Hello',
      from: { emailAddress: { name: 'Ann', address: 'ann@contoso.com' } },
      toRecipients: [{ emailAddress: { address: 'bob@contoso.com' } }],
      ccRecipients: [],
      importance: 'high',
      categories: ['Red'],
      body: { contentType: 'html', content: '<p>x</p>' },
      singleValueExtendedProperties: [{ id: 'Binary 0x348a', value: 'AAEC' }],
    });
    expect(toItemDetails(parsed)).toMatchObject({
      subject: 'Hello',
      from: { name: 'Ann', address: 'ann@contoso.com' },
      to: [{ address: 'bob@contoso.com' }],
      importance: 'High',
      categories: ['Red'],
      lastActiveParentEntryId: 'AAEC',
      body: { format: 'html', content: '<p>x</p>', truncated: false },
    });
  });
});
