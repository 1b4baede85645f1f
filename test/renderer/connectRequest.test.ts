import { describe, expect, it } from 'vitest';
import {
  buildAutodiscoverRequest,
  buildConnectRequest,
  emailDomain,
  emptyDraft,
  orderedSchemes,
  type ConnectDraft,
} from '../../renderer/src/lib/connectRequest';

const secrets = { secret: 'Pa55word!', proxyPassword: 'proxy-secret' };
const draft = (patch: Partial<ConnectDraft>): ConnectDraft => ({ ...emptyDraft, url: ' https://mail.contoso.com/EWS/Exchange.asmx ', ...patch });

describe('buildConnectRequest', () => {
  it('sends a Windows-account sign-in with the domain, the schemes in the contract order, and the password', () => {
    const request = buildConnectRequest(draft({ user: ' admin ', domain: 'CONTOSO', schemes: ['ntlm', 'negotiate'] }), secrets);
    expect(request).toEqual({
      url: 'https://mail.contoso.com/EWS/Exchange.asmx',
      authKind: 'password',
      user: 'admin',
      domain: 'CONTOSO',
      schemes: ['negotiate', 'ntlm'],
      secret: 'Pa55word!',
    });
  });

  it('sends neither a user nor a secret for Windows sign-in, and no user, domain or schemes for a token', () => {
    expect(buildConnectRequest(draft({ authKind: 'windows', user: 'admin', domain: 'CONTOSO' }), secrets)).toEqual({
      url: 'https://mail.contoso.com/EWS/Exchange.asmx',
      authKind: 'windows',
    });
    expect(buildConnectRequest(draft({ authKind: 'bearer', user: 'admin', domain: 'CONTOSO' }), secrets)).toEqual({
      url: 'https://mail.contoso.com/EWS/Exchange.asmx',
      authKind: 'bearer',
      secret: 'Pa55word!',
    });
  });

  it('adds the proxy (its password only with a proxy user), the confirmations, impersonation and the profile name', () => {
    const request = buildConnectRequest(
      draft({
        authKind: 'basic',
        user: 'admin@contoso.com',
        proxyUrl: 'http://proxy:8080',
        proxyUser: 'p',
        impersonate: ' alice@contoso.com ',
        saveAs: ' Contoso ',
      }),
      secrets,
      { trustCertificate: 'AB:CD', allowInsecureHttp: true },
      ' Contoso ',
    );
    expect(request).toMatchObject({
      authKind: 'basic',
      user: 'admin@contoso.com',
      proxy: { url: 'http://proxy:8080', user: 'p', password: 'proxy-secret' },
      impersonate: 'alice@contoso.com',
      trustCertificate: 'AB:CD',
      allowInsecureHttp: true,
      saveAs: 'Contoso',
    });
    expect(buildConnectRequest(draft({ proxyUrl: 'http://proxy:8080' }), secrets).proxy).toEqual({ url: 'http://proxy:8080' });
    expect(buildConnectRequest(draft({}), secrets, {}, '  ').saveAs).toBeUndefined();
  });
});

describe('buildAutodiscoverRequest', () => {
  it('carries the address, the sign-in and the hosts the admin allowed', () => {
    expect(buildAutodiscoverRequest(draft({ email: ' admin@contoso.com ', user: 'CONTOSO\\admin' }), secrets, ['mail.fabrikam.com'])).toEqual({
      email: 'admin@contoso.com',
      authKind: 'password',
      user: 'CONTOSO\\admin',
      schemes: ['negotiate', 'ntlm'],
      secret: 'Pa55word!',
      allowHosts: ['mail.fabrikam.com'],
    });
  });
});

describe('helpers', () => {
  it('orders schemes as the contract lists them and reads the domain of an address', () => {
    expect(orderedSchemes(['basic', 'negotiate'])).toEqual(['negotiate', 'basic']);
    expect(emailDomain('admin@contoso.com')).toBe('contoso.com');
    expect(emailDomain('admin')).toBe('');
  });
});
