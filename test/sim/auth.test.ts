// Authentication, impersonation, and request-level validation (faults with HTTP 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, basic, codes, dist, fault, findItem, folderIds, getFolder, post, PASSWORD } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false, bearerTokens: { 'token-for-bob': 'bob@contoso.com' } });
});
afterAll(() => sim.close());

describe('authentication', () => {
  it('answers 401 with a WWW-Authenticate challenge without or with wrong credentials', async () => {
    for (const authorization of ['', basic(ADMIN, 'wrong'), basic('nobody@contoso.com', PASSWORD), 'Bearer unknown']) {
      const answer = await post(sim, getFolder(dist('inbox')), { authorization });
      expect(answer.status).toBe(401);
      expect(String(answer.headers['www-authenticate'])).toContain('Basic');
      expect(String(answer.headers['www-authenticate'])).toContain('Bearer');
    }
  });

  it('accepts Basic for every configured user and configured bearer tokens', async () => {
    const asAlice = await post(sim, getFolder(dist('inbox')), { user: 'alice@contoso.com' });
    expect(folderIds(asAlice.text)[0]).toBe(sim.store.folderByDistinguished('alice@contoso.com', 'inbox')?.id);
    const asBob = await post(sim, getFolder(dist('inbox')), { authorization: 'Bearer token-for-bob' });
    expect(folderIds(asBob.text)[0]).toBe(sim.store.folderByDistinguished('bob@contoso.com', 'inbox')?.id);
  });

  it('answers only POST on /EWS/Exchange.asmx', async () => {
    expect((await fetch(sim.url, { headers: { authorization: basic(ADMIN, PASSWORD) } })).status).toBe(405);
    expect((await fetch(sim.url.replace('Exchange.asmx', 'Other.asmx'), { method: 'POST' })).status).toBe(404);
    // The path is case-insensitive, as on IIS.
    expect((await fetch(sim.url.toLowerCase(), { method: 'POST', headers: { authorization: basic(ADMIN, PASSWORD) }, body: 'x' })).status).toBe(500);
  });
});

describe('impersonation', () => {
  it('lets a granted account act as another user', async () => {
    const answer = await post(sim, getFolder(dist('inbox')), { impersonate: 'carol@contoso.com' });
    expect(codes(answer.text)).toEqual(['NoError']);
    expect(folderIds(answer.text)[0]).toBe(sim.store.folderByDistinguished('carol@contoso.com', 'inbox')?.id);
  });

  it('refuses an account without the right: HTTP 500 ErrorImpersonateUserDenied', async () => {
    const answer = await post(sim, getFolder(dist('inbox')), { user: 'alice@contoso.com', impersonate: 'bob@contoso.com' });
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorImpersonateUserDenied');
    expect(answer.text).toContain('<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorImpersonateUserDenied</faultcode>');
  });

  it('answers a nonexistent impersonated mailbox with an ErrorNonExistentMailbox fault', async () => {
    const answer = await post(sim, getFolder(dist('inbox')), { impersonate: 'ghost@contoso.com' });
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorNonExistentMailbox');
  });

  it('an impersonated user without rights cannot open other mailboxes (not found, as for a delegate without access)', async () => {
    const answer = await post(sim, getFolder(dist('inbox', 'bob@contoso.com')), { impersonate: 'alice@contoso.com' });
    expect(codes(answer.text)).toEqual(['ErrorFolderNotFound']);
  });
});

describe('request validation', () => {
  const rawEnvelope = (body: string, header = '<t:RequestServerVersion Version="Exchange2013_SP1"/>') =>
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><soap:Header>${header}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;

  it('faults on malformed XML, an unknown operation, missing required parts, a bad server version and an empty body', async () => {
    const cases: Array<[string, string]> = [
      ['<soap:Envelope><unclosed>', 'ErrorSchemaValidation'],
      [rawEnvelope('<m:DeleteItems DeleteType="HardDelete"/>'), 'ErrorSchemaValidation'],
      [
        rawEnvelope('<m:FindItem Traversal="Shallow"><m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>'),
        'ErrorSchemaValidation',
      ],
      [rawEnvelope(findItem(dist('inbox')).replace('Traversal="Shallow"', 'Traversal="Sideways"')), 'ErrorSchemaValidation'],
      [
        rawEnvelope(
          '<m:GetFolder><m:FolderShape><t:BaseShape>Everything</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
        ),
        'ErrorSchemaValidation',
      ],
      [rawEnvelope('<m:DeleteItem DeleteType="HardDelete"><m:ItemIds/></m:DeleteItem>'), 'ErrorSchemaValidation'],
      [rawEnvelope(getFolder(dist('inbox')), '<t:RequestServerVersion Version="Exchange2019"/>'), 'ErrorInvalidServerVersion'],
      [rawEnvelope(''), 'ErrorInvalidRequest'],
    ];
    for (const [body, code] of cases) {
      const answer = await post(sim, body, { raw: true });
      expect(answer.status, body).toBe(500);
      expect(fault(answer.text)?.code, body).toBe(code);
    }
  });
});
