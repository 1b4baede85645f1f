import { describe, expect, it } from 'vitest';
import { copyMessage, copyRequest } from '../../../electron/graph/operations/copy';
import { deleteMessage, deleteRequest } from '../../../electron/graph/operations/delete';
import { moveMessage, moveRequest } from '../../../electron/graph/operations/move';
import { permanentDeleteMessage, permanentDeleteRequest } from '../../../electron/graph/operations/permanentDelete';
import { SOFT_DELETE_FOLDER, softDeleteMessage, softDeleteRequest } from '../../../electron/graph/operations/softDelete';
import { clientWith, fixture, json, sequence } from '../support';

const ID = 'AAMk/msg=';
const MOVED_ID =
  'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAhq9xjAAA=';

describe('message actions: requests', () => {
  it('move and copy POST a destinationId to the message', () => {
    expect(moveRequest('a@b.c', ID, 'inbox')).toEqual({ method: 'POST', path: '/users/a%40b.c/messages/AAMk%2Fmsg%3D/move', body: { destinationId: 'inbox' } });
    expect(copyRequest(undefined, ID, 'FOLDER')).toEqual({ method: 'POST', path: '/me/messages/AAMk%2Fmsg%3D/copy', body: { destinationId: 'FOLDER' } });
    expect(() => moveRequest(undefined, ID, '')).toThrow(RangeError);
    expect(() => copyRequest(undefined, ID, '')).toThrow(RangeError);
  });

  it('delete is a DELETE, permanentDelete a POST without a body', () => {
    expect(deleteRequest(undefined, ID)).toEqual({ method: 'DELETE', path: '/me/messages/AAMk%2Fmsg%3D' });
    expect(permanentDeleteRequest('u', ID)).toEqual({ method: 'POST', path: '/users/u/messages/AAMk%2Fmsg%3D/permanentDelete' });
  });

  it('soft delete is a move to recoverableitemsdeletions', () => {
    expect(SOFT_DELETE_FOLDER).toBe('recoverableitemsdeletions');
    expect(softDeleteRequest(undefined, ID)).toEqual(moveRequest(undefined, ID, 'recoverableitemsdeletions'));
  });
});

describe('message actions: answers', () => {
  it('move returns the new id from 201 Created', async () => {
    const http = sequence(json(201, fixture('moved-message.json')));
    expect(await moveMessage(clientWith(http), undefined, ID, 'inbox')).toEqual({ ok: true, newId: MOVED_ID });
    expect(http.requests[0]?.method).toBe('POST');
  });

  it("copy returns the copy's id; soft delete the id in Deletions", async () => {
    expect(await copyMessage(clientWith(sequence(json(201, { id: 'copy-1' }))), undefined, ID, 'inbox')).toEqual({ ok: true, newId: 'copy-1' });
    const http = sequence(json(201, { id: 'in-deletions' }));
    expect(await softDeleteMessage(clientWith(http), undefined, ID)).toEqual({ ok: true, newId: 'in-deletions' });
    expect(JSON.parse(http.requests[0]?.body ?? '')).toEqual({ destinationId: 'recoverableitemsdeletions' });
  });

  it('a move answer without an id is malformed, never a success', async () => {
    expect(await moveMessage(clientWith(sequence(json(201, {}))), undefined, ID, 'inbox')).toMatchObject({
      ok: false,
      alreadyGone: false,
      failure: { kind: 'malformed' },
    });
  });

  it('delete and permanentDelete succeed on 204', async () => {
    const http = sequence({ status: 204, headers: {}, body: '' }, { status: 204, headers: {}, body: '' });
    expect(await deleteMessage(clientWith(http), undefined, ID)).toEqual({ ok: true });
    expect(await permanentDeleteMessage(clientWith(http), undefined, ID)).toEqual({ ok: true });
    expect(http.requests.map((r) => r.method)).toEqual(['DELETE', 'POST']);
    expect(http.requests[1]?.body).toBeUndefined();
  });

  it('an item that is gone is reported as already gone', async () => {
    const result = await deleteMessage(clientWith(sequence(json(404, fixture('error-not-found.json')))), undefined, ID);
    expect(result).toMatchObject({ ok: false, alreadyGone: true, failure: { code: 'ErrorItemNotFound' } });
  });

  it('throttling and access errors are failures, not "gone"', async () => {
    const throttled = await permanentDeleteMessage(clientWith(sequence(json(429, fixture('error-throttled.json'), { 'retry-after': '9' }))), undefined, ID);
    expect(throttled).toMatchObject({ ok: false, alreadyGone: false, failure: { kind: 'throttled', retryAfterMs: 9000 } });
    const denied = await moveMessage(
      clientWith(sequence(json(403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } }))),
      undefined,
      ID,
      'inbox',
    );
    expect(denied).toMatchObject({ ok: false, alreadyGone: false, failure: { kind: 'graph-error', status: 403 } });
  });
});
