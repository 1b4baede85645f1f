// The 401 challenge as IIS sends it for Exchange's EWS virtual directory (issue 9 gap 6): one
// WWW-Authenticate per enabled scheme in IIS's order (Negotiate, NTLM, Basic), no token in the
// initial challenges ([MS-NTHT] 2.2.1), Basic's realm = the host name the client asked for, and
// never a SOAP body. Raw HTTP so the Host header is the test's own.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realmOf } from '../../electron/sim/auth';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { basic, envelope, getFolder, dist, PASSWORD } from './helpers';

let sim: RunningSimulator;
let windowsOnly: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  windowsOnly = await startSimulator({ seed: 'empty', throttling: false, auth: ['ntlm', 'negotiate'] });
});
afterAll(async () => {
  await sim.close();
  await windowsOnly.close();
});

interface Answer {
  status: number;
  challenges: string[];
  contentType: string;
  body: string;
}

function postWithHost(target: RunningSimulator, host: string, authorization?: string): Promise<Answer> {
  const payload = envelope(getFolder(dist('inbox')));
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host, 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(payload) };
    if (authorization) headers['authorization'] = authorization;
    const req = request(target.url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // rawHeaders keeps each WWW-Authenticate line apart and in the order sent.
        const challenges: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i]?.toLowerCase() === 'www-authenticate') challenges.push(res.rawHeaders[i + 1] ?? '');
        resolve({
          status: res.statusCode ?? 0,
          challenges,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the 401 challenge', () => {
  it('lists Negotiate, NTLM, Basic in that order, one header each, tokens-free, realm = the host asked for', async () => {
    const answer = await postWithHost(sim, `mail.contoso.com:${sim.port}`);
    expect(answer.status).toBe(401);
    expect(answer.challenges).toEqual(['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"']);
  });

  it('takes the realm from 127.0.0.1 and localhost too, port dropped', async () => {
    expect((await postWithHost(sim, `127.0.0.1:${sim.port}`)).challenges).toContain('Basic realm="127.0.0.1"');
    expect((await postWithHost(sim, `localhost:${sim.port}`)).challenges).toContain('Basic realm="localhost"');
  });

  it('answers wrong Basic credentials with the same challenges', async () => {
    const answer = await postWithHost(sim, `mail.contoso.com:${sim.port}`, basic('admin@contoso.com', `${PASSWORD}x`));
    expect(answer.status).toBe(401);
    expect(answer.challenges).toEqual(['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"']);
  });

  it('carries no SOAP body', async () => {
    const answer = await postWithHost(sim, `127.0.0.1:${sim.port}`);
    expect(answer.contentType).not.toContain('xml');
    expect(answer.body).not.toMatch(/Envelope|soap|ResponseCode/i);
  });

  it('offers no Basic when Basic is off', async () => {
    const answer = await postWithHost(windowsOnly, `mail.contoso.com:${windowsOnly.port}`);
    expect(answer.challenges).toEqual(['Negotiate', 'NTLM']);
  });
});

describe('realmOf', () => {
  it('is the host name of a Host header, or 127.0.0.1 when there is none fit for a quoted realm', () => {
    expect(realmOf('mail.contoso.com')).toBe('mail.contoso.com');
    expect(realmOf('mail.contoso.com:8443')).toBe('mail.contoso.com');
    expect(realmOf('[::1]:443')).toBe('[::1]');
    expect(realmOf(undefined)).toBe('127.0.0.1');
    expect(realmOf('')).toBe('127.0.0.1');
    expect(realmOf('evil"host')).toBe('127.0.0.1');
    expect(realmOf('a b')).toBe('127.0.0.1');
  });
});
