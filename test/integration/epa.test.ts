// Extended Protection: the simulator over HTTPS requires NTLM's channel binding to match its own
// certificate. The client binds every sign-in to the certificate of its socket, so it signs in
// directly; through a TLS-terminating front (another certificate, as an inspecting proxy would
// present) the binding no longer matches and the sign-in is refused.
import { request as httpsRequest, createServer as createHttpsServer, type Server } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsClient, PasswordAuth } from '../../electron/ews';
import { DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { generateCertificate } from '../../electron/sim/tls';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false, auth: ['ntlm'], tls: true, epa: 'required', onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});

const root = { folders: [{ distinguished: 'msgfolderroot' as const }] };

describe('Extended Protection (epa: required)', () => {
  it('serves HTTPS with the certificate it reports', () => {
    expect(sim.url.startsWith('https://127.0.0.1:')).toBe(true);
    expect(sim.certificateSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('accepts NTLM bound to its TLS channel', async () => {
    const c = new EwsClient({
      url: sim.url,
      auth: new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD }),
      ca: sim.certificatePem ?? '',
      timeoutMs: 10_000,
    });
    try {
      const [answer] = await c.getFolder(root);
      expect(answer?.ok).toBe(true);
    } finally {
      c.close();
    }
  });

  /** A TLS-terminating front with its own certificate before `upstream`; the client signs in through it. */
  async function throughFront(upstream: RunningSimulator): Promise<unknown> {
    const front = await generateCertificate([]);
    const target = new URL(upstream.url);
    const { Agent } = await import('node:https');
    // One kept-alive upstream socket, so the handshake's legs reach the simulator on one connection.
    const frontAgent = new Agent({ keepAlive: true, maxSockets: 1, ca: upstream.certificatePem ?? '' });
    const server: Server = createHttpsServer({ cert: front.cert, key: front.key }, (req, res) => {
      const forward = httpsRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent: frontAgent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const c = new EwsClient({
      url: `https://127.0.0.1:${port}/EWS/Exchange.asmx`,
      auth: new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD }),
      ca: front.cert,
      maxSockets: 1,
      timeoutMs: 10_000,
    });
    return await c.getFolder(root).finally(async () => {
      c.close();
      frontAgent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  }

  it('refuses NTLM bound to another certificate (a TLS-terminating front), which passes without EPA', async () => {
    const withoutEpa = await startSimulator({ seed: 'empty', throttling: false, auth: ['ntlm'], tls: true, onInternalError: () => undefined });
    try {
      const [answer] = (await throughFront(withoutEpa)) as Array<{ ok: boolean }>;
      expect(answer?.ok).toBe(true);
    } finally {
      await withoutEpa.close();
    }
    const refused = await throughFront(sim).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(refused)).toMatch(/credentials were refused.*channel binding/s);
  });
});
