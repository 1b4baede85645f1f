// MSAL's token cache persisted only in encrypted form: the serialized cache goes through an
// injected encrypt/decrypt pair (Electron's safeStorage in the main process; a test double in
// tests) before it reaches the store, so refresh tokens are never written in clear.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';

export interface CacheCipher {
  encrypt(plain: string): Buffer | Promise<Buffer>;
  decrypt(sealed: Buffer): string | Promise<string>;
}

/** Where the sealed bytes live (a file under userData in the app; memory in tests). */
export interface SealedStore {
  read(): Promise<Buffer | undefined>;
  write(sealed: Buffer): Promise<void>;
  clear(): Promise<void>;
}

export class EncryptedCachePlugin implements ICachePlugin {
  constructor(
    private readonly cipher: CacheCipher,
    private readonly store: SealedStore,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const sealed = await this.store.read();
    if (!sealed || sealed.length === 0) return;
    let plain: string;
    try {
      plain = await this.cipher.decrypt(sealed);
    } catch {
      // A cache sealed by another user or machine cannot be opened: start signed out, not broken.
      await this.store.clear();
      return;
    }
    context.tokenCache.deserialize(plain);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    await this.store.write(await this.cipher.encrypt(context.tokenCache.serialize()));
  }

  clear(): Promise<void> {
    return this.store.clear();
  }
}

/** A store in memory: for tests, and for app-only runs that keep nothing between runs. */
export class MemorySealedStore implements SealedStore {
  private sealed: Buffer | undefined;

  read(): Promise<Buffer | undefined> {
    return Promise.resolve(this.sealed);
  }

  write(sealed: Buffer): Promise<void> {
    this.sealed = Buffer.from(sealed);
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.sealed = undefined;
    return Promise.resolve();
  }
}
