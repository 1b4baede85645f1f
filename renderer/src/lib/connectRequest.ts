// The connect form's values turned into what crosses IPC. The form keeps the non-secret values
// (the draft, remembered in the session store) apart from the secrets (its own local state), and
// only this function puts them together, at the moment of sending.
import {
  DEFAULT_PASSWORD_SCHEMES,
  PASSWORD_SCHEMES,
  type AuthKind,
  type AutodiscoverRequest,
  type BackendKind,
  type ConnectRequest,
  type EwsConnectRequest,
  type GraphConnectionSettings,
  type GraphConnectRequest,
  type GraphSignInKind,
  type PasswordScheme,
  type ProxySettings,
} from '../../../shared/ipc';

/** The Graph half of the form: nothing secret (the certificate is named by its files). */
export interface GraphDraft {
  tenantId: string;
  clientId: string;
  signIn: GraphSignInKind;
  mailbox: string;
  certificatePath: string;
  privateKeyPath: string;
  thumbprint: string;
  /** Empty: https://login.microsoftonline.com/{tenant}. */
  authorityUrl: string;
  /** Empty: https://graph.microsoft.com/v1.0. */
  graphUrl: string;
}

export interface ConnectDraft {
  backend: BackendKind;
  graph: GraphDraft;
  url: string;
  /** For Autodiscover only. */
  email: string;
  authKind: AuthKind;
  user: string;
  domain: string;
  schemes: PasswordScheme[];
  impersonate: string;
  proxyUrl: string;
  proxyUser: string;
  saveAs: string;
}

/** What the form holds in its own state only, never in a store. */
export interface ConnectSecrets {
  secret: string;
  proxyPassword: string;
}

/** What the admin confirmed for this attempt (after a certificate or plain-http question). */
export interface ConnectConfirmations {
  trustCertificate?: string;
  allowInsecureHttp?: boolean;
}

export const emptyGraphDraft: GraphDraft = {
  tenantId: '',
  clientId: '',
  signIn: 'delegated',
  mailbox: '',
  certificatePath: '',
  privateKeyPath: '',
  thumbprint: '',
  authorityUrl: '',
  graphUrl: '',
};

export const emptyDraft: ConnectDraft = {
  backend: 'ews',
  graph: emptyGraphDraft,
  url: 'https://',
  email: '',
  authKind: 'password',
  user: '',
  domain: '',
  schemes: [...DEFAULT_PASSWORD_SCHEMES],
  impersonate: '',
  proxyUrl: '',
  proxyUser: '',
  saveAs: '',
};

/** Which sign-in kinds type a user name, and which a secret. */
export const takesUser = (kind: AuthKind): boolean => kind === 'password' || kind === 'basic';
export const takesSecret = (kind: AuthKind): boolean => kind !== 'windows' && kind !== 'microsoft365';

/** The schemes in the contract's order, whatever order they were ticked in. */
export function orderedSchemes(schemes: readonly PasswordScheme[]): PasswordScheme[] {
  return PASSWORD_SCHEMES.filter((scheme) => schemes.includes(scheme));
}

function proxyOf(draft: ConnectDraft, secrets: ConnectSecrets): ProxySettings | undefined {
  const url = draft.proxyUrl.trim();
  if (url === '') return undefined;
  const proxy: ProxySettings = { url };
  const user = draft.proxyUser.trim();
  if (user !== '') {
    proxy.user = user;
    if (secrets.proxyPassword !== '') proxy.password = secrets.proxyPassword;
  }
  return proxy;
}

/** The sign-in part shared by connect, Test connection and Autodiscover. */
type SignInPart = Pick<EwsConnectRequest, 'authKind' | 'user' | 'domain' | 'schemes' | 'secret' | 'proxy' | 'microsoft365'>;

function signInOf(draft: ConnectDraft, secrets: ConnectSecrets): SignInPart {
  const signIn: SignInPart = { authKind: draft.authKind };
  if (takesUser(draft.authKind)) signIn.user = draft.user.trim();
  if (draft.authKind === 'password') {
    const domain = draft.domain.trim();
    if (domain !== '') signIn.domain = domain;
    signIn.schemes = orderedSchemes(draft.schemes);
  }
  if (takesSecret(draft.authKind)) signIn.secret = secrets.secret;
  if (draft.authKind === 'microsoft365') {
    // The Graph fields' tenant and app registration: the same sign-in, for EWS.
    const authorityUrl = draft.graph.authorityUrl.trim();
    signIn.microsoft365 = { tenantId: draft.graph.tenantId.trim(), clientId: draft.graph.clientId.trim(), ...(authorityUrl === '' ? {} : { authorityUrl }) };
  }
  const proxy = proxyOf(draft, secrets);
  if (proxy !== undefined) signIn.proxy = proxy;
  return signIn;
}

/** The request for the backend the form has chosen. */
export function buildRequest(draft: ConnectDraft, secrets: ConnectSecrets, confirmations: ConnectConfirmations = {}, saveAs?: string): ConnectRequest {
  return draft.backend === 'graph' ? buildGraphConnectRequest(draft.graph, saveAs) : buildConnectRequest(draft, secrets, confirmations, saveAs);
}

/** A Graph request: the fields of the chosen sign-in kind only, empty optional fields left out (defaults apply). */
export function buildGraphConnectRequest(graph: GraphDraft, saveAs?: string): GraphConnectRequest {
  const settings: GraphConnectionSettings = {
    tenantId: graph.tenantId.trim(),
    clientId: graph.clientId.trim(),
    signIn: graph.signIn,
    mailbox: graph.mailbox.trim(),
  };
  const authorityUrl = graph.authorityUrl.trim();
  if (authorityUrl !== '') settings.authorityUrl = authorityUrl;
  const graphUrl = graph.graphUrl.trim();
  if (graphUrl !== '') settings.graphUrl = graphUrl;
  if (graph.signIn === 'appOnly') {
    const thumbprint = graph.thumbprint.trim();
    settings.certificate = {
      certificatePath: graph.certificatePath.trim(),
      privateKeyPath: graph.privateKeyPath.trim(),
      ...(thumbprint === '' ? {} : { thumbprint }),
    };
  }
  const request: GraphConnectRequest = { backend: 'graph', graph: settings };
  const name = saveAs?.trim();
  if (name) request.saveAs = name;
  return request;
}

export function buildConnectRequest(
  draft: ConnectDraft,
  secrets: ConnectSecrets,
  confirmations: ConnectConfirmations = {},
  saveAs?: string,
): EwsConnectRequest {
  const request: EwsConnectRequest = { url: draft.url.trim(), ...signInOf(draft, secrets) };
  const impersonate = draft.impersonate.trim();
  if (impersonate !== '') request.impersonate = impersonate;
  if (confirmations.trustCertificate !== undefined) request.trustCertificate = confirmations.trustCertificate;
  if (confirmations.allowInsecureHttp === true) request.allowInsecureHttp = true;
  const name = saveAs?.trim();
  if (name) request.saveAs = name;
  return request;
}

export function buildAutodiscoverRequest(draft: ConnectDraft, secrets: ConnectSecrets, allowHosts: readonly string[] = []): AutodiscoverRequest {
  // Autodiscover takes no Microsoft 365 sign-in (it is for on-premises servers' addresses).
  const { microsoft365: _signIn, ...signIn } = signInOf(draft, secrets);
  const request: AutodiscoverRequest = { email: draft.email.trim(), ...signIn };
  if (allowHosts.length > 0) request.allowHosts = [...allowHosts];
  return request;
}

/** The part after "@" of an e-mail address, for the redirect question. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim();
}
