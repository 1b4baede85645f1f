// The SecretStore of the service, backed by Electron's safeStorage (DPAPI on Windows, Keychain
// on macOS, the desktop keyring on Linux).
import type { SecretStore } from './service/secretStore';

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretStore {
  const isAvailable = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a keyring Chromium falls back to 'basic_text', a key hard-coded in
    // the browser: as good as plain text, so it counts as unavailable.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
    return true;
  };
  return {
    isAvailable,
    encrypt(plain) {
      if (!isAvailable()) throw new Error('No OS key store is available to protect the secret.');
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(sealed) {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
