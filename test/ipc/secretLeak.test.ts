// The password and token never reach the renderer: every result, rejection and event that the
// IPC layer hands back (serialized), and every file in the data folder, is scanned for them.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_USERS, BULK_FOLDER_PATH, startSimulator, type RunningSimulator } from '../../electron/sim';
import { bindIpc, isTrustedSender, type InvokeEventLike } from '../../electron/ipcHandlers';
import { isAppUrl } from '../../electron/windowSecurity';
import { invokeChannel, type ConnectResult, type MethodArg, type SweeperMethod } from '../../shared/ipc';
import type { JobProgress } from '../../shared/domain';
import { createRig, type ServiceRig } from '../service/helpers';
import { FakeIpcMain, TRUSTED_EVENT } from './fakeIpcMain';

const PASSWORD = 'Leak-Canary-Password-7f3a9c!';
const WRONG_PASSWORD = 'Leak-Canary-Wrong-41b2d0?';
const TOKEN = 'leak-canary-token-eyJhbGciOi.d3b07384d113';

/** The secrets and the encodings they travel in on the wire (Basic header). */
const forbidden = [
  PASSWORD,
  WRONG_PASSWORD,
  TOKEN,
  Buffer.from(`${DEMO_ADMIN}:${PASSWORD}`).toString('base64'),
  Buffer.from(`${DEMO_ADMIN}:${WRONG_PASSWORD}`).toString('base64'),
  Buffer.from(PASSWORD).toString('base64'),
];

let sim: RunningSimulator;
let rig: ServiceRig;
let ipc: FakeIpcMain;
/** Everything that went back to the renderer, as it would be serialized. */
const toRenderer: string[] = [];

async function call<M extends SweeperMethod>(method: M, arg: MethodArg<M>): Promise<unknown> {
  try {
    const result = await ipc.invoke(invokeChannel(method), TRUSTED_EVENT, arg);
    toRenderer.push(JSON.stringify(result ?? null));
    return result;
  } catch (error) {
    // Electron sends only the message of a rejected invoke to the renderer.
    toRenderer.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  sim = await startSimulator({
    users: DEMO_USERS.map((user) => (user.smtp === DEMO_ADMIN ? { ...user, password: PASSWORD } : user)),
    bearerTokens: { [TOKEN]: DEMO_ADMIN },
    seed: 'demo',
    bulkItems: 40,
    demoScale: 0.05,
    throttling: false,
    onInternalError: () => undefined,
  });
  rig = await createRig();
  ipc = new FakeIpcMain();
  bindIpc<InvokeEventLike>(ipc, rig.service, (event) => isTrustedSender(event, { webContentsId: 1, isAppUrl }));
});

afterAll(async () => {
  await rig.close();
  await sim.close();
});

describe('secrets stay in the main process', () => {
  it('never appear in results, rejections, events or files', async () => {
    const wrong = (await call('connect', { url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: WRONG_PASSWORD, saveAs: 'Wrong' })) as ConnectResult;
    expect(wrong.ok).toBe(false);
    const viaToken = (await call('connect', { url: sim.url, authKind: 'bearer', secret: TOKEN })) as ConnectResult;
    expect(viaToken.ok).toBe(true);
    const good = (await call('connect', { url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: PASSWORD, saveAs: 'Contoso' })) as ConnectResult;
    expect(good.ok).toBe(true);

    const { profiles } = (await call('listProfiles', undefined)) as { profiles: { id: string }[] };
    expect(profiles).toHaveLength(1);
    expect(((await call('connectProfile', { profileId: profiles[0]?.id ?? '' })) as ConnectResult).ok).toBe(true);
    await call('listFolders', { part: 'primary' });
    await call('listFolders', { part: 'archive' });
    const bulk = sim.store.folderByPath(DEMO_ADMIN, BULK_FOLDER_PATH);
    await call('listItems', { folderId: bulk?.id ?? '', offset: 0, max: 100, sort: { field: 'subject', direction: 'asc' } });
    const ids = sim.store.folderItems(bulk?.id ?? '', { limit: 10 }).map((item) => item.id);
    const spec: MethodArg<'startJob'> = { mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } };
    await call('dryRun', spec);
    const started = (await call('startJob', spec)) as { jobId: string };
    const finished = await rig.finished(started.jobId);
    expect(finished.counts.done).toBe(10);
    await call('listJobs', undefined);
    await call('jobReport', { jobId: started.jobId, outcomes: ['done', 'alreadyGone', 'failed', 'unknown', 'notAttempted'], offset: 0, max: 100 });
    const exported = (await call('exportReport', { jobId: started.jobId, format: 'json' })) as { path: string };
    await call('retryFailed', { jobId: started.jobId });
    await call('pauseJob', { jobId: started.jobId });
    await call('deleteFolder', { folderId: 'inbox', mode: 'HardDelete' });
    await call('disconnect', undefined);
    await call('listFolders', { part: 'primary' });

    const events = rig.events.map((event) => JSON.stringify(event.payload ?? null));
    expect(rig.events.some((event) => event.event === 'jobProgress' && (event.payload as JobProgress).kind === 'finished')).toBe(true);
    expect(toRenderer.length).toBeGreaterThan(15);
    const everythingSent = [...toRenderer, ...events].join('\n');
    for (const secret of forbidden) expect(everythingSent).not.toContain(secret);

    const files = await filesUnder(rig.dataDir);
    expect(files.some((file) => file.endsWith('profiles.json'))).toBe(true);
    expect(files).toContain(exported.path);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of forbidden) expect(text, `${file} holds a secret`).not.toContain(secret);
    }
  });
});
