// Cancel sign-in through the service (connectionHandlers.cancelSignIn → the port's GraphConnector)
// against the Graph simulator's authority with the real MSAL flow: a connect waiting for the admin
// in the browser ends as 'cancelled' at once (not queued behind the connect it cancels), MSAL's
// loopback port is closed, nothing is saved, and the next connect signs in; a cancel after the
// connect finished changes nothing; Test connection's browser step and an EWS connect signing in
// through Microsoft 365 cancel the same way.
import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { scriptedBrowser, tempDir } from '../graphSignIn/support';
import { ALICE } from '../simGraph/helpers';
import { createRig, reversibleSecretStore, type ServiceRig } from './helpers';

let sim: RunningGraphSimulator;
let rig: ServiceRig;
let dataDir: string;

/**
 * The "system browser": idle (the admin never finishes, e.g. closed the tab) until `finishing` is
 * set, then it answers the authority's page as a browser would. `shown` resolves with the next URL opened.
 */
const browser = {
  finishing: false,
  opened: [] as string[],
  next: undefined as ((url: string) => void) | undefined,
  shown(): Promise<string> {
    return new Promise((resolve) => (this.next = resolve));
  },
};

beforeAll(async () => {
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'demo', demoScale: 0.05, bulkItems: 0, throttling: false },
    throttling: false,
    autoApprove: ALICE,
    apps: [DEMO_APP],
  });
  dataDir = await tempDir();
  const answering = scriptedBrowser(sim);
  const openUrl = async (url: string): Promise<void> => {
    browser.opened.push(url);
    browser.next?.(url);
    browser.next = undefined;
    if (browser.finishing) await answering(url);
  };
  const graph = createGraphConnector({
    dataDir,
    secrets: reversibleSecretStore(),
    openUrl,
    ca: sim.certificatePem ?? '',
    timeoutMs: 10_000,
    // Far longer than the test: only Cancel can end the waiting sign-in in time.
    interactiveTimeoutMs: 120_000,
  });
  rig = await createRig({ dataDir, graph });
});

afterAll(async () => {
  await rig.close();
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

const settings = (): GraphConnectionSettings => ({
  tenantId: sim.tenantId,
  clientId: DEMO_CLIENT_ID,
  authorityUrl: sim.authority,
  graphUrl: sim.graphUrl,
  signIn: 'delegated',
  mailbox: ALICE,
});

/** Whether something accepts connections on MSAL's loopback listener named by the authorize URL. */
function listening(authorizeUrl: string): Promise<boolean> {
  const port = Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '').port);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('Cancel sign-in', () => {
  it('answers cancelled: false when no sign-in is under way', async () => {
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: false });
  });

  it('ends a connect waiting in the browser as cancelled, closes the loopback port, saves nothing; the next connect signs in', async () => {
    browser.finishing = false;
    const shown = browser.shown();
    const started = Date.now();
    const pending = rig.service.connect({ backend: 'graph', graph: settings(), saveAs: 'Contoso (Graph)' });
    const url = await shown;
    expect(await listening(url)).toBe(true);

    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    expect(await pending).toEqual({ ok: false, error: { kind: 'cancelled', message: 'The sign-in in the browser was cancelled.' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The port is free at once: a connection to it is refused.
    expect(await listening(url)).toBe(false);
    expect((await rig.service.listProfiles()).profiles).toEqual([]);
    await expect(rig.service.listFolders({ part: 'primary' })).rejects.toThrow();

    // A new Connect right after: the browser opens again and this time the admin finishes.
    browser.finishing = true;
    const again = await rig.service.connect({ backend: 'graph', graph: settings() });
    expect(again).toMatchObject({ ok: true, session: { backend: 'graph', mailbox: ALICE } });
    expect(browser.opened).toHaveLength(2);
    expect(await rig.service.listFolders({ part: 'primary' })).not.toEqual([]);
  });

  it('a cancel after the connect finished changes nothing: the session stays open', async () => {
    // Signed in by the previous test: this connect is silent, from the kept sign-in.
    const connected = await rig.service.connect({ backend: 'graph', graph: settings() });
    expect(connected).toMatchObject({ ok: true });
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: false });
    expect(await rig.service.listFolders({ part: 'primary' })).not.toEqual([]);
  });

  it('cancels the browser step of Test connection the same way', async () => {
    expect(await rig.service.signOut()).toEqual({ ok: true });
    browser.finishing = false;
    const shown = browser.shown();
    const pending = rig.service.testConnection({ backend: 'graph', graph: settings() });
    const url = await shown;
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    const tested = await pending;
    expect(tested.ok).toBe(false);
    expect(tested.steps.find((step) => step.name === 'Sign-in')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('cancelled') });
    expect(await listening(url)).toBe(false);
  });

  it('cancels an EWS connect signing in through Microsoft 365 the same way (its sign-in is the Graph connector’s)', async () => {
    // Signed out by the previous test: the EWS token needs the browser.
    browser.finishing = false;
    const shown = browser.shown();
    const pending = rig.service.connect({
      url: sim.ews.url,
      authKind: 'microsoft365',
      microsoft365: { tenantId: sim.tenantId, clientId: DEMO_CLIENT_ID, authorityUrl: sim.authority },
    });
    const url = await shown;
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(await listening(url)).toBe(false);
  });
});
