// An explicit HTTP proxy: every connection to the server is a CONNECT tunnel through it, so TLS
// (and certificate pinning) runs end to end with the server and the proxy sees only the host
// name. Proxy credentials travel on the CONNECT request only, never on the requests inside.
// connectVia, when given, maps the proxy's own address (the only TCP connection we open).
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { ConnectVia } from './connectVia';

export interface ProxySettings {
  /** http://proxy.contoso.com:8080 (an https:// proxy URL is refused: the tunnel itself is plain). */
  url: string;
  username?: string;
  password?: string;
}

export const PROXY_AUTH_REQUIRED = 'ERR_PROXY_AUTH_REQUIRED';
export const PROXY_REFUSED = 'ERR_PROXY_CONNECT_REFUSED';

export class ProxyError extends Error {
  override readonly name = 'ProxyError';

  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const MAX_HEADER_BYTES = 16 * 1024;

export function proxyEndpoint(settings: ProxySettings): { host: string; port: number; label: string } {
  const url = new URL(settings.url);
  if (url.protocol !== 'http:') throw new TypeError(`The proxy URL must start with http:// (got ${url.protocol}).`);
  if (url.username || url.password) throw new TypeError('Give the proxy user name and password separately, not in the URL.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : 80, label: url.host };
}

function connectRequest(target: string, settings: ProxySettings): string {
  const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`, 'Proxy-Connection: Keep-Alive'];
  if (settings.username !== undefined || settings.password !== undefined) {
    const basic = Buffer.from(`${settings.username ?? ''}:${settings.password ?? ''}`, 'utf8').toString('base64');
    lines.push(`Proxy-Authorization: Basic ${basic}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function statusOf(head: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  return match ? Number(match[1]) : 0;
}

/** Opens a TCP tunnel to host:port through the proxy; resolves with the raw socket once the proxy answers 200. */
export function openTunnel(settings: ProxySettings, host: string, port: number, connectVia?: ConnectVia): Promise<net.Socket> {
  const proxy = proxyEndpoint(settings);
  const address = connectVia ? connectVia(proxy.host, proxy.port) : { host: proxy.host, port: proxy.port };
  const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host: address.host, port: address.port });
    let buffered = Buffer.alloc(0);
    const fail = (err: Error): void => {
      socket.removeListener('data', onData);
      socket.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_HEADER_BYTES) fail(new ProxyError(PROXY_REFUSED, `The proxy ${proxy.label} sent an oversized answer to CONNECT.`));
        return;
      }
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('end', onEnd);
      const status = statusOf(buffered.subarray(0, end).toString('latin1'));
      if (status === 200) {
        // A proxy may not send anything after its 200 before the server speaks; if it did, keep it.
        const rest = buffered.subarray(end + 4);
        if (rest.length > 0) socket.unshift(rest);
        resolve(socket);
        return;
      }
      if (status === 407) {
        const why = settings.username === undefined ? 'it needs a user name and password' : 'it did not accept the proxy user name and password';
        fail(new ProxyError(PROXY_AUTH_REQUIRED, `The proxy ${proxy.label} refused the connection: ${why} (HTTP 407).`, 407));
        return;
      }
      fail(new ProxyError(PROXY_REFUSED, `The proxy ${proxy.label} would not connect to ${target}${status ? ` (HTTP ${status})` : ''}.`, status || undefined));
    };
    const onError = (err: Error): void => fail(err);
    const onEnd = (): void => fail(new ProxyError(PROXY_REFUSED, `The proxy ${proxy.label} closed the connection before answering CONNECT.`));
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.once('connect', () => socket.write(connectRequest(target, settings)));
  });
}

/** A stream over a tunnel still being opened: writes wait for it, a failure to open destroys the stream with that error. */
export class PendingTunnel extends Duplex {
  #socket: net.Socket | undefined;
  #queued: { chunk: Buffer; done: (err?: Error | null) => void }[] = [];
  #ending: ((err?: Error | null) => void) | undefined;

  constructor(opening: Promise<net.Socket>) {
    super();
    opening.then(
      (socket) => this.#attach(socket),
      (err: Error) => this.destroy(err),
    );
  }

  #attach(socket: net.Socket): void {
    if (this.destroyed) {
      socket.destroy();
      return;
    }
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => this.destroy());
    for (const { chunk, done } of this.#queued.splice(0)) socket.write(chunk, done);
    if (this.#ending) socket.end(this.#ending);
  }

  override _read(): void {
    this.#socket?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.#socket) this.#socket.write(chunk, done);
    else this.#queued.push({ chunk, done });
  }

  override _final(done: (err?: Error | null) => void): void {
    if (this.#socket) this.#socket.end(done);
    else this.#ending = done;
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.#socket?.destroy();
    done(err);
  }
}
