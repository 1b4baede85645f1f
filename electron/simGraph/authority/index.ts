// The OpenID authority's routes, under /{tenant}/…, on the simulator's listener. Written from the
// Microsoft identity platform's v2.0 protocol pages (OpenID Connect, auth code + PKCE, client
// credentials with certificates, access token claims); see ../README.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, redirect, sendHtml, sendJson } from '../httpUtil';
import { authorize } from './authorize';
import { jwks } from './issuer';
import { instanceDiscovery, openIdConfiguration } from './metadata';
import { knowsTenant, oauthError, type AuthorityState } from './state';
import { token } from './token';

/** True when the request was one of the authority's (answered); false to let the Graph front try. */
export async function handleAuthority(state: AuthorityState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const method = req.method ?? 'GET';
  if ((parts.join('/') === 'common/discovery/instance' || parts.join('/') === 'discovery/instance') && method === 'GET') {
    sendJson(res, 200, instanceDiscovery(state));
    return true;
  }
  const [tenant, ...rest] = parts;
  const route = rest.join('/');
  const known = ['v2.0/.well-known/openid-configuration', 'discovery/v2.0/keys', 'oauth2/v2.0/authorize', 'oauth2/v2.0/token', 'oauth2/v2.0/logout'];
  if (tenant === undefined || !known.includes(route)) return false;
  if (!knowsTenant(state, tenant)) {
    sendJson(
      res,
      400,
      oauthError(
        'invalid_tenant',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      ),
    );
    return true;
  }
  if (route === 'v2.0/.well-known/openid-configuration' && method === 'GET') sendJson(res, 200, openIdConfiguration(state, tenant));
  else if (route === 'discovery/v2.0/keys' && method === 'GET') sendJson(res, 200, jwks([state.key]));
  else if (route === 'oauth2/v2.0/authorize' && method === 'GET') authorize(state, req, res, url.pathname, url.searchParams);
  else if (route === 'oauth2/v2.0/authorize' && method === 'POST') authorize(state, req, res, url.pathname, new URLSearchParams(await readBody(req)));
  else if (route === 'oauth2/v2.0/token' && method === 'POST') {
    const answer = token(state, tenant, new URLSearchParams(await readBody(req)));
    sendJson(res, answer.status, answer.body);
  } else if (route === 'oauth2/v2.0/logout' && method === 'GET') {
    const back = url.searchParams.get('post_logout_redirect_uri');
    if (back !== null) redirect(res, back);
    else sendHtml(res, 200, '<!doctype html><title>Signed out</title><p>You signed out of your account.</p>');
  } else sendJson(res, 405, oauthError('invalid_request', 900561, `The endpoint only accepts ${route.endsWith('token') ? 'POST' : 'GET'} requests.`));
  return true;
}
