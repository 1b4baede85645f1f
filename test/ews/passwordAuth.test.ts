// The password sign-in without a server: the NTLMv2 key from [MS-NLMP] 4.2.4's test vector, the
// user-name forms, and which scheme is chosen from an offer (and what is said when none fits).
import { describe, expect, it } from 'vitest';
import { EwsError, PasswordAuth, parseWindowsUserName } from '../../electron/ews';
import { ntowfv2 } from '../../electron/ews/ntlm/ntlmv2';
import { parseNegTokenResp } from '../../electron/ews/ntlm/spnego';

const connection = { id: 1, authenticated: false, host: 'mail.contoso.com' };

function tokenOf(header: string | undefined, scheme: string): Buffer {
  expect(header?.startsWith(`${scheme} `)).toBe(true);
  return Buffer.from((header ?? '').slice(scheme.length + 1), 'base64');
}

describe('NTLMv2 key', () => {
  it('matches MS-NLMP 4.2.4 (User, Domain, Password)', async () => {
    expect((await ntowfv2('Password', 'User', 'Domain')).toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
  });
});

describe('parseWindowsUserName', () => {
  it('reads DOMAIN\\user, the UPN and a bare name with a domain field', () => {
    expect(parseWindowsUserName('CONTOSO\\admin')).toEqual({ user: 'admin', domain: 'CONTOSO' });
    expect(parseWindowsUserName('admin@contoso.com', 'IGNORED')).toEqual({ user: 'admin@contoso.com', domain: '' });
    expect(parseWindowsUserName(' admin ', 'CONTOSO')).toEqual({ user: 'admin', domain: 'CONTOSO' });
  });
});

describe('PasswordAuth', () => {
  it('sends nothing until the server says what it accepts, then the first allowed scheme it offers', async () => {
    const auth = new PasswordAuth({ user: 'CONTOSO\\admin', password: 'pw', schemes: ['ntlm', 'negotiate'] });
    expect(await auth.authorize(undefined, connection)).toEqual({});
    const headers = await auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Negotiate', 'NTLM', 'Basic realm="x"'] }, undefined, connection);
    expect(auth.scheme).toBe('ntlm');
    expect(auth.offeredSchemes).toEqual(['Negotiate', 'NTLM', 'Basic']);
    const negotiate = tokenOf(headers?.Authorization, 'NTLM');
    expect(negotiate.subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(negotiate.readUInt32LE(8)).toBe(1);
  });

  it('wraps NTLM in SPNEGO for Negotiate', async () => {
    const auth = new PasswordAuth({ user: 'admin@contoso.com', password: 'pw' });
    const headers = await auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Negotiate', 'NTLM'] }, undefined, connection);
    expect(auth.scheme).toBe('negotiate');
    const token = tokenOf(headers?.Authorization, 'Negotiate');
    expect(token[0]).toBe(0x60); // [APPLICATION 0] NegotiationToken with the SPNEGO OID
    expect(token.includes(Buffer.from('NTLMSSP\0', 'latin1'))).toBe(true);
    expect(() => parseNegTokenResp(Buffer.from([0x30, 0x00]))).toThrow();
  });

  it('says which schemes the server offered when none is allowed', async () => {
    const auth = new PasswordAuth({ user: 'admin', password: 'pw', domain: 'CONTOSO', schemes: ['negotiate', 'ntlm'] });
    const answer = auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Basic realm="mail"'] }, undefined, connection);
    await expect(answer).rejects.toBeInstanceOf(EwsError);
    await expect(answer).rejects.toThrow('The server offers Basic; this connection allows Negotiate, NTLM only.');
  });

  it('uses Basic when it is the allowed scheme offered, and a second 401 means the password was refused', async () => {
    const auth = new PasswordAuth({ user: 'admin@contoso.com', password: 'pw', schemes: ['ntlm', 'basic'] });
    const headers = await auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Basic realm="mail"'] }, undefined, connection);
    expect(headers).toEqual({ Authorization: `Basic ${Buffer.from('admin@contoso.com:pw').toString('base64')}` });
    expect(await auth.authorize(undefined, connection)).toEqual(headers);
    await expect(auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Basic realm="mail"'] }, undefined, connection)).rejects.toThrow(
      /credentials were refused/,
    );
  });
});
