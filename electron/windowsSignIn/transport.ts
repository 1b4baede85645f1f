// An EwsTransport over Chromium's network stack (Electron's net.request), so that Windows single
// sign-on works as in a browser: Kerberos or NTLM with the logged-on user's own credentials,
// channel binding, and the system proxy / PAC. This file holds the behaviour and is tested
// against a fake; electron.ts wires the real Electron modules.
// SSO only: if Chromium asks for a user name and password (the 'login' event), the server did
// not accept the Windows sign-in, and we cancel rather than answer with stored credentials.
import type { IncomingHttpHeaders } from 'node:http';
import { EwsError } from '../ews/errors';
import type { EwsTransport, ExchangeRecord, PostOptions, RawResponse } from '../ews/transportPort';

export interface LoginInfo {
  isProxy: boolean;
  scheme: string;
  host: string;
  port: number;
  realm: string;
}

/** The part of Electron's IncomingMessage used here. */
export interface NetResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'aborted', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of Electron's ClientRequest used here. */
export interface NetRequest {
  on(event: 'response', listener: (response: NetResponse) => void): unknown;
  on(event: 'login', listener: (authInfo: LoginInfo, callback: (username?: string, password?: string) => void) => void): unknown;
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  setHeader(name: string, value: string): void;
  end(chunk?: Buffer): void;
  abort(): void;
}

export interface NetRequestOptions {
  method: 'POST';
  url: string;
  /** 3xx is returned to the client as a status (like the Node transport), never followed. */
  redirect: 'manual';
  /** Integrated auth from the session; cookies too (Exchange's load-balancer affinity). */
  credentials: 'include';
  useSessionCookies: true;
  cache: 'no-store';
}

export interface WindowsSignInDeps {
  request(options: NetRequestOptions): NetRequest;
  maxResponseBytes?: number;
  userAgent?: string;
  onExchange?: (record: ExchangeRecord) => void;
  newRequestId?: () => string;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const SSO_NOT_ACCEPTED = 'Windows sign-in was not accepted by the server; use a password instead.';

// Chromium reports failures as "net::ERR_…" messages.
function netCode(err: Error): string {
  return /net::(ERR_[A-Z_]+)/.exec(err.message)?.[1] ?? '';
}

function mapNetError(err: Error, host: string): EwsError {
  const code = netCode(err);
  const cause = err;
  if (/^ERR_(CERT_|SSL_|BAD_SSL_|SSL|TLS)/.test(code)) {
    return new EwsError('tls', `Secure connection to ${host} failed (${code}): the certificate is not trusted or does not match.`, { cause });
  }
  switch (code) {
    case 'ERR_CONNECTION_REFUSED':
      return new EwsError('network', `Could not connect to ${host}: the connection was refused (is the server up and the port right?).`, { cause });
    case 'ERR_CONNECTION_RESET':
    case 'ERR_CONNECTION_CLOSED':
    case 'ERR_EMPTY_RESPONSE':
      return new EwsError('network', `The connection to ${host} was reset before Exchange answered.`, { cause });
    case 'ERR_NAME_NOT_RESOLVED':
    case 'ERR_NAME_RESOLUTION_FAILED':
      return new EwsError('network', `The server name ${host} could not be resolved (DNS).`, { cause });
    case 'ERR_TIMED_OUT':
    case 'ERR_CONNECTION_TIMED_OUT':
      return new EwsError('timeout', `${host} did not answer (connection timed out).`, { cause });
    case 'ERR_PROXY_CONNECTION_FAILED':
    case 'ERR_TUNNEL_CONNECTION_FAILED':
      return new EwsError('network', `The proxy would not connect to ${host} (${code}).`, { cause });
    default:
      return new EwsError('network', `Network error talking to ${host}${code ? ` (${code})` : ''}.`, { cause });
  }
}

function toNodeHeaders(headers: Record<string, string | string[]>): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    out[lower] = lower === 'set-cookie' ? (Array.isArray(value) ? value : [value]) : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}

class WindowsSignInTransport implements EwsTransport {
  readonly #url: URL;
  readonly #deps: WindowsSignInDeps;
  readonly #maxBytes: number;

  constructor(url: string, deps: WindowsSignInDeps) {
    this.#url = new URL(url);
    if (this.#url.protocol !== 'https:' && this.#url.protocol !== 'http:') {
      throw new EwsError('invalid-request', `The EWS URL must start with https:// (got ${this.#url.protocol}).`);
    }
    this.#deps = deps;
    this.#maxBytes = deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  get host(): string {
    return this.#url.host;
  }

  /** Chromium owns and pools the connections; nothing to release here. */
  close(): void {}

  post(requestXml: string, options: PostOptions): Promise<RawResponse> {
    const host = this.#url.host;
    // The client names a cap per operation (ews/responseLimits.ts); this transport's own is the fallback.
    const maxBytes = options.maxResponseBytes ?? this.#maxBytes;
    const payload = Buffer.from(requestXml, 'utf8');
    return new Promise<RawResponse>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) return reject(new EwsError('aborted', 'The request was cancelled.'));
      let settled = false;
      let loginAsked: LoginInfo | undefined;
      const finish = (error: EwsError | undefined, result?: RawResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#deps.onExchange?.({
          operation: options.operation,
          requestXml,
          status: result?.status ?? error?.status,
          responseXml: result?.body,
          ...(result ? { responseHeaders: result.headers } : {}),
        });
        if (error) reject(error);
        else if (result) resolve(result);
      };
      const stop = (error: EwsError): void => {
        finish(error);
        req.abort();
      };
      const onAbort = (): void => stop(new EwsError('aborted', 'The request was cancelled.'));
      const timer = setTimeout(
        () => stop(new EwsError('timeout', `Exchange did not answer within ${Math.round(options.timeoutMs / 100) / 10} s.`)),
        options.timeoutMs,
      );
      const req = this.#deps.request({
        method: 'POST',
        url: this.#url.href,
        redirect: 'manual',
        credentials: 'include',
        useSessionCookies: true,
        cache: 'no-store',
      });
      req.on('login', (authInfo, callback) => {
        loginAsked = authInfo;
        callback(); // no credentials: Chromium cancels and delivers the 401 (or 407)
      });
      req.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
        finish(undefined, { status: statusCode, headers: { ...toNodeHeaders(responseHeaders), location: redirectUrl }, body: '' });
        req.abort();
      });
      req.on('error', (err) => finish(loginAsked ? this.#notAccepted(loginAsked) : mapNetError(err, host)));
      req.on('response', (res) => {
        const status = res.statusCode;
        if (loginAsked && (status === 401 || status === 407)) return stop(this.#notAccepted(loginAsked, status));
        const declared = Number(res.headers['content-length'] ?? res.headers['Content-Length']);
        if (Number.isFinite(declared) && declared > maxBytes) return stop(tooLarge(status, maxBytes));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk) => {
          size += chunk.length;
          if (size > maxBytes) return stop(tooLarge(status, maxBytes));
          chunks.push(chunk);
        });
        res.on('error', (err) => finish(new EwsError('network', `The connection to ${host} dropped while Exchange was answering.`, { status, cause: err })));
        res.on('aborted', () => finish(new EwsError('network', `The connection to ${host} dropped while Exchange was answering.`, { status })));
        res.on('end', () => finish(undefined, { status, headers: toNodeHeaders(res.headers), body: Buffer.concat(chunks, size).toString('utf8') }));
      });
      const headers: Record<string, string> = {
        'Content-Type': 'text/xml; charset=utf-8',
        Accept: 'text/xml',
        'User-Agent': this.#deps.userAgent ?? 'MailboxSweeper/0.1',
        ...(this.#deps.newRequestId ? { 'client-request-id': this.#deps.newRequestId(), 'return-client-request-id': 'true' } : {}),
        ...options.headers,
      };
      for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.end(payload);
    });
  }

  #notAccepted(info: LoginInfo, status?: number): EwsError {
    const message = info.isProxy ? `The proxy ${info.host} did not accept the Windows sign-in and asked for a user name and password.` : SSO_NOT_ACCEPTED;
    return new EwsError('auth', message, { status: status ?? (info.isProxy ? 407 : 401) });
  }
}

function tooLarge(status: number, maxBytes: number): EwsError {
  return new EwsError('malformed', `Exchange sent an unusable answer: the response is larger than ${formatBytes(maxBytes)}, the limit for this request.`, {
    status,
  });
}

export function createWindowsSignInTransport(url: string, deps: WindowsSignInDeps): EwsTransport {
  return new WindowsSignInTransport(url, deps);
}
