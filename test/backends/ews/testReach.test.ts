// Test connection's reachability helpers under Cancel: the wait for a step that cannot be aborted
// ends at once on abort, and an aborted TCP probe opens nothing (test/service/cancelConnect.test.ts
// sees the sockets of a cancelled Test connection close on a server that never answers).
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TEST_CANCELLED, TestCancelled, tcpConnect, unlessCancelled } from '../../../electron/backends/ews/testReach';

describe('unlessCancelled', () => {
  it('passes the work through without a signal or when it is not aborted', async () => {
    expect(await unlessCancelled(Promise.resolve(1), undefined)).toBe(1);
    expect(await unlessCancelled(Promise.resolve(2), new AbortController().signal)).toBe(2);
    await expect(unlessCancelled(Promise.reject(new Error('no address')), new AbortController().signal)).rejects.toThrow('no address');
  });

  it('rejects as cancelled at once, before or during the work', async () => {
    const before = new AbortController();
    before.abort();
    await expect(unlessCancelled(new Promise(() => undefined), before.signal)).rejects.toBeInstanceOf(TestCancelled);
    const during = new AbortController();
    const pending = unlessCancelled(new Promise(() => undefined), during.signal);
    during.abort();
    await expect(pending).rejects.toThrow(TEST_CANCELLED);
  });
});

describe('tcpConnect', () => {
  it('connects and closes; a refused port says so', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await expect(tcpConnect('127.0.0.1', port, 5_000)).resolves.toBeUndefined();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(tcpConnect('127.0.0.1', port, 5_000)).rejects.toThrow(/refused or dropped/);
  });

  it('an abort before it starts opens nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(tcpConnect('127.0.0.1', 9, 5_000, controller.signal)).rejects.toBeInstanceOf(TestCancelled);
  });
});
