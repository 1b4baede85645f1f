// What a connection needs, and the checks made before anything is sent: a well-formed https
// address, the fields each sign-in kind requires, and no credentials over plain http to another
// computer unless the admin confirmed it.
import type { AuthKind, ConnectError, Microsoft365SignIn, PasswordScheme, ProxySettings } from '../../shared/ipc';

export interface PinnedCertificate {
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  sha256: string;
  pem: string;
}

export interface ConnectionParams {
  url: string;
  authKind: AuthKind;
  user?: string;
  domain?: string;
  schemes?: readonly PasswordScheme[];
  /** Password or token; none for Windows sign-in. */
  secret?: string;
  /** authKind 'microsoft365': the tenant and app registration signed in with. */
  microsoft365?: Microsoft365SignIn;
  /** authKind 'microsoft365': the signed-in token, refreshed silently before it expires (called per request). */
  token?: (signal?: AbortSignal) => Promise<string>;
  impersonate?: string;
  /** How to open `impersonate`: only this way. Default: impersonation, else delegate access (FullAccess). */
  access?: 'impersonation' | 'delegate';
  /**
   * Only the primary mailbox will be used (a job over many mailboxes that searches primaries): the
   * archive is not looked for, which saves the sign-in a request. The session then has no archive part.
   */
  primaryOnly?: boolean;
  demo: boolean;
  /** Default DEFAULT_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
  /** The server certificate the admin chose to trust for this server. */
  pinned?: PinnedCertificate;
  proxy?: ProxySettings;
  /** The admin confirmed credentials may cross plain http to this non-loopback host. */
  allowInsecureHttp?: boolean;
}

const EWS_PATH_HINT = 'The EWS address normally looks like https://mail.example.com/EWS/Exchange.asmx.';

/** Hosts where plain http stays on this computer (the embedded simulator, a local test server). */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

const invalid = (message: string): ConnectError => ({ kind: 'invalid', message });

/** Undefined when the parameters may be sent; otherwise the error to show, before any traffic. */
export function checkParams(params: ConnectionParams): ConnectError | undefined {
  let url: URL;
  try {
    url = new URL(params.url);
  } catch {
    return invalid(`"${params.url}" is not a valid address. ${EWS_PATH_HINT}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid('The EWS address must start with https://.');
  if (url.username !== '' || url.password !== '') return invalid('Remove the user name and password from the address: enter them in their own fields.');
  const user = params.user?.trim() ?? '';
  switch (params.authKind) {
    case 'basic':
      if (user === '') return invalid('Enter a user name for Basic authentication.');
      if (user.includes(':')) return invalid('A user name for Basic authentication cannot contain ":".');
      if (!params.secret) return invalid('Enter the password.');
      break;
    case 'password':
      if (user === '') return invalid('Enter a user name: DOMAIN\\user, user@domain, or the name with the domain field.');
      if (!params.secret) return invalid('Enter the password.');
      if (params.schemes !== undefined && params.schemes.length === 0) return invalid('Allow at least one sign-in scheme.');
      break;
    case 'bearer':
      if (!params.secret) return invalid('Paste the access token.');
      break;
    case 'microsoft365':
      if (!params.microsoft365?.tenantId.trim() || !params.microsoft365.clientId.trim()) return invalid('Enter the tenant id and the application (client) id.');
      break;
    case 'windows':
      break;
  }
  if (params.proxy !== undefined) {
    let proxy: URL;
    try {
      proxy = new URL(params.proxy.url);
    } catch {
      return invalid(`"${params.proxy.url}" is not a valid proxy address (http://proxy.example.com:8080).`);
    }
    if (proxy.protocol !== 'http:') return invalid('The proxy address must start with http:// (the tunnel to Exchange is still encrypted end to end).');
    if (proxy.username !== '' || proxy.password !== '') return invalid('Enter the proxy user name and password in their own fields, not in the proxy address.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && params.allowInsecureHttp !== true) {
    return {
      kind: 'insecure',
      message: `${url.host} is reached over plain http: the ${params.authKind === 'bearer' || params.authKind === 'microsoft365' ? 'token' : 'sign-in'} and every mailbox item would cross the network unencrypted. Use https://, or confirm that you accept this for this server.`,
    };
  }
  return undefined;
}
