// MSAL's app-only flow (client credentials with a generated certificate) against the Graph
// simulator's authority, given as a known authority with its metadata (no discovery call), and the
// token it returns used by the Graph client on two mailboxes.
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCertificateFromPem, AppOnlySignIn } from '../../electron/graph/auth/appOnly';
import { openIdMetadataShape } from '../../electron/graph/auth/authority';
import { MsalNetwork } from '../../electron/graph/auth/network';
import { appOnlyScopes } from '../../electron/graph/auth/scopes';
import { listFolders } from '../../electron/graph/operations/listFolders';
import { HttpsTransport } from '../../electron/graph/transport';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, simClient } from './graphSupport';

const UNATTENDED = '8d4c2f0e-6b1a-4e3d-9f7c-2a5b8c1d0e9f';
let sim: RunningGraphSimulator;
let transport: HttpsTransport;
let pems: { cert: string; key: string };
let stranger: { cert: string; key: string };

async function certificate(): Promise<{ cert: string; key: string }> {
  const made = await generate([{ name: 'commonName', value: 'Mailbox Sweeper unattended' }], { keySize: 2048, algorithm: 'sha256' });
  return { cert: made.cert, key: made.private };
}

beforeAll(async () => {
  sim = await startGraphSimulator({ tls: true, simulatorOptions: { seed: 'demo', bulkItems: 10, demoScale: 0.05, throttling: false }, throttling: false });
  [pems, stranger] = await Promise.all([certificate(), certificate()]);
  sim.registerApp({ clientId: UNATTENDED, displayName: 'Sweeper unattended', applicationPermissions: ['Mail.ReadWrite'], certificates: [pems.cert] });
  transport = new HttpsTransport({ ca: sim.certificatePem ?? '' });
});

afterAll(async () => {
  transport.close();
  await sim.close();
});

function app(cert: { cert: string; key: string }): AppOnlySignIn {
  return new AppOnlySignIn({
    tenantId: sim.tenantId,
    clientId: UNATTENDED,
    certificate: appCertificateFromPem(cert.cert, cert.key),
    authority: { url: sim.authority, metadata: openIdMetadataShape.parse(sim.openIdConfiguration()) },
    network: new MsalNetwork(transport),
  });
}

describe('app-only sign-in against the Graph simulator', () => {
  it("gets a Graph token with the certificate and lists two users' folders with it", async () => {
    const signIn = app(pems);
    const graph = simClient(sim, signIn.tokenSource(appOnlyScopes()));
    try {
      for (const user of [ADMIN, 'alice@contoso.com']) {
        const folders = await listFolders(graph.client, user, { withSourceKey: false });
        expect(folders.ok, user).toBe(true);
        expect(folders.ok && folders.folders.map((f) => f.displayName)).toEqual(expect.arrayContaining(['Inbox', 'Deleted Items']));
      }
    } finally {
      graph.close();
    }
  });

  it('is refused with a certificate the app registration does not hold', async () => {
    await expect(app(stranger).token()).rejects.toThrow(/invalid_client|700027/);
  });

  it('a token for Exchange Online (EWS while it lasts) does not open Graph', async () => {
    const ews = await app(pems).token(appOnlyScopes('https://outlook.office365.com'));
    const graph = simClient(sim, () => Promise.resolve(ews.accessToken));
    try {
      expect(await listFolders(graph.client, ADMIN, { withSourceKey: false })).toMatchObject({ ok: false, failure: { kind: 'graph-error', status: 401 } });
    } finally {
      graph.close();
    }
  });
});
