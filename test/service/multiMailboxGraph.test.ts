// The app's many-mailbox flow (the IPC handlers of multiMailboxApp.ts) on a Microsoft Graph
// connection, against the Graph simulator with the real MSAL flows, through the registered
// connector as electron/main.ts registers it. Delegated: the Help Desk account (FullAccess to
// Alice's mailbox only) signs in once in the "browser"; the many-mailbox flow signs in again
// silently and opens Alice's with Mail.ReadWrite.Shared, while Bob's is refused with its reason.
// App-only: the app's certificate reaches every mailbox. The preview's sizes are the store's
// (PR_MESSAGE_SIZE), the soft delete lands in Deletions, checked in the store.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { generateCertificate } from '../../electron/sim/tls';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import type { MultiJobProgress, MultiJobSummary, MultiMailboxSearchSpec } from '../../shared/domain';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { scriptedBrowser, tempDir } from '../graphSignIn/support';
import { createRig, reversibleSecretStore, type ServiceRig } from './helpers';

const HELPDESK = 'helpdesk@contoso.com';
const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';
const DAEMON = '4f1e2d3c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const SUBJECT = 'Invoice overdue';
const HITS: Record<string, number> = { [ALICE]: 3, [BOB]: 5 };
const SIZE = 48_000;

let sim: RunningGraphSimulator;
let dir: string;
let files: { cert: string; key: string };
let rig: ServiceRig | undefined;
let browser: ReturnType<typeof scriptedBrowser>;

beforeAll(async () => {
  const daemon = await generateCertificate([]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    throttling: false,
    autoApprove: HELPDESK,
    apps: [DEMO_APP, { clientId: DAEMON, applicationPermissions: ['Mail.ReadWrite'], certificates: [daemon.cert] }],
  });
  dir = await tempDir();
  files = { cert: join(dir, 'app.pem'), key: join(dir, 'app.key') };
  await Promise.all([writeFile(files.cert, daemon.cert), writeFile(files.key, daemon.key)]);
});

afterAll(async () => {
  await sim.close();
});

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function seedHits(): void {
  for (const [smtp, count] of Object.entries(HITS)) {
    const inbox = sim.ews.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.ews.store.seedItems(inbox.id, count, { subject: (i) => `${SUBJECT} ${i}`, size: SIZE });
    sim.ews.store.seedItems(inbox.id, 2, { subject: 'kept' });
  }
}

function countIn(smtp: string, folder: string): number {
  const f = sim.ews.store.folderByDistinguished(smtp, folder);
  return f === undefined ? -1 : sim.ews.store.folderItems(f.id).filter((i) => i.subject.startsWith(SUBJECT)).length;
}

/** A service whose Graph connector is the app's, its "system browser" scripted. */
async function graphRig(): Promise<ServiceRig> {
  browser = scriptedBrowser(sim);
  const graph = createGraphConnector({
    dataDir: dir,
    secrets: reversibleSecretStore(),
    openUrl: browser,
    ca: sim.certificatePem ?? '',
    timeoutMs: 10_000,
    interactiveTimeoutMs: 10_000,
  });
  rig = await createRig({ graph });
  const close = rig.close;
  rig.close = async () => {
    await close();
    graph.close();
  };
  return rig;
}

const settings = (signIn: GraphConnectionSettings['signIn'], mailbox: string): GraphConnectionSettings => ({
  tenantId: sim.tenantId,
  clientId: signIn === 'delegated' ? DEMO_CLIENT_ID : DAEMON,
  authorityUrl: sim.authority,
  graphUrl: sim.graphUrl,
  signIn,
  mailbox,
  ...(signIn === 'appOnly' ? { certificate: { certificatePath: files.cert, privateKeyPath: files.key } } : {}),
});

const search = (mailboxes: string[]): MultiMailboxSearchSpec => ({
  mailboxes,
  parts: 'primary',
  folders: { kind: 'allMail' },
  dumpster: false,
  filter: { subjectContains: SUBJECT },
});

/** The job's summary once its last progress event (a state other than running) has come. */
async function finished(r: ServiceRig, multiJobId: string): Promise<MultiJobSummary> {
  const deadline = Date.now() + 30_000;
  const ended = (): boolean =>
    r.events.some(({ event, payload }) => {
      const p = payload as MultiJobProgress;
      return event === 'multiJobProgress' && p.multiJobId === multiJobId && p.state !== 'running';
    });
  while (!ended()) {
    if (Date.now() > deadline) throw new Error(`${multiJobId} did not end`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return r.service.multiJobSummary({ multiJobId });
}

describe('Many mailboxes on a Graph connection', () => {
  it('delegated: one browser sign-in; the mailboxes the account has FullAccess to open, the others say why; soft delete', async () => {
    seedHits();
    const r = await graphRig();
    const connected = await r.service.connect({ backend: 'graph', graph: settings('delegated', HELPDESK) });
    expect(connected).toMatchObject({ ok: true, session: { backend: 'graph', mailbox: HELPDESK, manyMailboxes: true } });

    const chosen = await r.service.multiChooseMailboxes({ text: `${ALICE}\n${BOB}` });
    expect(chosen.mailboxes).toEqual([ALICE, BOB]);
    // Names need the directory, whose scopes the delegated sign-in does not ask: listed with the way to allow them (directoryConsentGraph.test.ts).
    const named = await r.service.multiChooseMailboxes({ names: ['Alice'] });
    expect(named.mailboxes).toEqual([]);
    expect(named.problems).toEqual([
      {
        entry: 'Alice',
        reason: expect.stringMatching(/^The directory could not resolve it: .*User\.ReadBasic\.All.*Allow directory access/) as unknown as string,
      },
    ]);
    const preview = await r.service.multiSearch({ searchId: 's1', spec: search([ALICE, BOB]) });
    expect(preview.map((p) => [p.mailbox, p.state, p.access, p.hits])).toEqual([
      [ALICE, 'searched', 'delegate', HITS[ALICE]],
      [BOB, 'unreachable', undefined, 0],
    ]);
    // The size of each hit is PR_MESSAGE_SIZE, the store's size: the total is not 0 over Graph.
    expect(preview[0]?.totalSize).toBe((HITS[ALICE] ?? 0) * SIZE);
    expect(preview[1]?.reason).toMatch(/FullAccess/);
    // The many-mailbox flow signed in silently from the kept sign-in: the browser opened once.
    expect(browser.opened).toHaveLength(1);

    const { multiJobId } = await r.service.multiStartJob({ search: search([ALICE]), action: { kind: 'delete', mode: 'SoftDelete' } });
    const summary = await finished(r, multiJobId);
    expect(summary).toMatchObject({ state: 'completed', counts: { done: HITS[ALICE], failed: 0 } });
    // Who did it, for the audit: the signed-in account on the other mailbox.
    expect(summary.user).toBe(HELPDESK);
    expect(countIn(ALICE, 'inbox')).toBe(0);
    expect(countIn(ALICE, 'recoverableitemsdeletions')).toBe(HITS[ALICE]);
    expect(countIn(BOB, 'inbox')).toBe(HITS[BOB]);
    expect(browser.opened).toHaveLength(1);
  });

  it('app-only: the certificate reaches every mailbox; preview sizes are the store sizes and the hits are soft-deleted', async () => {
    seedHits();
    const r = await graphRig();
    const before = { alice: countIn(ALICE, 'inbox'), bob: countIn(BOB, 'inbox') };
    const connected = await r.service.connect({ backend: 'graph', graph: settings('appOnly', ALICE) });
    expect(connected).toMatchObject({ ok: true, session: { backend: 'graph', manyMailboxes: true } });

    const preview = await r.service.multiSearch({ searchId: 's2', spec: search([ALICE, BOB]) });
    expect(preview.map((p) => [p.mailbox, p.state, p.hits, p.totalSize])).toEqual([
      [ALICE, 'searched', before.alice, before.alice * SIZE],
      [BOB, 'searched', before.bob, before.bob * SIZE],
    ]);

    const { multiJobId } = await r.service.multiStartJob({ search: search([ALICE, BOB]), action: { kind: 'delete', mode: 'SoftDelete' } });
    const summary = await finished(r, multiJobId);
    expect(summary).toMatchObject({ state: 'completed', counts: { done: before.alice + before.bob, failed: 0 }, user: `app ${DAEMON}` });
    expect([countIn(ALICE, 'inbox'), countIn(BOB, 'inbox')]).toEqual([0, 0]);
    expect(countIn(BOB, 'recoverableitemsdeletions')).toBeGreaterThanOrEqual(before.bob);
    expect(browser.opened).toHaveLength(0);
  });

  it('without a kept sign-in the mailboxes are refused in words, and nothing opens the browser', async () => {
    const r = await graphRig();
    await r.service.connect({ backend: 'graph', graph: settings('delegated', HELPDESK) });
    const opened = browser.opened.length;
    expect(await r.service.signOut()).toEqual({ ok: true });
    // Signed out: the connection is gone, so the many-mailbox flow is not offered any more.
    await expect(r.service.multiSearch({ searchId: 's3', spec: search([ALICE]) })).rejects.toThrow(/connect/i);
    expect(browser.opened).toHaveLength(opened);
  });
});

describe('the capability flag', () => {
  it('an EWS connection can run jobs over many mailboxes too', async () => {
    rig = await createRig({ demo: { seed: 'empty', throttling: false } });
    const opened = await rig.service.openDemo();
    expect(opened).toMatchObject({ ok: true, session: { manyMailboxes: true } });
  });
});
