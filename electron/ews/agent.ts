// The keep-alive agents the Node transport sends through. One place decides how a socket is
// opened: which CAs are trusted, which certificate is pinned, whether an explicit proxy carries
// the connection, and (for tests and diagnostics) where a host name really connects. `connectVia`
// remaps the TCP destination only: the Host header, TLS SNI and the certificate's host-name check
// still use the name in the URL, as they would on the real network. With a proxy, connectVia maps
// the proxy's address (the only TCP connection opened); the CONNECT still names the real server.
// Certificate verification is never turned off here.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { verifiedTlsOptions } from './certificate';
import type { ConnectVia } from './connectVia';
import { openTunnel, PendingTunnel, proxyEndpoint, type ProxySettings } from './proxy';

export type { ConnectTarget, ConnectVia } from './connectVia';

export type { ProxySettings } from './proxy';

export interface AgentOptions {
  maxSockets: number;
  /** Extra trusted CA certificates (PEM), for on-premises servers with an internal CA. */
  ca?: string | readonly string[];
  connectVia?: ConnectVia;
  /** The server's leaf certificate must have this SHA-256 (colon-separated hex, as X509Certificate.fingerprint256). */
  pinnedSha256?: string;
  /** The pinned certificate (PEM): trusted as a CA so a self-signed server certificate verifies; its fingerprint is the pin. */
  pinnedPem?: string;
  /** An explicit HTTP proxy; every connection is a CONNECT tunnel through it. */
  proxy?: ProxySettings;
}

type Callback = (err: Error | null, socket: Duplex) => void;
type SocketOptions = net.NetConnectOpts & tls.ConnectionOptions & { host?: string; port?: number; servername?: string };

// A copy: Node's Agent keys its pool of free sockets by these very options when a socket is
// released, so remapping them in place would file a kept-alive socket under 127.0.0.1 and the next
// request to the URL's host would wait for a socket that never frees (maxSockets reached).
function remap(options: SocketOptions, via: ConnectVia, defaultPort: number): SocketOptions {
  const host = options.host ?? 'localhost';
  const target = via(host, Number(options.port ?? defaultPort));
  // SNI must name the server the URL names, not the address we happen to reach it on.
  const servername = options.servername ?? (net.isIP(host) ? undefined : host);
  return { ...options, host: target.host, port: target.port, ...(servername === undefined ? {} : { servername }) };
}

class RemappingHttpAgent extends http.Agent {
  constructor(
    options: http.AgentOptions,
    private readonly via: ConnectVia,
  ) {
    super(options);
  }

  override createConnection(options: SocketOptions, callback?: Callback): Duplex | null | undefined {
    return super.createConnection(remap(options, this.via, 80), callback);
  }
}

class RemappingHttpsAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly via: ConnectVia,
  ) {
    super(options);
  }

  override createConnection(options: SocketOptions, callback?: Callback): Duplex | null | undefined {
    return super.createConnection(remap(options, this.via, 443), callback);
  }
}

// The tunnel is opened asynchronously, but Node's Agent counts a socket (for maxSockets) only
// once createConnection has handed one over. So the TLS socket is created at once over a stream
// that holds the handshake bytes until the proxy has answered; pooling, keep-alive and
// maxSockets stay Node's own.
function tunnel(options: SocketOptions, proxy: ProxySettings, via: ConnectVia | undefined): Duplex {
  const host = options.host ?? 'localhost';
  const port = Number(options.port ?? 443);
  const servername = options.servername ?? (net.isIP(host) ? undefined : host);
  const pending = new PendingTunnel(openTunnel(proxy, host, port, via));
  const { host: _host, port: _port, path: _path, ...tlsOptions } = options as SocketOptions & { path?: string };
  return tls.connect({ ...tlsOptions, socket: pending, ...(servername === undefined ? {} : { servername }) });
}

class ProxyHttpsAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly proxy: ProxySettings,
    private readonly via: ConnectVia | undefined,
  ) {
    super(options);
  }

  override createConnection(options: SocketOptions): Duplex {
    return tunnel(options, this.proxy, this.via);
  }
}

export function createAgent(protocol: 'http:' | 'https:', options: AgentOptions): http.Agent {
  const base = { keepAlive: true, maxSockets: options.maxSockets };
  const { proxy, connectVia } = options;
  if (protocol === 'http:') {
    // A CONNECT tunnel is what proxies allow for 443; plain http (test servers) does not go through one.
    if (proxy) throw new TypeError('An explicit proxy is used for https:// servers only.');
    return connectVia ? new RemappingHttpAgent(base, connectVia) : new http.Agent(base);
  }
  const tlsOptions: https.AgentOptions = { ...base, ...verifiedTlsOptions(options) };
  if (proxy) {
    proxyEndpoint(proxy); // refuse a malformed proxy URL now, not on the first request
    return new ProxyHttpsAgent(tlsOptions, proxy, connectVia);
  }
  return connectVia ? new RemappingHttpsAgent(tlsOptions, connectVia) : new https.Agent(tlsOptions);
}
