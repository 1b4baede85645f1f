// MSAL's client-credentials flow with a generated certificate against a local authority that
// checks the PS256 client assertion against the registered certificate.
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCertificateFromPem, AppOnlySignIn } from '../../../electron/graph/auth/appOnly';
import { MsalNetwork } from '../../../electron/graph/auth/network';
import { appOnlyScopes } from '../../../electron/graph/auth/scopes';
import { HttpsTransport } from '../../../electron/graph/transport';
import { CLIENT_ID, FakeAuthority, TENANT } from './fakeAuthority';

let authority: FakeAuthority;
let transport: HttpsTransport;
let registered: { cert: string; key: string };
let unregistered: { cert: string; key: string };

async function appCertificate(): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: 'Mailbox Sweeper unattended' }], { keySize: 2048, algorithm: 'sha256' });
  return { cert: pems.cert, key: pems.private };
}

beforeAll(async () => {
  authority = await FakeAuthority.start();
  transport = new HttpsTransport({ ca: authority.cert });
  [registered, unregistered] = await Promise.all([appCertificate(), appCertificate()]);
  authority.certificates.set(appCertificateFromPem(registered.cert, registered.key).thumbprintSha256, registered.cert);
});

afterAll(async () => {
  transport.close();
  await authority.close();
});

function appWith(pems: { cert: string; key: string }): AppOnlySignIn {
  return new AppOnlySignIn({
    tenantId: TENANT,
    clientId: CLIENT_ID,
    certificate: appCertificateFromPem(pems.cert, pems.key),
    authority: { url: authority.authorityUrl, metadata: authority.metadata },
    network: new MsalNetwork(transport),
  });
}

describe('app-only sign-in (MSAL ConfidentialClientApplication with a certificate)', () => {
  it('computes the SHA-256 thumbprint Entra shows', () => {
    const cert = appCertificateFromPem(registered.cert, registered.key);
    expect(cert.thumbprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(cert.privateKeyPem).toBe(registered.key);
  });

  it('gets a token for .default with a signed client assertion, then serves it from memory', async () => {
    const app = appWith(registered);
    const token = await app.token(appOnlyScopes('https://graph.microsoft.com'));
    expect(token.accessToken).toBe(authority.issuedAccessTokens.at(-1));
    const grant = authority.log.tokenRequests.at(-1);
    expect(grant?.get('grant_type')).toBe('client_credentials');
    expect(grant?.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(grant?.has('client_secret')).toBe(false);
    const calls = authority.log.tokenRequests.length;
    expect(await app.tokenSource()()).toBe(token.accessToken);
    expect(authority.log.tokenRequests.length).toBe(calls);
  });

  it('is refused with a certificate the app registration does not hold', async () => {
    await expect(appWith(unregistered).token()).rejects.toThrow(/invalid_client/);
  });

  it('refuses a tenant id that is not one path segment, and a plain-http authority', () => {
    expect(() => new AppOnlySignIn({ tenantId: 'x/../y', clientId: CLIENT_ID, certificate: appCertificateFromPem(registered.cert, registered.key) })).toThrow(
      RangeError,
    );
    expect(
      () =>
        new AppOnlySignIn({
          tenantId: TENANT,
          clientId: CLIENT_ID,
          certificate: appCertificateFromPem(registered.cert, registered.key),
          authority: { url: 'http://127.0.0.1:1/t' },
        }),
    ).toThrow(RangeError);
  });
});
