// The app's Graph sign-in (electron/graphSignIn) against the Graph simulator and its authority over
// HTTPS, with the real MSAL flows: delegated sign-in through the "browser" once, then silently from
// the sealed cache (also after a restart), Sign out, Test connection's steps, the mailbox opened
// as the port's MailboxBackend, app-only with a certificate, and the errors an admin gets for a
// wrong tenant, missing consent, a 403 on the mailbox and a certificate that is not the app's.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { generateCertificate } from '../../electron/sim/tls';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { SIGN_IN_CACHE_DIR } from '../../electron/graphSignIn/cacheStore';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { reversibleSecretStore } from '../service/helpers';
import { ADMIN, ALICE } from '../simGraph/helpers';
import { filesUnder, scriptedBrowser, tempDir } from './support';

const DAEMON_ID = '1c9e5a44-7d0b-4f3e-9a1c-2b3d4e5f6a7b';
const NO_ROLES_ID = '2d8f6b55-8e1c-4a4f-8b2d-3c4e5f6a7b8c';
const NO_CONSENT_ID = '3e7a7c66-9f2d-4b5a-9c3e-4d5e6f7a8b9c';

let sim: RunningGraphSimulator;
let dataDir: string;
let daemon: { cert: string; key: string };
let stranger: { cert: string; key: string };
let files: { cert: string; key: string; strangerCert: string; strangerKey: string };

beforeAll(async () => {
  [daemon, stranger] = await Promise.all([generateCertificate([]), generateCertificate([])]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'demo', demoScale: 0.05, bulkItems: 0, throttling: false },
    throttling: false,
    autoApprove: ALICE,
    apps: [
      DEMO_APP,
      { clientId: DAEMON_ID, applicationPermissions: ['Mail.ReadWrite'], certificates: [daemon.cert] },
      { clientId: NO_ROLES_ID, applicationPermissions: [], certificates: [daemon.cert] },
      { clientId: NO_CONSENT_ID, redirectUris: ['http://localhost'], delegatedPermissions: ['User.Read'] },
    ],
  });
  dataDir = await tempDir();
  files = { cert: join(dataDir, 'app.pem'), key: join(dataDir, 'app.key'), strangerCert: join(dataDir, 'other.pem'), strangerKey: join(dataDir, 'other.key') };
  await Promise.all([
    writeFile(files.cert, daemon.cert),
    writeFile(files.key, daemon.key),
    writeFile(files.strangerCert, stranger.cert),
    writeFile(files.strangerKey, stranger.key),
  ]);
});

afterAll(async () => {
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

const delegated = (mailbox = ALICE): GraphConnectionSettings => ({
  tenantId: sim.tenantId,
  clientId: DEMO_CLIENT_ID,
  authorityUrl: sim.authority,
  graphUrl: sim.graphUrl,
  signIn: 'delegated',
  mailbox,
});

const appOnly = (clientId: string, certificate: GraphConnectionSettings['certificate'], mailbox = ALICE): GraphConnectionSettings => ({
  tenantId: sim.tenantId,
  clientId,
  authorityUrl: sim.authority,
  graphUrl: sim.graphUrl,
  signIn: 'appOnly',
  certificate,
  mailbox,
});

function connector(secrets = reversibleSecretStore(), dir = dataDir) {
  const browser = scriptedBrowser(sim);
  const made = createGraphConnector({ dataDir: dir, secrets, openUrl: browser, ca: sim.certificatePem ?? '', timeoutMs: 10_000, interactiveTimeoutMs: 10_000 });
  return { connector: made, browser, secrets };
}

describe('delegated sign-in', () => {
  it('signs in through the browser once, then silently, also after a restart; Sign out forgets it', async () => {
    const first = connector();
    const opened = await first.connector.open(delegated());
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(first.browser.opened).toHaveLength(1);
    const asked = new URL(first.browser.opened[0] ?? '');
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('scope')).toContain('Mail.ReadWrite');
    expect(opened.session.kind).toBe('graph');
    expect(opened.session.info).toMatchObject({ backend: 'graph', mailbox: ALICE, hasArchive: false, demo: false });
    const folders = await opened.session.listFolders('primary');
    expect(folders.some((f) => f.distinguishedId === 'inbox')).toBe(true);
    opened.session.close();

    // The cache on disk is sealed: the SecretStore saw it, and the file holds its sealed form only.
    const sealedFiles = (await filesUnder(join(dataDir, SIGN_IN_CACHE_DIR))).filter((f) => f.path.endsWith('.msal-cache'));
    expect(sealedFiles).toHaveLength(1);
    const plain = first.secrets.decrypt(sealedFiles[0]?.bytes.toString('utf8') ?? '');
    const cache = JSON.parse(plain) as { AccessToken: Record<string, { secret: string }>; RefreshToken: Record<string, { secret: string }> };
    const tokens = [...Object.values(cache.AccessToken), ...Object.values(cache.RefreshToken)].map((t) => t.secret);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(sealedFiles[0]?.bytes.includes(token)).toBe(false);

    expect((await first.connector.open(delegated())).ok).toBe(true);
    expect(first.browser.opened).toHaveLength(1);
    first.connector.close();

    // A new run (new connector, same data folder): silent from the sealed cache, no browser.
    const later = connector(first.secrets);
    const again = await later.connector.open(delegated());
    expect(again.ok).toBe(true);
    expect(later.browser.opened).toHaveLength(0);
    if (again.ok) again.session.close();

    await later.connector.signOut();
    expect((await filesUnder(join(dataDir, SIGN_IN_CACHE_DIR))).filter((f) => f.path.endsWith('.msal-cache'))).toHaveLength(0);
    const afterSignOut = await later.connector.open(delegated());
    expect(afterSignOut.ok).toBe(true);
    expect(later.browser.opened).toHaveLength(1);
    if (afterSignOut.ok) afterSignOut.session.close();
    await later.connector.signOut();
    later.connector.close();
  });

  it('keeps nothing on disk when the OS offers no key store', async () => {
    const dir = await tempDir();
    const made = connector(reversibleSecretStore(false), dir);
    const opened = await made.connector.open(delegated());
    expect(opened.ok).toBe(true);
    if (opened.ok) opened.session.close();
    expect(await filesUnder(dir)).toEqual([]);
    made.connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs Test connection step by step', async () => {
    const made = connector();
    const result = await made.connector.testConnection(delegated());
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['Sign-in authority', 'ok'],
      ['Sign-in', 'ok'],
      ['Mailbox folders', 'ok'],
      ['Recoverable Items', 'ok'],
    ]);
    expect(result.ok).toBe(true);
    expect(result.steps[1]?.detail).toContain(ALICE);
    await made.connector.signOut();
    made.connector.close();
  });

  it('says which right is missing when the signed-in user may not open the mailbox (403)', async () => {
    const made = connector();
    const opened = await made.connector.open(delegated(ADMIN));
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.kind).toBe('permission');
      expect(opened.error.message).toContain('FullAccess');
      expect(opened.error.message).toContain('Mail.ReadWrite.Shared');
    }
    const test = await made.connector.testConnection(delegated(ADMIN));
    expect(test.steps.map((s) => s.outcome)).toEqual(['ok', 'ok', 'failed', 'skipped']);
    await made.connector.signOut();
    made.connector.close();
  });

  it('says consent is missing when the app registration lacks the Mail permissions', async () => {
    const made = connector();
    // The user declines the consent page the authority shows for the ungranted permissions (AADSTS65004).
    sim.setAutoConsent('decline');
    const opened = await made.connector.open({ ...delegated(), clientId: NO_CONSENT_ID }).finally(() => sim.setAutoConsent('accept'));
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.kind).toBe('consent');
      expect(opened.error.message).toMatch(/Mail\.ReadWrite.*Grant admin consent/);
    }
    made.connector.close();
  });

  it('says the tenant is wrong, before any sign-in', async () => {
    const made = connector();
    const settings = { ...delegated(), tenantId: 'fabrikam.example', authorityUrl: `${sim.url}/fabrikam.example` };
    const opened = await made.connector.open(settings);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.message).toMatch(/tenant "fabrikam\.example" is not known/);
    const test = await made.connector.testConnection(settings);
    expect(test.steps.map((s) => s.outcome)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    expect(made.browser.opened).toHaveLength(0);
    made.connector.close();
  });
});

describe('app-only sign-in with a certificate', () => {
  it('opens any mailbox the application permission allows', async () => {
    const made = connector();
    const opened = await made.connector.open(appOnly(DAEMON_ID, { certificatePath: files.cert, privateKeyPath: files.key }, ADMIN));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.session.info).toMatchObject({ backend: 'graph', mailbox: ADMIN, signedInWith: 'Microsoft Graph (app-only, certificate)' });
    expect(opened.session.actor).toBe(`app ${DAEMON_ID}`);
    // The job side acts on the opened mailbox, and on no other.
    expect(() => opened.session.assertMailbox({ smtp: ADMIN, part: 'primary' })).not.toThrow();
    expect(() => opened.session.assertMailbox({ smtp: ALICE, part: 'primary' })).toThrow(/open on admin@contoso\.com/);
    opened.session.close();
    // Nothing is kept for app-only sign-ins.
    expect((await filesUnder(dataDir)).filter((f) => f.path.endsWith('.msal-cache'))).toEqual([]);
    made.connector.close();
  });

  it('names the application permission and the RBAC scope when the mailbox answers 403', async () => {
    const made = connector();
    const opened = await made.connector.open(appOnly(NO_ROLES_ID, { certificatePath: files.cert, privateKeyPath: files.key }));
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.kind).toBe('permission');
      expect(opened.error.message).toContain('application permission Mail.ReadWrite');
      expect(opened.error.message).toContain('New-ManagementRoleAssignment');
      expect(opened.error.message).toContain('Application Mail.ReadWrite');
    }
    made.connector.close();
  });

  it('refuses a certificate the tenant does not know, a thumbprint that is not the file’s, and a key of another certificate', async () => {
    const made = connector();
    const unknown = await made.connector.open(appOnly(DAEMON_ID, { certificatePath: files.strangerCert, privateKeyPath: files.strangerKey }));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/Certificates & secrets/);
    const thumbprint = await made.connector.open(appOnly(DAEMON_ID, { certificatePath: files.cert, privateKeyPath: files.key, thumbprint: 'AB'.repeat(20) }));
    expect(thumbprint.ok).toBe(false);
    if (!thumbprint.ok) expect(thumbprint.error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/thumbprint/) });
    const mixed = await made.connector.open(appOnly(DAEMON_ID, { certificatePath: files.cert, privateKeyPath: files.strangerKey }));
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.error.message).toMatch(/does not belong to the certificate/);
    const missing = await made.connector.open(appOnly(DAEMON_ID, { certificatePath: join(dataDir, 'nope.pem'), privateKeyPath: files.key }));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/could not be read/);
    made.connector.close();
  });
});
