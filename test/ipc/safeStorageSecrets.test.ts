// The safeStorage-backed SecretStore: sealed text round-trips, and a key store that is no key
// store (Linux 'basic_text', or none) counts as unavailable.
import { describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../electron/safeStorageSecrets';

function fakeSafeStorage(available: boolean, backend: string): SafeStorageLike {
  // Reversible stand-in for the OS cipher: bytes reversed and flipped, never the plain text.
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) =>
      Buffer.from(
        Buffer.from(plain, 'utf8')
          .map((byte) => byte ^ 0xa5)
          .reverse(),
      ),
    decryptString: (sealed) =>
      Buffer.from(
        Buffer.from(sealed)
          .reverse()
          .map((byte) => byte ^ 0xa5),
      ).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

describe('createSafeStorageSecretStore', () => {
  it('seals to text that does not contain the secret and opens it again', () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    const sealed = store.encrypt('Hunter2-Secret');
    expect(sealed).not.toContain('Hunter2');
    expect(Buffer.from(sealed, 'base64').toString('utf8')).not.toContain('Hunter2');
    expect(store.decrypt(sealed)).toBe('Hunter2-Secret');
  });

  it("treats Linux's hard-coded basic_text key as no key store", () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage(true, 'basic_text'), 'linux');
    expect(store.isAvailable()).toBe(false);
    expect(() => store.encrypt('x')).toThrow(/No OS key store/);
  });

  it('is unavailable when safeStorage says so, and available on Windows and macOS otherwise', () => {
    expect(createSafeStorageSecretStore(fakeSafeStorage(false, 'unknown'), 'win32').isAvailable()).toBe(false);
    expect(createSafeStorageSecretStore(fakeSafeStorage(true, 'unknown'), 'win32').isAvailable()).toBe(true);
    expect(createSafeStorageSecretStore(fakeSafeStorage(true, 'unknown'), 'darwin').isAvailable()).toBe(true);
  });
});
