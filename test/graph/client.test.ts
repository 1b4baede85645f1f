import { describe, expect, it } from 'vitest';
import { GraphClient, mailboxPath } from '../../electron/graph/client';
import { clientWith, GRAPH_BASE, json, ScriptedHttp, sequence, TOKEN } from './support';

describe('GraphClient', () => {
  it('sends a bearer token, accepts JSON and a client-request-id', async () => {
    const http = sequence(json(200, { id: 'me' }));
    const result = await clientWith(http).send({ method: 'GET', path: '/me' });
    expect(result).toMatchObject({ ok: true, status: 200, body: { id: 'me' } });
    const request = http.requests[0];
    expect(request?.url.href).toBe(`${GRAPH_BASE}/me`);
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a JSON body with its content type', async () => {
    const http = sequence(json(201, { id: 'new' }));
    await clientWith(http).send({ method: 'POST', path: '/me/messages/x/move', body: { destinationId: 'inbox' } });
    expect(http.requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(http.requests[0]?.body ?? '')).toEqual({ destinationId: 'inbox' });
  });

  it('reads 204 as success without a body', async () => {
    const result = await clientWith(sequence({ status: 204, headers: {}, body: '' })).send({ method: 'DELETE', path: '/me/messages/x' });
    expect(result).toEqual({ ok: true, status: 204, headers: {}, body: undefined });
  });

  it('maps a success answer that is not JSON to malformed', async () => {
    const result = await clientWith(sequence({ status: 200, headers: {}, body: '<html/>' })).send({ method: 'GET', path: '/me' });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'malformed', status: 200 } });
  });

  it('refuses paths that could change the host', () => {
    const client = clientWith(sequence());
    expect(() => client.urlOf('//evil.example/x')).toThrow(RangeError);
    expect(() => client.urlOf('me')).toThrow(RangeError);
    expect(() => new GraphClient({ baseUrl: 'http://graph.microsoft.com/v1.0', token: () => Promise.resolve(''), http: sequence() })).toThrow(RangeError);
  });

  it('follows a nextLink on its own origin and version', async () => {
    const http = sequence(json(200, { value: [] }));
    const link = `${GRAPH_BASE}/me/mailFolders?%24skip=10`;
    const result = await clientWith(http).followNextLink(link, { ConsistencyLevel: 'eventual' });
    expect(result.ok).toBe(true);
    expect(http.requests[0]?.url.href).toBe(link);
    expect(http.requests[0]?.headers.ConsistencyLevel).toBe('eventual');
  });

  it.each([
    ['another host', 'https://graph.evil.example/v1.0/me/messages?$skip=10'],
    ['a look-alike host', 'https://graph.microsoft.com.evil.example/v1.0/me/messages'],
    ['another port', 'https://graph.microsoft.com:8443/v1.0/me/messages'],
    ['plain http', 'http://graph.microsoft.com/v1.0/me/messages'],
    ['another API version', 'https://graph.microsoft.com/beta/me/messages'],
    ['a version prefix look-alike', 'https://graph.microsoft.com/v1.0evil/me/messages'],
    ['user info in the URL', 'https://user:pw@graph.microsoft.com/v1.0/me/messages'],
    ['not a URL', '/v1.0/me/messages?$skip=10'],
  ])('refuses a nextLink to %s and never sends the token there', async (_what, link) => {
    const http = new ScriptedHttp(() => {
      throw new Error('must not be called');
    });
    const result = await clientWith(http).followNextLink(link);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused-url', url: link } });
    expect(http.requests).toHaveLength(0);
  });

  it('turns a token failure into an auth failure without calling Graph', async () => {
    const http = sequence();
    const client = new GraphClient({ baseUrl: GRAPH_BASE, token: () => Promise.reject(new Error('interaction required')), http });
    expect(await client.send({ method: 'GET', path: '/me' })).toEqual({
      ok: false,
      failure: { kind: 'auth', message: 'No access token: interaction required' },
    });
    expect(http.requests).toHaveLength(0);
  });

  it('passes per-call timeouts and size caps down to the transport', async () => {
    const http = sequence(json(200, {}), json(200, {}));
    const client = new GraphClient({ baseUrl: GRAPH_BASE, token: () => Promise.resolve(TOKEN), http, timeoutMs: 5000, maxResponseBytes: 1000 });
    await client.send({ method: 'GET', path: '/me' });
    await client.send({ method: 'GET', path: '/me' }, { timeoutMs: 50, maxResponseBytes: 10 });
    expect(http.requests.map((r) => [r.timeoutMs, r.maxResponseBytes])).toEqual([
      [5000, 1000],
      [50, 10],
    ]);
  });

  it('refuses a JSON answer nested beyond its bounds', async () => {
    const http = sequence({ status: 200, headers: {}, body: `${'['.repeat(10)}${']'.repeat(10)}` });
    const client = new GraphClient({ baseUrl: GRAPH_BASE, token: () => Promise.resolve(TOKEN), http, jsonBounds: { maxChars: 1000, maxDepth: 5 } });
    expect(await client.send({ method: 'GET', path: '/me' })).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
  });

  it('names the mailbox as /me or /users/{encoded id}', () => {
    expect(mailboxPath()).toBe('/me');
    expect(mailboxPath('adele@contoso.com')).toBe('/users/adele%40contoso.com');
    expect(mailboxPath('a/../b')).toBe('/users/a%2F..%2Fb');
    expect(() => mailboxPath('')).toThrow(RangeError);
  });
});
