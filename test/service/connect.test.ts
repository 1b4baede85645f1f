// Connecting against the real simulator over 127.0.0.1: each way it goes wrong gets the right
// kind and a message an admin can act on; profiles keep the secret sealed; the demo mailbox opens.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, HttpTransport } from '../../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { ConnectResult } from '../../shared/ipc';
import { createRig, type ServiceRig } from './helpers';

const run = promisify(execFile);
let sim: RunningSimulator;
const rigs: ServiceRig[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  sim.setFaults({ rates: { htmlLoginPage: 0, noAnswer: 0 } });
  while (rigs.length > 0) await rigs.pop()?.close();
});

async function rig(options: Parameters<typeof createRig>[0] = {}): Promise<ServiceRig> {
  const created = await createRig(options);
  rigs.push(created);
  return created;
}

function failure(result: ConnectResult): { kind: string; message: string } {
  if (result.ok) throw new Error('expected the connect to fail');
  return result.error;
}

/** An HTTPS server with a fresh self-signed certificate (made with the openssl CLI). */
async function selfSignedHttpsServer(): Promise<{ port: number; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sweeper-tls-'));
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  const server = createHttpsServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (_req, res) =>
    res.end('not reached'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('connect', () => {
  it('opens the own mailbox with good credentials and sees the archive', async () => {
    const { service } = await rig();
    const result = await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
    expect(result).toEqual({
      ok: true,
      // manyMailboxes: the service says the "Many mailboxes" screen works on this connection.
      session: { url: sim.url, mailbox: DEMO_ADMIN, demo: false, hasArchive: true, signedInWith: 'Basic', serverVersion: '15.2.2562.17', manyMailboxes: true },
    });
  });

  it('opens another mailbox through impersonation when the account has the right', async () => {
    const { service } = await rig();
    const result = await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, impersonate: 'alice@contoso.com' });
    expect(result.ok && result.session).toMatchObject({ mailbox: 'alice@contoso.com', mailboxAccess: 'impersonation' });
  });

  it('says the password is wrong (401)', async () => {
    const { service } = await rig();
    const error = failure(await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: 'wrong-password' }));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/rejected the user name or password \(HTTP 401\)/);
  });

  it('says a wrong path is not EWS (404)', async () => {
    const { service } = await rig();
    const error = failure(
      await service.connect({ url: sim.url.replace('/EWS/Exchange.asmx', '/owa/'), authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }),
    );
    expect(error.kind).toBe('notEws');
    expect(error.message).toMatch(/HTTP 404.*\/EWS\/Exchange\.asmx/);
  });

  it('recognises an HTML sign-in page in front of EWS', async () => {
    const { service } = await rig();
    sim.setFaults({ rates: { htmlLoginPage: 1 } });
    const error = failure(await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }));
    expect(error.kind).toBe('notEws');
    expect(error.message).toMatch(/web page \(probably a sign-in page\)/);
  });

  it('says the server cannot be reached on a closed port', async () => {
    const { service } = await rig();
    const port = await freePort();
    const error = failure(
      await service.connect({ url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/refused|reach/i);
  });

  it('says the server did not answer in time', async () => {
    const { service } = await rig({ connectTimeoutMs: 300 });
    sim.setFaults({ rates: { noAnswer: 1 } });
    const error = failure(await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer in time/);
  });

  it('says the certificate is not trusted', async () => {
    const { service } = await rig();
    const server = await selfSignedHttpsServer();
    try {
      const error = failure(
        await service.connect({ url: `https://127.0.0.1:${server.port}/EWS/Exchange.asmx`, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }),
      );
      expect(error.kind).toBe('tls');
      expect(error.message).toMatch(/certificate this computer does not trust \(self-signed\)/);
    } finally {
      await server.close();
    }
  });

  it('asks before sending credentials over plain http to anything but this computer', async () => {
    const { service } = await rig();
    const error = failure(
      await service.connect({ url: 'http://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD }),
    );
    expect(error).toEqual({ kind: 'insecure', message: expect.stringMatching(/plain http.*https:\/\/.*confirm/s) });
  });

  it('refuses a password typed into the address', async () => {
    const { service } = await rig();
    const error = failure(
      await service.connect({
        url: `http://admin:${DEMO_PASSWORD}@127.0.0.1:${new URL(sim.url).port}/EWS/Exchange.asmx`,
        authKind: 'basic',
        user: DEMO_ADMIN,
        secret: DEMO_PASSWORD,
      }),
    );
    expect(error.kind).toBe('invalid');
    expect(error.message).not.toContain(DEMO_PASSWORD);
  });

  it('says the account has neither right (with the cmdlet for each), or that the mailbox does not exist', async () => {
    const { service } = await rig();
    const denied = failure(
      await service.connect({ url: sim.url, authKind: 'basic', user: 'alice@contoso.com', secret: DEMO_PASSWORD, impersonate: 'bob@contoso.com' }),
    );
    expect(denied.kind).toBe('impersonation');
    expect(denied.message).toMatch(/may not open bob@contoso\.com.*ApplicationImpersonation/);
    const missing = failure(
      await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, impersonate: 'nobody@contoso.com' }),
    );
    expect(missing.kind).toBe('impersonation');
    expect(missing.message).toMatch(/No mailbox nobody@contoso\.com exists/);
  });

  it('refuses folder and item calls before any connection', async () => {
    const { service } = await rig();
    await expect(service.listFolders({ part: 'primary' })).rejects.toThrow(/Not connected/);
    await expect(service.listItems({ folderId: 'inbox', offset: 0, max: 10 })).rejects.toThrow(/Not connected/);
  });
});

describe('profiles', () => {
  it('saves a profile after a good sign-in with the secret sealed, and connects with it', async () => {
    const { service, dataDir, secrets } = await rig();
    const result = await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, saveAs: 'Contoso demo' });
    expect(result.ok && result.notice).toBe(undefined);
    const [profile] = (await service.listProfiles()).profiles;
    expect(profile).toEqual({ id: expect.any(String), name: 'Contoso demo', url: sim.url, authKind: 'basic', user: DEMO_ADMIN, hasSecret: true });
    expect(result.ok && result.savedProfileId).toBe(profile?.id);
    const file = await readFile(join(dataDir, 'profiles.json'), 'utf8');
    expect(file).not.toContain(DEMO_PASSWORD);
    expect(file).toContain(secrets.sealed[0]);
    await service.disconnect();
    const again = await service.connectProfile({ profileId: profile?.id ?? '' });
    expect(again.ok).toBe(true);
    await service.deleteProfile({ profileId: profile?.id ?? '' });
    expect((await service.listProfiles()).profiles).toEqual([]);
  });

  it('does not save a profile when the sign-in fails', async () => {
    const { service } = await rig();
    await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: 'wrong', saveAs: 'Broken' });
    expect((await service.listProfiles()).profiles).toEqual([]);
  });

  it('without an OS key store saves no secret at all and says so', async () => {
    const { service, dataDir } = await rig({ keyStore: false });
    const result = await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, saveAs: 'No keyring' });
    expect(result.ok && result.notice).toMatch(/saved without its password/);
    const [profile] = (await service.listProfiles()).profiles;
    expect(profile?.hasSecret).toBe(false);
    const file = await readFile(join(dataDir, 'profiles.json'), 'utf8');
    expect(file).not.toContain(DEMO_PASSWORD);
    expect(file).not.toContain('sealedSecret');
    const withoutSecret = failure(await service.connectProfile({ profileId: profile?.id ?? '' }));
    expect(withoutSecret).toEqual({ kind: 'auth', message: expect.stringMatching(/enter it to connect/) });
    expect((await service.connectProfile({ profileId: profile?.id ?? '', secret: DEMO_PASSWORD })).ok).toBe(true);
  });
});

describe('openDemo', () => {
  it('starts the embedded simulator on 127.0.0.1 and connects to it like any server', async () => {
    const { service } = await rig({ demo: { seed: 'demo', bulkItems: 100, demoScale: 0.05, throttling: false } });
    const result = await service.openDemo();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.session).toMatchObject({ demo: true, mailbox: DEMO_ADMIN, hasArchive: true });
    expect(result.session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
    const folders = await service.listFolders({ part: 'primary' });
    expect(folders.find((folder) => folder.displayName === 'Bulk notifications')?.totalCount).toBe(100);
    // A second open reuses the running simulator.
    const again = await service.openDemo();
    expect(again.ok && again.session.url).toBe(result.session.url);
  });
});

describe('trace', () => {
  it('keeps the requests of a connect, with the Authorization header and the password redacted', async () => {
    const { service } = await rig();
    await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
    const entries = await service.getTrace();
    expect(entries.map((entry) => entry.operation)).toContain('GetFolder');
    expect(entries.some((entry) => entry.status === 200 && (entry.responseXml ?? '').includes('GetFolderResponse'))).toBe(true);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(Buffer.from(`${DEMO_ADMIN}:${DEMO_PASSWORD}`).toString('base64'));
    await service.clearTrace();
    expect(await service.getTrace()).toEqual([]);
  });
});

describe('Windows sign-in', () => {
  it('connects through the transport the desktop app supplies, with no secret of ours', async () => {
    const urls: string[] = [];
    const { service } = await rig({
      // Stands in for Chromium's stack signing in as the logged-on user (here: the demo admin over Basic).
      windowsSignIn: (url, onExchange) => {
        urls.push(url);
        return new HttpTransport({ url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), ...(onExchange === undefined ? {} : { onExchange }) });
      },
    });
    const result = await service.connect({ url: sim.url, authKind: 'windows' });
    expect(result).toMatchObject({ ok: true, session: { signedInWith: 'Windows sign-in', mailbox: 'your Windows account' } });
    expect(urls).toEqual([sim.url]);
    expect((await service.getTrace()).length).toBeGreaterThan(0);
  });

  it('says it is not available where no desktop app supplies it', async () => {
    const { service } = await rig();
    expect(failure(await service.connect({ url: sim.url, authKind: 'windows' }))).toMatchObject({ kind: 'unavailable' });
  });
});
