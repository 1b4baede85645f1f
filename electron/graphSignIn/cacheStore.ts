// Where delegated sign-ins are kept between runs: MSAL's serialized cache, sealed by the app's
// SecretStore (Electron's safeStorage: DPAPI, Keychain or the desktop keyring) in one file per
// authority and app registration under the data folder. Without an OS key store nothing is
// written: the cache lives in memory and the admin signs in again at the next start.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemorySealedStore, type CacheCipher, type SealedStore } from '../graph/auth/tokenCache';
import type { SecretStore } from '../service/secretStore';

export const SIGN_IN_CACHE_DIR = 'graph-sign-in';
const SUFFIX = '.msal-cache';

/** One cache per authority and app registration, so accounts of two tenants never mix. */
export function cacheFileName(authorityUrl: string, clientId: string): string {
  const key = createHash('sha256')
    .update(`${authorityUrl.toLowerCase().replace(/\/+$/, '')}|${clientId.toLowerCase()}`)
    .digest('hex');
  return `${key.slice(0, 32)}${SUFFIX}`;
}

/** The SecretStore as MSAL's cache cipher (its sealed text travels as UTF-8 bytes). */
export function secretStoreCipher(secrets: SecretStore): CacheCipher {
  return {
    encrypt: (plain) => Buffer.from(secrets.encrypt(plain), 'utf8'),
    decrypt: (sealed) => secrets.decrypt(sealed.toString('utf8')),
  };
}

export class SealedFile implements SealedStore {
  constructor(private readonly path: string) {}

  async read(): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async write(sealed: Buffer): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    // Write then rename: a crash never leaves half a cache (which would read as signed out anyway).
    await writeFile(temporary, sealed, { mode: 0o600 });
    await rename(temporary, this.path);
  }

  clear(): Promise<void> {
    return rm(this.path, { force: true });
  }
}

/** The store for one authority and app: a sealed file when the OS can protect it, else memory only. */
export function sealedStoreFor(dataDir: string, secrets: SecretStore, authorityUrl: string, clientId: string): SealedStore {
  if (!secrets.isAvailable()) return new MemorySealedStore();
  return new SealedFile(join(dataDir, SIGN_IN_CACHE_DIR, cacheFileName(authorityUrl, clientId)));
}

/** Removes every kept sign-in (Sign out), whichever authority or app it was for. */
export async function removeAllSignIns(dataDir: string): Promise<void> {
  const dir = join(dataDir, SIGN_IN_CACHE_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  await Promise.all(names.filter((name) => name.endsWith(SUFFIX) || name.endsWith('.tmp')).map((name) => rm(join(dir, name), { force: true })));
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
