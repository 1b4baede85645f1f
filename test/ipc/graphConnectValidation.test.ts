// The Graph connect request at the IPC boundary: which backend a request names, the Graph fields
// each sign-in kind needs, and what is refused (a non-https authority, a relative certificate path,
// a certificate for a delegated sign-in, unknown keys, tokens or secrets smuggled in).
import { describe, expect, it } from 'vitest';
import { validateArgument } from '../../electron/ipcValidation';

const delegated = {
  backend: 'graph',
  graph: { tenantId: 'contoso.onmicrosoft.com', clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', signIn: 'delegated', mailbox: 'alice@contoso.com' },
} as const;

const appOnly = {
  backend: 'graph',
  graph: {
    tenantId: '6f2d1b7a-3c4e-4a5b-9d8e-1f2a3b4c5d6e',
    clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    signIn: 'appOnly',
    mailbox: 'alice@contoso.com',
    authorityUrl: 'https://login.microsoftonline.us/6f2d1b7a-3c4e-4a5b-9d8e-1f2a3b4c5d6e',
    graphUrl: 'https://graph.microsoft.us/v1.0',
    certificate: {
      certificatePath: 'C:\\Certs\\sweeper.pem',
      privateKeyPath: '/home/admin/sweeper.key',
      thumbprint: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01',
    },
  },
  saveAs: 'Contoso over Graph',
} as const;

const graphWith = (patch: Record<string, unknown>) => ({ ...delegated, graph: { ...delegated.graph, ...patch } });

describe('connect over Graph at the IPC boundary', () => {
  it('accepts a delegated and an app-only request, for connect and Test connection', () => {
    for (const method of ['connect', 'testConnection'] as const) {
      expect(validateArgument(method, delegated)).toEqual({ ok: true, value: delegated });
      expect(validateArgument(method, appOnly)).toEqual({ ok: true, value: appOnly });
    }
  });

  it('still accepts an EWS request without a backend (as before Graph) and one naming EWS', () => {
    const ews = { url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin', secret: 'pw' };
    expect(validateArgument('connect', ews).ok).toBe(true);
    expect(validateArgument('connect', { ...ews, backend: 'ews' }).ok).toBe(true);
    // EWS fields on a Graph request, and Graph fields on an EWS one, are refused.
    expect(validateArgument('connect', { ...ews, backend: 'graph' }).ok).toBe(false);
    expect(validateArgument('connect', { ...ews, graph: delegated.graph }).ok).toBe(false);
    expect(validateArgument('connect', { ...delegated, secret: 'token' }).ok).toBe(false);
  });

  it('refuses a Graph request missing what its sign-in kind needs', () => {
    expect(validateArgument('connect', graphWith({ signIn: 'appOnly' })).ok).toBe(false);
    expect(validateArgument('connect', graphWith({ certificate: appOnly.graph.certificate })).ok).toBe(false);
    expect(validateArgument('connect', { backend: 'graph', graph: { ...delegated.graph, mailbox: undefined } }).ok).toBe(false);
    expect(validateArgument('connect', { backend: 'graph' }).ok).toBe(false);
  });

  it('refuses malformed tenant, client id, addresses and certificate paths', () => {
    const refused: unknown[] = [
      graphWith({ tenantId: 'contoso/../common' }),
      graphWith({ tenantId: '' }),
      graphWith({ clientId: 'not-a-guid' }),
      graphWith({ mailbox: 'alice' }),
      graphWith({ authorityUrl: 'http://login.microsoftonline.com/contoso' }),
      graphWith({ authorityUrl: 'https://user:pw@login.microsoftonline.com/contoso' }),
      graphWith({ graphUrl: 'ftp://graph.microsoft.com/v1.0' }),
      graphWith({ signIn: 'password' }),
      graphWith({ accessToken: 'eyJ0eXAi' }),
    ];
    const certificate = (patch: Record<string, unknown>) => ({
      ...appOnly,
      graph: { ...appOnly.graph, certificate: { ...appOnly.graph.certificate, ...patch } },
    });
    refused.push(
      certificate({ certificatePath: 'sweeper.pem' }),
      certificate({ privateKeyPath: '/tmp/key\u0000.pem' }),
      certificate({ thumbprint: 'not hex at all' }),
      certificate({ privateKeyPem: '-----BEGIN PRIVATE KEY-----' }),
    );
    for (const request of refused) {
      const result = validateArgument('connect', request);
      expect(result.ok, JSON.stringify(request)).toBe(false);
    }
  });

  it('names the offending field', () => {
    const result = validateArgument('connect', graphWith({ clientId: 'nope' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/clientId|client/);
  });

  it('takes signOut without an argument only', () => {
    expect(validateArgument('signOut', undefined).ok).toBe(true);
    expect(validateArgument('signOut', { all: true }).ok).toBe(false);
  });
});
