// HTTP POST of one SOAP request over a keep-alive agent, with a body-size cap, a timeout,
// cancellation, the auth handshake loop, and node errors mapped to EwsError kinds.
import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import type { AuthChallenge, EwsAuth } from './auth';
import { createAgent, type ConnectVia } from './agent';
import { ConnectionLanes, type Lane } from './connectionLanes';
import { ProxyError, type ProxySettings } from './proxy';
import { EwsError } from './errors';
import type { EwsTransport, ExchangeRecord, PostOptions, RawResponse } from './transportPort';

export type { EwsTransport, ExchangeRecord, PostOptions, RawResponse } from './transportPort';

export interface TransportOptions {
  url: string;
  auth: EwsAuth;
  maxSockets?: number;
  /** Largest response body accepted, in bytes, when a call names no limit of its own (default 16 MiB). */
  maxResponseBytes?: number;
  /** Extra trusted CA certificates (PEM), for on-premises servers with an internal CA. */
  ca?: string | readonly string[];
  /** Where host names really connect (tests, diagnostics); see agent.ts. */
  connectVia?: ConnectVia;
  /** The server certificate the admin chose to trust (agent.ts: trusted as a CA, and the leaf must match). */
  pinnedSha256?: string;
  pinnedPem?: string;
  /** An explicit HTTP proxy (CONNECT tunnel). */
  proxy?: ProxySettings;
  /** A custom agent, e.g. a single-socket one for connection-bound auth. */
  agent?: http.Agent;
  userAgent?: string;
  /** Test tap: sees every request and response body. */
  onExchange?: (record: ExchangeRecord) => void;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_AUTH_ROUNDS = 3;

const TLS_CODES = /^(?:ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO$)/;

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return '';
}

function describeNetwork(code: string, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${host}: the connection was refused (is the server up and the port right?).`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${host} was reset before Exchange answered.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The server name ${host} could not be resolved (DNS).`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable from this computer (network route).`;
    default:
      return `Network error talking to ${host}${code ? ` (${code})` : ''}.`;
  }
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}

/** Internal marker so our own destroy() reasons are not mistaken for network errors. */
class Stop extends Error {
  constructor(readonly error: EwsError) {
    super(error.message);
  }
}

export class HttpTransport implements EwsTransport {
  readonly #url: URL;
  readonly #auth: EwsAuth;
  readonly #agent: http.Agent;
  readonly #ownsAgent: boolean;
  /** Single-socket lanes, for schemes that authenticate the connection (NTLM, Negotiate). */
  readonly #lanes: ConnectionLanes | undefined;
  readonly #maxBytes: number;
  readonly #userAgent: string;
  readonly #onExchange: ((record: ExchangeRecord) => void) | undefined;

  constructor(options: TransportOptions) {
    this.#url = new URL(options.url);
    if (this.#url.protocol !== 'https:' && this.#url.protocol !== 'http:') {
      throw new EwsError('invalid-request', `The EWS URL must start with https:// (got ${this.#url.protocol}).`);
    }
    this.#auth = options.auth;
    this.#maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#userAgent = options.userAgent ?? 'MailboxSweeper/0.1';
    this.#onExchange = options.onExchange;
    this.#ownsAgent = options.agent === undefined;
    const makeAgent = (maxSockets: number): http.Agent =>
      createAgent(this.#url.protocol === 'https:' ? 'https:' : 'http:', {
        maxSockets,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.connectVia === undefined ? {} : { connectVia: options.connectVia }),
        ...(options.pinnedSha256 === undefined ? {} : { pinnedSha256: options.pinnedSha256 }),
        ...(options.pinnedPem === undefined ? {} : { pinnedPem: options.pinnedPem }),
        ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
      });
    const sockets = options.maxSockets ?? 8;
    this.#agent = options.agent ?? makeAgent(sockets);
    this.#lanes =
      options.auth.connectionBound === true && options.agent === undefined ? new ConnectionLanes(sockets, this.#url.hostname, () => makeAgent(1)) : undefined;
  }

  get host(): string {
    return this.#url.host;
  }

  /** Closes idle keep-alive sockets (only those of an agent this transport created). */
  close(): void {
    if (this.#ownsAgent) this.#agent.destroy();
    this.#lanes?.destroy();
  }

  async post(requestXml: string, options: PostOptions): Promise<RawResponse> {
    const lanes = this.#lanes;
    if (lanes === undefined) return this.#exchange(requestXml, options, undefined);
    const lane = await lanes.acquire(options.signal);
    try {
      const response = await this.#exchange(requestXml, options, lane);
      if (response.status !== 401) lane.authenticated = true;
      return response;
    } finally {
      lanes.release(lane);
    }
  }

  /** One request with its sign-in legs (all on `lane`'s socket when there is one). */
  async #exchange(requestXml: string, options: PostOptions, lane: Lane | undefined): Promise<RawResponse> {
    const deadline = Date.now() + options.timeoutMs;
    let authHeaders = await this.#auth.authorize(options.signal, lane);
    for (let round = 0; ; round++) {
      const response = await this.#once(requestXml, { ...options, timeoutMs: Math.max(1, deadline - Date.now()) }, authHeaders, lane);
      const respond = this.#auth.respondToChallenge?.bind(this.#auth);
      if (response.status !== 401 || respond === undefined || round >= MAX_AUTH_ROUNDS) return response;
      const diagnostics = response.headers['x-ms-diagnostics'];
      const challenge: AuthChallenge = {
        status: 401,
        wwwAuthenticate: response.wwwAuthenticate ?? [],
        ...(typeof diagnostics === 'string' ? { diagnostics } : {}),
      };
      const next = await respond(challenge, options.signal, lane);
      if (next === undefined) return response;
      authHeaders = next;
    }
  }

  #once(requestXml: string, options: PostOptions, authHeaders: Record<string, string>, lane?: Lane): Promise<RawResponse> {
    const maxBytes = options.maxResponseBytes ?? this.#maxBytes;
    const host = this.#url.host;
    const tap = this.#onExchange;
    const payload = Buffer.from(requestXml, 'utf8');
    return new Promise<RawResponse>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new EwsError('aborted', 'The request was cancelled.'));
        return;
      }
      let settled = false;
      const startedAt = Date.now();
      const finish = (error: EwsError | undefined, result?: RawResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        tap?.({
          operation: options.operation,
          requestXml,
          status: result?.status ?? error?.status,
          responseXml: result?.body,
          requestHeaders: sentHeaders,
          ...(result === undefined ? {} : { responseHeaders: result.headers }),
          ms: Date.now() - startedAt,
        });
        if (error) reject(error);
        else if (result) resolve(result);
      };
      const stop = (error: EwsError): void => {
        req.destroy(new Stop(error));
        finish(error);
      };
      const onAbort = (): void => stop(new EwsError('aborted', 'The request was cancelled.'));
      const timer = setTimeout(
        () => stop(new EwsError('timeout', `Exchange did not answer within ${Math.round(options.timeoutMs / 100) / 10} s.`)),
        options.timeoutMs,
      );
      const send = this.#url.protocol === 'https:' ? https.request : http.request;
      const sentHeaders: Record<string, string> = {
        'Content-Type': 'text/xml; charset=utf-8',
        Accept: 'text/xml',
        'Content-Length': String(payload.length),
        'User-Agent': this.#userAgent,
        'client-request-id': randomUUID(),
        'return-client-request-id': 'true',
        ...options.headers,
        ...authHeaders,
      };
      const req = send(this.#url, { method: 'POST', agent: lane?.agent ?? this.#agent, headers: sentHeaders });
      if (lane !== undefined) req.on('socket', (socket) => lane.observe(socket));
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err: unknown) => {
        if (err instanceof Stop) return finish(err.error);
        const code = errorCode(err);
        const cause = err;
        if (err instanceof Error && err.cause instanceof ProxyError) return finish(new EwsError('network', err.cause.message, { cause }));
        if (err instanceof ProxyError) return finish(new EwsError('network', err.message, { cause }));
        if (TLS_CODES.test(code)) {
          return finish(
            new EwsError(
              'tls',
              `Secure connection to ${host} failed (${code}): the certificate is not trusted or does not match. If the server uses an internal CA, add its certificate.`,
              { cause },
            ),
          );
        }
        finish(new EwsError('network', describeNetwork(code, host), { cause }));
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        lane?.notePeer(res.socket);
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          return stop(tooLarge(status, maxBytes));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return stop(tooLarge(status, maxBytes));
          chunks.push(chunk);
        });
        res.on('error', (err: unknown) => {
          if (err instanceof Stop) return finish(err.error);
          finish(new EwsError('network', `The connection to ${host} dropped while Exchange was answering.`, { status, cause: err }));
        });
        res.on('aborted', () => finish(new EwsError('network', `The connection to ${host} dropped while Exchange was answering.`, { status })));
        res.on('end', () => {
          if (!res.complete) {
            return finish(new EwsError('network', `The connection to ${host} dropped while Exchange was answering.`, { status }));
          }
          const wwwAuthenticate = res.headersDistinct['www-authenticate'];
          finish(undefined, {
            status,
            headers: res.headers,
            body: Buffer.concat(chunks, size).toString('utf8'),
            ...(wwwAuthenticate === undefined ? {} : { wwwAuthenticate }),
          });
        });
      });
      req.end(payload);
    });
  }
}

function tooLarge(status: number, maxBytes: number): EwsError {
  return new EwsError('malformed', `Exchange sent an unusable answer: the response is larger than ${formatBytes(maxBytes)}, the limit for this request.`, {
    status,
  });
}
