// Exchange Online's refusal of an OAuth token: x-ms-diagnostics read, the advice chosen by its category.
import { describe, expect, it } from 'vitest';
import { BearerAuth } from '../../electron/ews/auth';
import { bearerError, bearerRefusal, parseDiagnostics } from '../../electron/ews/bearerRefusal';

describe('bearerRefusal', () => {
  it('reads x-ms-diagnostics', () => {
    expect(parseDiagnostics('2000008;reason="The token contains no permissions.";error_category="invalid_grant"')).toEqual({
      code: '2000008',
      reason: 'The token contains no permissions.',
      category: 'invalid_grant',
    });
    expect(parseDiagnostics(undefined)).toBeUndefined();
  });

  it('reads the Bearer challenge error among several challenges', () => {
    expect(bearerError(['Basic realm="x"', 'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", error="invalid_token"'])).toBe('invalid_token');
    expect(bearerError(['Bearer client_id="a"'])).toBeUndefined();
  });

  it('says what to do by category, and nothing for a 401 that says nothing about the token', () => {
    const grant = bearerRefusal(['Bearer error="invalid_token"'], '2000008;reason="No permissions.";error_category="invalid_grant"');
    expect(grant?.kind).toBe('auth');
    expect(grant?.status).toBe(401);
    expect(grant?.message).toMatch(/invalid_grant 2000008\): No permissions\. .*EWS\.AccessAsUser\.All/);
    expect(bearerRefusal(['Bearer error="invalid_token"'], '2000003;reason="Bad audience.";error_category="invalid_resource"')?.message).toMatch(
      /outlook\.office365\.com/,
    );
    expect(bearerRefusal(['Bearer error="invalid_token"'], undefined)?.message).toMatch(/no reason given.*sign in again/i);
    expect(bearerRefusal(['Negotiate', 'NTLM'], undefined)).toBeUndefined();
  });

  it('BearerAuth answers a challenge by rejecting with the reason, or by giving up quietly', async () => {
    const auth = new BearerAuth('t');
    await expect(
      auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Bearer'], diagnostics: '1;reason="r";error_category="invalid_token"' }),
    ).rejects.toThrow(/invalid_token 1\): r/);
    await expect(auth.respondToChallenge({ status: 401, wwwAuthenticate: ['Bearer'] })).resolves.toBeUndefined();
  });
});
