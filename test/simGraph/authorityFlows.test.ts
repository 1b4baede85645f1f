// The OpenID authority over HTTP: metadata and keys, the authorization code flow with PKCE (the
// verifier right and wrong, the sign-in page, redirect URI rules), refresh, client credentials
// with a certificate assertion built here with node:crypto, and the Graph front refusing tokens
// that are expired, for another audience, signed by another key, or without the permission.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  constants,
  generateKeyPairSync,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { generateCertificate } from '../../electron/sim/tls';
import { ADMIN, ALICE, call, form, pkcePair } from './helpers';

let sim: RunningGraphSimulator;
const REDIRECT = 'http://localhost:53117/';
const DAEMON_ID = '2c4b9f3e-8a71-4d5e-9f60-0a1b2c3d4e5f';
let daemonCert: { cert: string; key: string };
let strangerCert: { cert: string; key: string };

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function assertion(cert: { cert: string; key: string }, audience: string, options: { alg?: 'RS256' | 'PS256'; exp?: number; iss?: string } = {}): string {
  const der = new X509Certificate(cert.cert).raw;
  const alg = options.alg ?? 'PS256';
  const header =
    alg === 'PS256'
      ? { alg, typ: 'JWT', 'x5t#S256': createHash('sha256').update(der).digest('base64url') }
      : { alg, typ: 'JWT', x5t: createHash('sha1').update(der).digest('base64url') };
  const now = Math.floor(Date.now() / 1000);
  const payload = { aud: audience, iss: options.iss ?? DAEMON_ID, sub: DAEMON_ID, jti: randomUUID(), nbf: now, iat: now, exp: options.exp ?? now + 600 };
  const input = `${b64(header)}.${b64(payload)}`;
  const key = createPrivateKey(cert.key);
  const signature = createSign('SHA256')
    .update(input)
    .sign(alg === 'PS256' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key);
  return `${input}.${signature.toString('base64url')}`;
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(`${sim.authority}/oauth2/v2.0/authorize`);
  const all = {
    client_id: DEMO_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'https://graph.microsoft.com/Mail.ReadWrite offline_access openid profile',
    state: 'st4te',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url.toString();
}

async function codeFor(challenge: string): Promise<string> {
  const res = await fetch(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n0nce' }), { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('st4te');
  return location.searchParams.get('code') ?? '';
}

const tokenUrl = (): string => `${sim.authority}/oauth2/v2.0/token`;

beforeAll(async () => {
  [daemonCert, strangerCert] = await Promise.all([generateCertificate([]), generateCertificate([])]);
  sim = await startGraphSimulator({
    simulatorOptions: { seed: 'empty', throttling: false },
    throttling: false,
    autoApprove: ADMIN,
    apps: [DEMO_APP, { clientId: DAEMON_ID, displayName: 'Sweeper daemon', applicationPermissions: ['Mail.ReadWrite'], certificates: [daemonCert.cert] }],
  });
});
afterAll(() => sim.close());

describe('authority metadata', () => {
  it('serves the OpenID configuration, instance discovery and a JWKS that verifies its tokens', async () => {
    const config = await (await fetch(`${sim.authority}/v2.0/.well-known/openid-configuration`)).json();
    expect(config).toMatchObject({
      issuer: `${sim.url}/${sim.tenantId}/v2.0`,
      authorization_endpoint: `${sim.authority}/oauth2/v2.0/authorize`,
      token_endpoint: tokenUrl(),
      jwks_uri: `${sim.url}/${sim.tenantId}/discovery/v2.0/keys`,
    });
    expect(config).toEqual(sim.openIdConfiguration());
    const byDomain = await (await fetch(`${sim.url}/contoso.com/v2.0/.well-known/openid-configuration`)).json();
    expect(byDomain.issuer).toBe(config.issuer);
    const discovery = await (
      await fetch(`${sim.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(config.authorization_endpoint)}`)
    ).json();
    expect(discovery).toMatchObject({
      tenant_discovery_endpoint: `${sim.authority}/v2.0/.well-known/openid-configuration`,
      metadata: [{ aliases: [`127.0.0.1:${sim.port}`] }],
    });
    const unknown = await fetch(`${sim.url}/fabrikam.com/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error_codes).toEqual([90002]);

    const jwks = await (await fetch(config.jwks_uri)).json();
    const token = sim.mintAccessToken({ user: ADMIN });
    const [h, p, s] = token.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const jwk = jwks.keys.find((k: { kid: string }) => k.kid === header.kid);
    expect(header.alg).toBe('RS256');
    expect(
      createVerify('SHA256')
        .update(`${h}.${p}`)
        .verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url')),
    ).toBe(true);
  });
});

describe('authorization code with PKCE', () => {
  it('issues tokens for the right verifier; the access token opens Graph; the id token names the user', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    const answer = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_info: '1',
      scope: 'https://graph.microsoft.com/Mail.ReadWrite offline_access openid profile',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', scope: 'Mail.ReadWrite offline_access openid profile', expires_in: 3600 });
    expect(answer.body.refresh_token).toEqual(expect.any(String));
    const idClaims = JSON.parse(Buffer.from(answer.body.id_token.split('.')[1], 'base64url').toString());
    expect(idClaims).toMatchObject({ aud: DEMO_CLIENT_ID, preferred_username: ADMIN, nonce: 'n0nce', tid: sim.tenantId });
    expect(JSON.parse(Buffer.from(answer.body.client_info, 'base64url').toString())).toEqual({ uid: idClaims.oid, utid: sim.tenantId });
    const inbox = await call(sim, '/me/mailFolders/inbox', { token: answer.body.access_token });
    expect(inbox.status).toBe(200);
    // A code is good once.
    const again = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('refuses a wrong or missing verifier and a different redirect URI', async () => {
    const { challenge } = pkcePair();
    const wrong = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
      code_verifier: pkcePair().verifier,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    const missing = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
    });
    expect(missing.body.error_codes).toEqual([501481]);
    const pair = pkcePair();
    const otherRedirect = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'authorization_code',
      code: await codeFor(pair.challenge),
      redirect_uri: 'http://localhost:1/',
      code_verifier: pair.verifier,
    });
    expect(otherRedirect.body.error).toBe('invalid_grant');
  });

  it('takes any loopback port but refuses an unregistered redirect URI on its own page', async () => {
    const other = await fetch(authorizeUrl({ redirect_uri: 'http://localhost:61000/' }), { redirect: 'manual' });
    expect(other.status).toBe(302);
    const foreign = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/' }), { redirect: 'manual' });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('AADSTS50011');
    const unknownApp = await fetch(authorizeUrl({ client_id: randomUUID() }), { redirect: 'manual' });
    expect(await unknownApp.text()).toContain('AADSTS700016');
    // Not consented: the consent page's answer (declined here; consent.test.ts covers the rest).
    sim.setAutoConsent('decline');
    const notConsented = await fetch(authorizeUrl({ scope: 'https://graph.microsoft.com/Calendars.ReadWrite' }), { redirect: 'manual' });
    sim.setAutoConsent('accept');
    expect(new URL(notConsented.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('signs in on the page when nobody is auto-approved: a wrong password stays, the right one redirects', async () => {
    sim.setAutoApprove(undefined);
    try {
      const { verifier, challenge } = pkcePair();
      const url = authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', login_hint: ALICE });
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain(`value="${ALICE}"`);
      const fields = Object.fromEntries(new URL(url).searchParams);
      const bad = await form(url, { ...fields, login: ALICE, passwd: 'nope' });
      expect(bad.status).toBe(200);
      expect(bad.body).toContain('AADSTS50126');
      const good = await form(url, { ...fields, login: ALICE, passwd: 'Sweeper-Demo-1!' });
      expect(good.status).toBe(302);
      const code = new URL(good.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const tokens = await form(tokenUrl(), {
        client_id: DEMO_CLIENT_ID,
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      const claims = JSON.parse(Buffer.from(tokens.body.access_token.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ upn: ALICE, scp: 'Mail.ReadWrite', aud: 'https://graph.microsoft.com' });
    } finally {
      sim.setAutoApprove(ADMIN);
    }
  });
});

describe('refresh and audiences', () => {
  it('refreshes for Graph, and for EWS; the EWS token is refused by Graph as a foreign audience', async () => {
    const { verifier, challenge } = pkcePair();
    const first = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    const refreshed = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      scope: 'Mail.ReadWrite offline_access',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toEqual(expect.any(String));
    expect((await call(sim, '/me/mailFolders/inbox', { token: refreshed.body.access_token })).status).toBe(200);
    const ews = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      scope: 'https://outlook.office365.com/EWS.AccessAsUser.All offline_access',
    });
    expect(ews.status).toBe(200);
    const refused = await call(sim, '/me/mailFolders/inbox', { token: ews.body.access_token });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' });
    const mixed = await form(tokenUrl(), {
      client_id: DEMO_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      scope: 'Mail.ReadWrite https://outlook.office365.com/EWS.AccessAsUser.All',
    });
    expect(mixed.body.error_codes).toEqual([28000]);
    const bogus = await form(tokenUrl(), { client_id: DEMO_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'nope', scope: 'Mail.ReadWrite' });
    expect(bogus.body.error).toBe('invalid_grant');
  });
});

describe('client credentials with a certificate', () => {
  it('issues an app token with roles for a registered certificate (PS256 x5t#S256 and RS256 x5t); it opens any mailbox', async () => {
    for (const alg of ['PS256', 'RS256'] as const) {
      const answer = await form(tokenUrl(), {
        client_id: DAEMON_ID,
        grant_type: 'client_credentials',
        scope: 'https://graph.microsoft.com/.default',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion(daemonCert, tokenUrl(), { alg }),
      });
      expect(answer.status, alg).toBe(200);
      const claims = JSON.parse(Buffer.from(answer.body.access_token.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ roles: ['Mail.ReadWrite'], idtyp: 'app', azp: DAEMON_ID });
      expect(claims.scp).toBeUndefined();
      expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token: answer.body.access_token })).status).toBe(200);
      const me = await call(sim, `/me/mailFolders/inbox`, { token: answer.body.access_token });
      expect(me.status).toBe(400);
    }
  });

  it('refuses an unregistered certificate, a wrong audience, an expired assertion, another issuer and a scope without /.default', async () => {
    const base = {
      client_id: DAEMON_ID,
      grant_type: 'client_credentials',
      scope: 'https://graph.microsoft.com/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    };
    const cases: Array<[string, string, number]> = [
      ['stranger', assertion(strangerCert, tokenUrl()), 700027],
      ['audience', assertion(daemonCert, `${sim.url}/elsewhere/oauth2/v2.0/token`), 700212],
      ['expired', assertion(daemonCert, tokenUrl(), { exp: Math.floor(Date.now() / 1000) - 3600 }), 700024],
      ['issuer', assertion(daemonCert, tokenUrl(), { iss: DEMO_CLIENT_ID }), 700021],
    ];
    for (const [name, client_assertion, code] of cases) {
      const answer = await form(tokenUrl(), { ...base, client_assertion });
      expect(answer.status, name).toBe(401);
      expect(answer.body, name).toMatchObject({ error: 'invalid_client', error_codes: [code] });
    }
    // One character inside the signature changed (the last one may carry only padding bits, and
    // changing those leaves the signature as it was).
    const [head, payload, signature = ''] = assertion(daemonCert, tokenUrl()).split('.');
    const tampered = [head, payload, `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`].join('.');
    expect((await form(tokenUrl(), { ...base, client_assertion: tampered })).body.error_codes).toEqual([700027]);
    const scope = await form(tokenUrl(), { ...base, scope: 'https://graph.microsoft.com/Mail.ReadWrite', client_assertion: assertion(daemonCert, tokenUrl()) });
    expect(scope.body.error_codes).toEqual([1002012]);
    const noAssertion = await form(tokenUrl(), { client_id: DAEMON_ID, grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });
    expect(noAssertion.status).toBe(401);
  });
});

describe('Graph refuses tokens it must not take', () => {
  const challenge = (answer: { headers: Headers }): string => answer.headers.get('www-authenticate') ?? '';

  it('without a token, expired, signed by another key, or from another issuer: 401 with a Bearer challenge', async () => {
    const none = await call(sim, '/me/mailFolders/inbox');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(challenge(none)).toMatch(/^Bearer realm="", authorization_uri="[^"]+\/oauth2\/v2\.0\/authorize", client_id="00000003-0000-0000-c000-000000000000"$/);

    const expired = await call(sim, '/me/mailFolders/inbox', {
      token: sim.mintAccessToken({ user: ADMIN, now: Math.floor(Date.now() / 1000) - 7200, lifetimeSeconds: 3600 }),
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe('Lifetime validation failed, the token is expired.');
    expect(challenge(expired)).toContain('Bearer');

    const genuine = sim.mintAccessToken({ user: ADMIN });
    const [h, p] = genuine.split('.') as [string, string];
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = `${h}.${p}.${createSign('SHA256').update(`${h}.${p}`).sign(privateKey).toString('base64url')}`;
    expect((await call(sim, '/me/mailFolders/inbox', { token: forged })).body.error.message).toContain('Invalid signature');

    const foreign = await call(sim, '/me/mailFolders/inbox', { token: sim.mintAccessToken({ user: ADMIN, audience: 'api://some-other-app' }) });
    expect(foreign.status).toBe(401);
    expect(foreign.body.error.message).toContain('Invalid audience');

    const otherIssuer = await call(sim, '/me/mailFolders/inbox', {
      token: sim.mintAccessToken({ user: ADMIN, issuer: `${sim.url}/00000000-0000-0000-0000-000000000001/v2.0` }),
    });
    expect(otherIssuer.status).toBe(401);
    expect(otherIssuer.body.error.message).toContain('Invalid issuer');

    expect((await call(sim, '/me/mailFolders/inbox', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('without the permission: 403 ErrorAccessDenied (delegated scp, app roles), reads allowed with Mail.Read only', async () => {
    const userRead = sim.mintAccessToken({ user: ADMIN, permissions: ['User.Read'] });
    const denied = await call(sim, '/me/mailFolders/inbox', { token: userRead });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
    const noRoles = sim.mintAccessToken({ permissions: [] });
    expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token: noRoles })).status).toBe(403);
    const readOnly = sim.mintAccessToken({ user: ADMIN, permissions: ['Mail.Read'] });
    expect((await call(sim, '/me/mailFolders/inbox', { token: readOnly })).status).toBe(200);
    const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    sim.ews.store.seedItems(inbox?.id ?? '', 1, { subject: 'read only' });
    const list = await call(sim, '/me/mailFolders/inbox/messages', { token: readOnly });
    const del = await call(sim, `/me/messages/${list.body.value[0].id}`, { method: 'DELETE', token: readOnly });
    expect(del.status).toBe(403);
  });
});
