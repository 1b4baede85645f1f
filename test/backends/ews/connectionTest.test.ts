// Test connection against the real simulator: every step in order with its outcome, the first
// failing step stopping the rest (shown as skipped), and no secret in any step's text.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offeredSchemes, testConnection } from '../../../electron/backends/ews/connectionTest';
import { readCertificate } from '../../../electron/service/connectRequests';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../../electron/sim';
import { startConnectProxy, type ProxyLog, type RunningServer } from '../../ews/certificateHelpers';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('testConnection', () => {
  it('walks every step against a working server', async () => {
    const result = await testConnection({
      url: sim.url,
      authKind: 'basic',
      user: DEMO_ADMIN,
      secret: DEMO_PASSWORD,
      impersonate: 'alice@contoso.com',
      demo: false,
    });
    expect(result.steps.map((step) => [step.name.replace(/:.*| to .*/, ''), step.outcome])).toEqual([
      ['DNS', 'ok'],
      ['TCP connection', 'ok'],
      ['TLS certificate', 'skipped'],
      ['Sign-in schemes offered', 'ok'],
      ['Sign in and open the mailbox', 'ok'],
      ['Exchange version', 'ok'],
      ['Mailbox access', 'ok'],
      ['Recoverable Items', 'ok'],
    ]);
    expect(result.ok).toBe(true);
    expect(result.steps.find((step) => step.name === 'Sign-in schemes offered')?.detail).toMatch(/Offered: .*Basic/);
    expect(result.steps.find((step) => step.name === 'Exchange version')?.detail).toBe('Exchange 15.2.2562.17');
    expect(result.steps.find((step) => step.name === 'Mailbox access')?.detail).toMatch(/^Impersonation: .*alice@contoso\.com/);
    expect(result.steps.find((step) => step.name === 'Recoverable Items')?.detail).toMatch(/Deletions holds \d+ item/);
    expect(JSON.stringify(result)).not.toContain(DEMO_PASSWORD);
  });

  it('says the sign-in failed and skips what depends on it', async () => {
    const result = await testConnection({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: 'wrong-password', demo: false });
    expect(result.ok).toBe(false);
    const signIn = result.steps.find((step) => step.name === 'Sign in and open the mailbox');
    expect(signIn?.outcome).toBe('failed');
    expect(signIn?.detail).toMatch(/401/);
    expect(result.steps.slice(-3).map((step) => step.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(JSON.stringify(result)).not.toContain('wrong-password');
  });

  it('stops at TCP when nothing listens', async () => {
    const port = await closedPort();
    const result = await testConnection({
      url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
      authKind: 'basic',
      user: DEMO_ADMIN,
      secret: DEMO_PASSWORD,
      demo: false,
    });
    expect(result.steps[1]).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/refused/) });
    expect(result.steps.slice(2).every((step) => step.outcome === 'skipped')).toBe(true);
  });

  it('reports a name that does not resolve', async () => {
    const result = await testConnection(
      { url: 'https://mail.contoso.invalid/EWS/Exchange.asmx', authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, demo: false },
      { resolve: () => Promise.reject(new Error('mail.contoso.invalid could not be resolved (ENOTFOUND).')) },
    );
    expect(result.steps[0]).toMatchObject({ name: 'DNS: mail.contoso.invalid', outcome: 'failed' });
  });

  it('refuses bad fields before any traffic', async () => {
    const result = await testConnection({ url: sim.url, authKind: 'password', user: '', secret: DEMO_PASSWORD, demo: false });
    expect(result.steps).toEqual([{ name: 'Address and sign-in fields', outcome: 'failed', detail: expect.stringMatching(/user name/), ms: 0 }]);
  });

  it('reads scheme names from WWW-Authenticate values', () => {
    expect(offeredSchemes(['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"', 'Bearer authorization_uri="x"'])).toEqual([
      'Negotiate',
      'NTLM',
      'Basic',
      'Bearer',
    ]);
  });
});

describe('testConnection through an explicit proxy', () => {
  // The server is named mail.contoso.com; only the proxy (a local CONNECT proxy that tunnels to
  // the simulator over TLS) is reachable, as in a network whose only way out is the proxy.
  const URL_ = 'https://mail.contoso.com/EWS/Exchange.asmx';
  let tlsSim: RunningSimulator;
  let open: RunningServer & { log: ProxyLog };
  let guarded: RunningServer & { log: ProxyLog };
  const resolved: string[] = [];
  const resolve = (host: string): Promise<string[]> => {
    resolved.push(host);
    return Promise.reject(new Error(`${host} must not be resolved here`));
  };

  beforeAll(async () => {
    tlsSim = await startSimulator({
      seed: 'demo',
      bulkItems: 0,
      demoScale: 0.05,
      throttling: false,
      tls: true,
      tlsHostnames: ['mail.contoso.com'],
      onInternalError: () => undefined,
    });
    [open, guarded] = await Promise.all([startConnectProxy(tlsSim.port), startConnectProxy(tlsSim.port, { user: 'proxyuser', password: 'proxy-secret' })]);
  });
  afterAll(async () => {
    await Promise.all([open.close(), guarded.close(), tlsSim.close()]);
  });

  const params = (proxyPort: number, extra: Record<string, unknown> = {}) => ({
    url: URL_,
    authKind: 'basic' as const,
    user: DEMO_ADMIN,
    secret: DEMO_PASSWORD,
    demo: false,
    proxy: { url: `http://127.0.0.1:${proxyPort}` },
    ...extra,
  });

  it('reads the certificate through the tunnel, and says DNS and TCP went via the proxy', async () => {
    const before = open.log.connects.length;
    const result = await testConnection(params(open.port), { resolve, certificate: readCertificate, stepTimeoutMs: 5000 });
    expect(result.steps.slice(0, 3)).toEqual([
      expect.objectContaining({
        name: 'DNS: 127.0.0.1 (the proxy)',
        outcome: 'ok',
        detail: expect.stringContaining('The proxy resolves mail.contoso.com, not this computer.'),
      }),
      expect.objectContaining({
        name: `TCP connection to mail.contoso.com:443 via proxy 127.0.0.1:${open.port}`,
        outcome: 'ok',
        detail: expect.stringContaining('CONNECT mail.contoso.com:443 answered 200'),
      }),
      expect.objectContaining({ name: 'TLS certificate', outcome: 'failed', detail: expect.stringContaining('self-signed') }),
    ]);
    expect(result.steps[2]?.detail).toContain("read through the proxy's tunnel");
    expect(result.certificate?.sha256).toBe(tlsSim.certificateSha256);
    expect(result.steps.slice(3).every((step) => step.outcome === 'skipped')).toBe(true);
    // The TCP step's tunnel and the certificate's: both through the proxy, both to the server's name.
    expect(open.log.connects.slice(before).map((c) => c.target)).toEqual(['mail.contoso.com:443', 'mail.contoso.com:443']);
    expect(resolved).toEqual([]);
  });

  it('walks every step through the proxy once the certificate is pinned', async () => {
    const before = open.log.connects.length;
    const pinned = { sha256: tlsSim.certificateSha256 ?? '', pem: tlsSim.certificatePem ?? '' };
    const result = await testConnection(params(open.port, { pinned }), { resolve, certificate: readCertificate, stepTimeoutMs: 5000 });
    expect(result.steps.slice(0, 5).map((step) => [step.name.replace(/:.*| to .*/, ''), step.outcome])).toEqual([
      ['DNS', 'ok'],
      ['TCP connection', 'ok'],
      ['TLS certificate', 'ok'],
      ['Sign-in schemes offered', 'ok'],
      ['Sign in and open the mailbox', 'ok'],
    ]);
    expect(result.ok).toBe(true);
    expect(result.steps.at(-1)).toMatchObject({ name: 'Recoverable Items', outcome: 'ok' });
    expect(result.steps[2]?.detail).toMatch(/^Trusted for this server \(pinned in the profile\)/);
    expect(open.log.connects.slice(before).every((c) => c.target === 'mail.contoso.com:443')).toBe(true);
    // TCP, certificate, scheme probe and the session at least: nothing went direct.
    expect(open.log.connects.length - before).toBeGreaterThanOrEqual(4);
    expect(resolved).toEqual([]);
  });

  it('stops at the TCP step when the proxy wants credentials, naming the proxy', async () => {
    const result = await testConnection(params(guarded.port), { resolve, certificate: readCertificate, stepTimeoutMs: 5000 });
    expect(result.steps[1]).toMatchObject({
      outcome: 'failed',
      detail: expect.stringMatching(new RegExp(`proxy 127\\.0\\.0\\.1:${guarded.port}.*needs a user name and password \\(HTTP 407\\)`)),
    });
    expect(result.steps.slice(2).every((step) => step.outcome === 'skipped')).toBe(true);
    const withCredentials = await testConnection(
      params(guarded.port, { proxy: { url: `http://127.0.0.1:${guarded.port}`, user: 'proxyuser', password: 'proxy-secret' } }),
      {
        resolve,
        certificate: readCertificate,
        stepTimeoutMs: 5000,
      },
    );
    expect(withCredentials.steps[1]?.outcome).toBe('ok');
    expect(JSON.stringify(withCredentials)).not.toContain('proxy-secret');
  });

  it('refuses a malformed proxy address before any traffic', async () => {
    const result = await testConnection(params(open.port, { proxy: { url: 'https://proxy.contoso.com' } }), { resolve });
    expect(result).toEqual({
      ok: false,
      steps: [{ name: 'Address and sign-in fields', outcome: 'failed', detail: expect.stringContaining('http://'), ms: 0 }],
    });
    expect(resolved).toEqual([]);
  });
});
