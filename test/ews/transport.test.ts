// Transport tests against a throwaway node:http server on 127.0.0.1:0 (not the simulator).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, BearerAuth, EwsClient, EwsError, type EwsAuth, type ExchangeRecord } from '../../electron/ews';
import { fault, faultValues, opResponse, success } from './soapFixtures';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

let server: http.Server;
let baseUrl = '';
const routes = new Map<string, Handler>();
const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      seen.push({ path, headers: req.headers, body });
      const handler = routes.get(path);
      if (handler) handler(req, body, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const xml =
  (status: number, body: string, contentType = 'text/xml; charset=utf-8'): Handler =>
  (_req, _body, res) => {
    res.writeHead(status, { 'Content-Type': contentType }).end(body);
  };
const deleteOk = opResponse('DeleteItem', success('DeleteItem'));
let routeCounter = 0;

function route(handler: Handler): string {
  const path = `/ews${++routeCounter}/Exchange.asmx`;
  routes.set(path, handler);
  return path;
}

function client(path: string, extra: Partial<ConstructorParameters<typeof EwsClient>[0]> = {}): EwsClient {
  return new EwsClient({ url: baseUrl + path, auth: new BasicAuth('CONTOSO\\admin', 'p@ss:wörd'), timeoutMs: 5000, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<EwsError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof EwsError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const del = { items: [{ id: 'AAMk1' }], deleteType: 'HardDelete' as const };

describe('HTTP transport', () => {
  it('sends POST text/xml with Basic auth, impersonation header and X-AnchorMailbox, and taps the exchange', async () => {
    const path = route(xml(200, deleteOk));
    const records: ExchangeRecord[] = [];
    const c = client(path, { impersonate: 'bob@contoso.com', onExchange: (r) => records.push(r) });
    const results = await c.deleteItem(del);
    c.close();
    expect(results[0]?.ok).toBe(true);
    const req = seen.find((s) => s.path === path);
    expect(req?.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(req?.headers['authorization']).toBe(`Basic ${Buffer.from('CONTOSO\\admin:p@ss:wörd').toString('base64')}`);
    expect(req?.headers['x-anchormailbox']).toBe('bob@contoso.com');
    expect(req?.body).toContain('<t:PrimarySmtpAddress>bob@contoso.com</t:PrimarySmtpAddress>');
    expect(records).toEqual([
      expect.objectContaining({ operation: 'DeleteItem', requestXml: req?.body, status: 200, responseXml: deleteOk, ms: expect.any(Number) }),
    ]);
    expect(records[0]?.requestHeaders).toMatchObject({ 'X-AnchorMailbox': 'bob@contoso.com', 'Content-Type': 'text/xml; charset=utf-8' });
    expect(records[0]?.responseHeaders?.['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('with delegate access sends X-AnchorMailbox and no ExchangeImpersonation; refuses both modes at once', async () => {
    const path = route(xml(200, opResponse('EmptyFolder', success('EmptyFolder'))));
    const c = client(path, { delegate: 'alice@contoso.com' });
    await c.emptyFolder({ folders: [{ distinguished: 'deleteditems', mailbox: 'alice@contoso.com' }], deleteType: 'HardDelete', deleteSubFolders: false });
    c.close();
    const req = seen.find((s) => s.path === path);
    expect(req?.headers['x-anchormailbox']).toBe('alice@contoso.com');
    expect(req?.body).not.toContain('ExchangeImpersonation');
    expect(req?.body).toContain(
      '<t:DistinguishedFolderId Id="deleteditems"><t:Mailbox><t:EmailAddress>alice@contoso.com</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>',
    );
    expect(() => client(path, { delegate: 'alice@contoso.com', impersonate: 'alice@contoso.com' })).toThrow(/not both/);
  });

  it('sends Bearer tokens from a provider', async () => {
    const path = route(xml(200, deleteOk));
    const c = client(path, { auth: new BearerAuth(() => Promise.resolve('tok-123')) });
    await c.deleteItem(del);
    c.close();
    expect(seen.find((s) => s.path === path)?.headers['authorization']).toBe('Bearer tok-123');
    expect(seen.find((s) => s.path === path)?.headers['x-anchormailbox']).toBeUndefined();
  });

  it('runs a challenge/response handshake when the auth scheme asks for one', async () => {
    const path = route((req, _body, res) => {
      if (req.headers['authorization'] === 'Token step2') res.writeHead(200, { 'Content-Type': 'text/xml' }).end(deleteOk);
      else res.writeHead(401, { 'WWW-Authenticate': 'Token challenge=abc' }).end();
    });
    const handshake: EwsAuth = {
      authorize: () => Promise.resolve({ Authorization: 'Token step1' }),
      respondToChallenge: (ch) => Promise.resolve(ch.wwwAuthenticate[0] === 'Token challenge=abc' ? { Authorization: 'Token step2' } : undefined),
    };
    const c = client(path, { auth: handshake });
    expect((await c.deleteItem(del))[0]?.ok).toBe(true);
    c.close();
  });

  it('maps 401, 403, 503, 302, 500 fault and HTML 200', async () => {
    const cases: [Handler, Partial<EwsError>][] = [
      [xml(401, ''), { kind: 'auth', status: 401 }],
      [xml(403, 'Forbidden', 'text/plain'), { kind: 'auth', status: 403 }],
      [xml(503, '<html>Service Unavailable</html>', 'text/html'), { kind: 'http', status: 503, retryable: true }],
      [
        (_q, _b, res) => res.writeHead(302, { Location: '/ews/genericerrorpage.htm' }).end(),
        { kind: 'redirect', status: 302, location: '/ews/genericerrorpage.htm', retryable: true },
      ],
      [
        xml(500, fault('ErrorServerBusy', 'busy', faultValues({ BackOffMilliseconds: '1500' }))),
        { kind: 'fault', responseCode: 'ErrorServerBusy', backOffMs: 1500, retryable: true },
      ],
      [xml(200, '<!DOCTYPE html><html><body><form>Sign in</form></body></html>', 'text/html'), { kind: 'html', status: 200 }],
    ];
    for (const [handler, expected] of cases) {
      const c = client(route(handler));
      expect(await failure(c.deleteItem(del))).toMatchObject(expected);
      c.close();
    }
  });

  it('maps a connection reset and a refused connection to network errors', async () => {
    const c = client(route((req) => req.socket.destroy()));
    expect(await failure(c.deleteItem(del))).toMatchObject({ kind: 'network', retryable: true });
    c.close();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = new EwsClient({ url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`, auth: new BasicAuth('a', 'b') });
    const err = await failure(refused.deleteItem(del));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/refused/);
  });

  it('times out when the server never answers, and aborts on the signal', async () => {
    const silent = route(() => undefined);
    const c = client(silent);
    const started = Date.now();
    expect(await failure(c.deleteItem(del, { timeoutMs: 150 }))).toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(2000);
    const controller = new AbortController();
    const pending = c.deleteItem(del, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toMatchObject({ kind: 'aborted', retryable: false });
    expect(await failure(c.deleteItem(del, { signal: AbortSignal.abort() }))).toMatchObject({ kind: 'aborted' });
    c.close();
  });

  it('stops reading past the body-size cap, declared or streamed', async () => {
    const big = opResponse('DeleteItem', success('DeleteItem') + `<!-- ${'x'.repeat(200_000)} -->`);
    const declared = client(route(xml(200, big)), { maxResponseBytes: 100_000 });
    expect((await failure(declared.deleteItem(del))).message).toMatch(/larger than 98 KiB/);
    declared.close();
    const streamed = client(
      route((_q, _b, res) => {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.write(big.slice(0, 60_000));
        setTimeout(() => res.end(big.slice(60_000)), 20);
      }),
      { maxResponseBytes: 100_000 },
    );
    expect(await failure(streamed.deleteItem(del))).toMatchObject({ kind: 'malformed' });
    streamed.close();
  });

  it('findAllItems pages with the returned offset until IncludesLastItemInRange', async () => {
    const offsets: string[] = [];
    const path = route((_req, body, res) => {
      const offset = /Offset="(\d+)"/.exec(body)?.[1] ?? '?';
      offsets.push(offset);
      const next = offset === '0' ? 2 : 3;
      const last = offset === '0' ? 'false' : 'true';
      const msg = (id: string) => `<t:Message><t:ItemId Id="${id}"/></t:Message>`;
      const items = offset === '0' ? msg('a') + msg('b') : msg('c');
      res
        .writeHead(200, { 'Content-Type': 'text/xml' })
        .end(
          opResponse(
            'FindItem',
            success(
              'FindItem',
              `<m:RootFolder IndexedPagingOffset="${next}" TotalItemsInView="3" IncludesLastItemInRange="${last}"><t:Items>${items}</t:Items></m:RootFolder>`,
            ),
          ),
        );
    });
    const c = client(path);
    const seenIds: string[] = [];
    for await (const page of c.findAllItems({ folder: { distinguished: 'inbox' }, pageSize: 2 })) {
      if (page.ok) seenIds.push(...page.value.items.map((i) => i.id));
    }
    c.close();
    expect(offsets).toEqual(['0', '2']);
    expect(seenIds).toEqual(['a', 'b', 'c']);
  });
});
