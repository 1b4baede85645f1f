// Sign-in with a Windows account's password: the scheme is chosen from the server's 401 offer
// (WWW-Authenticate) in the admin's order of preference — Negotiate (SPNEGO carrying NTLM),
// NTLM, Basic — and remembered, so later connections start their handshake at once. NTLMv2 only;
// over TLS every AUTHENTICATE carries the channel binding of that socket's certificate, so
// servers with Extended Protection accept it.
import type { AuthChallenge, AuthConnection, EwsAuth } from './auth';
import { EwsError } from './errors';
import { channelBindingsHash, tlsServerEndPoint } from './ntlm/channelBindings';
import { isNtlmMessage } from './ntlm/messages';
import { NtlmHandshake, type NtlmIdentity } from './ntlm/ntlmHandshake';
import { ntowfv2 } from './ntlm/ntlmv2';
import { negTokenInit, negTokenResp, parseNegTokenResp } from './ntlm/spnego';
import { parseWindowsUserName } from './ntlm/userName';

export type PasswordScheme = 'negotiate' | 'ntlm' | 'basic';

export interface PasswordAuthOptions {
  user: string;
  password: string;
  /** NetBIOS domain for a bare user name. */
  domain?: string;
  /** Allowed schemes in order of preference; default Negotiate, NTLM, Basic. */
  schemes?: readonly PasswordScheme[];
}

const HEADER_NAME: Record<PasswordScheme, string> = { negotiate: 'Negotiate', ntlm: 'NTLM', basic: 'Basic' };

type Leg = { handshake: NtlmHandshake; sent: 'negotiate' | 'authenticate' };

/** The scheme word of each WWW-Authenticate value, and its token when it carries one. */
function readOffers(values: readonly string[]): Array<{ scheme: string; token?: string }> {
  return values.map((value) => {
    const [scheme = '', rest = ''] = value.trim().split(/\s+/, 2);
    const token = /^[A-Za-z0-9+/]+=*$/.test(rest) ? rest : undefined;
    return token === undefined ? { scheme } : { scheme, token };
  });
}

export class PasswordAuth implements EwsAuth {
  readonly connectionBound = true;
  readonly #options: PasswordAuthOptions;
  readonly #schemes: readonly PasswordScheme[];
  readonly #legs = new Map<number, Leg>();
  #identity: Promise<NtlmIdentity> | undefined;
  #scheme: PasswordScheme | undefined;
  #offered: readonly string[] = [];

  constructor(options: PasswordAuthOptions) {
    this.#options = options;
    this.#schemes = options.schemes ?? ['negotiate', 'ntlm', 'basic'];
    if (this.#schemes.length === 0) throw new TypeError('Allow at least one sign-in scheme.');
  }

  /** The scheme in use, once the server's offer was seen. */
  get scheme(): PasswordScheme | undefined {
    return this.#scheme;
  }

  /** The schemes the server offered in its last 401. */
  get offeredSchemes(): readonly string[] {
    return this.#offered;
  }

  async authorize(_signal?: AbortSignal, connection?: AuthConnection): Promise<Record<string, string>> {
    // A new request on this connection: a handshake left over from an earlier one (whose socket
    // was dropped after it signed in) must not be mistaken for a refused sign-in.
    this.#legs.delete(connection?.id ?? 0);
    const scheme = this.#scheme;
    if (scheme === undefined) return {};
    if (scheme === 'basic') return this.#basic();
    if (connection?.authenticated === true) return {};
    return this.#start(scheme, connection);
  }

  async respondToChallenge(challenge: AuthChallenge, _signal?: AbortSignal, connection?: AuthConnection): Promise<Record<string, string> | undefined> {
    const offers = readOffers(challenge.wwwAuthenticate);
    this.#offered = offers.map((offer) => offer.scheme);
    const id = connection?.id ?? 0;
    const leg = this.#legs.get(id);
    const scheme = this.#scheme;
    if (leg !== undefined && scheme !== undefined && scheme !== 'basic') {
      this.#legs.delete(id);
      if (leg.sent === 'authenticate') throw this.#refused(connection);
      const token = offers.find((offer) => offer.scheme.toLowerCase() === scheme && offer.token !== undefined)?.token;
      if (token !== undefined) return this.#answer(scheme, leg, Buffer.from(token, 'base64'), connection);
      // No CHALLENGE came back: the socket changed under us; start again below.
    }
    const chosen = this.#choose();
    this.#scheme = chosen;
    if (chosen === 'basic') {
      // Basic is stateless: a second 401 to it means the password was refused.
      if (scheme === 'basic') throw this.#refused(connection);
      return this.#basic();
    }
    return this.#start(chosen, connection);
  }

  #choose(): PasswordScheme {
    const offered = new Set(this.#offered.map((scheme) => scheme.toLowerCase()));
    const chosen = this.#schemes.find((scheme) => offered.has(scheme));
    if (chosen !== undefined) return chosen;
    const list = this.#offered.length === 0 ? 'no sign-in scheme' : this.#offered.join(', ');
    throw new EwsError('auth', `The server offers ${list}; this connection allows ${this.#schemes.map((s) => HEADER_NAME[s]).join(', ')} only.`, {
      status: 401,
    });
  }

  #basic(): Record<string, string> {
    if (this.#options.user.includes(':')) throw new EwsError('invalid-request', 'A user name for Basic authentication cannot contain ":".');
    return { Authorization: `Basic ${Buffer.from(`${this.#options.user}:${this.#options.password}`, 'utf8').toString('base64')}` };
  }

  async #start(scheme: 'negotiate' | 'ntlm', connection: AuthConnection | undefined): Promise<Record<string, string>> {
    const handshake = new NtlmHandshake(await this.#identityOnce());
    this.#legs.set(connection?.id ?? 0, { handshake, sent: 'negotiate' });
    const token = scheme === 'negotiate' ? negTokenInit(handshake.negotiate) : handshake.negotiate;
    return { Authorization: `${HEADER_NAME[scheme]} ${token.toString('base64')}` };
  }

  #answer(scheme: 'negotiate' | 'ntlm', leg: Leg, token: Buffer, connection: AuthConnection | undefined): Record<string, string> {
    let challenge = token;
    if (scheme === 'negotiate' && !isNtlmMessage(token)) {
      const response = parseNegTokenResp(token).responseToken;
      if (response === undefined)
        throw new EwsError('auth', 'The server answered Negotiate without an NTLM challenge (it may want Kerberos, which needs Windows sign-in).', {
          status: 401,
        });
      challenge = response;
    }
    let authenticate: Buffer;
    try {
      const channelBindings = connection?.peerCertificate === undefined ? undefined : channelBindingsHash(tlsServerEndPoint(connection.peerCertificate));
      authenticate = leg.handshake.authenticate(challenge, { host: connection?.host ?? '', ...(channelBindings === undefined ? {} : { channelBindings }) });
    } catch (error) {
      throw new EwsError('malformed', `The server's NTLM challenge could not be read (${error instanceof Error ? error.message : String(error)}).`, {
        cause: error,
      });
    }
    this.#legs.set(connection?.id ?? 0, { handshake: leg.handshake, sent: 'authenticate' });
    const wrapped = scheme === 'negotiate' && !isNtlmMessage(token) ? negTokenResp({ responseToken: authenticate }) : authenticate;
    return { Authorization: `${HEADER_NAME[scheme]} ${wrapped.toString('base64')}` };
  }

  #refused(connection: AuthConnection | undefined): EwsError {
    const scheme = this.#scheme === undefined ? 'the server' : HEADER_NAME[this.#scheme];
    const epa =
      connection?.peerCertificate !== undefined
        ? ' Over HTTPS a server with Extended Protection also refuses a sign-in whose channel binding does not match, e.g. behind a TLS-inspecting proxy.'
        : '';
    return new EwsError(
      'auth',
      `The Windows credentials were refused (${scheme}, HTTP 401): check the user name (DOMAIN\\user or user@domain) and the password.${epa}`,
      { status: 401 },
    );
  }

  #identityOnce(): Promise<NtlmIdentity> {
    this.#identity ??= (async () => {
      const { user, domain } = parseWindowsUserName(this.#options.user, this.#options.domain);
      return { user, domain, responseKey: await ntowfv2(this.#options.password, user, domain) };
    })();
    return this.#identity;
  }
}
