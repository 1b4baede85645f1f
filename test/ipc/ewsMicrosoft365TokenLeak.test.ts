// EWS signed in through Microsoft 365: the EWS-scoped tokens never reach the renderer. Over the IPC
// binding, a Test connection, a connect (through the browser, saved as a profile), the views, a job
// and its report, a silent profile connect and Sign out; every result, rejection and event is
// scanned for the access, id and refresh tokens MSAL kept (read back from the sealed cache, among
// them the one EWS accepted) and for anything shaped like a JWT, and the data folder's files too.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_CACHE_DIR } from '../../electron/graphSignIn/cacheStore';
import { createGraphConnector } from '../../electron/graphSignIn/connector';
import { bindIpc, isTrustedSender, type InvokeEventLike } from '../../electron/ipcHandlers';
import { DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { isAppUrl } from '../../electron/windowSecurity';
import { invokeChannel, type ConnectRequest, type ConnectResult, type MethodArg, type SweeperMethod } from '../../shared/ipc';
import { filesUnder, scriptedBrowser, tempDir } from '../graphSignIn/support';
import { createRig, reversibleSecretStore, type ServiceRig } from '../service/helpers';
import { ADMIN } from '../simGraph/helpers';
import { FakeIpcMain, TRUSTED_EVENT } from './fakeIpcMain';

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

let sim: RunningGraphSimulator;
let rig: ServiceRig;
let ipc: FakeIpcMain;
let dataDir: string;
let browser: ReturnType<typeof scriptedBrowser>;
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
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'demo', demoScale: 0.05, bulkItems: 0, throttling: false },
    throttling: false,
    autoApprove: ADMIN,
  });
  dataDir = await tempDir();
  browser = scriptedBrowser(sim);
  const graph = createGraphConnector({ dataDir, secrets, openUrl: browser, ca: sim.certificatePem ?? '', timeoutMs: 10_000, interactiveTimeoutMs: 10_000 });
  rig = await createRig({ dataDir, graph });
  ipc = new FakeIpcMain();
  bindIpc<InvokeEventLike>(ipc, rig.service, (event) => isTrustedSender(event, { webContentsId: 1, isAppUrl }));
});

afterAll(async () => {
  await rig.close();
  await sim.close();
});

/** The tokens MSAL keeps, read back from the sealed cache with the test's key store. */
async function keptTokens(): Promise<string[]> {
  const files = (await filesUnder(join(dataDir, SIGN_IN_CACHE_DIR))).filter((f) => f.path.endsWith('.msal-cache'));
  const tokens: string[] = [];
  for (const file of files) {
    const cache = JSON.parse(secrets.decrypt(file.bytes.toString('utf8'))) as Record<string, Record<string, { secret?: string; target?: string }>>;
    for (const kind of ['AccessToken', 'RefreshToken', 'IdToken'])
      for (const entry of Object.values(cache[kind] ?? {})) if (entry.secret) tokens.push(entry.secret);
  }
  return tokens;
}

describe('EWS tokens of a Microsoft 365 sign-in stay in the main process', () => {
  it('never appear in results, rejections, events or files', async () => {
    const request: ConnectRequest = {
      url: sim.ews.url,
      authKind: 'microsoft365',
      microsoft365: { tenantId: sim.tenantId, clientId: DEMO_CLIENT_ID, authorityUrl: sim.authority },
    };
    const tested = await call('testConnection', request);
    expect(tested, JSON.stringify(tested)).toMatchObject({ ok: true });
    expect(browser.opened).toHaveLength(1);
    const connected = (await call('connect', { ...request, saveAs: 'Contoso (EWS, Microsoft 365)' })) as ConnectResult;
    expect(connected).toMatchObject({ ok: true, session: { signedInWith: 'Microsoft 365 sign-in', mailbox: ADMIN, closedBySignOut: true } });
    // The kept sign-in answered the connect: the browser was not opened again.
    expect(browser.opened).toHaveLength(1);
    const tokens = await keptTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    // The pattern would catch them: the access tokens the simulator minted are JWTs.
    expect(tokens.some((token) => JWT.test(token))).toBe(true);

    const folders = (await call('listFolders', { part: 'primary' })) as { id: string; distinguishedId?: string }[];
    const inbox = folders.find((f) => f.distinguishedId === 'inbox');
    expect(folders.some((f) => f.distinguishedId === 'recoverableitemsdeletions')).toBe(true);
    const page = (await call('listItems', { folderId: inbox?.id ?? 'inbox', offset: 0, max: 10 })) as { rows: { id: string }[] };
    expect(page.rows.length).toBeGreaterThanOrEqual(2);
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

    const { profiles } = (await call('listProfiles', undefined)) as { profiles: { id: string; authKind?: string; hasSecret?: boolean }[] };
    expect(profiles).toEqual([expect.objectContaining({ authKind: 'microsoft365', hasSecret: false })]);
    await call('disconnect', undefined);
    expect(((await call('connectProfile', { profileId: profiles[0]?.id ?? '' })) as ConnectResult).ok).toBe(true);
    expect(browser.opened).toHaveLength(1);
    await call('listFolders', { part: 'primary' });
    const tokensNow = [...new Set([...tokens, ...(await keptTokens())])];

    expect(await call('signOut', undefined)).toEqual({ ok: true });
    expect(await keptTokens()).toEqual([]);
    // Sign out closed the connection too.
    await call('listFolders', { part: 'primary' });
    expect(toRenderer.at(-1)).toMatch(/not connected/i);

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
