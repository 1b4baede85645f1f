// HTTP authentication as IIS does it for the EWS virtual directory: the schemes enabled for the
// simulator (Negotiate, NTLM, Basic, Bearer), one WWW-Authenticate header each on a 401.
// NTLM and Negotiate authenticate the connection (RFC 4559): the CHALLENGE is bound to the socket
// that asked for it and used once; a socket that signed in stays signed in and its later requests
// need no Authorization header; a new socket must sign in again.
// Account names: sAMAccountName is the SMTP local part, the NetBIOS domain is the SMTP domain's
// first label in capitals (admin@contoso.com = CONTOSO\admin).
// The 401 offers Negotiate, NTLM, then Basic, as IIS lists its providers (Microsoft's WebDAV/EWS
// support blog "How to tell which authentication protocols can be used"), and Basic's realm is
// the host name the client asked for (mail.contoso.com), as Exchange's Basic challenges carry it;
// initial challenges carry no token ([MS-NTHT] 2.2.1).
// Bearer: the pasted tokens of a static map, and, once a tenant's authority lends a verifier
// (electron/simGraph/exchangeAccess.ts), its JWTs as Exchange Online checks them.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { User } from './model';
import { challengeMessage, channelBindingsOf, messageType, readAuthenticate, verifyNtlmv2 } from './ntlm';
import { negTokenResp, unwrapNegotiate } from './spnego';
import type { Store } from './store';

export type AuthScheme = 'basic' | 'ntlm' | 'negotiate' | 'bearer';
export const AUTH_SCHEMES: readonly AuthScheme[] = ['basic', 'ntlm', 'negotiate', 'bearer'];
export const DEFAULT_AUTH_SCHEMES: readonly AuthScheme[] = ['basic', 'ntlm', 'negotiate'];

export type AuthOutcome =
  | { ok: true; user: User; wwwAuthenticate?: string }
  | { ok: false; wwwAuthenticate: string[]; /** Exchange Online's reason for refusing an OAuth token (x-ms-diagnostics). */ diagnostics?: string };

/**
 * Checks OAuth tokens the way Exchange Online does for EWS (issuer, audience, lifetime, scope), for
 * a tenant's authority that runs beside this simulator (electron/simGraph lends one). `challenge`
 * is the whole Bearer challenge Exchange Online sends on a 401 (client_id, authorization_uri…).
 */
export interface BearerVerifier {
  readonly challenge: string;
  verify(token: string): { ok: true; smtp: string } | { ok: false; diagnostics: string };
}

interface SocketState {
  user?: User;
  pending?: { serverChallenge: Buffer; scheme: 'ntlm' | 'negotiate'; wrapped: boolean };
}

const HEADER_WORD = { ntlm: 'NTLM', negotiate: 'Negotiate' } as const;

export class Authenticator {
  readonly #sockets = new WeakMap<Socket, SocketState>();
  readonly #schemes: Set<AuthScheme>;
  #verifier: BearerVerifier | undefined;

  constructor(
    private readonly store: Store,
    schemes: readonly AuthScheme[],
    private readonly bearerTokens: ReadonlyMap<string, string>,
    /** Extended Protection: the MsvAvChannelBindings every NTLM sign-in must carry. */
    private readonly requiredChannelBindings?: Buffer,
  ) {
    this.#schemes = new Set(schemes);
  }

  /** Accepts the tokens of a tenant's authority (and offers Bearer, as Exchange Online's EWS does); undefined stops it. */
  setBearerVerifier(verifier: BearerVerifier | undefined): void {
    this.#verifier = verifier;
    if (verifier !== undefined) this.#schemes.add('bearer');
  }

  /** One header per enabled scheme, in the order IIS lists them; `host` is the request's Host header. */
  challenges(host?: string): string[] {
    const out: string[] = [];
    if (this.#schemes.has('negotiate')) out.push('Negotiate');
    if (this.#schemes.has('ntlm')) out.push('NTLM');
    if (this.#schemes.has('basic')) out.push(`Basic realm="${realmOf(host)}"`);
    if (this.#schemes.has('bearer')) out.push(this.#verifier?.challenge ?? 'Bearer');
    return out;
  }

  async authenticate(req: IncomingMessage): Promise<AuthOutcome> {
    const refuse: AuthOutcome = { ok: false, wwwAuthenticate: this.challenges(req.headers.host) };
    const state = this.#state(req.socket);
    const header = req.headers.authorization ?? '';
    if (header === '') return state.user === undefined ? refuse : { ok: true, user: state.user };
    const space = header.indexOf(' ');
    const word = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const credentials = space < 0 ? '' : header.slice(space + 1).trim();
    if (!AUTH_SCHEMES.includes(word as AuthScheme) || !this.#schemes.has(word as AuthScheme)) return refuse;
    switch (word as AuthScheme) {
      case 'basic':
        return this.#basic(credentials) ?? refuse;
      case 'bearer':
        return this.#bearer(credentials, refuse);
      case 'ntlm':
      case 'negotiate':
        return (await this.#connectionScheme(word as 'ntlm' | 'negotiate', credentials, state)) ?? refuse;
    }
  }

  /** A pasted token of the static map, else the tenant's verifier; its refusal says why (x-ms-diagnostics, error="invalid_token"). */
  #bearer(credentials: string, refuse: Extract<AuthOutcome, { ok: false }>): AuthOutcome {
    const known = this.bearerTokens.get(credentials);
    if (known !== undefined) {
      const user = this.store.user(known);
      return user === undefined ? refuse : { ok: true, user };
    }
    if (this.#verifier === undefined) return refuse;
    const checked = this.#verifier.verify(credentials);
    const user = checked.ok ? this.store.user(checked.smtp) : undefined;
    if (user !== undefined) return { ok: true, user };
    const diagnostics = checked.ok ? '2000001;reason="The user in the token has no mailbox here.";error_category="invalid_user"' : checked.diagnostics;
    const challenges = refuse.wwwAuthenticate.map((c) => (c === this.#verifier?.challenge ? `${c}, error="invalid_token"` : c));
    return { ok: false, wwwAuthenticate: challenges, diagnostics };
  }

  #state(socket: Socket): SocketState {
    let state = this.#sockets.get(socket);
    if (state === undefined) {
      state = {};
      this.#sockets.set(socket, state);
    }
    return state;
  }

  #basic(credentials: string): AuthOutcome | undefined {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const name = decoded.slice(0, colon);
    const backslash = name.indexOf('\\');
    const user = backslash < 0 ? this.store.user(name) : this.account(name.slice(backslash + 1), name.slice(0, backslash));
    return user !== undefined && user.password === decoded.slice(colon + 1) ? { ok: true, user } : undefined;
  }

  async #connectionScheme(scheme: 'ntlm' | 'negotiate', credentials: string, state: SocketState): Promise<AuthOutcome | undefined> {
    const raw = Buffer.from(credentials, 'base64');
    let token: Buffer | undefined = raw;
    let wrapped = false;
    if (scheme === 'negotiate' && messageType(raw) === 0) {
      const unwrapped = unwrapNegotiate(raw);
      token = unwrapped.ntlm;
      wrapped = unwrapped.wrapped;
    }
    if (token === undefined) return undefined; // Kerberos only, or unreadable: no KDC here.
    const type = messageType(token);
    if (type === 1) {
      const { message, serverChallenge } = challengeMessage();
      state.pending = { serverChallenge, scheme, wrapped };
      const answer = wrapped ? negTokenResp(1, message) : message;
      return { ok: false, wwwAuthenticate: [`${HEADER_WORD[scheme]} ${answer.toString('base64')}`] };
    }
    if (type !== 3) return undefined;
    // The challenge belongs to this socket and is used once: a replay or another socket fails.
    const pending = state.pending;
    state.pending = undefined;
    if (pending === undefined || pending.scheme !== scheme) return undefined;
    let fields;
    try {
      fields = readAuthenticate(token);
    } catch {
      return undefined;
    }
    const user = fields.user.includes('@') && fields.domain === '' ? this.store.user(fields.user) : this.account(fields.user, fields.domain);
    if (user === undefined || !(await verifyNtlmv2(fields, user.password, pending.serverChallenge))) return undefined;
    // With EPA the proof must be bound to this TLS channel (the binding is inside the proven blob).
    if (this.requiredChannelBindings !== undefined && !channelBindingsOf(fields)?.equals(this.requiredChannelBindings)) return undefined;
    state.user = user;
    return pending.wrapped ? { ok: true, user, wwwAuthenticate: `Negotiate ${negTokenResp(0).toString('base64')}` } : { ok: true, user };
  }

  /** DOMAIN\name (NetBIOS or DNS domain) → the user, case-insensitively. */
  account(name: string, domain: string): User | undefined {
    const wantedDomain = domain.toLowerCase();
    for (const user of this.store.users.values()) {
      const at = user.smtp.lastIndexOf('@');
      const local = user.smtp.slice(0, at).toLowerCase();
      const dns = user.smtp.slice(at + 1).toLowerCase();
      const netbios = dns.split('.')[0] ?? '';
      if (local === name.toLowerCase() && (wantedDomain === dns || wantedDomain === netbios)) return user;
    }
    return undefined;
  }
}

/** The host name of a Host header (port dropped); 127.0.0.1 when absent or not a plain name or address. */
export function realmOf(host: string | undefined): string {
  const value = (host ?? '').trim();
  const bracketed = /^(\[[0-9a-fA-F:.]+\])(?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1] as string;
  const plain = /^([A-Za-z0-9.-]+)(?::\d+)?$/.exec(value);
  return plain ? (plain[1] as string) : '127.0.0.1';
}
