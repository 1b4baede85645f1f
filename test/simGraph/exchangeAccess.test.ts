// EWS on the Graph simulator's mailboxes stands for Exchange Online's: it accepts the tenant's EWS
// tokens (audience https://outlook.office365.com or Exchange's app id, scope EWS.AccessAsUser.All,
// not expired) and refuses others with 401, a Bearer challenge with error="invalid_token" and the
// reason in x-ms-diagnostics. The pasted tokens of the static map keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { EXCHANGE_RESOURCE, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { EXCHANGE_APP_ID } from '../../electron/simGraph/exchangeAccess';
import { dist, folderIds, getFolder, post } from '../sim/helpers';
import { ADMIN } from './helpers';

let ews: RunningSimulator;
let graph: RunningGraphSimulator;

beforeAll(async () => {
  ews = await startSimulator({ seed: 'empty', throttling: false, bearerTokens: { 'pasted-token': 'bob@contoso.com' } });
  graph = await startGraphSimulator({ simulator: ews, throttling: false });
});
afterAll(async () => {
  await graph.close();
  await ews.close();
});

const ewsToken = (options: Parameters<RunningGraphSimulator['mintAccessToken']>[0] = {}): string =>
  graph.mintAccessToken({ user: ADMIN, permissions: ['EWS.AccessAsUser.All'], audience: EXCHANGE_RESOURCE, ...options });

async function getInbox(authorization: string): Promise<Awaited<ReturnType<typeof post>>> {
  return post(ews, getFolder(dist('inbox')), { authorization });
}

function challenges(answer: Awaited<ReturnType<typeof post>>): string {
  const value = answer.headers['www-authenticate'];
  return Array.isArray(value) ? value.join('\n') : String(value);
}

describe("EWS with the tenant's OAuth tokens", () => {
  it('opens the signed-in user’s mailbox with an EWS token (audience as URL or as app id)', async () => {
    for (const audience of [EXCHANGE_RESOURCE, EXCHANGE_APP_ID]) {
      const answer = await getInbox(`Bearer ${ewsToken({ audience })}`);
      expect(answer.status).toBe(200);
      expect(folderIds(answer.text)[0]).toBe(ews.store.folderByDistinguished(ADMIN, 'inbox')?.id);
    }
  });

  it('offers the Bearer challenge naming Exchange Online and the authority when no credentials come', async () => {
    const answer = await post(ews, getFolder(dist('inbox')), { authorization: '' });
    expect(answer.status).toBe(401);
    expect(challenges(answer)).toContain(`Bearer client_id="${EXCHANGE_APP_ID}"`);
    expect(challenges(answer)).toContain(`authorization_uri="${graph.authority}/oauth2/v2.0/authorize"`);
    expect(challenges(answer)).not.toContain('invalid_token');
    expect(answer.headers['x-ms-diagnostics']).toBeUndefined();
  });

  const refusals: Array<[string, () => string, RegExp]> = [
    [
      'a Graph token (wrong audience)',
      () => graph.mintAccessToken({ user: ADMIN }),
      /^2000003;reason=".*audience.*https:\/\/graph\.microsoft\.com.*";error_category="invalid_resource"$/,
    ],
    [
      'an expired token',
      () => ewsToken({ now: Math.floor(Date.now() / 1000) - 7200, lifetimeSeconds: 3600 }),
      /^2000001;reason="The token has expired\.";error_category="invalid_token"$/,
    ],
    ['a token without EWS.AccessAsUser.All', () => ewsToken({ permissions: ['Mail.ReadWrite'] }), /^2000008;.*error_category="invalid_grant"$/],
    ['an app-only token', () => graph.mintAccessToken({ permissions: ['full_access_as_app'], audience: EXCHANGE_RESOURCE }), /^2000008;/],
    [
      'a token of another authority',
      () => ewsToken({ issuer: 'https://login.example.com/other/v2.0' }),
      /^2000001;reason="The token issuer .* is not trusted\.";/,
    ],
    ['a token whose signature does not match', () => `${ewsToken().slice(0, -4)}AAAA`, /^2000001;reason="The token signature could not be verified\.";/],
    ['a token that is no JWT', () => 'not-a-jwt', /^2000001;reason="The token is not a well-formed JWT\.";/],
  ];

  for (const [name, token, diagnostics] of refusals) {
    it(`refuses ${name}: 401, error="invalid_token", the reason in x-ms-diagnostics`, async () => {
      const answer = await getInbox(`Bearer ${token()}`);
      expect(answer.status).toBe(401);
      expect(challenges(answer)).toMatch(new RegExp(`Bearer client_id="${EXCHANGE_APP_ID}".*error="invalid_token"`));
      expect(String(answer.headers['x-ms-diagnostics'])).toMatch(diagnostics);
    });
  }

  it('keeps accepting the pasted tokens of the static map', async () => {
    const answer = await getInbox('Bearer pasted-token');
    expect(answer.status).toBe(200);
    expect(folderIds(answer.text)[0]).toBe(ews.store.folderByDistinguished('bob@contoso.com', 'inbox')?.id);
  });

  it('stops accepting the tenant’s tokens when the verifier is taken away', async () => {
    ews.setBearerVerifier(undefined);
    try {
      expect((await getInbox(`Bearer ${ewsToken()}`)).status).toBe(401);
    } finally {
      await graph.close();
      graph = await startGraphSimulator({ simulator: ews, throttling: false });
    }
    expect((await getInbox(`Bearer ${ewsToken()}`)).status).toBe(200);
  });
});
