// Microsoft Graph tokens never reach the renderer: over the IPC binding, a Graph Test connection,
// connect (delegated through the browser, saved as a profile), the views, a job and its report,
// a profile connect, an app-only connect and Sign out; every result, rejection and event is
// scanned for the access, id and refresh tokens MSAL kept (read back from the sealed cache) and
// for anything shaped like a JWT, and the data folder's files for the same in any encoding.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_CACHE_DIR } from '../../electron/graphSignIn/cacheStore';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { bindIpc, isTrustedSender, type InvokeEventLike } from '../../electron/ipcHandlers';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { generateCertificate } from '../../electron/sim/tls';
import { isAppUrl } from '../../electron/windowSecurity';
import { invokeChannel, type ConnectResult, type GraphConnectionSettings, type MethodArg, type SweeperMethod } from '../../shared/ipc';
import { filesUnder, scriptedBrowser, tempDir } from '../graphSignIn/support';
import { createRig, reversibleSecretStore, type ServiceRig } from '../service/helpers';
import { ADMIN } from '../simGraph/helpers';
import { FakeIpcMain, TRUSTED_EVENT } from './fakeIpcMain';

const DAEMON_ID = '4f6b8d77-0a3e-4c6b-8d4f-5e6f7a8b9c0d';
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

let sim: RunningGraphSimulator;
let rig: ServiceRig;
let ipc: FakeIpcMain;
let dataDir: string;
let certDir: string;
const secrets = reversibleSecretStore();
const toRenderer: string[] = [];

async function call<M extends SweeperMethod>(method: M, arg: MethodArg<M>): Promise<unknown> {
  try {
    const result = await ipc.invoke(invokeChannel(method), TRUSTED_EVENT, arg);
    toRenderer.push(JSON.stringify(result ?? null));
    return result;
  } catch (error) {
    toRenderer.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

beforeAll(async () => {
  const daemon = await generateCertificate([]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'demo', demoScale: 0.05, bulkItems: 0, throttling: false },
    throttling: false,
    autoApprove: ADMIN,
    apps: [DEMO_APP, { clientId: DAEMON_ID, applicationPermissions: ['Mail.ReadWrite'], certificates: [daemon.cert] }],
  });
  dataDir = await tempDir();
  certDir = await tempDir();
  await writeFile(join(certDir, 'app.pem'), daemon.cert);
  await writeFile(join(certDir, 'app.key'), daemon.key);
  const graph = createGraphConnector({
    dataDir,
    secrets,
    openUrl: scriptedBrowser(sim),
    ca: sim.certificatePem ?? '',
    timeoutMs: 10_000,
    interactiveTimeoutMs: 10_000,
  });
  rig = await createRig({ dataDir, graph });
  ipc = new FakeIpcMain();
  bindIpc<InvokeEventLike>(ipc, rig.service, (event) => isTrustedSender(event, { webContentsId: 1, isAppUrl }));
});

afterAll(async () => {
  await rig.close();
  await sim.close();
  await rm(certDir, { recursive: true, force: true });
});

/** The tokens MSAL keeps, read back from the sealed cache with the test's key store. */
async function keptTokens(): Promise<string[]> {
  const files = (await filesUnder(join(dataDir, SIGN_IN_CACHE_DIR))).filter((f) => f.path.endsWith('.msal-cache'));
  const tokens: string[] = [];
  for (const file of files) {
    const cache = JSON.parse(secrets.decrypt(file.bytes.toString('utf8'))) as Record<string, Record<string, { secret?: string }>>;
    for (const kind of ['AccessToken', 'RefreshToken', 'IdToken'])
      for (const entry of Object.values(cache[kind] ?? {})) if (entry.secret) tokens.push(entry.secret);
  }
  return tokens;
}

describe('Graph tokens stay in the main process', () => {
  it('never appear in results, rejections, events or files', async () => {
    const settings: GraphConnectionSettings = {
      tenantId: sim.tenantId,
      clientId: DEMO_CLIENT_ID,
      authorityUrl: sim.authority,
      graphUrl: sim.graphUrl,
      signIn: 'delegated',
      mailbox: ADMIN,
    };
    const tested = await call('testConnection', { backend: 'graph', graph: settings });
    expect(tested, JSON.stringify(tested)).toMatchObject({ ok: true });
    const connected = (await call('connect', { backend: 'graph', graph: settings, saveAs: 'Contoso (Graph)' })) as ConnectResult;
    expect(connected).toMatchObject({ ok: true, session: { backend: 'graph', mailbox: ADMIN } });
    const tokens = await keptTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(3);

    const folders = (await call('listFolders', { part: 'primary' })) as { id: string; distinguishedId?: string }[];
    const inbox = folders.find((f) => f.distinguishedId === 'inbox');
    const page = (await call('listItems', { folderId: inbox?.id ?? 'inbox', offset: 0, max: 10 })) as { rows: { id: string }[] };
    await call('getItemDetails', { itemId: page.rows[0]?.id ?? '', body: 'html' });
    const spec: MethodArg<'startJob'> = {
      mailbox: { smtp: ADMIN, part: 'primary' },
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids: page.rows.slice(0, 2).map((r) => r.id), folderId: inbox?.id ?? 'inbox' },
    };
    await call('dryRun', spec);
    const started = (await call('startJob', spec)) as { jobId: string };
    expect((await rig.finished(started.jobId)).counts.done).toBe(2);
    await call('jobReport', { jobId: started.jobId, outcomes: ['done', 'failed', 'unknown'], offset: 0, max: 10 });
    await call('dumpsterHealth', { smtp: ADMIN });

    const { profiles } = (await call('listProfiles', undefined)) as { profiles: { id: string; backend?: string }[] };
    expect(profiles).toEqual([expect.objectContaining({ backend: 'graph', hasSecret: false })]);
    expect(((await call('connectProfile', { profileId: profiles[0]?.id ?? '' })) as ConnectResult).ok).toBe(true);
    const appOnly: GraphConnectionSettings = {
      ...settings,
      clientId: DAEMON_ID,
      signIn: 'appOnly',
      certificate: { certificatePath: join(certDir, 'app.pem'), privateKeyPath: join(certDir, 'app.key') },
    };
    expect(((await call('connect', { backend: 'graph', graph: appOnly })) as ConnectResult).ok).toBe(true);
    await call('listFolders', { part: 'primary' });
    const tokensNow = [...tokens, ...(await keptTokens())];

    expect(await call('signOut', undefined)).toEqual({ ok: true });
    expect(await keptTokens()).toEqual([]);
    await call('listFolders', { part: 'primary' });

    const everythingSent = [...toRenderer, ...rig.events.map((e) => JSON.stringify(e.payload ?? null))].join('\n');
    expect(toRenderer.length).toBeGreaterThanOrEqual(15);
    expect(everythingSent).not.toMatch(JWT);
    for (const token of tokensNow) {
      expect(everythingSent).not.toContain(token);
      expect(everythingSent).not.toContain(Buffer.from(token).toString('base64'));
    }
    for (const file of await filesUnder(dataDir)) {
      const text = await readFile(file.path, 'utf8');
      expect(text, `${file.path} holds a token`).not.toMatch(JWT);
      for (const token of tokensNow) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(Buffer.from(token).toString('base64'));
      }
    }
  });
});
