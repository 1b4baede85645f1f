// `--profile NAME`: the command line reads the desktop app's saved profiles (profiles.json, written
// here by the app's own ProfileStore with a stand-in key store), from --data-dir or the app's data
// folder per OS. The real binary signs in with a profile and the password from the environment;
// without one (and no terminal) it says why the saved, sealed password cannot be used.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { ProfileStore } from '../../electron/service/profileStore';
import type { SecretStore } from '../../electron/service/secretStore';
import { APP_FOLDER_NAME, appDataDir, readProfile } from '../../electron/cli/profiles';
import { cliEnv, ofType, runCli } from './support';

let sim: RunningSimulator;
let dir: string;
/** Stands in for safeStorage: the app seals the secret; the command line has no way to open it. */
const appKeyStore: SecretStore = { isAvailable: () => true, encrypt: (plain) => `sealed:${Buffer.from(plain).toString('base64')}`, decrypt: () => 'unused' };

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'cli-profile-'));
  const store = new ProfileStore(dir, appKeyStore);
  await store.save({ name: 'Lab Exchange', url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
  await store.save({ name: 'Desk', url: sim.url, authKind: 'windows' });
  await store.saveGraph('Cloud', { tenantId: 't', clientId: 'c', signIn: 'delegated', mailbox: 'a@b.c' });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The environment with no address, user or sign-in kind: the profile gives them. */
const bare = (extra: Record<string, string | undefined> = {}) =>
  cliEnv(sim.url, dir, { SWEEPER_URL: undefined, SWEEPER_USER: undefined, SWEEPER_AUTH: undefined, ...extra });

describe('--profile', () => {
  it('finds the app’s data folder per OS', () => {
    expect(appDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(join('C:\\Users\\a\\AppData\\Roaming', APP_FOLDER_NAME));
    expect(appDataDir({}, 'darwin', '/Users/a')).toBe(join('/Users/a/Library/Application Support', APP_FOLDER_NAME));
    expect(appDataDir({}, 'linux', '/home/a')).toBe(join('/home/a/.config', APP_FOLDER_NAME));
    expect(appDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/a')).toBe(join('/cfg', APP_FOLDER_NAME));
  });

  it('reads an EWS profile (by name, without case) and refuses Windows sign-on, Graph and unknown names', async () => {
    expect(await readProfile(dir, 'lab exchange')).toEqual({
      name: 'Lab Exchange',
      params: { url: sim.url, authKind: 'basic', user: DEMO_ADMIN },
      hadSecret: true,
    });
    await expect(readProfile(dir, 'Desk')).rejects.toThrow(/Windows single sign-on/);
    await expect(readProfile(dir, 'Cloud')).rejects.toThrow(/Microsoft Graph/);
    await expect(readProfile(dir, 'Nope')).rejects.toThrow(/saved: Lab Exchange, Desk, Cloud/);
  });

  it('signs in with a profile and the password from the environment (the real binary)', async () => {
    const r = await runCli(['connect', '--profile', 'Lab Exchange', '--data-dir', dir], bare()).result;
    expect(r.code).toBe(0);
    expect(ofType(r.events, 'connect')[0]).toMatchObject({ ok: true, url: sim.url });
  }, 30_000);

  it('says the saved password is sealed by the app when none is given and there is no terminal', async () => {
    const r = await runCli(['connect', '--profile', 'Lab Exchange'], bare({ SWEEPER_PASSWORD: undefined, SWEEPER_DATA_DIR: dir })).result;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SWEEPER_PASSWORD/);
    expect(r.stderr).toMatch(/Electron's safeStorage/);
  }, 30_000);
});
