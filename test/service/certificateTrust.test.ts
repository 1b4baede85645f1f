// Trusting a certificate the computer does not: the refused connect shows the certificate, the
// admin trusts that one, the profile pins it, and a different certificate later is refused with
// a warning. The server is the real simulator behind an HTTPS front with a self-signed certificate.
import { createServer as createHttpsServer, type Server } from 'node:https';
import { request as httpRequest } from 'node:http';
import { X509Certificate } from 'node:crypto';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { ConnectResult } from '../../shared/ipc';
import { createRig } from './helpers';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});

/** An HTTPS front on `port` (0 = any) forwarding every request to the simulator. */
async function httpsFront(port: number): Promise<{ port: number; sha256: string; close(): Promise<void> }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const target = new URL(sim.url);
  const server: Server = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    sha256: new X509Certificate(pems.cert).fingerprint256,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function failure(result: ConnectResult) {
  if (result.ok) throw new Error('expected the connect to fail');
  return result.error;
}

describe('trusting a server certificate', () => {
  it('shows the certificate, pins the trusted one, and refuses a changed one', async () => {
    const rig = await createRig();
    let front = await httpsFront(0);
    const url = `https://127.0.0.1:${front.port}/EWS/Exchange.asmx`;
    try {
      const refused = failure(await rig.service.connect({ url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }));
      expect(refused.kind).toBe('tls');
      expect(refused.certificate?.sha256).toBe(front.sha256);
      expect(refused.certificate?.selfSigned).toBe(true);
      expect(refused.certificate?.problem).toMatch(/self-signed/);

      const trusted = await rig.service.connect({
        url,
        authKind: 'basic',
        user: DEMO_ADMIN,
        secret: DEMO_PASSWORD,
        trustCertificate: front.sha256,
        saveAs: 'Pinned',
      });
      expect(trusted.ok).toBe(true);
      const [profile] = (await rig.service.listProfiles()).profiles;
      expect(profile?.pinnedCertificate).toBe(front.sha256);

      // Trusting a fingerprint the server does not present pins nothing.
      const wrong = failure(
        await rig.service.connect({ url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, trustCertificate: front.sha256.replace(/^../, '00') }),
      );
      expect(wrong).toMatchObject({ kind: 'tls', pinMismatch: true });

      // The same address with another certificate: the pinned profile refuses it and says so.
      const port = front.port;
      await front.close();
      front = await httpsFront(port);
      const changed = failure(await rig.service.connectProfile({ profileId: profile?.id ?? '' }));
      expect(changed.kind).toBe('tls');
      expect(changed.pinMismatch).toBe(true);
      expect(changed.certificate?.sha256).toBe(front.sha256);
      expect(changed.message).toMatch(/changed since you trusted it/);
    } finally {
      await front.close();
      await rig.close();
    }
  });
});
