// The test double for safeStorage: real AES-256-GCM under a key made per test, so "sealed" bytes
// are as unreadable as the real thing and a different key fails to open them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CacheCipher } from '../../../electron/graph/auth/tokenCache';

export function testCipher(key: Buffer = randomBytes(32)): CacheCipher & { calls: { encrypt: number; decrypt: number } } {
  const calls = { encrypt: 0, decrypt: 0 };
  return {
    calls,
    encrypt(plain: string): Buffer {
      calls.encrypt++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed: Buffer): string {
      calls.decrypt++;
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
