// "Allow directory access…" on a delegated Graph connection, through the service's IPC handlers
// and the registered connector, against the Graph simulator with the real MSAL flows. The
// connection's sign-in asks only for mail; names and groups need User.ReadBasic.All and
// GroupMember.Read.All, asked in a second browser step on the same account and cache. The
// authority grants them to a tenant admin (the Help Desk account here), refuses GroupMember.Read.All
// to other users (AADSTS65004), and a declined consent page answers the same; Cancel sign-in ends
// the browser step; the directory then answers with a token carrying those scopes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { scriptedBrowser, tempDir } from '../graphSignIn/support';
import { createRig, reversibleSecretStore, type ServiceRig } from './helpers';

const HELPDESK = 'helpdesk@contoso.com';
const ALICE = 'alice@contoso.com';
const GRAPH = 'https://graph.microsoft.com';

let sim: RunningGraphSimulator;
let rig: ServiceRig | undefined;

beforeAll(async () => {
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    throttling: false,
    tenantAdmins: [HELPDESK],
    apps: [DEMO_APP],
  });
});
afterAll(() => sim.close());
afterEach(async () => {
  sim.setAutoConsent('accept');
  await rig?.close();
  rig = undefined;
});

/** A rig whose "system browser" answers as scripted, or (hang) opens the page and leaves it. */
async function graphRig(user: string): Promise<{ r: ServiceRig; opened: string[]; hang: { on: boolean } }> {
  sim.setAutoApprove(user);
  const scripted = scriptedBrowser(sim);
  const hang = { on: false };
  const opened: string[] = [];
  const graph = createGraphConnector({
    dataDir: await tempDir(),
    secrets: reversibleSecretStore(),
    openUrl: async (url) => {
      opened.push(url);
      if (!hang.on) await scripted(url);
    },
    ca: sim.certificatePem ?? '',
    timeoutMs: 10_000,
    interactiveTimeoutMs: 10_000,
  });
  const r = await createRig({ graph });
  const close = r.close;
  r.close = async () => {
    await close();
    graph.close();
  };
  rig = r;
  const settings: GraphConnectionSettings = {
    tenantId: sim.tenantId,
    clientId: DEMO_CLIENT_ID,
    authorityUrl: sim.authority,
    graphUrl: sim.graphUrl,
    signIn: 'delegated',
    mailbox: user,
  };
  expect(await r.service.connect({ backend: 'graph', graph: settings })).toMatchObject({ ok: true });
  return { r, opened, hang };
}

const scopesAsked = (url: string | undefined): string[] => new URL(url ?? 'http://x/').searchParams.get('scope')?.split(' ') ?? [];

describe('Allow directory access… (delegated Graph)', () => {
  it('a group is refused until the admin allows directory access; a declined consent says so; then the group expands', async () => {
    const { r, opened } = await graphRig(HELPDESK);
    expect(await r.service.multiDirectoryAccess(undefined)).toMatchObject({ state: 'consentNeeded', scopes: ['User.ReadBasic.All', 'GroupMember.Read.All'] });
    const before = await r.service.multiChooseMailboxes({ groups: ['all-staff@contoso.com'] });
    expect(before.mailboxes).toEqual([]);
    expect(before.problems[0]?.reason).toMatch(/Allow directory access/);
    await expect(r.service.multiSuggestNames({ query: 'Ali' })).rejects.toThrow(/Allow directory access/);
    // Nothing opened the browser but the connect.
    expect(opened).toHaveLength(1);

    sim.setAutoConsent('decline');
    const declined = await r.service.multiAllowDirectory(undefined);
    expect(declined).toMatchObject({
      ok: false,
      cancelled: false,
      message: expect.stringMatching(/declined.*AADSTS65004.*administrator/s) as unknown as string,
    });
    expect(await r.service.multiDirectoryAccess(undefined)).toMatchObject({ state: 'consentNeeded' });

    sim.setAutoConsent('accept');
    expect(await r.service.multiAllowDirectory(undefined)).toEqual({ ok: true });
    // The browser step asked the directory scopes only, for the connection's account.
    expect(scopesAsked(opened[2])).toEqual(expect.arrayContaining(['User.ReadBasic.All', 'GroupMember.Read.All']));
    expect(scopesAsked(opened[2])).not.toContain('Mail.ReadWrite');
    expect(new URL(opened[2] ?? 'http://x/').searchParams.get('login_hint')).toBe(HELPDESK);
    expect(sim.userConsents(DEMO_CLIENT_ID, HELPDESK).sort()).toEqual([`${GRAPH}/GroupMember.Read.All`, `${GRAPH}/User.ReadBasic.All`]);

    expect(await r.service.multiDirectoryAccess(undefined)).toMatchObject({ state: 'allowed' });
    const after = await r.service.multiChooseMailboxes({ groups: ['all-staff@contoso.com'] });
    expect(after.mailboxes.sort()).toEqual(['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com']);
    expect(after.problems).toEqual([]);
    expect((await r.service.multiSuggestNames({ query: 'Ali' })).map((s) => s.smtp)).toEqual([ALICE]);
    expect(opened).toHaveLength(3);
  });

  it('GroupMember.Read.All is an admin-only consent: another user is told who can grant it', async () => {
    const { r } = await graphRig(ALICE);
    const refused = await r.service.multiAllowDirectory(undefined);
    expect(refused).toMatchObject({ ok: false, cancelled: false });
    expect(!refused.ok && refused.message).toMatch(/AADSTS65004.*GroupMember\.Read\.All needs an administrator/s);
    expect(await r.service.multiDirectoryAccess(undefined)).toMatchObject({ state: 'consentNeeded' });
  });

  it('Cancel sign-in ends the browser step of Allow directory access', async () => {
    // Someone who has not consented yet (the Help Desk did above), so the browser opens.
    const { r, opened, hang } = await graphRig('bob@contoso.com');
    hang.on = true;
    const allowing = r.service.multiAllowDirectory(undefined);
    const deadline = Date.now() + 10_000;
    while (opened.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await r.service.cancelSignIn(undefined)).toEqual({ cancelled: true });
    expect(await allowing).toMatchObject({ ok: false, cancelled: true });
  });
});
