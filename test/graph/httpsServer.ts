// An https server on 127.0.0.1 with a generated certificate (IP SAN 127.0.0.1), for transport
// and sign-in tests. The handler is plain node:http.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface TestServer {
  url: string;
  port: number;
  cert: string;
  server: Server;
  close(): Promise<void>;
}

let cached: Promise<{ cert: string; key: string }> | undefined;

/** One certificate per test file: generating RSA keys is the slow part. */
export function loopbackCertificate(): Promise<{ cert: string; key: string }> {
  cached ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  }).then((p) => ({ cert: p.cert, key: p.private }));
  return cached;
}

export async function startHttpsServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const { cert, key } = await loopbackCertificate();
  const server = createServer({ cert, key }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    cert,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
