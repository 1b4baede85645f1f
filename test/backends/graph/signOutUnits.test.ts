// The Graph backend when the token source stops giving tokens (Sign out, a refused certificate):
// the failures that mean "never sent" are marked so, a call whose later $batch could not be sent
// keeps its answered items and says "not sent" for the rest, a call with nothing sent fails as a
// whole, and emptyFolder does not claim "not sent" for a folder it already partly emptied.
import { describe, expect, it } from 'vitest';
import { sendAll, unsentResult } from '../../../electron/backends/graph/batching';
import { itemFailure, toRequestError } from '../../../electron/backends/graph/errors';
import { GraphJobBackend } from '../../../electron/backends/graph/jobBackend';
import { MailboxLane } from '../../../electron/backends/graph/lane';
import { GraphClient } from '../../../electron/graph/client';
import type { HttpRequest } from '../../../electron/graph/transport';
import { GRAPH_BASE, json, ScriptedHttp, TOKEN } from '../../graph/support';

const never = (): AbortSignal => new AbortController().signal;
const SIGNED_OUT = 'The sign-in was removed.';

/** A client whose token source gives `tokens` tokens, then rejects as a signed-out MSAL cache does. */
function clientSigningOutAfter(http: ScriptedHttp, tokens: number): GraphClient {
  let given = 0;
  return new GraphClient({
    baseUrl: GRAPH_BASE,
    http,
    token: () => (given++ < tokens ? Promise.resolve(TOKEN) : Promise.reject(new Error(SIGNED_OUT))),
  });
}

function batchOk(request: HttpRequest) {
  const sent = JSON.parse(request.body ?? '{}') as { requests: { id: string }[] };
  return json(200, { responses: sent.requests.map((r) => ({ id: r.id, status: 204, headers: {} })) });
}

describe('failures that mean "never sent"', () => {
  it('no token, a refused link and a refused certificate are never sent; a 401 answer and a refused connection are not marked so', () => {
    expect(toRequestError({ kind: 'auth', message: SIGNED_OUT })).toMatchObject({
      kind: 'fatal',
      code: 'NoAccessToken',
      neverSent: true,
      mayHaveExecuted: false,
    });
    expect(toRequestError({ kind: 'refused-url', url: 'https://elsewhere/', message: 'off host' })).toMatchObject({ kind: 'fatal', neverSent: true });
    expect(toRequestError({ kind: 'transport', reason: 'tls', message: 'self-signed' })).toMatchObject({ kind: 'fatal', neverSent: true });
    // Graph answered: the request was sent (and refused).
    expect(toRequestError({ kind: 'graph-error', status: 401, code: 'InvalidAuthenticationToken', message: '' })).toMatchObject({
      kind: 'fatal',
      neverSent: false,
    });
    // Transient: sent again later, so the mark does not matter for its outcome.
    expect(toRequestError({ kind: 'transport', reason: 'network', message: 'ECONNREFUSED' })).toMatchObject({ kind: 'transient', neverSent: false });
  });

  it('per item: an unsent item of a call without a token is "not sent"; one refused by Graph stays an error', () => {
    expect(unsentResult(toRequestError({ kind: 'auth', message: SIGNED_OUT }))).toEqual({
      status: 'notSent',
      code: 'NoAccessToken',
      message: SIGNED_OUT,
    });
    expect(unsentResult(toRequestError({ kind: 'graph-error', status: 401, code: 'InvalidAuthenticationToken', message: '' }))).toMatchObject({
      status: 'error',
    });
    expect(itemFailure({ kind: 'auth', message: SIGNED_OUT })).toEqual({ status: 'notSent', code: 'NoAccessToken', message: SIGNED_OUT });
  });
});

describe('a call when the token source stops giving tokens', () => {
  it('keeps the answers of the $batch sent before; the items after it are "not sent", and nothing more goes out', async () => {
    const http = new ScriptedHttp(batchOk);
    const results = await sendAll(
      { client: clientSigningOutAfter(http, 1), lane: new MailboxLane() },
      Array.from({ length: 30 }, (_, i) => ({ method: 'DELETE' as const, path: `/me/messages/m${i}` })),
      (r) => (r.ok ? 'ok' : 'answered-failure'),
      (e) => unsentResult(e).status,
      never(),
    );
    expect(results).toEqual([...Array<string>(20).fill('ok'), ...Array<string>(10).fill('notSent')]);
    expect(http.requests).toHaveLength(1);
  });

  it('fails as a whole, never sent, when nothing of it could be sent', async () => {
    const http = new ScriptedHttp(batchOk);
    const backend = new GraphJobBackend(clientSigningOutAfter(http, 0), { part: 'primary' });
    await expect(backend.deleteItems(['m1', 'm2'], 'HardDelete', never())).rejects.toMatchObject({
      kind: 'fatal',
      code: 'NoAccessToken',
      neverSent: true,
      mayHaveExecuted: false,
    });
    expect(http.requests).toHaveLength(0);
  });
});

describe('emptyFolder when the token source stops giving tokens', () => {
  const folderOfTwo = (): ScriptedHttp => {
    let listed = 0;
    return new ScriptedHttp((request) => {
      const path = request.url.pathname;
      if (path.endsWith('/messages')) return json(200, { value: listed++ === 0 ? [{ id: 'm1' }, { id: 'm2' }] : [] });
      if (path.endsWith('/$batch')) return batchOk(request);
      throw new Error(`unexpected ${request.method} ${path}`);
    });
  };

  it('before anything was emptied: fails as a whole, never sent (the engine leaves it not attempted)', async () => {
    const backend = new GraphJobBackend(clientSigningOutAfter(folderOfTwo(), 0), { part: 'primary' });
    await expect(backend.emptyFolder('f1', 'HardDelete', false, never())).rejects.toMatchObject({ kind: 'fatal', neverSent: true });
  });

  it('after part of the folder was emptied: an error saying so, retryable, never "not sent"', async () => {
    // The listing and the first $batch get tokens; the next listing does not.
    const backend = new GraphJobBackend(clientSigningOutAfter(folderOfTwo(), 2), { part: 'primary' });
    const r = await backend.emptyFolder('f1', 'HardDelete', false, never());
    expect(r).toMatchObject({ status: 'error', code: 'NoAccessToken', retryable: true });
    expect(r.status === 'error' && r.message).toMatch(/^Part of the folder was emptied, then nothing more could be sent: .*The sign-in was removed\./);
  });
});
