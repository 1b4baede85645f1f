// The consent step of /authorize (incremental consent): a signed-in user asked for delegated
// permissions nobody consented to yet sees the permissions and accepts or cancels; a permission
// only an admin may grant (ADMIN_CONSENT_DELEGATED) shows "Need admin approval" to anyone else, whose
// only way on is back to the app without consent. Both refusals reach the app as the identity
// platform's error=access_denied with AADSTS65004 ("User declined to consent to access the app").
// What a user accepts is their own grant (consentType Principal), kept for refresh tokens too.
import type { ServerResponse } from 'node:http';
import type { User } from '../../sim/model';
import { escapeHtml, sendHtml } from '../httpUtil';
import { ADMIN_CONSENT_DELEGATED, type AppRegistration } from './registry';
import { consentKey, opaqueToken, type AuthorityState } from './state';

/** How long a consent page waits for its answer (as an authorization code lives). */
const CONSENT_LIFETIME_MS = 10 * 60_000;

export const DECLINED = {
  error: 'access_denied',
  error_subcode: 'cancel',
  error_description: 'AADSTS65004: User declined to consent to access the app.',
} as const;

/** Whether this user may consent to all of `missing` (admin-only permissions need a tenant admin). */
export function mayConsent(state: AuthorityState, user: User, missing: readonly string[]): boolean {
  return missing.every((q) => !ADMIN_CONSENT_DELEGATED.has(q)) || state.tenantAdmins.has(user.smtp.toLowerCase());
}

export function recordConsent(state: AuthorityState, app: AppRegistration, user: User, scopes: readonly string[]): void {
  const key = consentKey(app.clientId, user);
  const held = state.userConsents.get(key) ?? new Set<string>();
  for (const s of scopes) held.add(s);
  state.userConsents.set(key, held);
}

/** Shows the consent page (or "Need admin approval"); its form posts `consent_id` and `consent` back to `action`. */
export function showConsent(
  state: AuthorityState,
  res: ServerResponse,
  action: string,
  app: AppRegistration,
  pending: { user: User; params: URLSearchParams; missing: readonly string[] },
): void {
  const id = opaqueToken();
  state.consents.set(id, { ...pending, expires: Date.now() + CONSENT_LIFETIME_MS });
  const name = escapeHtml(app.displayName ?? app.clientId);
  const list = `<ul id="permissions">${pending.missing.map((q) => `<li>${escapeHtml(q.slice(q.lastIndexOf('/') + 1))}</li>`).join('')}</ul>`;
  const form = (buttons: string): string =>
    `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="consent_id" value="${escapeHtml(id)}">${buttons}</form>`;
  if (!mayConsent(state, pending.user, pending.missing)) {
    sendHtml(
      res,
      200,
      `<!doctype html><title>Need admin approval</title><h1>Need admin approval</h1><p>${name} needs permission to access resources in your organization that only an admin can grant.</p>${list}` +
        form('<button type="submit" name="consent" value="decline" id="decline">Return to the application without granting consent</button>'),
    );
    return;
  }
  sendHtml(
    res,
    200,
    `<!doctype html><title>Permissions requested</title><h1>Permissions requested</h1><p>${name} would like to:</p>${list}` +
      form(
        '<button type="submit" name="consent" value="accept" id="accept">Accept</button><button type="submit" name="consent" value="decline" id="decline">Cancel</button>',
      ),
  );
}

/** The consent page's answer: the pending request (undefined when unknown or expired) and whether it was accepted. */
export function takeConsent(
  state: AuthorityState,
  id: string,
  answer: string | null,
): { user: User; params: URLSearchParams; missing: readonly string[]; accepted: boolean } | undefined {
  const pending = state.consents.get(id);
  state.consents.delete(id);
  if (pending === undefined || pending.expires < Date.now()) return undefined;
  return {
    user: pending.user,
    params: pending.params,
    missing: pending.missing,
    accepted: answer === 'accept' && mayConsent(state, pending.user, pending.missing),
  };
}
