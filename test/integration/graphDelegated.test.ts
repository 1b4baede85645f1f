// MSAL's real delegated flow (auth code + PKCE, form_post to MSAL's loopback) against the Graph
// simulator's authority, given as a known authority with its metadata: once with the browser step
// driven by an HTTP client, once by Chromium through Playwright signing in on the sign-in page.
// The tokens then open Graph through the Graph client; the cache stays sealed; sign-out empties it.
import { chromium, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdMetadataShape } from '../../electron/graph/auth/authority';
import { DelegatedSignIn } from '../../electron/graph/auth/delegated';
import { MsalNetwork } from '../../electron/graph/auth/network';
import { ewsDelegatedScopes, graphDelegatedScopes } from '../../electron/graph/auth/scopes';
import { EncryptedCachePlugin, MemorySealedStore } from '../../electron/graph/auth/tokenCache';
import { getFolder } from '../../electron/graph/operations/getFolder';
import { HttpsTransport } from '../../electron/graph/transport';
import { DEMO_PASSWORD } from '../../electron/sim';
import { DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { chromiumArgs, requireChromium } from '../../e2e/support/chromium';
import { testCipher } from '../graph/auth/cipherDouble';
import { ADMIN, httpBrowser, simClient } from './graphSupport';

let sim: RunningGraphSimulator;
let transport: HttpsTransport;

beforeAll(async () => {
  sim = await startGraphSimulator({
    tls: true,
    autoApprove: ADMIN,
    simulatorOptions: { seed: 'demo', bulkItems: 10, demoScale: 0.05, throttling: false },
    throttling: false,
  });
  transport = new HttpsTransport({ ca: sim.certificatePem ?? '' });
});

afterAll(async () => {
  transport.close();
  await sim.close();
});

function delegated(store: MemorySealedStore, openUrl: (url: string) => Promise<void>, key: Buffer = randomBytes(32)): DelegatedSignIn {
  return new DelegatedSignIn({
    clientId: DEMO_CLIENT_ID,
    authority: { url: sim.authority, metadata: openIdMetadataShape.parse(sim.openIdConfiguration()) },
    cache: new EncryptedCachePlugin(testCipher(key), store),
    openUrl,
    network: new MsalNetwork(transport),
  });
}

describe('delegated sign-in against the Graph simulator', () => {
  it('signs in with the browser step as an HTTP client, opens Graph, refreshes silently, signs out', async () => {
    const store = new MemorySealedStore();
    const opened: string[] = [];
    const signIn = delegated(store, httpBrowser(sim.certificatePem ?? '', opened));
    const scopes = graphDelegatedScopes();
    const first = await signIn.signIn(scopes, ADMIN);
    expect(first.account.username).toBe(ADMIN);
    const authorize = new URL(opened[0] ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('response_mode')).toBe('form_post');

    const graph = simClient(sim, signIn.tokenSource(scopes));
    try {
      expect(await getFolder(graph.client, undefined, 'inbox', false)).toMatchObject({ ok: true, folder: { displayName: 'Inbox' } });
      expect(await getFolder(graph.client, 'alice@contoso.com', 'inbox', false)).toMatchObject({ ok: true, folder: { displayName: 'Inbox' } });
    } finally {
      graph.close();
    }
    // Served from the cache: no second trip through the browser.
    expect(await signIn.silent(scopes)).toMatchObject({ ok: true, token: { accessToken: first.accessToken } });
    const refreshed = await signIn.silent(scopes, ADMIN, true);
    expect(refreshed.ok && refreshed.token.accessToken).not.toBe(first.accessToken);
    expect(opened).toHaveLength(1);

    const sealed = (await store.read())?.toString('latin1') ?? '';
    expect(sealed.length).toBeGreaterThan(0);
    for (const secret of [first.accessToken, refreshed.ok ? refreshed.token.accessToken : 'x', 'RefreshToken', ADMIN]) expect(sealed).not.toContain(secret);

    await signIn.signOut();
    expect(await store.read()).toBeUndefined();
    expect(await signIn.silent(scopes)).toMatchObject({ ok: false, reason: 'no-account' });
  });

  it('gets an EWS token for Exchange Online that Graph refuses', async () => {
    const signIn = delegated(new MemorySealedStore(), httpBrowser(sim.certificatePem ?? ''));
    const ews = await signIn.signIn(ewsDelegatedScopes(), ADMIN);
    const graph = simClient(sim, () => Promise.resolve(ews.accessToken));
    try {
      expect(await getFolder(graph.client, undefined, 'inbox', false)).toMatchObject({ ok: false, failure: { kind: 'graph-error', status: 401 } });
    } finally {
      graph.close();
    }
  });

  describe('with Chromium as the system browser (Playwright)', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: requireChromium(), args: chromiumArgs });
    });

    afterAll(() => browser.close());

    it("signs in on the authority's page; the page posts the code to MSAL's loopback", async () => {
      sim.setAutoApprove(undefined);
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      try {
        const signIn = delegated(new MemorySealedStore(), async (url) => {
          const page = await context.newPage();
          await page.goto(url);
          await page.fill('#login', ADMIN);
          await page.fill('#passwd', DEMO_PASSWORD);
          await page.click('#signin');
        });
        const token = await signIn.signIn(graphDelegatedScopes());
        expect(token.account.username).toBe(ADMIN);
        const pages = context.pages();
        await expect.poll(() => pages.at(-1)?.textContent('body'), { timeout: 5000 }).toContain('Signed in to Mailbox Sweeper');
        const graph = simClient(sim, signIn.tokenSource(graphDelegatedScopes()));
        try {
          expect(await getFolder(graph.client, undefined, 'deleteditems', false)).toMatchObject({ ok: true, folder: { displayName: 'Deleted Items' } });
        } finally {
          graph.close();
        }
      } finally {
        await context.close();
        sim.setAutoApprove(ADMIN);
      }
    });
  });
});
