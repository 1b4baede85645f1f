import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../electron/ews/errors';
import type { ExchangeRecord } from '../../electron/ews/transportPort';
import {
  createWindowsSignInTransport,
  SSO_NOT_ACCEPTED,
  type LoginInfo,
  type NetRequest,
  type NetRequestOptions,
  type NetResponse,
} from '../../electron/windowsSignIn/transport';

/** A stand-in for Electron's ClientRequest; `script` plays the server's side once the body is sent. */
class FakeRequest extends EventEmitter implements NetRequest {
  headers: Record<string, string> = {};
  body: Buffer | undefined;
  aborted = false;
  constructor(private readonly script: (req: FakeRequest) => void) {
    super();
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  end(chunk?: Buffer): void {
    this.body = chunk;
    queueMicrotask(() => this.script(this));
  }
  abort(): void {
    this.aborted = true;
    this.emit('abort');
  }
  respond(statusCode: number, headers: Record<string, string | string[]>, chunks: string[]): void {
    const res = Object.assign(new EventEmitter(), { statusCode, headers }) as EventEmitter & NetResponse;
    this.emit('response', res);
    for (const c of chunks) res.emit('data', Buffer.from(c));
    res.emit('end');
  }
}

function setup(script: (req: FakeRequest) => void, extra: { maxResponseBytes?: number } = {}) {
  const seen: { options: NetRequestOptions; req: FakeRequest }[] = [];
  const records: ExchangeRecord[] = [];
  const transport = createWindowsSignInTransport('https://mail.contoso.com/EWS/Exchange.asmx', {
    request: (options) => {
      const req = new FakeRequest(script);
      seen.push({ options, req });
      return req;
    },
    onExchange: (r) => records.push(r),
    newRequestId: () => 'id-1',
    ...extra,
  });
  return { transport, seen, records };
}

const LOGIN: LoginInfo = { isProxy: false, scheme: 'negotiate', host: 'mail.contoso.com', port: 443, realm: '' };

async function failure(promise: Promise<unknown>): Promise<EwsError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EwsError);
  return err as EwsError;
}

describe('Windows sign-in transport', () => {
  it('POSTs the SOAP body through the session with integrated auth and returns status, headers and body', async () => {
    const { transport, seen, records } = setup((req) => req.respond(200, { 'Content-Type': 'text/xml', 'X-BEServer': 'EX01' }, ['<a>', 'ok</a>']));
    const response = await transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000, headers: { 'X-AnchorMailbox': 'ann@contoso.com' } });
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'text/xml', 'x-beserver': 'EX01' }, body: '<a>ok</a>' });
    expect(transport.host).toBe('mail.contoso.com');
    const [{ options, req }] = seen as [{ options: NetRequestOptions; req: FakeRequest }];
    expect(options).toEqual({
      method: 'POST',
      url: 'https://mail.contoso.com/EWS/Exchange.asmx',
      redirect: 'manual',
      credentials: 'include',
      useSessionCookies: true,
      cache: 'no-store',
    });
    expect(req.body?.toString()).toBe('<x/>');
    expect(req.headers).toMatchObject({ 'Content-Type': 'text/xml; charset=utf-8', 'X-AnchorMailbox': 'ann@contoso.com', 'client-request-id': 'id-1' });
    expect(req.headers).not.toHaveProperty('Authorization');
    expect(records).toEqual([expect.objectContaining({ operation: 'GetFolder', status: 200, responseXml: '<a>ok</a>' })]);
  });

  it('never answers a login prompt with credentials and fails with a clear auth error', async () => {
    const answers: unknown[][] = [];
    const { transport } = setup((req) => {
      req.emit('login', LOGIN, (...args: unknown[]) => answers.push(args));
      req.respond(401, { 'WWW-Authenticate': 'Negotiate' }, ['']);
    });
    const error = await failure(transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000 }));
    expect(answers).toEqual([[]]);
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: SSO_NOT_ACCEPTED });
  });

  it('says so when a proxy asks for credentials', async () => {
    const { transport } = setup((req) => {
      req.emit('login', { ...LOGIN, isProxy: true, host: 'proxy.contoso.com' }, () => undefined);
      req.emit('error', new Error('net::ERR_PROXY_AUTH_REQUESTED'));
    });
    const error = await failure(transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000 }));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('proxy.contoso.com');
  });

  it('returns a plain 401 (no login prompt) as a response for the client to judge', async () => {
    const { transport } = setup((req) => req.respond(401, {}, ['']));
    expect((await transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000 })).status).toBe(401);
  });

  it('returns a redirect as its status without following it', async () => {
    const { transport, seen } = setup((req) => req.emit('redirect', 302, 'POST', 'https://mail.contoso.com/ews/genericerrorpage.htm', { Location: ['x'] }));
    const response = await transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000 });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('https://mail.contoso.com/ews/genericerrorpage.htm');
    expect(seen[0]?.req.aborted).toBe(true);
  });

  it('times out and aborts the request', async () => {
    const { transport, seen } = setup(() => undefined);
    const error = await failure(transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 50 }));
    expect(error.kind).toBe('timeout');
    expect(seen[0]?.req.aborted).toBe(true);
  });

  it('is cancelled by its AbortSignal, before and during the request', async () => {
    const before = setup(() => undefined);
    const controller = new AbortController();
    controller.abort();
    expect((await failure(before.transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000, signal: controller.signal }))).kind).toBe('aborted');
    expect(before.seen).toHaveLength(0);

    const during = setup(() => undefined);
    const live = new AbortController();
    const pending = during.transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000, signal: live.signal });
    setTimeout(() => live.abort(), 10);
    expect((await failure(pending)).kind).toBe('aborted');
    expect(during.seen[0]?.req.aborted).toBe(true);
  });

  it('caps the response size, by Content-Length and by what arrives', async () => {
    const declared = setup((req) => req.respond(200, { 'content-length': '5000' }, ['x']), { maxResponseBytes: 1000 });
    expect(await failure(declared.transport.post('<x/>', { operation: 'FindItem', timeoutMs: 5000 }))).toMatchObject({ kind: 'malformed', status: 200 });
    const streamed = setup((req) => req.respond(200, {}, ['x'.repeat(600), 'x'.repeat(600)]), { maxResponseBytes: 1000 });
    const error = await failure(streamed.transport.post('<x/>', { operation: 'FindItem', timeoutMs: 5000 }));
    expect(error.message).toContain('larger than 1000 bytes');
    expect(streamed.seen[0]?.req.aborted).toBe(true);
  });

  it('takes the cap the client names for the call (issue 14: per operation) over its own', async () => {
    const perCall = setup((req) => req.respond(200, { 'content-length': '5000' }, ['x']), { maxResponseBytes: 1_000_000 });
    const error = await failure(perCall.transport.post('<x/>', { operation: 'FindItem', timeoutMs: 5000, maxResponseBytes: 4000 }));
    expect(error.message).toContain('larger than 4 KiB');
  });

  it('maps Chromium network errors to EwsError kinds', async () => {
    const cases: [string, string][] = [
      ['net::ERR_CONNECTION_REFUSED', 'network'],
      ['net::ERR_NAME_NOT_RESOLVED', 'network'],
      ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
      ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
      ['net::ERR_TIMED_OUT', 'timeout'],
    ];
    for (const [message, kind] of cases) {
      const { transport } = setup((req) => req.emit('error', new Error(message)));
      const error = await failure(transport.post('<x/>', { operation: 'GetFolder', timeoutMs: 5000 }));
      expect([message, error.kind]).toEqual([message, kind]);
      expect(error.message).toContain('mail.contoso.com');
    }
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => createWindowsSignInTransport('ftp://mail.contoso.com/', { request: () => new FakeRequest(() => undefined) })).toThrow(EwsError);
  });
});
