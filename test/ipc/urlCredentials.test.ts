// Issue 14, point 6: a password typed into an address (https://user:pw@host/…) is refused at the
// IPC boundary for every method that takes an address, and the message never repeats it.
import { describe, expect, it } from 'vitest';
import { validateArgument } from '../../electron/ipcValidation';

const WITH_PASSWORD = 'https://admin:Typed-Secret-1@mail.contoso.com/EWS/Exchange.asmx';
const WITH_USER = 'https://admin@mail.contoso.com/EWS/Exchange.asmx';
const CLEAN = 'https://mail.contoso.com/EWS/Exchange.asmx';

describe('addresses with credentials in them', () => {
  it('are refused for connect and testConnection, without echoing the password', () => {
    for (const method of ['connect', 'testConnection'] as const) {
      for (const url of [WITH_PASSWORD, WITH_USER]) {
        const result = validateArgument(method, { url, authKind: 'basic', user: 'admin@contoso.com', secret: 'pw' });
        expect(result.ok, `${method} ${url}`).toBe(false);
        if (!result.ok) {
          expect(result.message).toMatch(/url: must not contain a user name or password/);
          expect(result.message).not.toContain('Typed-Secret-1');
        }
      }
      expect(validateArgument(method, { url: CLEAN, authKind: 'basic', user: 'admin@contoso.com', secret: 'pw' }).ok).toBe(true);
    }
  });

  it('are refused as a proxy address too', () => {
    const result = validateArgument('connect', {
      url: CLEAN,
      authKind: 'basic',
      user: 'admin@contoso.com',
      secret: 'pw',
      proxy: { url: 'http://puser:proxy-secret@proxy.contoso.com:8080' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toContain('proxy-secret');
  });
});
