// EWS in Exchange Online signed in through Microsoft 365: the Graph profiles' delegated MSAL flow
// (browser step as an HTTP client, PKCE, sealed cache) asked for EWS.AccessAsUser.All, then the EWS
// backend against the EWS simulator that the Graph simulator's authority lends its token checks:
// FindFolder and a page of items with the JWT, the second sign-in silent, and tokens Exchange
// Online refuses (wrong audience, expired, no EWS scope) refused with a reason an admin can act on.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ewsConnector } from '../../electron/backends/ews/connect';
import type { ConnectionParams } from '../../electron/backends/port';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { DEMO_CLIENT_ID, EXCHANGE_RESOURCE, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import type { Microsoft365SignIn } from '../../shared/ipc';
import { scriptedBrowser, tempDir } from '../graphSignIn/support';
import { reversibleSecretStore } from '../service/helpers';
import { ADMIN } from '../simGraph/helpers';

let sim: RunningGraphSimulator;
let dataDir: string;

beforeAll(async () => {
  sim = await startGraphSimulator({
    tls: true,
    autoApprove: ADMIN,
    simulatorOptions: { seed: 'demo', demoScale: 0.05, bulkItems: 30, throttling: false },
    throttling: false,
  });
  dataDir = await tempDir();
});

afterAll(async () => {
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

const signInSettings = (): Microsoft365SignIn => ({ tenantId: sim.tenantId, clientId: DEMO_CLIENT_ID, authorityUrl: sim.authority });

const params = (token: ConnectionParams['token'], user?: string): ConnectionParams => ({
  url: sim.ews.url,
  authKind: 'microsoft365',
  microsoft365: signInSettings(),
  ...(token === undefined ? {} : { token }),
  ...(user === undefined ? {} : { user }),
  demo: false,
});

const fixed =
  (token: string): NonNullable<ConnectionParams['token']> =>
  () =>
    Promise.resolve(token);

describe('EWS signed in through Microsoft 365', () => {
  it('signs in in the browser once for EWS.AccessAsUser.All, opens EWS with the JWT, then signs in silently; Sign out ends it', async () => {
    const browser = scriptedBrowser(sim);
    const connector = createGraphConnector({ dataDir, secrets: reversibleSecretStore(), openUrl: browser, ca: sim.certificatePem ?? '', timeoutMs: 10_000 });
    try {
      const signedIn = await connector.ewsToken?.(signInSettings());
      expect(signedIn).toMatchObject({ ok: true, account: ADMIN });
      if (signedIn?.ok !== true) return;
      expect(browser.opened).toHaveLength(1);
      const asked = new URL(browser.opened[0] ?? '');
      expect(asked.searchParams.get('scope')).toContain(`${EXCHANGE_RESOURCE}/EWS.AccessAsUser.All`);
      expect(asked.searchParams.get('code_challenge_method')).toBe('S256');

      const opened = await ewsConnector.open(params(signedIn.token, signedIn.account));
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      try {
        expect(opened.session.info).toMatchObject({ signedInWith: 'Microsoft 365 sign-in', mailbox: ADMIN });
        const folders = await opened.session.listFolders('primary');
        const inbox = folders.find((f) => f.distinguishedId === 'inbox');
        expect(inbox).toBeDefined();
        const page = await opened.session.listItems({ folderId: inbox?.id ?? '', offset: 0, max: 5 });
        expect(page.rows.length).toBeGreaterThan(0);
      } finally {
        opened.session.close();
      }

      // The kept sign-in answers the next connect: no second trip through the browser.
      const again = await connector.ewsToken?.(signInSettings());
      expect(again?.ok).toBe(true);
      expect(browser.opened).toHaveLength(1);

      await connector.signOut();
      await expect(signedIn.token()).rejects.toThrow(/Sign out/);
      const afterSignOut = await ewsConnector.open(params(signedIn.token, signedIn.account));
      expect(afterSignOut).toMatchObject({ ok: false, error: { kind: 'auth' } });
    } finally {
      connector.close();
    }
  });

  const refused: Array<[string, () => string, RegExp]> = [
    ['a Graph token (wrong audience)', () => sim.mintAccessToken({ user: ADMIN }), /invalid_resource.*https:\/\/outlook\.office365\.com/],
    [
      'an expired token',
      () =>
        sim.mintAccessToken({
          user: ADMIN,
          permissions: ['EWS.AccessAsUser.All'],
          audience: EXCHANGE_RESOURCE,
          now: Math.floor(Date.now() / 1000) - 7200,
          lifetimeSeconds: 3600,
        }),
      /invalid_token.*The token has expired\..*sign in again/i,
    ],
    [
      'a token without EWS.AccessAsUser.All',
      () => sim.mintAccessToken({ user: ADMIN, permissions: ['Mail.ReadWrite'], audience: EXCHANGE_RESOURCE }),
      /invalid_grant.*EWS\.AccessAsUser\.All/,
    ],
  ];

  for (const [name, token, message] of refused) {
    it(`refuses ${name} with Exchange's reason and what to do`, async () => {
      const opened = await ewsConnector.open(params(fixed(token())));
      expect(opened.ok).toBe(false);
      if (opened.ok) return;
      expect(opened.error.kind).toBe('auth');
      expect(opened.error.message).toMatch(message);
    });
  }

  it('says Microsoft 365 sign-in is unavailable without a token getter (no browser sign-in here)', async () => {
    expect(await ewsConnector.open(params(undefined))).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it("Test connection: the server offers Bearer and the sign-in step passes with the tenant's token", async () => {
    const good = sim.mintAccessToken({ user: ADMIN, permissions: ['EWS.AccessAsUser.All'], audience: EXCHANGE_RESOURCE });
    const result = await ewsConnector.testConnection(params(fixed(good)));
    const schemes = result.steps.find((s) => /scheme/i.test(s.name));
    expect(schemes?.outcome).toBe('ok');
    expect(result.ok).toBe(true);
  });
});
