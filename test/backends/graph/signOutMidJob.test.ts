// Sign out while a Graph job runs: from then on the token source has no token and every later
// request fails before it is sent. The job must end saying why, and no item may be reported
// wrongly: each one done is in Deletions, each one not attempted is still where it was, an unknown
// one is in one of the two, and none is "failed" (nothing was sent for it). Delegated: the real
// MSAL sign-in against the simulator's authority, signed out mid-job; app-only: the certificate's
// token refused by the authority mid-job.
import { randomBytes } from 'node:crypto';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphJobBackend } from '../../../electron/backends/graph/jobBackend';
import { appCertificateFromPem, AppOnlySignIn } from '../../../electron/graph/auth/appOnly';
import { openIdMetadataShape } from '../../../electron/graph/auth/authority';
import { DelegatedSignIn, SIGN_IN_REMOVED } from '../../../electron/graph/auth/delegated';
import { MsalNetwork } from '../../../electron/graph/auth/network';
import { appOnlyScopes, graphDelegatedScopes } from '../../../electron/graph/auth/scopes';
import { EncryptedCachePlugin, MemorySealedStore } from '../../../electron/graph/auth/tokenCache';
import type { TokenSource } from '../../../electron/graph/client';
import { HttpsTransport } from '../../../electron/graph/transport';
import { DEMO_CLIENT_ID } from '../../../electron/simGraph';
import type { JobResult } from '../../../electron/jobs/runOptions';
import { testCipher } from '../../graph/auth/cipherDouble';
import { httpBrowser, simClient } from '../../integration/graphSupport';
import { makeEngine, outcomesOf, tempDir } from '../../jobs/helpers';
import { ADMIN, ewsFolder, never, newFolder, startRig, type GraphRig } from './support';

const ITEMS = 200;
/** Signed out once this many items are in Deletions: some batches answered, most items not yet sent. */
const SIGN_OUT_AT = 40;
const UNATTENDED = '3f6b1c2e-8a4d-4b7e-9c1f-5d2a7e8b0c4a';

let rig: GraphRig;
let msal: HttpsTransport;
let dir: string;
let cleanup: () => void;
let folderNo = 0;

async function certificate(): Promise<{ cert: string; key: string }> {
  const made = await generate([{ name: 'commonName', value: 'Mailbox Sweeper sign-out test' }], { keySize: 2048, algorithm: 'sha256' });
  return { cert: made.cert, key: made.private };
}

beforeAll(async () => {
  rig = await startRig({ autoApprove: ADMIN });
  msal = new HttpsTransport({ ca: rig.sim.certificatePem ?? '' });
});
afterAll(async () => {
  msal.close();
  await rig.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir('graph-signout-'));
});
afterEach(() => cleanup());

const authority = (): { url: string; metadata: ReturnType<typeof openIdMetadataShape.parse> } => ({
  url: rig.sim.authority,
  metadata: openIdMetadataShape.parse(rig.sim.openIdConfiguration()),
});

const deletedCount = (): number => rig.sim.ews.store.folderItems(ewsFolder(rig, 'recoverableitemsdeletions')).length;

/** The Graph id and subject of each item of a folder (all pages). */
async function subjectsById(folder: string): Promise<Map<string, string>> {
  const byId = new Map<string, string>();
  for (let offset = 0; ;) {
    const page = await rig.backend.listItems({ folderId: folder, filter: {}, offset, max: 1000 }, never());
    for (const r of page.rows) byId.set(r.id, r.subject);
    offset += page.rows.length;
    if (page.last || page.rows.length === 0) return byId;
  }
}

/**
 * Soft-deletes ITEMS items of a new folder through a client whose token source is `token`, and
 * checks every item's outcome against the mailbox (by id: an item never looked up has no subject
 * in the report). `deletedBefore`: items already in Deletions.
 */
async function runAndCheck(token: TokenSource, mailboxSmtp: string | undefined, deletedBefore: number, signOutAt: number): Promise<JobResult> {
  const f = await newFolder(rig, `Sign out mid job ${++folderNo}`);
  const prefix = `so${folderNo}-`;
  rig.sim.ews.store.seedItems(f.ews, ITEMS, { subject: (i) => `${prefix}${i}` });
  const subjectOf = await subjectsById(f.graph);
  const ids = [...subjectOf.keys()];
  expect(ids).toHaveLength(ITEMS);
  const graph = simClient(rig.sim, token);
  try {
    const mailbox = mailboxSmtp === undefined ? { part: 'primary' as const } : { part: 'primary' as const, smtp: mailboxSmtp };
    const backend = new GraphJobBackend(graph.client, mailbox, { signedInUser: ADMIN });
    const job = await makeEngine(dir, backend).start({ mailbox, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } });
    const result = await job.done;
    expect(deletedCount() - deletedBefore).toBeGreaterThanOrEqual(signOutAt);

    const rows = await outcomesOf(dir, job.jobId);
    expect([...rows.keys()].sort()).toEqual([...ids].sort());
    const left = new Set(rig.sim.ews.store.folderItems(f.ews).map((i) => i.subject));
    const deleted = new Set(
      rig.sim.ews.store
        .folderItems(ewsFolder(rig, 'recoverableitemsdeletions'))
        .map((i) => i.subject)
        .filter((s) => s.startsWith(prefix)),
    );
    // Nothing lost, nothing twice: each item is in exactly one of the two folders.
    expect(left.size + deleted.size).toBe(ITEMS);
    for (const [id, row] of rows) {
      const subject = subjectOf.get(id) ?? '';
      const where = `${subject} (${id}): ${row.outcome} ${row.code ?? ''} ${row.message ?? ''}`;
      switch (row.outcome) {
        case 'done':
          expect(deleted.has(subject), where).toBe(true);
          expect(row.sentAt, where).toBeDefined();
          break;
        case 'notAttempted':
          expect(left.has(subject), where).toBe(true);
          // Never sent: the report gives no send time.
          expect(row.sentAt, where).toBeUndefined();
          break;
        case 'unknown':
          // Its answer was lost: it may be in either place, and the report says to check it.
          expect(left.has(subject) || deleted.has(subject), where).toBe(true);
          expect(row.message, where).toMatch(/check|lost/);
          break;
        default:
          throw new Error(`unexpected outcome for ${where}`);
      }
    }
    expect(result.state).toBe('failed');
    expect(result.counts.failed).toBe(0);
    expect(result.counts.alreadyGone).toBe(0);
    expect(result.counts.notAttempted).toBeGreaterThan(0);
    expect(result.counts.done + result.counts.notAttempted + result.counts.unknown).toBe(ITEMS);
    return result;
  } finally {
    graph.close();
  }
}

/** The real delegated sign-in, signed out (as the Sign out button does) once `signOutAt` more items are in Deletions. */
async function signingOut(signOutAt: number): Promise<{ token: TokenSource; before: number; signedOut: () => boolean }> {
  const signIn = new DelegatedSignIn({
    clientId: DEMO_CLIENT_ID,
    authority: authority(),
    cache: new EncryptedCachePlugin(testCipher(randomBytes(32)), new MemorySealedStore()),
    openUrl: httpBrowser(rig.sim.certificatePem ?? ''),
    network: new MsalNetwork(msal),
  });
  const scopes = graphDelegatedScopes();
  await signIn.signIn(scopes, ADMIN);
  const tokens = signIn.tokenSource(scopes, ADMIN);
  const before = deletedCount();
  let signedOut = false;
  const token: TokenSource = async (signal) => {
    if (!signedOut && deletedCount() - before >= signOutAt) {
      signedOut = true;
      await signIn.signOut();
    }
    return tokens(signal);
  };
  return { token, before, signedOut: () => signedOut };
}

describe('Sign out while a Graph job runs', () => {
  it('delegated: the job ends saying the sign-in was removed; done items are in Deletions, the rest not attempted and untouched', async () => {
    const { token, before, signedOut } = await signingOut(SIGN_OUT_AT);
    const result = await runAndCheck(token, undefined, before, SIGN_OUT_AT);
    expect(signedOut()).toBe(true);
    expect(result.error).toContain(SIGN_IN_REMOVED);
    expect(result.counts.done).toBeGreaterThanOrEqual(SIGN_OUT_AT);
  });

  it('delegated, signed out before the first lookup: planning fails with the reason and every id is not attempted', async () => {
    const { token, before, signedOut } = await signingOut(0);
    const result = await runAndCheck(token, undefined, before, 0);
    expect(signedOut()).toBe(true);
    expect(result.error).toBe(`planning failed: NoAccessToken: No access token: ${SIGN_IN_REMOVED}`);
    expect(result.counts.notAttempted).toBe(ITEMS);
  });

  it('app-only: the authority refuses the certificate mid-job; the job ends saying so and no item is counted failed', async () => {
    const [registered, stranger] = await Promise.all([certificate(), certificate()]);
    rig.sim.registerApp({
      clientId: UNATTENDED,
      displayName: 'Sweeper sign-out test',
      applicationPermissions: ['Mail.ReadWrite'],
      certificates: [registered.cert],
    });
    const app = (pem: { cert: string; key: string }): AppOnlySignIn =>
      new AppOnlySignIn({
        tenantId: rig.sim.tenantId,
        clientId: UNATTENDED,
        certificate: appCertificateFromPem(pem.cert, pem.key),
        authority: authority(),
        network: new MsalNetwork(msal),
      });
    const good = app(registered).tokenSource(appOnlyScopes());
    // The certificate replaced by one the app registration does not hold (a renewed certificate not yet uploaded).
    const refused = app(stranger).tokenSource(appOnlyScopes());
    const before = deletedCount();
    let refusedFrom = false;
    const token: TokenSource = (signal) => {
      if (deletedCount() - before >= SIGN_OUT_AT) refusedFrom = true;
      return (refusedFrom ? refused : good)(signal);
    };
    const result = await runAndCheck(token, ADMIN, before, SIGN_OUT_AT);
    expect(refusedFrom).toBe(true);
    expect(result.counts.done).toBeGreaterThanOrEqual(SIGN_OUT_AT);
    expect(result.error).toMatch(/^NoAccessToken: No access token: /);
  });
});
