// Authentication behind one interface, so the transport never knows the scheme.
// Basic and Bearer are stateless headers. Connection-oriented schemes (NTLM/Negotiate) answer
// a 401 challenge on the same socket: they implement respondToChallenge and supply their own
// single-socket agent through the transport's `agent` option.
import { bearerRefusal } from './bearerRefusal';
import { EwsError } from './errors';

export interface AuthChallenge {
  status: number;
  /** Every WWW-Authenticate header value of the 401. */
  wwwAuthenticate: readonly string[];
  /** Exchange Online's x-ms-diagnostics: why it refused an OAuth token. */
  diagnostics?: string;
}

/**
 * One kept-alive connection of a connection-bound scheme (NTLM/Negotiate authenticate the socket,
 * not the request). The transport keeps every leg of a handshake on the same connection.
 */
export interface AuthConnection {
  readonly id: number;
  /** True once a request on the current socket succeeded after its handshake; false after the socket closed. */
  readonly authenticated: boolean;
  /** host of the URL, for the target name HTTP/<host>. */
  readonly host: string;
  /** DER of the server certificate of this socket (TLS only), for channel binding. */
  readonly peerCertificate?: Buffer;
}

export interface EwsAuth {
  /** True: the transport must run each request and its handshake on one connection (see AuthConnection). */
  readonly connectionBound?: boolean;
  /** Headers for the first attempt of a request. */
  authorize(signal?: AbortSignal, connection?: AuthConnection): Promise<Record<string, string>>;
  /**
   * Optional handshake step: given a 401 challenge, headers for the next attempt, or undefined
   * to give up (the 401 then becomes an 'auth' error).
   */
  respondToChallenge?(challenge: AuthChallenge, signal?: AbortSignal, connection?: AuthConnection): Promise<Record<string, string> | undefined>;
}

export class BasicAuth implements EwsAuth {
  readonly #header: string;

  constructor(username: string, password: string) {
    if (username.includes(':')) throw new TypeError('A Basic auth user name cannot contain ":".');
    this.#header = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  }

  authorize(): Promise<Record<string, string>> {
    return Promise.resolve({ Authorization: this.#header });
  }
}

/** OAuth bearer token; `getToken` is called per request so a refreshing provider can plug in. */
export class BearerAuth implements EwsAuth {
  readonly #getToken: (signal?: AbortSignal) => Promise<string>;

  constructor(token: string | ((signal?: AbortSignal) => Promise<string>)) {
    this.#getToken = typeof token === 'string' ? () => Promise.resolve(token) : token;
  }

  /** Never a second attempt (the token was refused); rejects with Exchange's reason when the 401 gives one. */
  respondToChallenge(challenge: AuthChallenge): Promise<Record<string, string> | undefined> {
    const refusal = bearerRefusal(challenge.wwwAuthenticate, challenge.diagnostics);
    return refusal === undefined ? Promise.resolve(undefined) : Promise.reject(refusal);
  }

  async authorize(signal?: AbortSignal): Promise<Record<string, string>> {
    let token: string;
    try {
      token = await this.#getToken(signal);
    } catch (err) {
      // Typed, so a job knows nothing was sent (the token provider was signed out or refused).
      if (err instanceof EwsError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new EwsError('auth', `No access token: ${message}`, { neverSent: true, cause: err });
    }
    return { Authorization: `Bearer ${token}` };
  }
}
