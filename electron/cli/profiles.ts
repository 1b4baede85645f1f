// `--profile NAME`: the connection profiles the desktop app saved (profiles.json in its data folder,
// electron/service/profileStore.ts), read by the command line. The app keeps its data where
// Electron's app.getPath('userData') points: the application-data folder of the OS plus the
// product name. A saved password is sealed with Electron's safeStorage (the OS key store through
// Chromium's os_crypt), which plain Node cannot open: the secret still comes from the environment
// or a prompt.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionParams } from '../backends/port';
import { ProfileStore, type ProfileConnection } from '../service/profileStore';
import type { SecretStore } from '../service/secretStore';
import { UsageError } from './args';

/** package.json's productName: Electron names the data folder after it. */
export const APP_FOLDER_NAME = 'Mailbox Sweeper';

/** Where the desktop app keeps its data (Electron's userData) on this OS. */
export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME);
}

/** Plain Node has no safeStorage: every sealed secret reads as "not stored". */
const NO_KEY_STORE: SecretStore = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('The command line saves no secrets.');
  },
  decrypt: () => {
    throw new Error('The command line cannot open secrets sealed by the desktop app.');
  },
};

/** What a profile gives a connection (the secret excepted), and whether the app saved a secret for it. */
export interface ProfileDefaults {
  name: string;
  params: Omit<ConnectionParams, 'impersonate' | 'secret' | 'demo'>;
  /** The app saved a password or token (sealed: the command line cannot read it). */
  hadSecret: boolean;
}

/** The EWS profile named `name` (or with that id) in `dir`'s profiles.json. */
export async function readProfile(dir: string, name: string): Promise<ProfileDefaults> {
  const store = new ProfileStore(dir, NO_KEY_STORE);
  let profiles;
  try {
    profiles = (await store.list()).profiles;
  } catch (error) {
    throw new UsageError(`--profile ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const summary =
    profiles.find((p) => p.name === name) ?? profiles.find((p) => p.name.toLowerCase() === name.toLowerCase()) ?? profiles.find((p) => p.id === name);
  if (summary === undefined) {
    const names = profiles.map((p) => p.name);
    throw new UsageError(
      `--profile ${name}: no such profile in ${join(dir, 'profiles.json')}${names.length > 0 ? ` (saved: ${names.join(', ')})` : ' (none saved there)'}; --data-dir names the desktop app's data folder.`,
    );
  }
  const profile: ProfileConnection | undefined = await store.connection(summary.id);
  if (profile === undefined) throw new UsageError(`--profile ${name}: the profile was removed while it was read.`);
  // EWS profiles carry no backend, or 'ews' (files of earlier versions): anything else is Graph.
  if (profile.backend !== undefined && profile.backend !== 'ews')
    throw new UsageError(`--profile ${summary.name} signs in to Microsoft Graph: the command line works over EWS only.`);
  if (profile.authKind === 'windows') throw new UsageError(`--profile ${summary.name} uses Windows single sign-on, which needs the desktop app.`);
  const params: ProfileDefaults['params'] = { url: profile.url, authKind: profile.authKind };
  if (profile.user !== undefined) params.user = profile.user;
  if (profile.domain !== undefined) params.domain = profile.domain;
  if (profile.schemes !== undefined) params.schemes = profile.schemes;
  if (profile.pinned !== undefined) params.pinned = profile.pinned;
  if (profile.allowInsecureHttp === true) params.allowInsecureHttp = true;
  if (profile.proxyUrl !== undefined) params.proxy = { url: profile.proxyUrl, ...(profile.proxyUser === undefined ? {} : { user: profile.proxyUser }) };
  return { name: summary.name, params, hadSecret: summary.hasSecret };
}
