// How the service seals secrets at rest. Electron's safeStorage implements it in the main
// process (electron/safeStorageSecrets.ts); tests pass their own. The service never writes a secret
// anywhere unless `isAvailable()` says the OS key store can protect it.

export interface SecretStore {
  /** False when the OS offers no real key store (then secrets are not saved at all). */
  isAvailable(): boolean;
  /** Seals a secret; the result is opaque text that is safe to write to disk. */
  encrypt(plain: string): string;
  /** Opens what `encrypt` produced; throws when it cannot (another user, another machine). */
  decrypt(sealed: string): string;
}
