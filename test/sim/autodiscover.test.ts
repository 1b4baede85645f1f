// POX Autodiscover ([MS-OXDSCLI]): signed in like EWS, settings with EwsUrl for the host the
// client used, the documented error for unknown addresses, and the HTTP redirect method.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { basic, PASSWORD } from './helpers';
import { ntlmHandshake } from './support/handshake';
import { oneSocketAgent, send } from './support/http';

const REQUEST_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const OUTLOOK_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const lookup = (address: string, schema = OUTLOOK_NS): string =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${REQUEST_NS}"><Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>${schema}</AcceptableResponseSchema></Request></Autodiscover>`;
const tag = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1] ?? '');

describe('Autodiscover over TLS', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty', throttling: false, tls: true, redirectListener: true, redirectHost: 'autodiscover.contoso.com:4443' });
  });
  afterAll(() => sim.close());

  it('answers settings for the caller, EwsUrl naming the host the client used (path case-insensitive)', async () => {
    const url = sim.autodiscoverUrl.replace('/autodiscover/autodiscover.xml', '/AutoDiscover/AutoDiscover.xml');
    const answer = await send(url, oneSocketAgent(url), {
      authorization: basic('CONTOSO\\alice', PASSWORD),
      body: lookup('alice@contoso.com'),
      headers: { host: `mail.contoso.com:${sim.port}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">');
    expect(answer.text).toContain(`<Response xmlns="${OUTLOOK_NS}">`);
    expect(tag(answer.text, 'DisplayName')).toEqual(['Alice Wilson']);
    expect(tag(answer.text, 'AutoDiscoverSMTPAddress')).toEqual(['alice@contoso.com']);
    expect(tag(answer.text, 'AccountType')).toEqual(['email']);
    expect(tag(answer.text, 'Action')).toEqual(['settings']);
    expect(tag(answer.text, 'Type')).toEqual(['EXCH', 'EXPR']);
    expect(tag(answer.text, 'EwsUrl')).toEqual([
      `https://mail.contoso.com:${sim.port}/EWS/Exchange.asmx`,
      `https://mail.contoso.com:${sim.port}/EWS/Exchange.asmx`,
    ]);
  });

  it('signs in with NTLM like EWS', async () => {
    const { final } = await ntlmHandshake(
      sim.autodiscoverUrl,
      oneSocketAgent(sim.autodiscoverUrl),
      { user: 'admin', domain: 'CONTOSO', password: PASSWORD },
      lookup('admin@contoso.com'),
    );
    expect(final.status).toBe(200);
    expect(tag(final.text, 'EwsUrl')[0]).toBe(`https://127.0.0.1:${sim.port}/EWS/Exchange.asmx`);
  });

  it('answers 401 with the challenges when not signed in', async () => {
    const answer = await send(sim.autodiscoverUrl, oneSocketAgent(sim.autodiscoverUrl), { body: lookup('admin@contoso.com') });
    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toEqual(['Negotiate', 'NTLM', 'Basic realm="127.0.0.1"']);
  });

  it('answers ErrorCode 500 for an unknown address, and for another mailbox without impersonation rights', async () => {
    for (const [caller, address] of [
      ['admin@contoso.com', 'ghost@contoso.com'],
      ['alice@contoso.com', 'bob@contoso.com'],
    ] as const) {
      const answer = await send(sim.autodiscoverUrl, oneSocketAgent(sim.autodiscoverUrl), { authorization: basic(caller, PASSWORD), body: lookup(address) });
      expect(answer.status).toBe(200);
      expect(tag(answer.text, 'ErrorCode')).toEqual(['500']);
      expect(tag(answer.text, 'Message')).toEqual(['The e-mail address cannot be found.']);
      expect(answer.text).not.toContain('<EwsUrl>');
    }
    const granted = await send(sim.autodiscoverUrl, oneSocketAgent(sim.autodiscoverUrl), {
      authorization: basic('admin@contoso.com', PASSWORD),
      body: lookup('bob@contoso.com'),
    });
    expect(tag(granted.text, 'AutoDiscoverSMTPAddress')).toEqual(['bob@contoso.com']);
  });

  it('answers 600 for a malformed request and 601 for another response schema', async () => {
    const bad = await send(sim.autodiscoverUrl, oneSocketAgent(sim.autodiscoverUrl), {
      authorization: basic('admin@contoso.com', PASSWORD),
      body: '<Autodiscover><Request>',
    });
    expect(tag(bad.text, 'ErrorCode')).toEqual(['600']);
    const mobile = await send(sim.autodiscoverUrl, oneSocketAgent(sim.autodiscoverUrl), {
      authorization: basic('admin@contoso.com', PASSWORD),
      body: lookup('admin@contoso.com', 'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006'),
    });
    expect(tag(mobile.text, 'ErrorCode')).toEqual(['601']);
  });

  it('the redirect listener answers an unauthenticated GET with 302 to the HTTPS endpoint', async () => {
    expect(sim.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/autodiscover\/autodiscover\.xml$/);
    const answer = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const req = request(sim.redirectUrl as string, { method: 'GET', timeout: 5000, agent: false }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
      });
      req.on('timeout', () => req.destroy(new Error('client timeout')));
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({ status: 302, location: 'https://autodiscover.contoso.com:4443/autodiscover/autodiscover.xml' });
  });
});

describe('Autodiscover redirect without redirectHost', () => {
  it('points at the HTTPS listener on 127.0.0.1', async () => {
    const sim = await startSimulator({ seed: 'empty', throttling: false, tls: true, redirectListener: true });
    try {
      const answer = await fetch(sim.redirectUrl as string, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe(sim.autodiscoverUrl);
      expect(sim.autodiscoverUrl).toBe(`https://127.0.0.1:${sim.port}/autodiscover/autodiscover.xml`);
    } finally {
      await sim.close();
    }
  });
});
