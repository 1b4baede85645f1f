// The permissions this app asks for. Delegated: Mail.ReadWrite for the signed-in admin's own
// mailbox, Mail.ReadWrite.Shared for mailboxes shared with them (the usual admin case), and EWS
// in Exchange Online while it lasts. App-only uses "{resource}/.default": the application
// permissions the tenant admin granted (Mail.ReadWrite, scoped by RBAC for Applications).
// MSAL adds openid, profile and offline_access itself.

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const EXCHANGE_ONLINE_RESOURCE = 'https://outlook.office365.com';

/**
 * Graph's own permissions are asked for by bare name: the identity platform reads a scope without
 * a resource as Graph's and answers Graph scopes bare, and MSAL finds a cached token only when the
 * scopes it holds match the ones asked for (a qualified ask answered bare would refresh on every
 * call). Another Graph endpoint (a national cloud) needs its resource named.
 */
export function graphDelegatedScopes(resource: string = GRAPH_RESOURCE, shared = true): string[] {
  const names = ['Mail.ReadWrite', ...(shared ? ['Mail.ReadWrite.Shared'] : [])];
  return resource === GRAPH_RESOURCE ? names : names.map((n) => `${resource}/${n}`);
}

/**
 * The directory look-ups of jobs over many mailboxes, delegated: /users?$filter (least privileged
 * User.ReadBasic.All: display name, mail and user principal name are in its basic profile) and
 * /groups with /groups/{id}/transitiveMembers (GroupMember.Read.All, which needs admin consent).
 * Asked on their own, when the admin first needs them (incremental consent).
 */
export function graphDirectoryScopes(resource: string = GRAPH_RESOURCE): string[] {
  const names = ['User.ReadBasic.All', 'GroupMember.Read.All'];
  return resource === GRAPH_RESOURCE ? names : names.map((n) => `${resource}/${n}`);
}

export function ewsDelegatedScopes(resource: string = EXCHANGE_ONLINE_RESOURCE): string[] {
  return [`${resource}/EWS.AccessAsUser.All`];
}

export function appOnlyScopes(resource: string = GRAPH_RESOURCE): string[] {
  return [`${resource}/.default`];
}
