// Kept-alive connections for schemes that authenticate the socket, not the request (NTLM,
// Negotiate): each lane is an agent with a single socket, held by one request at a time so that
// every leg of its handshake travels on that socket. A lane forgets its sign-in when its socket
// closes; the next request on it then meets a 401 and signs in again.
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { AuthConnection } from './auth';
import { EwsError } from './errors';

export class Lane implements AuthConnection {
  authenticated = false;
  peerCertificate: Buffer | undefined;
  #socket: Socket | undefined;

  constructor(
    readonly id: number,
    readonly host: string,
    readonly agent: http.Agent,
  ) {}

  /** Called with the socket a request was given: a new socket is not signed in. */
  observe(socket: Socket): void {
    if (socket === this.#socket) return;
    this.#socket = socket;
    this.authenticated = false;
    this.peerCertificate = undefined;
    socket.once('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.authenticated = false;
    });
  }

  /** The server certificate of the current socket, once the TLS handshake is done. */
  notePeer(socket: Socket): void {
    const tls = socket as Partial<TLSSocket>;
    if (this.peerCertificate === undefined && typeof tls.getPeerX509Certificate === 'function') this.peerCertificate = tls.getPeerX509Certificate()?.raw;
  }
}

export class ConnectionLanes {
  readonly #free: Lane[];
  readonly #all: Lane[];
  readonly #waiting: Array<(lane: Lane) => void> = [];

  constructor(count: number, host: string, makeAgent: () => http.Agent) {
    this.#all = Array.from({ length: Math.max(1, count) }, (_, i) => new Lane(i + 1, host, makeAgent()));
    this.#free = [...this.#all];
  }

  acquire(signal?: AbortSignal): Promise<Lane> {
    const lane = this.#free.pop();
    if (lane !== undefined) return Promise.resolve(lane);
    return new Promise<Lane>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.#waiting.indexOf(take);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(new EwsError('aborted', 'The request was cancelled.'));
      };
      const take = (free: Lane): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(free);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(take);
    });
  }

  release(lane: Lane): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next(lane);
    else this.#free.push(lane);
  }

  destroy(): void {
    for (const lane of this.#all) lane.agent.destroy();
  }
}
