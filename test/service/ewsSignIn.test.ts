// The service's Microsoft 365 step before an EWS connect: other sign-in kinds pass unchanged; without
// the Graph sign-in (or its EWS token) it is unavailable in words; a sign-in lends the token getter.
import { describe, expect, it } from 'vitest';
import type { ConnectionParams, GraphConnector } from '../../electron/backends/port';
import { MICROSOFT365_UNAVAILABLE, withMicrosoft365Token } from '../../electron/service/ewsSignIn';

const base: ConnectionParams = { url: 'https://outlook.office365.com/EWS/Exchange.asmx', authKind: 'microsoft365', demo: false };
const signIn = { tenantId: 'contoso.onmicrosoft.com', clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' };

function fakeConnector(ewsToken?: GraphConnector['ewsToken']): Pick<GraphConnector, 'ewsToken'> {
  return ewsToken === undefined ? {} : { ewsToken };
}

describe('withMicrosoft365Token', () => {
  it('passes other sign-in kinds unchanged', async () => {
    const basic: ConnectionParams = { ...base, authKind: 'basic', user: 'a', secret: 'b' };
    expect(await withMicrosoft365Token(basic, undefined)).toEqual({ ok: true, params: basic });
  });

  it('is unavailable without the Graph sign-in or its EWS token, and invalid without the ids', async () => {
    expect(await withMicrosoft365Token({ ...base, microsoft365: signIn }, undefined)).toEqual({ ok: false, error: MICROSOFT365_UNAVAILABLE });
    expect(await withMicrosoft365Token({ ...base, microsoft365: signIn }, fakeConnector())).toEqual({ ok: false, error: MICROSOFT365_UNAVAILABLE });
    expect(await withMicrosoft365Token(base, fakeConnector())).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('lends the signed-in account and the token getter; a failed sign-in is said as it came', async () => {
    const token = (): Promise<string> => Promise.resolve('jwt');
    const result = await withMicrosoft365Token(
      { ...base, microsoft365: signIn },
      fakeConnector(() => Promise.resolve({ ok: true, account: 'admin@contoso.com', token })),
    );
    expect(result).toMatchObject({ ok: true, params: { user: 'admin@contoso.com', token } });
    const failed = await withMicrosoft365Token(
      { ...base, microsoft365: signIn },
      fakeConnector(() => Promise.resolve({ ok: false, error: { kind: 'consent', message: 'grant it' } })),
    );
    expect(failed).toEqual({ ok: false, error: { kind: 'consent', message: 'grant it' } });
  });
});
