import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, EwsError, HttpTransport } from '../../electron/ews';
import { createAgent } from '../../electron/ews/agent';
import { normalizeFingerprint, PINNED_CERTIFICATE_CHANGED } from '../../electron/ews/certificate';
import { probeCertificate } from '../../electron/ews/certificateProbe';
import { makeCertificate, startHttps, type RunningServer, type TestCertificate } from './certificateHelpers';

const HOST = 'mail.contoso.com';
const URL_ = `https://${HOST}/EWS/Exchange.asmx`;
let first: TestCertificate;
let second: TestCertificate;
let server: RunningServer;
let other: RunningServer;

beforeAll(async () => {
  [first, second] = await Promise.all([makeCertificate(HOST), makeCertificate(HOST)]);
  [server, other] = await Promise.all([startHttps(first), startHttps(second)]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

function transportTo(port: number, pin: { pinnedSha256?: string; pinnedPem?: string }, host = HOST): HttpTransport {
  const agent = createAgent('https:', { maxSockets: 2, connectVia: () => ({ host: '127.0.0.1', port }), ...pin });
  return new HttpTransport({ url: `https://${host}/EWS/Exchange.asmx`, auth: new BasicAuth('u', 'p'), agent });
}

async function postError(transport: HttpTransport): Promise<EwsError> {
  try {
    await transport.post('<x/>', { operation: 'Probe', timeoutMs: 5000 });
  } catch (err) {
    if (err instanceof EwsError) return err;
    throw err;
  } finally {
    transport.close();
  }
  throw new Error('the request succeeded');
}

const sha = (pem: string): string => new X509Certificate(pem).fingerprint256;

describe('certificate trust with pinning', () => {
  it('refuses a self-signed certificate that nothing pins', async () => {
    const error = await postError(transportTo(server.port, {}));
    expect(error.kind).toBe('tls');
  });

  it('accepts the pinned self-signed certificate (PEM and fingerprint)', async () => {
    const transport = transportTo(server.port, { pinnedPem: first.cert, pinnedSha256: sha(first.cert) });
    const response = await transport.post('<x/>', { operation: 'Probe', timeoutMs: 5000 });
    transport.close();
    expect(response.status).toBe(200);
  });

  it('accepts the pin given as PEM only', async () => {
    const transport = transportTo(server.port, { pinnedPem: first.cert });
    expect((await transport.post('<x/>', { operation: 'Probe', timeoutMs: 5000 })).status).toBe(200);
    transport.close();
  });

  it('still checks the host name against the pinned certificate', async () => {
    const error = await postError(transportTo(server.port, { pinnedPem: first.cert }, 'other.contoso.com'));
    expect(error.kind).toBe('tls');
    expect(error.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('refuses a different certificate under the old pin, saying the pinned certificate changed', async () => {
    // The new certificate is trusted too (as if some CA vouched for it): only the pin stops it.
    const agent = createAgent('https:', {
      maxSockets: 1,
      ca: [second.cert],
      pinnedPem: first.cert,
      connectVia: () => ({ host: '127.0.0.1', port: other.port }),
    });
    const error = await postError(new HttpTransport({ url: URL_, auth: new BasicAuth('u', 'p'), agent }));
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(PINNED_CERTIFICATE_CHANGED);
    expect((error.cause as Error).message).toContain('pinned certificate changed');
    expect((error.cause as Error).message).toContain(sha(second.cert));
  });

  it('refuses a fingerprint-only pin when the certificate differs', async () => {
    const error = await postError(transportTo(other.port, { pinnedSha256: sha(first.cert) }));
    expect(error.kind).toBe('tls');
  });

  it('rejects a PEM and fingerprint that disagree, and normalises fingerprints', () => {
    expect(() => createAgent('https:', { maxSockets: 1, pinnedPem: first.cert, pinnedSha256: sha(second.cert) })).toThrow(
      /does not have the pinned fingerprint/,
    );
    const hex = sha(first.cert).replace(/:/g, '').toLowerCase();
    expect(normalizeFingerprint(hex)).toBe(sha(first.cert));
    expect(() => normalizeFingerprint('abc')).toThrow();
  });
});

describe('probeCertificate', () => {
  const via = (port: number) => () => ({ host: '127.0.0.1', port });

  it('reads a self-signed certificate without trusting it', async () => {
    const info = await probeCertificate(URL_, { timeoutMs: 5000, connectVia: via(server.port) });
    expect(info.sha256).toBe(sha(first.cert));
    expect(info.pem.trim()).toBe(new X509Certificate(first.cert).toString().trim());
    expect(info.selfSigned).toBe(true);
    expect(info.hostnameMatches).toBe(true);
    expect(info.trustedByThisComputer).toBe(false);
    expect(info.problem).toBe('self-signed');
    expect(info.subjectAltNames).toEqual([`DNS:${HOST}`]);
    expect(info.subject).toContain(`CN=${HOST}`);
    expect(Date.parse(info.validTo)).toBeGreaterThan(Date.now());
  });

  it('reports a name mismatch and a trusted chain', async () => {
    const info = await probeCertificate('https://wrong.contoso.com/EWS/Exchange.asmx', { timeoutMs: 5000, connectVia: via(server.port), ca: [first.cert] });
    expect(info.trustedByThisComputer).toBe(true);
    expect(info.hostnameMatches).toBe(false);
    expect(info.problem).toBe('name mismatch');
  });

  it('reports an expired certificate', async () => {
    const expired = await makeCertificate(HOST, { expired: true });
    const old = await startHttps(expired);
    try {
      const info = await probeCertificate(URL_, { timeoutMs: 5000, connectVia: via(old.port), ca: [expired.cert] });
      expect(info.problem).toBe('expired');
    } finally {
      await old.close();
    }
  });

  it('times out on a server that never answers the handshake', async () => {
    const net = await import('node:net');
    const held: import('node:net').Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const started = Date.now();
    await expect(probeCertificate(URL_, { timeoutMs: 200, connectVia: via(port) })).rejects.toThrow(/did not complete a TLS handshake/);
    expect(Date.now() - started).toBeLessThan(2000);
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
