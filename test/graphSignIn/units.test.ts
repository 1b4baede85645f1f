// The pieces of the Graph sign-in on their own: settings with their defaults (global and national
// clouds), AADSTS numbers and Graph failures turned into advice, the cache file names and Sign
// out's clean-up, and the service's Graph half without a connector.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileName, removeAllSignIns, SIGN_IN_CACHE_DIR, sealedStoreFor } from '../../electron/graphSignIn/cacheStore';
import { resolveSettings } from '../../electron/graphSignIn/settings';
import { aadstsCode, mailboxError, signInError, type SignInContext } from '../../electron/graphSignIn/signInErrors';
import { MemorySealedStore } from '../../electron/graph/auth/tokenCache';
import { connectGraph, graphSettingsFrom, testGraph } from '../../electron/service/graphConnect';
import type { GraphConnectionSettings } from '../../shared/ipc';
import { reversibleSecretStore } from '../service/helpers';
import { tempDir } from './support';

const base: GraphConnectionSettings = {
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  signIn: 'delegated',
  mailbox: 'alice@contoso.com',
};
const context: SignInContext = {
  signIn: 'delegated',
  tenantId: 'contoso.onmicrosoft.com',
  clientId: base.clientId,
  authorityUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
  mailbox: 'bob@contoso.com',
  account: 'alice@contoso.com',
};

describe('resolveSettings', () => {
  it('defaults to the global authority and Graph, asking for the Mail permissions by bare name', () => {
    expect(resolveSettings(base)).toEqual({
      authorityUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
      graphUrl: 'https://graph.microsoft.com/v1.0',
      resource: 'https://graph.microsoft.com',
      scopes: ['Mail.ReadWrite', 'Mail.ReadWrite.Shared'],
      mailbox: 'alice@contoso.com',
    });
    expect(resolveSettings({ ...base, signIn: 'appOnly' }).scopes).toEqual(['https://graph.microsoft.com/.default']);
  });

  it('asks a national cloud’s Graph for its own resource, and takes any other address as global Graph', () => {
    const us = resolveSettings({ ...base, authorityUrl: 'https://login.microsoftonline.us/contoso/', graphUrl: 'https://graph.microsoft.us/v1.0/' });
    expect(us).toMatchObject({
      authorityUrl: 'https://login.microsoftonline.us/contoso',
      graphUrl: 'https://graph.microsoft.us/v1.0',
      resource: 'https://graph.microsoft.us',
    });
    expect(us.scopes).toEqual(['https://graph.microsoft.us/Mail.ReadWrite', 'https://graph.microsoft.us/Mail.ReadWrite.Shared']);
    expect(resolveSettings({ ...base, graphUrl: 'https://127.0.0.1:8443/v1.0' }).resource).toBe('https://graph.microsoft.com');
  });
});

describe('sign-in errors', () => {
  it('reads the AADSTS number', () => {
    expect(aadstsCode('invalid_client: AADSTS700016: Application with identifier x was not found')).toBe(700016);
    expect(aadstsCode('network_error')).toBeUndefined();
  });

  it('turns Entra ID’s numbers into what to change', () => {
    const kindAndText = (message: string) => {
      const error = signInError(new Error(message), context);
      return `${error.kind}: ${error.message}`;
    };
    expect(kindAndText("AADSTS90002: Tenant 'nope' not found.")).toMatch(/^auth: The tenant "contoso\.onmicrosoft\.com" is not known/);
    expect(kindAndText('AADSTS700016: Application not found')).toMatch(/^auth: No application with client id 5e3ce6c0/);
    expect(kindAndText('AADSTS65001: The user or administrator has not consented')).toMatch(/^consent: .*Mail\.ReadWrite and Mail\.ReadWrite\.Shared/);
    expect(signInError(new Error('AADSTS65001: no consent'), { ...context, signIn: 'appOnly' }).message).toMatch(/application permission Mail\.ReadWrite/);
    expect(kindAndText('AADSTS50011: The redirect URI does not match')).toMatch(/http:\/\/localhost/);
    expect(kindAndText('AADSTS700027: Client assertion failed signature validation.')).toMatch(/Certificates & secrets/);
    expect(kindAndText('AADSTS53003: Access has been blocked by Conditional Access policies.')).toMatch(/Conditional Access/);
    expect(kindAndText('Sign-in request to login.microsoftonline.com failed: ECONNREFUSED')).toMatch(/^network: The sign-in authority/);
    expect(kindAndText('The sign-in in the browser did not finish within 300 s: try again.')).toMatch(/^timeout:/);
    // The first line only, without Entra's trace and correlation ids.
    expect(kindAndText('AADSTS50126: Error validating credentials. Trace ID: 1234\nCorrelation ID: 5678')).not.toMatch(/Trace ID|Correlation/);
  });

  it('says what a mailbox answer means', () => {
    expect(mailboxError({ kind: 'graph-error', status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' }, context)).toEqual({
      kind: 'permission',
      message: expect.stringMatching(
        /alice@contoso\.com may not open bob@contoso\.com .*Add-MailboxPermission -Identity bob@contoso\.com -User alice@contoso\.com/,
      ),
    });
    expect(mailboxError({ kind: 'graph-error', status: 404, code: 'ErrorInvalidUser', message: 'invalid' }, context)).toMatchObject({ kind: 'impersonation' });
    expect(mailboxError({ kind: 'graph-error', status: 401, code: 'InvalidAuthenticationToken', message: 'expired' }, context)).toMatchObject({ kind: 'auth' });
    expect(mailboxError({ kind: 'transport', reason: 'tls', message: 'CERT_HAS_EXPIRED' }, context)).toMatchObject({ kind: 'tls' });
    expect(mailboxError({ kind: 'throttled', status: 429, retryAfterMs: 2000 }, context)).toMatchObject({ kind: 'server' });
  });
});

describe('the sealed sign-in cache on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('has one file per authority and app, whatever the case or trailing slash', () => {
    const a = cacheFileName('https://login.microsoftonline.com/contoso', 'ABC');
    expect(cacheFileName('https://LOGIN.microsoftonline.com/contoso/', 'abc')).toBe(a);
    expect(cacheFileName('https://login.microsoftonline.us/contoso', 'abc')).not.toBe(a);
    expect(cacheFileName('https://login.microsoftonline.com/contoso', 'abd')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}\.msal-cache$/);
  });

  it('keeps the cache in memory only without an OS key store', () => {
    expect(sealedStoreFor(dir, reversibleSecretStore(false), 'https://login.microsoftonline.com/x', 'y')).toBeInstanceOf(MemorySealedStore);
  });

  it('Sign out removes every kept cache and nothing else', async () => {
    const folder = join(dir, SIGN_IN_CACHE_DIR);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, cacheFileName('https://a/x', 'c')), 'sealed');
    await writeFile(join(folder, cacheFileName('https://b/x', 'c')), 'sealed');
    await writeFile(join(folder, 'notes.txt'), 'kept');
    await removeAllSignIns(dir);
    expect(await readdir(folder)).toEqual(['notes.txt']);
    await removeAllSignIns(join(dir, 'missing'));
  });
});

describe('the service’s Graph half', () => {
  it('trims the settings and keeps a certificate only for app-only', () => {
    const request = {
      backend: 'graph' as const,
      graph: {
        ...base,
        tenantId: ' contoso.onmicrosoft.com ',
        mailbox: ' alice@contoso.com ',
        authorityUrl: ' ',
        certificate: { certificatePath: '/a.pem', privateKeyPath: '/a.key' },
      },
    };
    expect(graphSettingsFrom(request)).toEqual(base);
    expect(
      graphSettingsFrom({
        backend: 'graph',
        graph: { ...base, signIn: 'appOnly', certificate: { certificatePath: ' /a.pem ', privateKeyPath: '/a.key', thumbprint: ' ' } },
      }).certificate,
    ).toEqual({
      certificatePath: '/a.pem',
      privateKeyPath: '/a.key',
    });
  });

  it('says Graph is unavailable when the app was started without it', async () => {
    const tested = await testGraph(undefined, { backend: 'graph', graph: base });
    expect(tested.ok).toBe(false);
    expect(tested.steps[0]?.detail).toMatch(/not available/);
    expect(await connectGraph(undefined, base, () => ({ ok: false, error: { kind: 'invalid', message: 'never called' } }))).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
  });
});
