// HTTPS with a generated or given certificate, its SHA-256 as the CLI's fourth line, and
// Extended Protection (EPA): NTLM over TLS must carry MsvAvChannelBindings for the served
// certificate (RFC 5929 tls-server-end-point, MD5 of the gss_channel_bindings_struct).
import { spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { basic, dist, envelope, getFolder, PASSWORD } from './helpers';
import { ntlmHandshake } from './support/handshake';
import { oneSocketAgent, send } from './support/http';
import { channelBindingFor } from './support/ntlmClient';

const body = envelope(getFolder(dist('inbox')));
const colonHex = (digest: Buffer): string => [...digest].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
const admin = { user: 'admin', domain: 'CONTOSO', password: PASSWORD };

describe('TLS', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty', throttling: false, tls: true, tlsHostnames: ['mail.contoso.com', 'autodiscover.contoso.com'] });
  });
  afterAll(() => sim.close());

  it('serves HTTPS with the certificate it reports, fingerprint included', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
    const answer = await send(sim.url, oneSocketAgent(sim.url, sim.certificatePem), { authorization: basic('admin@contoso.com', PASSWORD), body });
    expect(answer.status).toBe(200);
    const served = answer.peerCertificate as Buffer;
    expect(served.equals(new X509Certificate(sim.certificatePem as string).raw)).toBe(true);
    expect(sim.certificateSha256).toBe(colonHex(createHash('sha256').update(served).digest()));
    const names = new X509Certificate(sim.certificatePem as string).subjectAltName ?? '';
    for (const name of ['IP Address:127.0.0.1', 'DNS:localhost', 'DNS:mail.contoso.com', 'DNS:autodiscover.contoso.com']) expect(names).toContain(name);
  });

  it('signs in with NTLM over TLS without EPA, channel binding or not', async () => {
    expect((await ntlmHandshake(sim.url, oneSocketAgent(sim.url, sim.certificatePem), admin, body)).final.status).toBe(200);
  });
});

describe('TLS with a given certificate', () => {
  it('serves exactly that certificate', async () => {
    const pems = await generate([{ name: 'commonName', value: 'rotated.contoso.com' }], { keySize: 2048, algorithm: 'sha256' });
    const sim = await startSimulator({ seed: 'empty', throttling: false, tls: { cert: pems.cert, key: pems.private } });
    try {
      const answer = await send(sim.url, oneSocketAgent(sim.url), { authorization: basic('admin@contoso.com', PASSWORD), body });
      expect(answer.peerCertificate?.equals(new X509Certificate(pems.cert).raw)).toBe(true);
      expect(sim.certificateSha256).toBe(new X509Certificate(pems.cert).fingerprint256);
    } finally {
      await sim.close();
    }
  });
});

describe('EPA required', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty', throttling: false, tls: true, epa: 'required' });
  });
  afterAll(() => sim.close());

  it('accepts NTLM carrying the channel binding of the served certificate', async () => {
    const agent = oneSocketAgent(sim.url, sim.certificatePem);
    const binding = channelBindingFor(new X509Certificate(sim.certificatePem as string).raw);
    expect((await ntlmHandshake(sim.url, agent, { ...admin, channelBinding: binding }, body)).final.status).toBe(200);
    expect(
      (await ntlmHandshake(sim.url, oneSocketAgent(sim.url, sim.certificatePem), { ...admin, channelBinding: binding }, body, 'spnego')).final.status,
    ).toBe(200);
    agent.destroy();
  });

  it('refuses NTLM without a channel binding, with a wrong one, or with all-zero bindings', async () => {
    const other = await generate([{ name: 'commonName', value: 'other' }], { keySize: 2048, algorithm: 'sha256' });
    for (const channelBinding of [undefined, channelBindingFor(new X509Certificate(other.cert).raw), Buffer.alloc(16)]) {
      const creds = channelBinding ? { ...admin, channelBinding } : admin;
      const { final } = await ntlmHandshake(sim.url, oneSocketAgent(sim.url, sim.certificatePem), creds, body);
      expect(final.status).toBe(401);
    }
  });

  it('is a start-up error without TLS', async () => {
    await expect(startSimulator({ seed: 'empty', epa: 'required' })).rejects.toThrow(/tls/i);
  });
});

describe('CLI --tls', () => {
  it('prints the certificate fingerprint as the fourth line, and it matches the served certificate', async () => {
    const repoRoot = path.resolve(__dirname, '..', '..');
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['electron/sim/cli.ts', '--seed', 'empty', '--items', '0', '--tls'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (lines.length === 4) resolve();
        });
        child.on('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      expect(lines[0]).toMatch(/^EWS endpoint: https:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
      expect(lines[1]).toBe('user: admin@contoso.com');
      expect(lines[2]).toBe('password: Sweeper-Demo-1!');
      expect(lines[3]).toMatch(/^certificate sha256: ([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const url = (lines[0] ?? '').slice('EWS endpoint: '.length);
      const answer = await send(url, oneSocketAgent(url), { authorization: basic('admin@contoso.com', PASSWORD), body });
      expect(answer.status).toBe(200);
      expect(
        `certificate sha256: ${colonHex(
          createHash('sha256')
            .update(answer.peerCertificate as Buffer)
            .digest(),
        )}`,
      ).toBe(lines[3]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('EPA with a SHA-384-signed certificate', () => {
  it('binds to the SHA-384 hash of the certificate (RFC 5929 4.1)', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, algorithm: 'sha384' });
    const sim = await startSimulator({ seed: 'empty', throttling: false, tls: { cert: pems.cert, key: pems.private }, epa: 'required' });
    try {
      const der = new X509Certificate(pems.cert).raw;
      const sha384 = channelBindingFor(der, 'sha384');
      const sha256 = channelBindingFor(der, 'sha256');
      expect((await ntlmHandshake(sim.url, oneSocketAgent(sim.url), { ...admin, channelBinding: sha256 }, body)).final.status).toBe(401);
      expect((await ntlmHandshake(sim.url, oneSocketAgent(sim.url), { ...admin, channelBinding: sha384 }, body)).final.status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
