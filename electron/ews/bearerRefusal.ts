// Why Exchange Online refused an OAuth token, in words an admin can act on. Its 401 carries a
// Bearer challenge with error="invalid_token" (RFC 6750 §3) and the reason in the non-standard
// x-ms-diagnostics header, "code;reason=\"…\";error_category=\"…\"" (Microsoft's EWS OAuth pages
// name the header; its codes and wordings are not documented, so only the category chooses the
// advice and the reason is shown as it came).
import { EwsError } from './errors';

export interface BearerDiagnostics {
  code?: string;
  reason?: string;
  category?: string;
}

/** Reads an x-ms-diagnostics value; undefined when there is none. */
export function parseDiagnostics(header: string | undefined): BearerDiagnostics | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const code = /^(\d+)\s*(?:;|$)/.exec(value)?.[1];
  const reason = /reason="((?:[^"\\]|\\.)*)"/.exec(value)?.[1];
  const category = /error_category="([^"]*)"/.exec(value)?.[1];
  return { ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }), ...(category === undefined ? {} : { category }) };
}

/** The RFC 6750 error of a Bearer challenge among the 401's WWW-Authenticate values. */
export function bearerError(wwwAuthenticate: readonly string[]): string | undefined {
  for (const value of wwwAuthenticate) {
    if (!/^bearer\b/i.test(value.trim())) continue;
    const error = /\berror="([^"]*)"/i.exec(value)?.[1];
    if (error !== undefined) return error;
  }
  return undefined;
}

const ADVICE: Record<string, string> = {
  invalid_resource:
    'The token is for another resource: EWS in Exchange Online takes tokens for https://outlook.office365.com (scope https://outlook.office365.com/EWS.AccessAsUser.All).',
  invalid_grant:
    'The token does not carry the delegated permission EWS.AccessAsUser.All: add it to the app registration (API permissions → Office 365 Exchange Online → Delegated) and grant consent, then sign in again.',
  invalid_token: 'Sign out and sign in again; if it persists, check that the tenant id and the sign-in authority are those of the mailbox’s organisation.',
};

/**
 * The error for a 401 that refused a bearer token, or undefined when the 401 says nothing about the
 * token (no Bearer error, no diagnostics): the caller's generic 401 then stands.
 */
export function bearerRefusal(wwwAuthenticate: readonly string[], diagnosticsHeader: string | undefined): EwsError | undefined {
  const diagnostics = parseDiagnostics(diagnosticsHeader);
  const error = bearerError(wwwAuthenticate);
  if (diagnostics === undefined && error === undefined) return undefined;
  const category = diagnostics?.category ?? error ?? 'invalid_token';
  const reason = diagnostics?.reason ?? 'no reason given';
  const code = diagnostics?.code === undefined ? '' : ` ${diagnostics.code}`;
  return new EwsError('auth', `Exchange refused the access token (HTTP 401, ${category}${code}): ${reason} ${ADVICE[category] ?? ADVICE.invalid_token}`, {
    status: 401,
    ...(diagnosticsHeader === undefined ? {} : { serverMessage: diagnosticsHeader }),
  });
}
