// The keep-alive agents the Node transport sends through. One place decides how a socket is
// opened: which CAs are trusted, and (for tests and diagnostics) where a host name really
// connects. `connectVia` remaps the TCP destination only: the Host header, TLS SNI and the
// certificate's host-name check still use the name in the URL, as they would on the real network.
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type net from 'node:net';

export interface ConnectTarget {
  host: string;
  port: number;
}

/** Maps a URL's host and port to where the socket connects (tests: contoso.com:443 → 127.0.0.1:PORT). */
export type ConnectVia = (host: string, port: number) => ConnectTarget;

export interface AgentOptions {
  maxSockets: number;
  /** Extra trusted CA certificates (PEM), for on-premises servers with an internal CA. */
  ca?: string | readonly string[];
  connectVia?: ConnectVia;
}

type Callback = (err: Error | null, socket: Duplex) => void;

function remap(options: net.NetConnectOpts & { host?: string; port?: number; servername?: string }, via: ConnectVia, defaultPort: number): void {
  const host = options.host ?? 'localhost';
  const target = via(host, Number(options.port ?? defaultPort));
  // SNI must name the server the URL names, not the address we happen to reach it on.
  if (options.servername === undefined) options.servername = host;
  options.host = target.host;
  options.port = target.port;
}

class RemappingHttpAgent extends http.Agent {
  constructor(
    options: http.AgentOptions,
    private readonly via: ConnectVia,
  ) {
    super(options);
  }

  override createConnection(options: net.NetConnectOpts, callback?: Callback): Duplex | null | undefined {
    remap(options, this.via, 80);
    return super.createConnection(options, callback);
  }
}

class RemappingHttpsAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly via: ConnectVia,
  ) {
    super(options);
  }

  override createConnection(options: net.NetConnectOpts, callback?: Callback): Duplex | null | undefined {
    remap(options, this.via, 443);
    return super.createConnection(options, callback);
  }
}

export function createAgent(protocol: 'http:' | 'https:', options: AgentOptions): http.Agent {
  const base = { keepAlive: true, maxSockets: options.maxSockets };
  if (protocol === 'http:') return options.connectVia ? new RemappingHttpAgent(base, options.connectVia) : new http.Agent(base);
  const tlsOptions: https.AgentOptions = { ...base, ...(options.ca === undefined ? {} : { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] }) };
  return options.connectVia ? new RemappingHttpsAgent(tlsOptions, options.connectVia) : new https.Agent(tlsOptions);
}
