import { describe, expect, it } from 'vitest';
import { authorityHost, authorityOptions } from '../../../electron/graph/auth/authority';
import { appOnlyScopes, ewsDelegatedScopes, graphDelegatedScopes } from '../../../electron/graph/auth/scopes';

const METADATA = {
  issuer: 'https://login.example.test/tenant-1/v2.0',
  authorization_endpoint: 'https://login.example.test/tenant-1/oauth2/v2.0/authorize',
  token_endpoint: 'https://login.example.test/tenant-1/oauth2/v2.0/token',
};

describe('authority configuration', () => {
  it('makes the authority a known authority with its metadata and a one-host cloud entry', () => {
    const options = authorityOptions({ url: 'https://login.example.test:8443/tenant-1', metadata: METADATA });
    expect(options.authority).toBe('https://login.example.test:8443/tenant-1');
    expect(options.knownAuthorities).toEqual(['login.example.test:8443']);
    expect(JSON.parse(options.authorityMetadata ?? '')).toEqual(METADATA);
    expect(JSON.parse(options.cloudDiscoveryMetadata ?? '')).toMatchObject({
      metadata: [{ preferred_network: 'login.example.test:8443', preferred_cache: 'login.example.test:8443', aliases: ['login.example.test:8443'] }],
    });
  });

  it('without metadata names only the known authority', () => {
    expect(authorityOptions({ url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' })).toEqual({
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
      knownAuthorities: ['login.microsoftonline.com'],
    });
  });

  it('refuses plain http and metadata missing an endpoint', () => {
    expect(() => authorityHost('http://login.example.test/t')).toThrow(RangeError);
    expect(() => authorityOptions({ url: 'https://login.example.test/t', metadata: { ...METADATA, token_endpoint: 'not a url' } })).toThrow();
  });
});

describe('scopes', () => {
  it('asks Graph for Mail.ReadWrite (and .Shared for mailboxes shared with the admin)', () => {
    // Bare names are Graph's (global service); another Graph endpoint is named.
    expect(graphDelegatedScopes()).toEqual(['Mail.ReadWrite', 'Mail.ReadWrite.Shared']);
    expect(graphDelegatedScopes('https://graph.microsoft.us', false)).toEqual(['https://graph.microsoft.us/Mail.ReadWrite']);
  });

  it('asks Exchange Online for EWS.AccessAsUser.All, and .default for app-only', () => {
    expect(ewsDelegatedScopes()).toEqual(['https://outlook.office365.com/EWS.AccessAsUser.All']);
    expect(appOnlyScopes()).toEqual(['https://graph.microsoft.com/.default']);
    expect(appOnlyScopes('https://outlook.office365.com')).toEqual(['https://outlook.office365.com/.default']);
  });
});
