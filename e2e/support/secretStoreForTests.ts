import type { SecretStore } from '../../electron/service';

/** A stand-in for Electron's safeStorage: reversible and marked, good enough for a temp data dir. */
export const testSecretStore: SecretStore = {
  isAvailable: () => true,
  encrypt: (plain) => `test-sealed:${Buffer.from(plain, 'utf8').toString('base64')}`,
  decrypt: (sealed) => Buffer.from(sealed.replace(/^test-sealed:/, ''), 'base64').toString('utf8'),
};
