// The whole Autodiscover chain against small local servers: one https server answering for every
// contoso name (chosen by Host), one plain-http server for the redirect probe, a closed port for
// hosts that are "down", connectVia to reach them, and an injected DNS for SRV.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { autodiscover, BasicAuth, type AutodiscoverDns, type AutodiscoverOptions, type SrvRecord } from '../../electron/ews';
import { addressNotFoundResponse, htmlLoginPage, redirectAddrResponse, redirectUrlResponse, settingsResponse } from './autodiscoverFixtures';

interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}
interface Seen {
  scheme: 'http' | 'https';
  method: string;
  host: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

const HOSTS = ['contoso.com', 'autodiscover.contoso.com', 'mail.contoso.com', 'ex02.contoso.com', 'fabrikam.net', 'autodiscover.fabrikam.net'];
const EWS = 'https://mail.contoso.com/EWS/Exchange.asmx';
const routes = new Map<string, (seen: Seen) => Answer>();
const seen: Seen[] = [];
let ca = '';
let tlsServer: https.Server;
let plainServer: http.Server;
let tlsPort = 0;
let plainPort = 0;
let closedPort = 0;
/** Hosts whose https port is closed (their plain-http probe port still answers). */
let down = new Set<string>();

function handler(scheme: 'http' | 'https') {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const entry: Seen = {
        scheme,
        method: req.method ?? '',
        host,
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      const route = routes.get(`${scheme}://${host}`);
      const answer = route ? route(entry) : { status: 404, body: 'not found' };
      res.writeHead(answer.status, { 'Content-Type': 'text/xml; charset=utf-8', ...answer.headers }).end(answer.body ?? '');
    });
  };
}

const listen = (server: http.Server | https.Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'contoso.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: HOSTS.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  ca = pems.cert;
  tlsServer = https.createServer({ key: pems.private, cert: pems.cert }, handler('https'));
  plainServer = http.createServer(handler('http'));
  tlsPort = await listen(tlsServer);
  plainPort = await listen(plainServer);
  const probe = http.createServer();
  closedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  for (const server of [tlsServer, plainServer]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

beforeEach(() => {
  routes.clear();
  seen.length = 0;
  down = new Set();
});

const noSrv: AutodiscoverDns = { resolveSrv: () => Promise.reject(Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' })) };

function options(extra: Partial<AutodiscoverOptions> = {}): AutodiscoverOptions {
  return {
    auth: new BasicAuth('admin@contoso.com', 'Pa55word!'),
    ca,
    dns: noSrv,
    timeoutMs: 2000,
    connectVia: (host, port) => ({ host: '127.0.0.1', port: port === 80 ? plainPort : down.has(host) ? closedPort : tlsPort }),
    ...extra,
  };
}

const xml = (body: string): Answer => ({ status: 200, body });
const steps = (r: { steps: { step: string; outcome: string }[] }) => r.steps.map((s) => `${s.outcome} ${s.step}`);

describe('autodiscover chain (local servers)', () => {
  it('finds the EWS URL at https://<domain> first, with credentials and the escaped address', { timeout: 10_000 }, async () => {
    routes.set('https://contoso.com', () => xml(settingsResponse(EWS)));
    const result = await autodiscover('admin@contoso.com', options());
    expect(result).toMatchObject({ ok: true, ewsUrl: EWS, email: 'admin@contoso.com' });
    expect(steps(result)).toEqual(['skipped SCP lookup (Active Directory)', 'ok POX https://contoso.com/autodiscover/autodiscover.xml']);
    expect(result.steps[0]?.detail).toContain('Active Directory');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/autodiscover/autodiscover.xml', authorization: expect.stringMatching(/^Basic /) });
    expect(seen[0]?.body).toContain('<EMailAddress>admin@contoso.com</EMailAddress>');
  });

  it('goes on to autodiscover.<domain> when the domain itself does not answer', { timeout: 10_000 }, async () => {
    down.add('contoso.com');
    routes.set('https://autodiscover.contoso.com', () => xml(settingsResponse(EWS)));
    const authFor: string[] = [];
    const auth = (url: string) => (authFor.push(url), new BasicAuth('admin@contoso.com', 'Pa55word!'));
    const result = await autodiscover('admin@contoso.com', options({ auth }));
    expect(result).toMatchObject({ ok: true, ewsUrl: EWS });
    expect(steps(result).slice(1)).toEqual([
      'failed POX https://contoso.com/autodiscover/autodiscover.xml',
      'ok POX https://autodiscover.contoso.com/autodiscover/autodiscover.xml',
    ]);
    expect(authFor).toEqual(['https://contoso.com/autodiscover/autodiscover.xml', 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml']);
    expect(result.steps[1]?.detail).toMatch(/refused/);
  });

  it('uses the redirect method after a 401 and a web page, without credentials on plain http', { timeout: 10_000 }, async () => {
    routes.set('https://contoso.com', () => ({ status: 401, headers: { 'WWW-Authenticate': 'Basic realm="contoso.com"' } }));
    routes.set('https://autodiscover.contoso.com', () => ({ status: 200, body: htmlLoginPage, headers: { 'Content-Type': 'text/html' } }));
    routes.set('http://autodiscover.contoso.com', () => ({ status: 302, headers: { Location: 'https://mail.contoso.com/autodiscover/autodiscover.xml' } }));
    routes.set('https://mail.contoso.com', () => xml(settingsResponse(EWS)));
    const result = await autodiscover('admin@contoso.com', options());
    expect(result).toMatchObject({ ok: true, ewsUrl: EWS });
    expect(steps(result).slice(1)).toEqual([
      'failed POX https://contoso.com/autodiscover/autodiscover.xml',
      'failed POX https://autodiscover.contoso.com/autodiscover/autodiscover.xml',
      'ok Redirect GET http://autodiscover.contoso.com/autodiscover/autodiscover.xml',
      'ok POX https://mail.contoso.com/autodiscover/autodiscover.xml',
    ]);
    expect(result.steps[1]?.detail).toContain('sign-in refused');
    expect(result.steps[2]?.detail).toContain('web page (HTML)');
    const probe = seen.find((s) => s.scheme === 'http');
    expect(probe).toMatchObject({ method: 'GET', authorization: undefined, body: '' });
  });

  it('asks before sending credentials outside the domain, and sends none when refused', { timeout: 10_000 }, async () => {
    down.add('contoso.com');
    down.add('autodiscover.contoso.com');
    routes.set('http://autodiscover.contoso.com', () => ({
      status: 302,
      headers: { Location: 'https://autodiscover.fabrikam.net/autodiscover/autodiscover.xml' },
    }));
    routes.set('https://autodiscover.fabrikam.net', () => xml(settingsResponse('https://evil.fabrikam.net/EWS/Exchange.asmx')));
    const asked: string[][] = [];
    const result = await autodiscover('admin@contoso.com', options({ confirmRedirect: (from, to) => (asked.push([from, to]), Promise.resolve(false)) }));
    expect(result.ok).toBe(false);
    expect(asked).toEqual([['contoso.com', 'autodiscover.fabrikam.net']]);
    expect(seen.filter((s) => s.host === 'autodiscover.fabrikam.net')).toEqual([]);
    const skipped = result.steps.find((s) => s.step === 'POX https://autodiscover.fabrikam.net/autodiscover/autodiscover.xml');
    expect(skipped).toMatchObject({ outcome: 'skipped', detail: expect.stringContaining('not confirmed') });
    expect(steps(result).at(-1)).toBe('failed SRV _autodiscover._tcp.contoso.com');
    expect(result.ok === false && result.message).toContain('admin@contoso.com');
  });

  it('follows the redirect outside the domain once confirmed', { timeout: 10_000 }, async () => {
    down.add('contoso.com');
    down.add('autodiscover.contoso.com');
    routes.set('http://autodiscover.contoso.com', () => ({
      status: 302,
      headers: { Location: 'https://autodiscover.fabrikam.net/autodiscover/autodiscover.xml' },
    }));
    routes.set('https://autodiscover.fabrikam.net', () => xml(settingsResponse(EWS)));
    const result = await autodiscover('admin@contoso.com', options({ confirmRedirect: () => Promise.resolve(true) }));
    expect(result).toMatchObject({ ok: true, ewsUrl: EWS });
  });

  it('refuses a redirect probe that points at plain http', { timeout: 10_000 }, async () => {
    down.add('contoso.com');
    down.add('autodiscover.contoso.com');
    routes.set('http://autodiscover.contoso.com', () => ({ status: 302, headers: { Location: 'http://mail.contoso.com/autodiscover/autodiscover.xml' } }));
    const result = await autodiscover('admin@contoso.com', options());
    const probe = result.steps.find((s) => s.step.startsWith('Redirect GET'));
    expect(probe).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('only a redirect to https') });
    expect(seen.filter((s) => s.host === 'mail.contoso.com')).toEqual([]);
  });

  it('tries SRV targets by priority and weight', { timeout: 10_000 }, async () => {
    for (const host of ['contoso.com', 'autodiscover.contoso.com']) down.add(host);
    routes.set('https://ex02.contoso.com', () => xml(settingsResponse(EWS)));
    const records: SrvRecord[] = [
      { name: 'ex02.contoso.com', port: 443, priority: 5, weight: 0 },
      { name: 'mail.contoso.com', port: 443, priority: 0, weight: 10 },
    ];
    routes.set('https://mail.contoso.com', () => xml(addressNotFoundResponse));
    const asked: string[] = [];
    const dns: AutodiscoverDns = { resolveSrv: (name) => (asked.push(name), Promise.resolve(records)) };
    const result = await autodiscover('admin@contoso.com', options({ dns }));
    expect(result).toMatchObject({ ok: true, ewsUrl: EWS });
    expect(asked).toEqual(['_autodiscover._tcp.contoso.com']);
    expect(steps(result).slice(-3)).toEqual([
      'ok SRV _autodiscover._tcp.contoso.com',
      'failed POX https://mail.contoso.com/autodiscover/autodiscover.xml',
      'ok POX https://ex02.contoso.com/autodiscover/autodiscover.xml',
    ]);
    expect(result.steps.at(-2)?.detail).toBe("Autodiscover error 500: The email address can't be found.");
  });

  it('asks before an SRV target outside the domain', { timeout: 10_000 }, async () => {
    for (const host of ['contoso.com', 'autodiscover.contoso.com']) down.add(host);
    const dns: AutodiscoverDns = { resolveSrv: () => Promise.resolve([{ name: 'fabrikam.net', port: 443, priority: 0, weight: 0 }]) };
    const result = await autodiscover('admin@contoso.com', options({ dns, confirmRedirect: () => Promise.resolve(false) }));
    expect(result.ok).toBe(false);
    expect(steps(result).at(-1)).toBe('skipped POX https://fabrikam.net/autodiscover/autodiscover.xml');
    expect(seen.filter((s) => s.host === 'fabrikam.net')).toEqual([]);
  });

  it('follows redirectUrl and starts again after redirectAddr', { timeout: 10_000 }, async () => {
    routes.set('https://contoso.com', (s) => (s.body.includes('admin@contoso.com<') ? xml(redirectAddrResponse('adele@fabrikam.net')) : { status: 500 }));
    routes.set('https://fabrikam.net', () => xml(redirectUrlResponse('https://ex02.contoso.com/autodiscover/autodiscover.xml')));
    routes.set('https://ex02.contoso.com', (s) => (s.body.includes('adele@fabrikam.net') ? xml(settingsResponse(EWS)) : { status: 500 }));
    const asked: string[] = [];
    const result = await autodiscover('admin@contoso.com', options({ confirmRedirect: (_f, to) => (asked.push(to), Promise.resolve(true)) }));
    expect(result).toMatchObject({ ok: true, ewsUrl: EWS, email: 'adele@fabrikam.net' });
    expect(asked).toEqual(['fabrikam.net']);
    expect(steps(result)).toEqual([
      'skipped SCP lookup (Active Directory)',
      'ok POX https://contoso.com/autodiscover/autodiscover.xml',
      'ok Address adele@fabrikam.net',
      'skipped SCP lookup (Active Directory)',
      'ok POX https://fabrikam.net/autodiscover/autodiscover.xml',
      'ok POX https://ex02.contoso.com/autodiscover/autodiscover.xml',
    ]);
  });

  it('stops a redirectUrl loop and a redirectAddr loop', { timeout: 10_000 }, async () => {
    routes.set('https://contoso.com', () => xml(redirectUrlResponse('https://contoso.com/autodiscover/autodiscover.xml')));
    routes.set('https://autodiscover.contoso.com', () => xml(redirectAddrResponse('admin@contoso.com')));
    const result = await autodiscover('admin@contoso.com', options());
    expect(result.ok).toBe(false);
    expect(seen.filter((s) => s.host === 'contoso.com')).toHaveLength(11);
    expect(result.steps.find((s) => s.detail.includes('more than 10 redirects'))).toBeDefined();
    expect(steps(result).at(-1)).toBe('failed Address admin@contoso.com');
  });

  it('reports a failed TLS check and sign-in refusals in the message', { timeout: 10_000 }, async () => {
    routes.set('https://autodiscover.contoso.com', () => ({ status: 401 }));
    const result = await autodiscover('admin@contoso.com', { ...options(), ca: undefined });
    expect(result.ok).toBe(false);
    expect(result.steps[1]?.detail).toMatch(/Secure connection to contoso\.com failed/);
    const withCa = await autodiscover('admin@contoso.com', options());
    expect(withCa.ok === false && withCa.message).toMatch(/refused the sign-in/);
  });

  it('stops at once when cancelled', { timeout: 10_000 }, async () => {
    const controller = new AbortController();
    routes.set('https://contoso.com', () => {
      controller.abort();
      return xml(settingsResponse(EWS));
    });
    const result = await autodiscover('admin@contoso.com', options({ signal: controller.signal }));
    expect(result).toMatchObject({ ok: false, message: 'Autodiscover was cancelled.' });
    expect(seen).toHaveLength(1);
  });

  it('refuses what is not an e-mail address before any request', async () => {
    const result = await autodiscover('contoso.com', options());
    expect(result).toMatchObject({ ok: false, steps: [] });
    expect(seen).toEqual([]);
  });
});
