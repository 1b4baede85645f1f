// MSAL's real delegated flow against a local authority: auth code + PKCE through the loopback,
// the browser step driven by an HTTP client submitting the form_post page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelegatedSignIn } from '../../../electron/graph/auth/delegated';
import { MsalNetwork } from '../../../electron/graph/auth/network';
import { ewsDelegatedScopes, graphDelegatedScopes } from '../../../electron/graph/auth/scopes';
import { EncryptedCachePlugin, MemorySealedStore } from '../../../electron/graph/auth/tokenCache';
import { HttpsTransport } from '../../../electron/graph/transport';
import { testCipher } from './cipherDouble';
import { CLIENT_ID, FakeAuthority, formPostBrowser, TENANT, USER } from './fakeAuthority';

let authority: FakeAuthority;
let transport: HttpsTransport;

beforeAll(async () => {
  authority = await FakeAuthority.start();
  transport = new HttpsTransport({ ca: authority.cert });
});

afterAll(async () => {
  transport.close();
  await authority.close();
});

function signInWith(store: MemorySealedStore, cipher = testCipher(), opened: string[] = []): DelegatedSignIn {
  return new DelegatedSignIn({
    clientId: CLIENT_ID,
    authority: { url: authority.authorityUrl, metadata: authority.metadata },
    cache: new EncryptedCachePlugin(cipher, store),
    openUrl: formPostBrowser(authority.cert, opened),
    network: new MsalNetwork(transport),
  });
}

describe('delegated sign-in (MSAL PublicClientApplication)', () => {
  it('signs in through the browser with PKCE and a loopback redirect, then refreshes silently', async () => {
    const store = new MemorySealedStore();
    const cipher = testCipher();
    const opened: string[] = [];
    const signIn = signInWith(store, cipher, opened);
    const scopes = graphDelegatedScopes('https://graph.microsoft.com');
    const first = await signIn.signIn(scopes, USER.username);
    expect(first.account).toEqual({ username: USER.username, homeAccountId: `${USER.oid}.${TENANT}`, tenantId: TENANT });
    expect(first.accessToken).toBe(authority.issuedAccessTokens.at(-1));

    const query = authority.log.authorizeQueries.at(-1);
    expect(opened).toHaveLength(1);
    expect(query?.get('code_challenge_method')).toBe('S256');
    expect(query?.get('response_mode')).toBe('form_post');
    expect(query?.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    expect(query?.get('login_hint')).toBe(USER.username);
    expect(query?.get('scope')?.split(' ')).toEqual(expect.arrayContaining([...scopes, 'offline_access']));
    const codeGrant = authority.log.tokenRequests.at(-1);
    expect(codeGrant?.get('grant_type')).toBe('authorization_code');
    expect(codeGrant?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    // A valid access token comes from the cache without a call.
    const before = authority.log.tokenRequests.length;
    const cached = await signIn.silent(scopes);
    expect(cached).toMatchObject({ ok: true, token: { accessToken: first.accessToken } });
    expect(authority.log.tokenRequests.length).toBe(before);

    // An access token inside MSAL's renewal margin is refreshed with the refresh token.
    authority.accessTokenSeconds = 60;
    await signIn.signIn(scopes);
    const refreshed = await signIn.silent(scopes, USER.username);
    expect(refreshed.ok).toBe(true);
    expect(authority.log.tokenRequests.at(-1)?.get('grant_type')).toBe('refresh_token');
    expect(refreshed.ok && refreshed.token.accessToken).toBe(authority.issuedAccessTokens.at(-1));
    authority.accessTokenSeconds = 3600;

    // The token source the Graph client uses gives the same silent token.
    expect(await signIn.tokenSource(scopes)()).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cipher.calls.encrypt).toBeGreaterThan(0);
  });

  it('keeps the cache only sealed, and a new app instance with the same key signs in silently', async () => {
    const store = new MemorySealedStore();
    const key = Buffer.alloc(32, 7);
    const first = signInWith(store, testCipher(key));
    const token = await first.signIn(graphDelegatedScopes());
    const sealed = await store.read();
    expect(sealed && sealed.length).toBeGreaterThan(0);
    const text = sealed?.toString('latin1') ?? '';
    for (const secret of [token.accessToken, 'RefreshToken', 'AccessToken', 'secret', USER.username]) expect(text).not.toContain(secret);

    const restarted = signInWith(store, testCipher(key));
    expect((await restarted.accounts()).map((a) => a.username)).toEqual([USER.username]);
    expect(await restarted.silent(graphDelegatedScopes())).toMatchObject({ ok: true, token: { accessToken: token.accessToken } });
  });

  it('starts signed out when the cache cannot be opened (another key), and clears the unreadable bytes', async () => {
    const store = new MemorySealedStore();
    await signInWith(store, testCipher(Buffer.alloc(32, 1))).signIn(graphDelegatedScopes());
    const other = signInWith(store, testCipher(Buffer.alloc(32, 2)));
    expect(await other.silent(graphDelegatedScopes())).toMatchObject({ ok: false, reason: 'no-account' });
    expect(await store.read()).toBeUndefined();
  });

  it('asks for interaction when the refresh token was revoked, and never opens a browser for it', async () => {
    const store = new MemorySealedStore();
    const opened: string[] = [];
    authority.accessTokenSeconds = 60;
    const signIn = signInWith(store, testCipher(), opened);
    await signIn.signIn(graphDelegatedScopes());
    authority.revokeRefreshTokens();
    authority.accessTokenSeconds = 3600;
    expect(await signIn.silent(graphDelegatedScopes())).toMatchObject({ ok: false, reason: 'interaction-required' });
    await expect(signIn.tokenSource(graphDelegatedScopes())()).rejects.toThrow(/Sign-in needed \(interaction-required\)/);
    expect(opened).toHaveLength(1);
  });

  it('is not signed in for a mailbox that never signed in', async () => {
    const signIn = signInWith(new MemorySealedStore());
    expect(await signIn.silent(ewsDelegatedScopes())).toMatchObject({ ok: false, reason: 'no-account' });
    await signIn.signIn(ewsDelegatedScopes());
    expect(await signIn.silent(ewsDelegatedScopes(), 'someone.else@contoso.com')).toMatchObject({ ok: false, reason: 'no-account' });
    expect(authority.log.authorizeQueries.at(-1)?.get('scope')).toContain('https://outlook.office365.com/EWS.AccessAsUser.All');
  });

  it('signs out: no account left and nothing persisted', async () => {
    const store = new MemorySealedStore();
    const signIn = signInWith(store);
    await signIn.signIn(graphDelegatedScopes());
    expect(await signIn.accounts()).toHaveLength(1);
    await signIn.signOut();
    expect(await signIn.accounts()).toHaveLength(0);
    expect(await store.read()).toBeUndefined();
    expect(await signIn.silent(graphDelegatedScopes())).toMatchObject({ ok: false, reason: 'no-account' });
  });
});
