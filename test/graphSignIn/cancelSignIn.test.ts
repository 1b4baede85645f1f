// Cancelling the browser step of the delegated sign-in (GraphSignIn.cancelSignIn) against the Graph
// simulator's authority with the real MSAL flow: the admin never finishes in the browser, Cancel
// ends the sign-in at once as 'cancelled', and MSAL's loopback listener is closed (nothing answers
// on its port any more); a cancel before the browser step keeps the browser closed; a cancel after
// the sign-in finished is a no-op; the time allowed ends it with its own words; a later sign-in works.
import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { GraphSignIn } from '../../electron/graphSignIn/graphSignIn';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { reversibleSecretStore } from '../service/helpers';
import { ALICE } from '../simGraph/helpers';
import { scriptedBrowser, tempDir } from './support';

let sim: RunningGraphSimulator;
let dataDir: string;

beforeAll(async () => {
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'demo', demoScale: 0.05, bulkItems: 0, throttling: false },
    throttling: false,
    autoApprove: ALICE,
    apps: [DEMO_APP],
  });
  dataDir = await tempDir();
});

afterAll(async () => {
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

/** A browser the admin never finishes in: it only remembers what it was asked to open. */
function idleBrowser(): ((url: string) => Promise<void>) & { opened: string[]; shown: Promise<string> } {
  const opened: string[] = [];
  let shown: (url: string) => void = () => undefined;
  const promise = new Promise<string>((resolve) => (shown = resolve));
  const open = (url: string): Promise<void> => {
    opened.push(url);
    shown(url);
    return Promise.resolve();
  };
  return Object.assign(open, { opened, shown: promise });
}

/** Whether something accepts connections on the loopback listener the authorize URL names. */
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

const made = (openUrl: (url: string) => Promise<void>, interactiveTimeoutMs = 30_000, dir = dataDir): GraphSignIn =>
  new GraphSignIn({ dataDir: dir, secrets: reversibleSecretStore(), openUrl, ca: sim.certificatePem ?? '', timeoutMs: 10_000, interactiveTimeoutMs });

describe('cancelling the browser sign-in', () => {
  it('Cancel ends the waiting sign-in with words and closes MSAL’s loopback listener; a later sign-in works', async () => {
    const browser = idleBrowser();
    const signIn = made(browser);
    expect(signIn.cancelSignIn()).toBe(false);
    const started = Date.now();
    const pending = signIn.signIn(settings());
    const url = await browser.shown;
    expect(await listening(url)).toBe(true);
    expect(signIn.cancelSignIn()).toBe(true);
    expect(await pending).toEqual({ ok: false, error: { kind: 'cancelled', message: 'The sign-in in the browser was cancelled.' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await listening(url)).toBe(false);
    expect(signIn.cancelSignIn()).toBe(false);
    signIn.close();

    // The same settings sign in when the admin does finish.
    const finishing = made(scriptedBrowser(sim));
    const ok = await finishing.signIn(settings());
    expect(ok).toMatchObject({ ok: true, account: ALICE });
    finishing.close();
  });

  it('a cancel while the authority answers keeps the browser closed; one after the sign-in finished is a no-op', async () => {
    const fresh = await tempDir();
    const browser = idleBrowser();
    const early = made(browser, 30_000, fresh);
    const pending = early.signIn(settings());
    // The sign-in is under way from the call on (its authority request is in flight).
    expect(early.cancelSignIn()).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(browser.opened).toEqual([]);
    early.close();

    const finishing = made(scriptedBrowser(sim), 30_000, fresh);
    const done = await finishing.signIn(settings());
    expect(done).toMatchObject({ ok: true, account: ALICE });
    expect(finishing.cancelSignIn()).toBe(false);
    // The token it gave still works: the cancel touched nothing.
    if (done.ok) expect(await done.token()).toMatch(/\S/);
    finishing.close();
    await rm(fresh, { recursive: true, force: true });
  });

  it('the time allowed ends it the same way, with its own words', async () => {
    // A data folder without the sign-in the first test kept.
    const fresh = await tempDir();
    const browser = idleBrowser();
    const signIn = made(browser, 600, fresh);
    const result = await signIn.signIn(settings());
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not finish within 1 s/) } });
    expect(await listening(browser.opened[0] ?? '')).toBe(false);
    signIn.close();
    await rm(fresh, { recursive: true, force: true });
  });
});
