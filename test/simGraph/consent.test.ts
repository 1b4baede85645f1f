// The authority's incremental consent: delegated permissions nobody consented to are asked on a
// consent page once the user is known (not refused at /authorize); a user may consent to
// User.ReadBasic.All for themselves, GroupMember.Read.All only a tenant admin may grant; a refusal
// goes back as access_denied AADSTS65004; the refresh token then carries what was consented, and
// asks beyond it are invalid_grant AADSTS65001 with suberror consent_required. Plain HTTP, no MSAL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, ALICE, call, form, pkcePair } from './helpers';

const REDIRECT = 'http://localhost:53118/';
const GRAPH = 'https://graph.microsoft.com';
const PASSWORD = 'Sweeper-Demo-1!';
let sim: RunningGraphSimulator;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false }, throttling: false, apps: [DEMO_APP] });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setAutoApprove(undefined);
  sim.setAutoConsent('accept');
});

function authorizeUrl(scope: string, challenge: string): string {
  const url = new URL(`${sim.authority}/oauth2/v2.0/authorize`);
  const params = {
    client_id: DEMO_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope,
    state: 's1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

const redirectParams = (location: string | null): URLSearchParams => new URL(location ?? 'http://invalid/').searchParams;

/** Redeems a code and returns the token answer. */
async function redeem(code: string, verifier: string, scope: string): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const answer = await form(`${sim.authority}/oauth2/v2.0/token`, {
    client_id: DEMO_CLIENT_ID,
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
    scope,
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

const refresh = (refreshToken: string, scope: string) =>
  form(`${sim.authority}/oauth2/v2.0/token`, { client_id: DEMO_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope });

/** Auto-approved sign-in of `user` asking `scope`: the redirect's parameters. */
async function autoSignIn(user: string, scope: string, pair = pkcePair()): Promise<URLSearchParams> {
  sim.setAutoApprove(user);
  const res = await fetch(authorizeUrl(scope, pair.challenge), { redirect: 'manual' });
  expect(res.status).toBe(302);
  return redirectParams(res.headers.get('location'));
}

describe('incremental consent (auto-approved user)', () => {
  it('a user consents to User.ReadBasic.All for themselves; the refresh token then carries it and /users answers', async () => {
    const pair = pkcePair();
    const first = await autoSignIn(ALICE, 'Mail.ReadWrite offline_access', pair);
    const tokens = await redeem(first.get('code') ?? '', pair.verifier, 'Mail.ReadWrite offline_access');
    // Not consented yet: a silent ask says only an interactive request can help.
    const before = await refresh(tokens.refresh_token, 'User.ReadBasic.All offline_access');
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });

    const second = pkcePair();
    const asked = await autoSignIn(ALICE, 'User.ReadBasic.All offline_access', second);
    expect(asked.get('error')).toBeNull();
    await redeem(asked.get('code') ?? '', second.verifier, 'User.ReadBasic.All offline_access');
    expect(sim.userConsents(DEMO_CLIENT_ID, ALICE)).toEqual([`${GRAPH}/User.ReadBasic.All`]);
    const after = await refresh(tokens.refresh_token, 'User.ReadBasic.All offline_access');
    expect(after.status).toBe(200);
    expect(after.body.scope).toBe('User.ReadBasic.All offline_access');
    expect((await call(sim, "/users?$filter=startswith(displayName,'Bob')", { token: after.body.access_token })).status).toBe(200);
    // Her consent is hers: another user has none.
    expect(sim.userConsents(DEMO_CLIENT_ID, ADMIN)).toEqual([]);
  });

  it('GroupMember.Read.All needs an admin: a user goes back with AADSTS65004, a tenant admin consents and lists groups', async () => {
    const refused = await autoSignIn(ALICE, 'GroupMember.Read.All offline_access');
    expect(refused.get('error')).toBe('access_denied');
    expect(refused.get('error_description')).toMatch(/^AADSTS65004/);
    expect(refused.get('state')).toBe('s1');
    expect(sim.userConsents(DEMO_CLIENT_ID, ALICE)).not.toContain(`${GRAPH}/GroupMember.Read.All`);

    const pair = pkcePair();
    const granted = await autoSignIn(ADMIN, 'GroupMember.Read.All offline_access', pair);
    const tokens = await redeem(granted.get('code') ?? '', pair.verifier, 'GroupMember.Read.All offline_access');
    expect(tokens.scope).toBe('GroupMember.Read.All offline_access');
    expect((await call(sim, '/groups', { token: tokens.access_token })).status).toBe(200);
  });

  it('a declined consent page answers access_denied AADSTS65004 and records nothing', async () => {
    sim.setAutoConsent('decline');
    const declined = await autoSignIn(ADMIN, 'User.Read.All offline_access');
    expect(declined.get('error')).toBe('access_denied');
    expect(declined.get('error_subcode')).toBe('cancel');
    expect(sim.userConsents(DEMO_CLIENT_ID, ADMIN)).not.toContain(`${GRAPH}/User.Read.All`);
  });
});

describe('the consent pages', () => {
  async function signInPage(user: string, scope: string): Promise<{ html: string; url: string; pair: { verifier: string; challenge: string } }> {
    const pair = pkcePair();
    const url = authorizeUrl(scope, pair.challenge);
    const page = await form(url, { ...Object.fromEntries(new URL(url).searchParams), login: user, passwd: PASSWORD });
    expect(page.status).toBe(200);
    return { html: String(page.body), url, pair };
  }
  const consentId = (html: string): string => /name="consent_id" value="([^"]+)"/.exec(html)?.[1] ?? '';

  it('lists what is asked; Accept redirects with a code, Cancel with access_denied; an answer is used once', async () => {
    const accepted = await signInPage(ALICE, 'Mail.ReadWrite Mail.Read.Shared offline_access');
    expect(accepted.html).toContain('Permissions requested');
    expect(accepted.html).toContain('<li>Mail.Read.Shared</li>');
    expect(accepted.html).not.toContain('<li>Mail.ReadWrite</li>');
    const action = new URL(accepted.url);
    action.search = '';
    const yes = await form(action.toString(), { consent_id: consentId(accepted.html), consent: 'accept' });
    expect(yes.status).toBe(302);
    expect(redirectParams(yes.headers.get('location')).get('code')).toEqual(expect.any(String));
    const again = await form(action.toString(), { consent_id: consentId(accepted.html), consent: 'accept' });
    expect(again.status).toBe(400);

    const cancelled = await signInPage(ALICE, 'Calendars.Read offline_access');
    const no = await form(action.toString(), { consent_id: consentId(cancelled.html), consent: 'decline' });
    expect(redirectParams(no.headers.get('location')).get('error_description')).toMatch(/^AADSTS65004/);
    expect(sim.userConsents(DEMO_CLIENT_ID, ALICE)).not.toContain(`${GRAPH}/Calendars.Read`);
  });

  it('a non-admin asked an admin-only permission sees "Need admin approval", whose only way is back without consent', async () => {
    const page = await signInPage(ALICE, 'GroupMember.Read.All offline_access');
    expect(page.html).toContain('Need admin approval');
    expect(page.html).not.toContain('value="accept"');
    const action = new URL(page.url);
    action.search = '';
    // Even a forged Accept is not a grant.
    const forged = await form(action.toString(), { consent_id: consentId(page.html), consent: 'accept' });
    expect(redirectParams(forged.headers.get('location')).get('error')).toBe('access_denied');
  });
});
