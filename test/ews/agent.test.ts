import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, HttpTransport } from '../../electron/ews';

let server: Server;
let port = 0;
const seenHosts: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHosts.push(req.headers.host ?? '');
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('connectVia', () => {
  it('connects a host name to another address while the Host header keeps the name', async () => {
    const transport = new HttpTransport({
      url: 'http://mail.contoso.com/EWS/Exchange.asmx',
      auth: new BasicAuth('u', 'p'),
      connectVia: (host, p) => {
        expect([host, p]).toEqual(['mail.contoso.com', 80]);
        return { host: '127.0.0.1', port };
      },
    });
    const response = await transport.post('<x/>', { operation: 'Probe', timeoutMs: 5000 });
    transport.close();
    expect(response.status).toBe(200);
    expect(seenHosts).toEqual(['mail.contoso.com']);
  });

  it('keeps the remapped socket alive for the next request (one socket, no wait for a free one)', async () => {
    const sockets: unknown[] = [];
    const count = (socket: unknown): void => void sockets.push(socket);
    server.on('connection', count);
    const transport = new HttpTransport({
      url: 'http://mail.contoso.com/EWS/Exchange.asmx',
      auth: new BasicAuth('u', 'p'),
      maxSockets: 1,
      connectVia: () => ({ host: '127.0.0.1', port }),
    });
    try {
      for (let i = 0; i < 3; i++) expect((await transport.post('<x/>', { operation: 'Probe', timeoutMs: 2000 })).status).toBe(200);
    } finally {
      transport.close();
      server.off('connection', count);
    }
    expect(sockets).toHaveLength(1);
  });
});
