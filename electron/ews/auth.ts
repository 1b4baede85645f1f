// Authentication behind one interface, so the transport never knows the scheme.
// Basic and Bearer are stateless headers. Connection-oriented schemes (NTLM/Negotiate) answer
// a 401 challenge on the same socket: they implement respondToChallenge and supply their own
// single-socket agent through the transport's `agent` option.

export interface AuthChallenge {
  status: number;
  /** Every WWW-Authenticate header value of the 401. */
  wwwAuthenticate: readonly string[];
}

export interface EwsAuth {
  /** Headers for the first attempt of a request. */
  authorize(signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * Optional handshake step: given a 401 challenge, headers for the next attempt, or undefined
   * to give up (the 401 then becomes an 'auth' error).
   */
  respondToChallenge?(challenge: AuthChallenge, signal?: AbortSignal): Promise<Record<string, string> | undefined>;
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

  async authorize(signal?: AbortSignal): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.#getToken(signal)}` };
  }
}
