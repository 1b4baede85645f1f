// The permissions this app asks for. Delegated: Mail.ReadWrite for the signed-in admin's own
// mailbox, Mail.ReadWrite.Shared for mailboxes shared with them (the usual admin case), and EWS
// in Exchange Online while it lasts. App-only uses "{resource}/.default": the application
// permissions the tenant admin granted (Mail.ReadWrite, scoped by RBAC for Applications).
// MSAL adds openid, profile and offline_access itself.

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const EXCHANGE_ONLINE_RESOURCE = 'https://outlook.office365.com';

export function graphDelegatedScopes(resource: string = GRAPH_RESOURCE, shared = true): string[] {
  return [`${resource}/Mail.ReadWrite`, ...(shared ? [`${resource}/Mail.ReadWrite.Shared`] : [])];
}

export function ewsDelegatedScopes(resource: string = EXCHANGE_ONLINE_RESOURCE): string[] {
  return [`${resource}/EWS.AccessAsUser.All`];
}

export function appOnlyScopes(resource: string = GRAPH_RESOURCE): string[] {
  return [`${resource}/.default`];
}
