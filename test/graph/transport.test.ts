import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpsTransport, type HttpRequest } from '../../electron/graph/transport';
import { readBody, startHttpsServer, type TestServer } from './httpsServer';

let server: TestServer;
const seen: Array<{ method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];

beforeAll(async () => {
  server = await startHttpsServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = req.url ?? '';
      if (path === '/slow') return; // never answers
      if (path === '/big-declared') {
        res.writeHead(200, { 'content-length': '5000' });
        res.end('x'.repeat(5000));
        return;
      }
      if (path === '/big-chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
        res.end();
        return;
      }
      res.writeHead(path === '/throttle' ? 429 : 200, { 'content-type': 'application/json', 'Retry-After': '2', 'X-Multi': ['a', 'b'] });
      res.end(JSON.stringify({ echo: body }));
    });
  });
});

afterAll(() => server.close());

function request(path: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'GET', url: new URL(`${server.url}${path}`), headers: {}, timeoutMs: 2000, maxResponseBytes: 2000, ...extra };
}

describe('HttpsTransport', () => {
  it('sends the method, headers and body, and returns status, lower-case headers and text', async () => {
    const transport = new HttpsTransport({ ca: server.cert });
    const outcome = await transport.send(request('/echo', { method: 'POST', headers: { 'X-Test': '1' }, body: '{"a":"é"}' }));
    transport.close();
    expect(outcome).toMatchObject({ ok: true, response: { status: 200, body: JSON.stringify({ echo: '{"a":"é"}' }) } });
    if (!outcome.ok) return;
    expect(outcome.response.headers['retry-after']).toBe('2');
    expect(outcome.response.headers['x-multi']).toBe('a, b');
    const last = seen.at(-1);
    expect(last?.method).toBe('POST');
    expect(last?.headers['x-test']).toBe('1');
    expect(last?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('returns error statuses as answers for the client to map', async () => {
    const transport = new HttpsTransport({ ca: server.cert });
    const outcome = await transport.send(request('/throttle'));
    transport.close();
    expect(outcome).toMatchObject({ ok: true, response: { status: 429 } });
  });

  it('times out a call that gets no answer', async () => {
    const transport = new HttpsTransport({ ca: server.cert });
    const started = Date.now();
    const outcome = await transport.send(request('/slow', { timeoutMs: 150 }));
    transport.close();
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'transport', reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses an answer over the size cap, declared or streamed', async () => {
    const transport = new HttpsTransport({ ca: server.cert });
    expect(await transport.send(request('/big-declared', { maxResponseBytes: 1000 }))).toMatchObject({ ok: false, failure: { reason: 'too-large' } });
    expect(await transport.send(request('/big-chunked', { maxResponseBytes: 4000 }))).toMatchObject({ ok: false, failure: { reason: 'too-large' } });
    transport.close();
  });

  it('stops when the caller cancels', async () => {
    const transport = new HttpsTransport({ ca: server.cert });
    const controller = new AbortController();
    const pending = transport.send(request('/slow', { signal: controller.signal, timeoutMs: 5000 }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, failure: { reason: 'aborted' } });
    const already = new AbortController();
    already.abort();
    expect(await transport.send(request('/echo', { signal: already.signal }))).toMatchObject({ ok: false, failure: { reason: 'aborted' } });
    transport.close();
  });

  it('refuses a server certificate it does not trust', async () => {
    const transport = new HttpsTransport();
    expect(await transport.send(request('/echo'))).toMatchObject({ ok: false, failure: { kind: 'transport', reason: 'tls' } });
    transport.close();
  });

  it('never sends over plain http', async () => {
    const transport = new HttpsTransport();
    const outcome = await transport.send({ ...request('/echo'), url: new URL(`http://127.0.0.1:${server.port}/echo`) });
    transport.close();
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'transport', reason: 'network' } });
  });

  it('reports a refused connection as a network failure', async () => {
    const transport = new HttpsTransport();
    const outcome = await transport.send({ ...request('/x'), url: new URL('https://127.0.0.1:1/x') });
    transport.close();
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'transport', reason: 'network' } });
  });
});
