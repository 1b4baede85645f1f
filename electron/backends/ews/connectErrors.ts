// Turns what went wrong while connecting into a ConnectError an admin can act on. The EWS
// layer's errors are classified by kind; here they are re-worded for the "connect" moment
// (which field of the form to fix). Messages never carry the secret or request headers.
import type { AuthKind, ConnectError } from '../../../shared/ipc';
import { isEwsError, type ResponseStatus } from '../../ews';

const EWS_PATH_HINT = 'The EWS address normally looks like https://mail.example.com/EWS/Exchange.asmx.';

/** Codes that mean "this account may not open that mailbox" or "that mailbox does not exist". */
const IMPERSONATION_CODES = new Set([
  'ErrorImpersonateUserDenied',
  'ErrorImpersonationDenied',
  'ErrorInvalidExchangeImpersonationHeaderData',
  'ErrorNonExistentMailbox',
  'ErrorMailboxNotFound',
]);

export interface ConnectContext {
  url: string;
  impersonate?: string;
  authKind: AuthKind;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function impersonationError(code: string, context: ConnectContext): ConnectError {
  const who = context.impersonate ?? 'the mailbox';
  if (code === 'ErrorNonExistentMailbox' || code === 'ErrorMailboxNotFound') {
    return { kind: 'impersonation', message: `No mailbox ${who} exists on this Exchange organisation. Check the address of the mailbox to open.` };
  }
  return {
    kind: 'impersonation',
    message: `This account may not open ${who}: impersonation was denied (${code}). Grant the account the ApplicationImpersonation role, or leave "impersonate" empty to open its own mailbox.`,
  };
}

/**
 * The account may neither impersonate `context.impersonate` nor open it as a delegate: say so, and
 * which Exchange Management Shell cmdlet grants each right.
 */
export function noMailboxRightsError(context: ConnectContext, account: string | undefined): ConnectError {
  const who = context.impersonate ?? 'that mailbox';
  const user = account?.trim() || '<account>';
  return {
    kind: 'impersonation',
    message:
      `${account?.trim() || 'This account'} may not open ${who}: it has neither the ApplicationImpersonation role nor FullAccess to that mailbox. ` +
      `Grant one in the Exchange Management Shell: impersonation (any mailbox) with New-ManagementRoleAssignment -Role ApplicationImpersonation -User ${user}, ` +
      `or delegate access (this mailbox) with Add-MailboxPermission -Identity ${who} -User ${user} -AccessRights FullAccess.`,
  };
}

/** A failed per-folder answer from the connection check (GetFolder msgfolderroot). */
export function describeProbeFailure(status: ResponseStatus, context: ConnectContext): ConnectError {
  const code = status.effectiveCode || status.responseCode;
  if (IMPERSONATION_CODES.has(code)) return impersonationError(code, context);
  if (code === 'ErrorAccessDenied') {
    return { kind: 'impersonation', message: `Exchange denied access to ${context.impersonate ?? "the account's own mailbox"} (ErrorAccessDenied).` };
  }
  return { kind: 'server', message: `Exchange refused to open the mailbox (${code}${status.messageText ? `: ${status.messageText}` : ''}).` };
}

/** Any error thrown while connecting. */
export function describeConnectError(error: unknown, context: ConnectContext): ConnectError {
  const host = hostOf(context.url);
  if (!isEwsError(error)) {
    return { kind: 'server', message: `Connecting to ${host} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` };
  }
  switch (error.kind) {
    case 'auth':
      if (error.status === 403) {
        return {
          kind: 'auth',
          message: `Exchange refused access (HTTP 403): the account may be blocked from EWS. Ask the Exchange administrator to allow EWS for it.`,
        };
      }
      switch (context.authKind) {
        case 'bearer':
          // Exchange Online says why (x-ms-diagnostics): that reason, else the generic advice.
          return {
            kind: 'auth',
            message:
              error.serverMessage !== undefined
                ? error.message
                : 'Exchange rejected the access token (HTTP 401): it may have expired or be meant for another resource. Get a new token.',
          };
        case 'microsoft365':
          return {
            kind: 'auth',
            message:
              error.serverMessage !== undefined || error.message.startsWith('No access token')
                ? error.message
                : `Exchange rejected the Microsoft 365 sign-in's token (HTTP 401): check that ${host} is Exchange Online's EWS (https://outlook.office365.com/EWS/Exchange.asmx) and that the app registration has the delegated permission EWS.AccessAsUser.All.`,
          };
        case 'windows':
          return {
            kind: 'auth',
            message: `${host} did not accept your Windows sign-in (HTTP 401). Sign in with a user name and password instead, or ask for ${host} to be allowed for integrated sign-in.`,
          };
        case 'password':
          // The password sign-in says which schemes were offered or that the credentials were refused.
          return {
            kind: 'auth',
            message: error.message.startsWith('Exchange rejected the sign-in (HTTP 401)')
              ? 'Exchange rejected the user name or password (HTTP 401). Check both; the user name is usually DOMAIN\\user or user@domain.'
              : error.message,
          };
        case 'basic':
          return {
            kind: 'auth',
            message:
              'Exchange rejected the user name or password (HTTP 401). Check both; the user name is usually the full address (user@domain) or DOMAIN\\user.',
          };
      }
      break;
    case 'html':
      return {
        kind: 'notEws',
        message:
          error.status === 200
            ? `${host} answered with a web page (probably a sign-in page) instead of EWS. ${EWS_PATH_HINT}`
            : `${host} answered with a web page (HTTP ${error.status ?? '?'}) instead of EWS. ${EWS_PATH_HINT}`,
      };
    case 'http':
      if (error.status === 404) return { kind: 'notEws', message: `Nothing answers EWS at this address (HTTP 404 from ${host}). ${EWS_PATH_HINT}` };
      if (error.status === 503) return { kind: 'server', message: `Exchange on ${host} is overloaded (HTTP 503). Try again in a few minutes.` };
      return { kind: 'notEws', message: `${host} answered HTTP ${error.status ?? '?'} without any EWS response. ${EWS_PATH_HINT}` };
    case 'redirect':
      return {
        kind: 'notEws',
        message: `${host} redirected the request${error.location ? ` to ${error.location}` : ''}: this is not the EWS endpoint. ${EWS_PATH_HINT}`,
      };
    case 'malformed':
      return { kind: 'notEws', message: `${host} answered, but not with EWS (${error.message}). ${EWS_PATH_HINT}` };
    case 'fault': {
      const code = error.responseCode ?? '';
      if (IMPERSONATION_CODES.has(code)) return impersonationError(code, context);
      if (code === 'ErrorServerBusy') return { kind: 'server', message: 'Exchange is busy (throttling this account). Wait a minute and connect again.' };
      return { kind: 'server', message: `Exchange answered with an error (${code || 'SOAP fault'}): ${error.serverMessage ?? error.message}` };
    }
    case 'tls':
      return {
        kind: 'tls',
        message: `The secure connection to ${host} failed: the certificate is not trusted or does not match the name. If the server uses an internal CA, install its root certificate in this computer's trusted store.`,
      };
    case 'timeout':
      return {
        kind: 'timeout',
        message: `${host} did not answer in time. Check the address and that this computer can reach the server (VPN, proxy, firewall).`,
      };
    case 'network':
      return { kind: 'network', message: `${error.message} Check the server name and port, and that this computer can reach it.` };
    case 'aborted':
      // Only the admin's Cancel aborts a connect (the service's cancelSignIn): a state, not a failure.
      return { kind: 'cancelled', message: 'The connection attempt was cancelled.' };
    case 'invalid-request':
      return { kind: 'invalid', message: error.message };
  }
}
