// /{tenant}/oauth2/v2.0/authorize: the authorization code flow with PKCE (RFC 7636) and a
// loopback redirect (RFC 8252). A bad client or redirect URI is shown on the authority's own page
// (never redirected to, as Entra ID does); other errors go back to the redirect URI. The user
// signs in on a small form (store users and passwords), or is approved at once with autoApprove.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, redirect, sendHtml } from '../httpUtil';
import type { User } from '../../sim/model';
import { DECLINED, mayConsent, recordConsent, showConsent, takeConsent } from './consent';
import { redirectUriRegistered, type AppRegistration } from './registry';
import { parseScopes } from './scopes';
import { CODE_LIFETIME_MS, grantedTo, opaqueToken, type AuthorityState } from './state';

function errorPage(res: ServerResponse, status: number, aadsts: number, text: string): void {
  sendHtml(
    res,
    status,
    `<!doctype html><title>Sign in</title><h1>Sorry, but we’re having trouble signing you in.</h1><p id="error">AADSTS${aadsts}: ${escapeHtml(text)}</p>`,
  );
}

/**
 * The answer to the redirect URI: in its query (response_mode=query, the default for code), or as
 * a self-submitting form (response_mode=form_post, which MSAL Node's loopback listener requires).
 */
function back(res: ServerResponse, redirectUri: string, mode: string | null, params: Record<string, string | undefined>): void {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (mode === 'form_post') {
    const inputs = entries.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
    sendHtml(
      res,
      200,
      `<!doctype html><title>Working...</title><form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form><script>document.forms[0].submit();</script>`,
    );
    return;
  }
  const url = new URL(redirectUri);
  for (const [k, v] of entries) url.searchParams.set(k, v);
  redirect(res, url.toString());
}

function signInPage(res: ServerResponse, action: string, params: URLSearchParams, message?: string): void {
  const hidden = [...params.entries()]
    .filter(([k]) => k !== 'login' && k !== 'passwd')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const hint = params.get('login_hint') ?? '';
  sendHtml(
    res,
    200,
    `<!doctype html><title>Sign in to your account</title><h1>Sign in</h1>${message ? `<p id="error">${escapeHtml(message)}</p>` : ''}` +
      `<form method="post" action="${escapeHtml(action)}">${hidden}` +
      `<label>Email <input name="login" id="login" type="email" value="${escapeHtml(hint)}"></label>` +
      `<label>Password <input name="passwd" id="passwd" type="password"></label>` +
      `<button type="submit" id="signin">Sign in</button></form>`,
  );
}

/** Issues the authorization code for a signed-in user whose permissions are all consented. */
function issueCode(state: AuthorityState, res: ServerResponse, app: AppRegistration, user: User, params: URLSearchParams): void {
  const redirectUri = params.get('redirect_uri') ?? '';
  const mode = params.get('response_mode');
  const state_ = params.get('state') ?? undefined;
  const scopes = parseScopes(app, params.get('scope'), 'delegated', { consented: grantedTo(state, app, user) });
  if ('error' in scopes)
    return back(res, redirectUri, mode, { error: String(scopes.error.error), error_description: String(scopes.error.error_description), state: state_ });
  const code = opaqueToken();
  const method = params.get('code_challenge_method') ?? (params.has('code_challenge') ? 'plain' : undefined);
  state.codes.set(code, {
    clientId: app.clientId,
    redirectUri,
    user,
    scopes: [...scopes.ok.permissions.map((p) => `${scopes.ok.resource}/${p}`), ...scopes.ok.oidc],
    challenge: params.get('code_challenge') ?? undefined,
    challengeMethod: method === 'S256' || method === 'plain' ? method : undefined,
    nonce: params.get('nonce') ?? undefined,
    expires: Date.now() + CODE_LIFETIME_MS,
  });
  back(res, redirectUri, mode, { code, state: state_, session_state: opaqueToken().slice(0, 16) });
}

/** The consent page's Accept or Cancel. */
function answerConsent(state: AuthorityState, res: ServerResponse, id: string, answer: string | null): void {
  const taken = takeConsent(state, id, answer);
  const app = taken === undefined ? undefined : state.apps.get(taken.params.get('client_id') ?? '');
  if (taken === undefined || app === undefined) return errorPage(res, 400, 90014, 'The consent request expired or is unknown: sign in again from the app.');
  if (!taken.accepted) {
    return back(res, taken.params.get('redirect_uri') ?? '', taken.params.get('response_mode'), { ...DECLINED, state: taken.params.get('state') ?? undefined });
  }
  recordConsent(state, app, taken.user, taken.missing);
  issueCode(state, res, app, taken.user, taken.params);
}

/** `params`: the query of a GET, or the posted form of the sign-in or consent page. */
export function authorize(state: AuthorityState, req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams): void {
  const consentId = params.get('consent_id');
  if (consentId !== null && req.method === 'POST') return answerConsent(state, res, consentId, params.get('consent'));
  const clientId = params.get('client_id') ?? '';
  const app = state.apps.get(clientId);
  if (!app) return errorPage(res, 400, 700016, `Application with identifier '${clientId}' was not found in the directory '${state.tenantId}'.`);
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!redirectUriRegistered(app, redirectUri)) {
    return errorPage(
      res,
      400,
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    );
  }
  const state_ = params.get('state') ?? undefined;
  const mode = params.get('response_mode');
  if (mode !== null && mode !== 'query' && mode !== 'form_post') {
    return back(res, redirectUri, null, {
      error: 'invalid_request',
      error_description: "AADSTS900144: response_mode must be 'query' or 'form_post' for the code flow.",
      state: state_,
    });
  }
  if (params.get('response_type') !== 'code') {
    return back(res, redirectUri, mode, {
      error: 'unsupported_response_type',
      error_description: 'AADSTS700054: response_type is not supported for this flow.',
      state: state_,
    });
  }
  const method = params.get('code_challenge_method') ?? (params.has('code_challenge') ? 'plain' : undefined);
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    return back(res, redirectUri, mode, { error: 'invalid_request', error_description: 'AADSTS501491: Invalid code_challenge_method.', state: state_ });
  }
  // Not yet consented is asked on the consent page once the user is known, not refused here.
  const scopes = parseScopes(app, params.get('scope'), 'delegated', { collectMissing: true });
  if ('error' in scopes)
    return back(res, redirectUri, mode, { error: String(scopes.error.error), error_description: String(scopes.error.error_description), state: state_ });

  let login = state.autoApprove;
  if (login === undefined) {
    if (req.method !== 'POST') return signInPage(res, path, params);
    const user = state.store.user(params.get('login') ?? '');
    if (!user || user.password !== params.get('passwd')) {
      return signInPage(res, path, params, 'AADSTS50126: Error validating credentials due to invalid username or password.');
    }
    login = user.smtp;
  }
  const user = state.store.user(login);
  if (!user) return errorPage(res, 400, 50034, `The user account ${login} does not exist in the directory.`);
  const granted = grantedTo(state, app, user);
  const missing = scopes.ok.missing.filter((q) => !granted.has(q));
  // Tests without pages answer the consent page as told; a user who may not consent goes back without it.
  if (missing.length > 0 && state.autoApprove !== undefined) {
    if (state.autoConsent === 'decline' || !mayConsent(state, user, missing)) return back(res, redirectUri, mode, { ...DECLINED, state: state_ });
    recordConsent(state, app, user, missing);
  } else if (missing.length > 0) {
    const kept = new URLSearchParams([...params].filter(([k]) => k !== 'login' && k !== 'passwd'));
    return showConsent(state, res, path, app, { user, params: kept, missing });
  }
  issueCode(state, res, app, user, params);
}
