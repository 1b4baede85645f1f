// Test connection's reachability steps (TCP straight to the server, or a CONNECT tunnel through the
// explicit proxy) and what lets the admin's Cancel end any step at once: each step's own socket is
// closed on abort, and a step that cannot be aborted (a DNS look-up) is no longer waited for.
import net from 'node:net';
import { openTunnel, proxyEndpoint, type ProxySettings as TunnelSettings } from '../../ews/proxy';

/** What a step cancelled by the admin says (and why the rest are skipped). */
export const TEST_CANCELLED = 'The test was cancelled.';

export class TestCancelled extends Error {
  constructor() {
    super(TEST_CANCELLED);
  }
}

/** `work`, or a TestCancelled rejection as soon as `signal` aborts (the work is then no longer waited for). */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(new TestCancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new TestCancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Opens a TCP connection to host:port and closes it at once; an abort closes the socket. */
export function tcpConnect(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new TestCancelled());
    const socket = net.connect({ host, port });
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    const onAbort = (): void => {
      done();
      reject(new TestCancelled());
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`No answer from ${host}:${port} within ${timeoutMs / 1000} s (firewall, VPN or wrong port?).`));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      done();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(new Error(`${host}:${port} refused or dropped the connection (${error.code ?? error.message}).`));
    });
  });
}

/**
 * Opens a CONNECT tunnel to host:port through the proxy and closes it at once (the TCP step, via
 * the proxy). A tunnel that opens after the timeout or a cancel is closed as it arrives.
 */
export function tunnelConnect(proxy: TunnelSettings, host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new TestCancelled());
    let late = false;
    const give = (error: Error): void => {
      late = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = (): void => give(new TestCancelled());
    const timer = setTimeout(
      () => give(new Error(`The proxy ${proxyEndpoint(proxy).label} did not open a tunnel to ${host}:${port} within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    openTunnel(proxy, host, port).then(
      (socket) => {
        socket.destroy();
        if (late) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        if (!late) give(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
