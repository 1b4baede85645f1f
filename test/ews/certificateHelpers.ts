// Test servers: an https server with a generated certificate, and a small CONNECT proxy.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface TestCertificate {
  key: string;
  cert: string;
}

export async function makeCertificate(host: string, options: { expired?: boolean } = {}): Promise<TestCertificate> {
  const notBeforeDate = options.expired ? new Date(Date.now() - 3 * 86400000) : new Date(Date.now() - 60000);
  const notAfterDate = options.expired ? new Date(Date.now() - 86400000) : new Date(Date.now() + 30 * 86400000);
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: host }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function portOf(server: net.Server): number {
  return (server.address() as AddressInfo).port;
}

/** An https server on 127.0.0.1 that answers every request with 200 "ok" and counts requests and connections. */
export async function startHttps(certificate: TestCertificate, stats = { requests: 0, connections: 0 }): Promise<RunningServer & { server: Server }> {
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    stats.requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  server.on('secureConnection', () => stats.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: portOf(server), close: () => closeServer(server) };
}

export function closeServer(server: net.Server): Promise<void> {
  const withAll = server as net.Server & { closeAllConnections?: () => void };
  withAll.closeAllConnections?.();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface ProxyLog {
  connects: { target: string; proxyAuthorization: string | undefined }[];
  /** Bytes the proxy saw inside tunnels (to check that no credentials travel in clear). */
  tunnelBytes: number;
}

/**
 * A CONNECT proxy on 127.0.0.1 that sends every tunnel to `upstreamPort` on 127.0.0.1 (whatever
 * host the CONNECT names), optionally demanding Basic user:password.
 */
export async function startConnectProxy(upstreamPort: number, basic?: { user: string; password: string }): Promise<RunningServer & { log: ProxyLog }> {
  const log: ProxyLog = { connects: [], tunnelBytes: 0 };
  const sockets = new Set<net.Socket>();
  const server: HttpServer = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    const proxyAuthorization = req.headers['proxy-authorization'];
    log.connects.push({ target: req.url ?? '', proxyAuthorization });
    const wanted = basic ? `Basic ${Buffer.from(`${basic.user}:${basic.password}`).toString('base64')}` : undefined;
    if (wanted !== undefined && proxyAuthorization !== wanted) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.on('data', (chunk: Buffer) => (log.tunnelBytes += chunk.length));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: portOf(server),
    log,
    close: () => {
      for (const s of sockets) s.destroy();
      return closeServer(server);
    },
  };
}
