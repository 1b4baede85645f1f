// The real @azure/msal-node flows against the simulator's authority (HTTPS, as MSAL requires),
// configured as a known authority with its metadata given (no internet): client credentials with a
// generated certificate, and the interactive auth code + PKCE flow through MSAL's own loopback
// listener, the "browser" being an HTTP client that follows the authority's redirect.
import { request as httpsRequest } from 'node:https';
import { createHash, X509Certificate } from 'node:crypto';
import {
  ConfidentialClientApplication,
  PublicClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { generateCertificate } from '../../electron/sim/tls';
import { ADMIN, ALICE } from './helpers';

let sim: RunningGraphSimulator;
let daemonCert: { cert: string; key: string };
const DAEMON_ID = '7d3f0e21-4b5a-4c6d-8e9f-a0b1c2d3e4f5';

function httpsCall(
  url: string,
  method: string,
  ca: string,
  options: NetworkRequestOptions = {},
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca,
        headers: { ...(options.headers ?? {}), ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
          resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** MSAL's network module over HTTPS trusting the simulator's certificate. */
function network(ca: string): INetworkModule {
  const send = async <T>(url: string, method: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const res = await httpsCall(url, method, ca, options);
    return { status: res.status, headers: res.headers, body: JSON.parse(res.text) as T };
  };
  return { sendGetRequestAsync: (url, options) => send(url, 'GET', options), sendPostRequestAsync: (url, options) => send(url, 'POST', options) };
}

function authConfig(clientId: string): {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
} {
  return {
    clientId,
    authority: sim.authority,
    knownAuthorities: [`127.0.0.1:${sim.port}`],
    authorityMetadata: JSON.stringify(sim.openIdConfiguration()),
    cloudDiscoveryMetadata: JSON.stringify(sim.instanceDiscovery()),
  };
}

beforeAll(async () => {
  daemonCert = await generateCertificate([]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    throttling: false,
    autoApprove: ALICE,
    apps: [DEMO_APP, { clientId: DAEMON_ID, applicationPermissions: ['Mail.ReadWrite'], certificates: [daemonCert.cert] }],
  });
});
afterAll(() => sim.close());

describe('@azure/msal-node against the simulator authority', () => {
  it('client credentials with a certificate: an app token that opens a mailbox over Graph', async () => {
    const thumbprintSha256 = createHash('sha256').update(new X509Certificate(daemonCert.cert).raw).digest('hex');
    const app = new ConfidentialClientApplication({
      auth: { ...authConfig(DAEMON_ID), clientCertificate: { thumbprintSha256, privateKey: daemonCert.key } },
      system: { networkClient: network(sim.certificatePem ?? '') },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(result?.accessToken).toEqual(expect.any(String));
    const inbox = await httpsCall(`${sim.graphUrl}/users/${ADMIN}/mailFolders/inbox`, 'GET', sim.certificatePem ?? '', {
      headers: { authorization: `Bearer ${result?.accessToken}` },
    });
    expect(inbox.status).toBe(200);
    expect(JSON.parse(inbox.text).displayName).toBe('Inbox');
  });

  it('interactive auth code + PKCE through MSAL’s loopback listener, then a silent refresh', async () => {
    const pca = new PublicClientApplication({ auth: authConfig(DEMO_APP.clientId), system: { networkClient: network(sim.certificatePem ?? '') } });
    const scopes = ['https://graph.microsoft.com/Mail.ReadWrite'];
    const result = await pca.acquireTokenInteractive({
      scopes,
      openBrowser: async (url) => {
        // The "browser": ask the authority (auto-approving Alice); MSAL asks for form_post, so submit
        // the authority's self-submitting form to MSAL's loopback listener as a browser would.
        expect(new URL(url).searchParams.get('response_mode')).toBe('form_post');
        expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
        const answer = await httpsCall(url, 'GET', sim.certificatePem ?? '');
        expect(answer.status).toBe(200);
        const action = /<form method="POST" name="hiddenform" action="([^"]+)"/.exec(answer.text)?.[1] ?? '';
        const fields = [...answer.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
          (m) => [m[1] ?? '', m[2] ?? ''] as [string, string],
        );
        await fetch(
          action.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))),
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() },
        );
      },
      successTemplate: 'signed in',
      errorTemplate: 'failed',
    });
    expect(result.account?.username).toBe(ALICE);
    const token = result.accessToken;
    expect(
      (await httpsCall(`${sim.graphUrl}/me/mailFolders/inbox`, 'GET', sim.certificatePem ?? '', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    const silent = await pca.acquireTokenSilent({ scopes, account: result.account ?? (await pca.getAllAccounts())[0]!, forceRefresh: true });
    expect(silent.accessToken).not.toBe(token);
    expect(silent.account?.username).toBe(ALICE);
  });
});
