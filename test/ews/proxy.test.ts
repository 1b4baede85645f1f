import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, EwsError, HttpTransport } from '../../electron/ews';
import { createAgent, type AgentOptions } from '../../electron/ews/agent';
import { probeCertificate } from '../../electron/ews/certificateProbe';
import { PROXY_AUTH_REQUIRED, ProxyError } from '../../electron/ews/proxy';
import { makeCertificate, startConnectProxy, startHttps, type RunningServer, type TestCertificate, type ProxyLog } from './certificateHelpers';

const HOST = 'mail.contoso.com';
const URL_ = `https://${HOST}/EWS/Exchange.asmx`;
let certificate: TestCertificate;
let server: RunningServer;
let open: RunningServer & { log: ProxyLog };
let guarded: RunningServer & { log: ProxyLog };
const stats = { requests: 0, connections: 0 };

beforeAll(async () => {
  certificate = await makeCertificate(HOST);
  server = await startHttps(certificate, stats);
  [open, guarded] = await Promise.all([startConnectProxy(server.port), startConnectProxy(server.port, { user: 'proxyuser', password: 'proxy-secret' })]);
});
afterAll(async () => {
  await Promise.all([open.close(), guarded.close(), server.close()]);
});

// The proxy is named proxy.contoso.com; connectVia maps it (the only TCP connection) to the test proxy.
function viaProxy(port: number) {
  return (host: string, p: number) => {
    expect([host, p]).toEqual(['proxy.contoso.com', 8080]);
    return { host: '127.0.0.1', port };
  };
}

function transport(port: number, extra: Partial<AgentOptions> = {}): HttpTransport {
  const agent = createAgent('https:', {
    maxSockets: 2,
    pinnedPem: certificate.cert,
    connectVia: viaProxy(port),
    proxy: { url: 'http://proxy.contoso.com:8080' },
    ...extra,
  });
  return new HttpTransport({ url: URL_, auth: new BasicAuth('mailuser', 'mail-secret'), agent });
}

const post = (t: HttpTransport) => t.post('<x/>', { operation: 'Probe', timeoutMs: 5000 });

describe('explicit HTTP proxy', () => {
  it('tunnels https through CONNECT, keeps the socket alive, and verifies the pinned certificate end to end', async () => {
    const before = { ...stats };
    const t = transport(open.port);
    expect((await post(t)).status).toBe(200);
    expect((await post(t)).status).toBe(200);
    t.close();
    expect(stats.requests - before.requests).toBe(2);
    expect(stats.connections - before.connections).toBe(1);
    expect(open.log.connects.at(-1)).toEqual({ target: `${HOST}:443`, proxyAuthorization: undefined });
  });

  it('holds to maxSockets through the proxy', async () => {
    const before = open.log.connects.length;
    const t = transport(open.port);
    const results = await Promise.all([post(t), post(t), post(t), post(t)]);
    t.close();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(open.log.connects.length - before).toBe(2);
  });

  it('refuses an unpinned self-signed server through the proxy (no verification bypass)', async () => {
    const t = new HttpTransport({
      url: URL_,
      auth: new BasicAuth('u', 'p'),
      agent: createAgent('https:', { maxSockets: 1, connectVia: viaProxy(open.port), proxy: { url: 'http://proxy.contoso.com:8080' } }),
    });
    await expect(post(t)).rejects.toMatchObject({ kind: 'tls' });
    t.close();
  });

  it('sends Basic proxy credentials on the CONNECT only', async () => {
    const t = transport(guarded.port, { proxy: { url: 'http://proxy.contoso.com:8080', username: 'proxyuser', password: 'proxy-secret' } });
    expect((await post(t)).status).toBe(200);
    t.close();
    const expected = `Basic ${Buffer.from('proxyuser:proxy-secret').toString('base64')}`;
    expect(guarded.log.connects.at(-1)).toEqual({ target: `${HOST}:443`, proxyAuthorization: expected });
    expect(guarded.log.tunnelBytes).toBeGreaterThan(0);
  });

  it('turns a 407 into an error that names the proxy', async () => {
    for (const proxy of [{ url: 'http://proxy.contoso.com:8080' }, { url: 'http://proxy.contoso.com:8080', username: 'proxyuser', password: 'wrong' }]) {
      const t = transport(guarded.port, { proxy });
      const error = await post(t).then(
        () => undefined,
        (err: unknown) => err,
      );
      t.close();
      expect(error).toBeInstanceOf(EwsError);
      const cause = (error as EwsError).cause;
      expect(cause).toBeInstanceOf(ProxyError);
      expect(cause).toMatchObject({ code: PROXY_AUTH_REQUIRED, status: 407 });
      expect((cause as Error).message).toContain('proxy.contoso.com:8080');
      expect((cause as Error).message).toContain(proxy.username === undefined ? 'needs a user name' : 'did not accept');
    }
  });

  it('refuses proxy URLs with credentials in them, https proxies, and a proxy for plain http', () => {
    expect(() => createAgent('https:', { maxSockets: 1, proxy: { url: 'http://a:b@proxy.contoso.com:8080' } })).toThrow(/not in the URL/);
    expect(() => createAgent('https:', { maxSockets: 1, proxy: { url: 'https://proxy.contoso.com' } })).toThrow(/http:\/\//);
    expect(() => createAgent('http:', { maxSockets: 1, proxy: { url: 'http://proxy.contoso.com:8080' } })).toThrow(/https:\/\/ servers only/);
  });

  it('probes the certificate through the proxy', async () => {
    const info = await probeCertificate(URL_, {
      timeoutMs: 5000,
      connectVia: viaProxy(guarded.port),
      proxy: { url: 'http://proxy.contoso.com:8080', username: 'proxyuser', password: 'proxy-secret' },
    });
    expect(info.problem).toBe('self-signed');
  });
});
