// The transports of one Autodiscover run, one per POX URL. NTLM and Negotiate sign in the
// connection, not the request: a transport per POST would open a new socket and handshake again
// for every POST to the same server (a redirectAddr restart, the redirect method or an SRV
// answer naming a URL already tried). Kept here, a later POST rides the signed-in socket of
// the transport's connection lanes. The run closes them all when it ends.
import type { ConnectVia } from '../agent';
import type { EwsAuth } from '../auth';
import type { ProxySettings } from '../proxy';
import { HttpTransport } from '../transport';
import type { ExchangeRecord } from '../transportPort';
import { POX_MAX_CHARS } from './poxResponse';

export interface PoxConnectionOptions {
  /** Credentials, or a factory asked once per URL (each transport keeps its own sign-in state). */
  auth: EwsAuth | ((url: string) => EwsAuth);
  ca?: string | readonly string[];
  /** With a proxy: maps the proxy's address. */
  connectVia?: ConnectVia;
  /** An explicit HTTP proxy: every POST goes through its CONNECT tunnel (POX is https only). */
  proxy?: ProxySettings;
  /** Sees every request and answer (the app's trace). */
  onExchange?: (record: ExchangeRecord) => void;
}

/** One socket per URL is enough: the chain POSTs one request at a time. */
const SOCKETS_PER_URL = 1;

/** The key of a URL: its normalized href without fragment (every Autodiscover URL of a host shares its path). */
function keyOf(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

export class PoxConnections {
  readonly #transports = new Map<string, HttpTransport>();
  #closed = false;

  constructor(private readonly options: PoxConnectionOptions) {}

  /** How many transports (so, at most, connections) this run opened. */
  get size(): number {
    return this.#transports.size;
  }

  /** The run's transport for a URL, made (and its credentials asked for) on first use. */
  transportFor(url: string): HttpTransport {
    if (this.#closed) throw new Error('This Autodiscover run has ended.');
    const key = keyOf(url);
    const known = this.#transports.get(key);
    if (known !== undefined) return known;
    const { auth, ca, connectVia, proxy, onExchange } = this.options;
    const transport = new HttpTransport({
      url: key,
      auth: typeof auth === 'function' ? auth(key) : auth,
      maxSockets: SOCKETS_PER_URL,
      maxResponseBytes: POX_MAX_CHARS,
      ...(ca === undefined ? {} : { ca }),
      ...(connectVia === undefined ? {} : { connectVia }),
      ...(proxy === undefined ? {} : { proxy }),
      ...(onExchange === undefined ? {} : { onExchange }),
    });
    this.#transports.set(key, transport);
    return transport;
  }

  /** Closes every kept-alive socket of the run. */
  close(): void {
    this.#closed = true;
    for (const transport of this.#transports.values()) transport.close();
    this.#transports.clear();
  }
}
