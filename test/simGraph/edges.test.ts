// The edges of the listener: unknown paths, wrong methods, malformed and oversized bodies, and the
// authority's smaller routes (logout, response modes, grant types).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, call, form } from './helpers';

let sim: RunningGraphSimulator;
let token: string;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false }, throttling: false, autoApprove: ADMIN });
  token = sim.mintAccessToken({ user: ADMIN });
});
afterAll(() => sim.close());

describe('Graph front edges', () => {
  it('answers unknown paths, wrong methods and malformed JSON with Graph error bodies', async () => {
    const unknownTop = await call(sim, `${sim.url}/nothing/here`);
    expect(unknownTop.status).toBe(404);
    expect(unknownTop.body.error).toBeDefined();
    const unknownResource = await call(sim, '/me/contacts', { token });
    expect(unknownResource.status).toBe(400);
    expect(unknownResource.body.error.code).toBe('BadRequest');
    expect((await call(sim, '/$batch', { token })).status).toBe(400);
    const res = await fetch(`${sim.graphUrl}/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"requests": [',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
    const patch = await call(sim, '/me/mailFolders/inbox/messages', { method: 'POST', token, body: {} });
    expect(patch.status).toBe(400);
  });

  it('refuses an oversized body with 413', async () => {
    const huge = JSON.stringify({ requests: [], pad: 'x'.repeat(5 * 1024 * 1024) });
    const res = await fetch(`${sim.graphUrl}/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
    const tokenAnswer = await fetch(`${sim.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `pad=${'x'.repeat(5 * 1024 * 1024)}`,
    });
    expect(tokenAnswer.status).toBe(413);
    expect(((await tokenAnswer.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('answers /me with an app-only token as a bad request', async () => {
    const answer = await call(sim, '/me/mailFolders', { token: sim.mintAccessToken() });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('delegated');
  });
});

describe('authority edges', () => {
  const authorize = (params: Record<string, string>): string =>
    `${sim.authority}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DEMO_CLIENT_ID, response_type: 'code', redirect_uri: 'http://localhost:1/', scope: 'Mail.ReadWrite', state: 's', ...params })}`;

  it('sends errors back to a registered redirect URI: unknown response_mode and response_type', async () => {
    for (const [params, error] of [
      [{ response_mode: 'fragment' }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: 'x', code_challenge_method: 'S512' }, 'invalid_request'],
    ] as const) {
      const res = await fetch(authorize(params), { redirect: 'manual' });
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('location') ?? '');
      expect(back.searchParams.get('error')).toBe(error);
      expect(back.searchParams.get('state')).toBe('s');
    }
  });

  it('answers a code as a self-submitting form with response_mode=form_post', async () => {
    const res = await fetch(authorize({ response_mode: 'form_post' }), { redirect: 'manual' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /<form method="POST" name="hiddenform" action="http:\/\/localhost:1\/"><input type="hidden" name="code" value="[^"]+"><input type="hidden" name="state" value="s">/,
    );
    expect(html).toContain('document.forms[0].submit()');
  });

  it('refuses GET on the token endpoint, unknown grant types and unknown clients; logs out to the given address', async () => {
    expect((await fetch(`${sim.authority}/oauth2/v2.0/token`)).status).toBe(405);
    expect((await form(`${sim.authority}/oauth2/v2.0/token`, { client_id: DEMO_CLIENT_ID, grant_type: 'password' })).body).toMatchObject({
      error: 'unsupported_grant_type',
    });
    expect((await form(`${sim.authority}/oauth2/v2.0/token`, { client_id: 'nobody', grant_type: 'client_credentials' })).body.error_codes).toEqual([700016]);
    const out = await fetch(`${sim.authority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost:1/bye')}`, {
      redirect: 'manual',
    });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://localhost:1/bye');
    expect((await fetch(`${sim.authority}/oauth2/v2.0/logout`)).status).toBe(200);
  });
});
