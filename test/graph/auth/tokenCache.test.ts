import type { TokenCacheContext } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { EncryptedCachePlugin, MemorySealedStore } from '../../../electron/graph/auth/tokenCache';
import { testCipher } from './cipherDouble';

/** The two members of MSAL's TokenCacheContext the plugin uses. */
function context(initial: string, changed: boolean): { ctx: TokenCacheContext; loaded: string[] } {
  const loaded: string[] = [];
  const ctx = { cacheHasChanged: changed, tokenCache: { serialize: () => initial, deserialize: (text: string) => void loaded.push(text) } };
  return { ctx: ctx as unknown as TokenCacheContext, loaded };
}

const CACHE = JSON.stringify({ RefreshToken: { k: { secret: 'refresh-secret-value' } }, AccessToken: {}, Account: {}, IdToken: {}, AppMetadata: {} });

describe('encrypted token cache plugin', () => {
  it('writes only sealed bytes, and only when the cache changed', async () => {
    const store = new MemorySealedStore();
    const cipher = testCipher();
    const plugin = new EncryptedCachePlugin(cipher, store);
    await plugin.afterCacheAccess(context(CACHE, false).ctx);
    expect(await store.read()).toBeUndefined();
    await plugin.afterCacheAccess(context(CACHE, true).ctx);
    const sealed = await store.read();
    expect(sealed?.toString('latin1')).not.toContain('refresh-secret-value');
    expect(sealed?.toString('latin1')).not.toContain('RefreshToken');
    expect(cipher.calls.encrypt).toBe(1);
  });

  it('reads the sealed cache back into MSAL', async () => {
    const store = new MemorySealedStore();
    const plugin = new EncryptedCachePlugin(testCipher(Buffer.alloc(32, 3)), store);
    await plugin.afterCacheAccess(context(CACHE, true).ctx);
    const { ctx, loaded } = context('', false);
    await new EncryptedCachePlugin(testCipher(Buffer.alloc(32, 3)), store).beforeCacheAccess(ctx);
    expect(loaded).toEqual([CACHE]);
  });

  it('loads nothing from an empty store', async () => {
    const { ctx, loaded } = context('', false);
    const cipher = testCipher();
    await new EncryptedCachePlugin(cipher, new MemorySealedStore()).beforeCacheAccess(ctx);
    expect(loaded).toEqual([]);
    expect(cipher.calls.decrypt).toBe(0);
  });

  it('drops a cache it cannot decrypt instead of failing every sign-in', async () => {
    const store = new MemorySealedStore();
    await store.write(Buffer.from('not sealed by this key at all, and long enough'));
    const { ctx, loaded } = context('', false);
    await new EncryptedCachePlugin(testCipher(), store).beforeCacheAccess(ctx);
    expect(loaded).toEqual([]);
    expect(await store.read()).toBeUndefined();
  });

  it('clears the store on request', async () => {
    const store = new MemorySealedStore();
    const plugin = new EncryptedCachePlugin(testCipher(), store);
    await plugin.afterCacheAccess(context(CACHE, true).ctx);
    await plugin.clear();
    expect(await store.read()).toBeUndefined();
  });
});
