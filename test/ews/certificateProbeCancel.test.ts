// Reading a server's certificate under Cancel (Test connection's TLS step, trusting a certificate on
// connect): against a server that accepts and never answers the TLS handshake, an abort ends the
// probe at once with a 'cancelled' message and closes its socket; an abort before it starts opens nothing.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCertificate } from '../../electron/ews/certificateProbe';

const open = new Set<Socket>();
let received = 0;
let connections = 0;
const server = createServer((socket) => {
  connections++;
  open.add(socket);
  socket.on('data', (chunk) => (received += chunk.length));
  socket.on('close', () => open.delete(socket));
  socket.on('error', () => undefined);
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
});
afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function until(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('probeCertificate with a signal', () => {
  it('an abort during the handshake rejects at once and closes the socket', async () => {
    const controller = new AbortController();
    const pending = probeCertificate(url, { timeoutMs: 60_000, signal: controller.signal });
    // The ClientHello reached the server, which never answers it.
    await until(() => received > 0, 5_000);
    const abortedAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow('Reading the certificate of 127.0.0.1 was cancelled.');
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    await until(() => open.size === 0, 1_000);
  });

  it('an abort before it starts opens no connection', async () => {
    const before = connections;
    const controller = new AbortController();
    controller.abort();
    await expect(probeCertificate(url, { timeoutMs: 60_000, signal: controller.signal })).rejects.toThrow(/was cancelled/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toBe(before);
  });
});
