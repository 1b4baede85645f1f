// Scope handling of the v2 endpoint: resource-qualified scopes, one resource per request
// (AADSTS28000), only consented permissions (AADSTS65001), `.default` for all consented ones. The
// authorize step collects what is not consented yet instead, for its consent page (incremental consent).
import { OIDC_SCOPES, qualifyScope, splitScope, type AppRegistration } from './registry';
import { oauthError } from './state';

export interface ScopeRequest {
  resource: string | undefined;
  /** Permissions of that resource (no resource prefix). */
  permissions: string[];
  oidc: string[];
  /** Qualified permissions asked that nobody consented to yet (authorize only, `collectMissing`). */
  missing: string[];
}

export interface ScopeOptions {
  /** Qualified delegated permissions granted (default the app's tenant-wide grant). */
  consented?: ReadonlySet<string>;
  /** Lists unconsented permissions in `missing` rather than refusing them (the authorize step's consent page). */
  collectMissing?: boolean;
}

export type ScopeResult = { ok: ScopeRequest } | { error: Record<string, unknown> };

export function parseScopes(app: AppRegistration, scopeText: string | null, kind: 'delegated' | 'app', options: ScopeOptions = {}): ScopeResult {
  const requested = (scopeText ?? '').split(/\s+/).filter((s) => s !== '');
  if (requested.length === 0) return { error: oauthError('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.") };
  const oidc = requested.filter((s) => OIDC_SCOPES.includes(s));
  const resourceScopes = requested.filter((s) => !OIDC_SCOPES.includes(s)).map(qualifyScope);
  const split = resourceScopes.map(splitScope);
  if (split.some((s) => s === undefined)) {
    return {
      error: oauthError(
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope ${requested.join(' ')} is not valid.`,
      ),
    };
  }
  const resources = new Set(split.map((s) => s?.resource));
  if (resources.size > 1) {
    return {
      error: oauthError('invalid_request', 28000, 'Provided value for the input parameter scope is not valid because it contains more than one resource.'),
    };
  }
  const resource = [...resources][0];
  if (kind === 'app') {
    const onlyDefault = split.length === 1 && split[0]?.permission === '.default' && oidc.length === 0;
    if (!onlyDefault)
      return {
        error: oauthError(
          'invalid_scope',
          1002012,
          `The provided value for scope ${requested.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        ),
      };
    return { ok: { resource, permissions: [...(app.applicationPermissions ?? [])], oidc: [], missing: [] } };
  }
  const consented = options.consented ?? new Set((app.delegatedPermissions ?? []).map(qualifyScope));
  const permissions: string[] = [];
  const missing: string[] = [];
  for (const s of split) {
    if (!s) continue;
    if (s.permission === '.default') {
      for (const c of consented) if (c.startsWith(`${s.resource}/`)) permissions.push(c.slice(s.resource.length + 1));
    } else if (consented.has(`${s.resource}/${s.permission}`)) permissions.push(s.permission);
    else if (options.collectMissing === true) {
      missing.push(`${s.resource}/${s.permission}`);
      permissions.push(s.permission);
    } else
      return {
        // suberror consent_required: what tells MSAL that only an interactive request can help.
        error: {
          ...oauthError(
            'invalid_grant',
            65001,
            `The user or administrator has not consented to use the application with ID '${app.clientId}'. Send an interactive authorization request for this user and resource.`,
          ),
          suberror: 'consent_required',
        },
      };
  }
  return { ok: { resource, permissions: [...new Set(permissions)], oidc, missing: [...new Set(missing)] } };
}
