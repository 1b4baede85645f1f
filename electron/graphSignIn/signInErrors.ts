// Sign-in and mailbox failures in words an admin can act on: what is missing and where to add it.
// Entra ID answers OAuth errors with an AADSTS number in error_description (Microsoft identity
// platform "Error codes"): the number, not the wording, chooses the advice. Graph answers a
// mailbox this token may not open with 403 ErrorAccessDenied, an unknown one with 404.
import type { ConnectError, GraphSignInKind } from '../../shared/ipc';
import { describeFailure, type GraphFailure } from '../graph/errors';

/** The AADSTS number in an error's message, when there is one. */
export function aadstsCode(message: string): number | undefined {
  const match = /AADSTS(\d{5,8})/.exec(message);
  return match ? Number(match[1]) : undefined;
}

const firstLine = (message: string): string => message.split(/\r?\n/)[0]?.replace(/\s*Trace ID:.*$/, '') ?? message;

export interface SignInContext {
  signIn: GraphSignInKind;
  tenantId: string;
  clientId: string;
  authorityUrl: string;
  mailbox: string;
  /** Who signed in (delegated), when known. */
  account?: string;
}

/** An error thrown by MSAL (or our network module under it) during sign-in. */
export function signInError(error: unknown, context: SignInContext): ConnectError {
  const message = error instanceof Error ? error.message : String(error);
  const code = aadstsCode(message);
  const detail = firstLine(message);
  switch (code) {
    case 90002:
    case 90023:
      return {
        kind: 'auth',
        message: `The tenant "${context.tenantId}" is not known to ${context.authorityUrl}: check the tenant id (Entra ID → Overview → Tenant ID) and the authority for your cloud. (${detail})`,
      };
    case 700016:
      return {
        kind: 'auth',
        message: `No application with client id ${context.clientId} exists in tenant ${context.tenantId}: check the application (client) id, and that the app is registered in (or consented to by) this tenant. (${detail})`,
      };
    case 65001:
    case 65004:
    case 90094:
      return {
        kind: 'consent',
        message:
          context.signIn === 'appOnly'
            ? `Admin consent is missing: grant the application permission Mail.ReadWrite (Microsoft Graph) to the app and press "Grant admin consent" (Entra ID → App registrations → API permissions). (${detail})`
            : `Consent is missing for the delegated permissions Mail.ReadWrite and Mail.ReadWrite.Shared (Microsoft Graph): an administrator grants them under Entra ID → App registrations → API permissions → "Grant admin consent". (${detail})`,
      };
    case 50011:
    case 50148:
      return {
        kind: 'auth',
        message: `The app registration does not accept this app's sign-in answer address: add the redirect URI http://localhost under "Mobile and desktop applications" (Entra ID → App registrations → Authentication). (${detail})`,
      };
    case 50126:
      return { kind: 'auth', message: `The user name or password was wrong. (${detail})` };
    case 50034:
    case 50020:
      return { kind: 'auth', message: `That account is not in tenant ${context.tenantId}: sign in with an account of this tenant. (${detail})` };
    case 700027:
    case 700024:
    case 700021:
    case 7000215:
    case 50012:
      return {
        kind: 'auth',
        message: `The tenant refused the app's certificate: upload this certificate (its .cer or .pem) to the app registration under "Certificates & secrets", and check the certificate files and the computer's clock. (${detail})`,
      };
    case 53003:
    case 53000:
      return {
        kind: 'auth',
        message: `A Conditional Access policy blocked this sign-in: ask your identity administrator which device or location it requires. (${detail})`,
      };
    default:
      break;
  }
  if (/timed? ?out|did not finish/i.test(message)) return { kind: 'timeout', message: detail };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|Sign-in request to .* failed/i.test(message)) {
    return { kind: 'network', message: `The sign-in authority ${context.authorityUrl} could not be reached: ${detail}` };
  }
  return { kind: 'auth', message: `Sign-in failed: ${detail}` };
}

/** Why a signed-in call to the mailbox failed. */
export function mailboxError(failure: GraphFailure, context: SignInContext): ConnectError {
  const mailbox = context.mailbox;
  switch (failure.kind) {
    case 'graph-error':
      if (failure.status === 401) return { kind: 'auth', message: `Graph refused the token (${describeFailure(failure)}): sign out and sign in again.` };
      if (failure.status === 403) return { kind: 'permission', message: accessAdvice(context) };
      if (failure.status === 404 || failure.code === 'ErrorInvalidUser' || failure.code === 'MailboxNotEnabledForRESTAPI') {
        return { kind: 'impersonation', message: `There is no Exchange Online mailbox ${mailbox} in this tenant (${failure.code}): check the address.` };
      }
      return { kind: 'server', message: `Graph could not open ${mailbox}: ${describeFailure(failure)}` };
    case 'throttled':
      return { kind: 'server', message: `Graph is throttling this app for ${mailbox}: ${describeFailure(failure)}` };
    case 'transport':
      return {
        kind: failure.reason === 'tls' ? 'tls' : failure.reason === 'timeout' ? 'timeout' : 'network',
        message: `Graph could not be reached: ${failure.message}`,
      };
    case 'auth':
      return { kind: 'auth', message: failure.message };
    case 'malformed':
    case 'refused-url':
      return { kind: 'notEws', message: `The Graph address did not answer as Microsoft Graph: ${describeFailure(failure)}` };
  }
}

/** What to grant when Graph answers 403 for the mailbox: the permission, and for app-only the RBAC scope. */
export function accessAdvice(context: SignInContext): string {
  const mailbox = context.mailbox;
  if (context.signIn === 'appOnly') {
    return (
      `The app may not open ${mailbox} (403): it needs the application permission Mail.ReadWrite with admin consent, ` +
      `or an Exchange RBAC for Applications assignment that covers this mailbox: ` +
      `New-ManagementRoleAssignment -App <service principal> -Role "Application Mail.ReadWrite" -CustomResourceScope <scope that includes ${mailbox}>. ` +
      `An application access policy (New-ApplicationAccessPolicy) may also leave this mailbox out.`
    );
  }
  const who = context.account ?? 'the signed-in account';
  return (
    `${who} may not open ${mailbox} (403): another user's mailbox needs FullAccess for ${who} ` +
    `(Add-MailboxPermission -Identity ${mailbox} -User ${who} -AccessRights FullAccess) and consent to the delegated permission Mail.ReadWrite.Shared.`
  );
}
