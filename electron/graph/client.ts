// The Graph client core: a request spec (method, path under the API version, body) becomes one
// HTTPS call with a bearer token; answers become typed results. `@odata.nextLink` is followed
// only when it stays on the same origin and API version as the client's base URL, so the token
// is never sent to a host the admin did not configure.
import { randomUUID } from 'node:crypto';
import { failureFromText, type GraphFailure } from './errors';
import { DEFAULT_JSON_BOUNDS, parseBoundedJson, type JsonBounds } from './json';
import { segment } from './odata';
import type { GraphHttp, HttpRequest } from './transport';

export interface GraphRequestSpec {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Path and query under the API version, starting with '/': the form $batch sub-requests use too. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type GraphResult = { ok: true; status: number; headers: Record<string, string>; body: unknown } | { ok: false; failure: GraphFailure };

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

/** Where the bearer token comes from (MSAL in the app; a fixed string in tests). */
export type TokenSource = (signal?: AbortSignal) => Promise<string>;

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 */
  baseUrl: string;
  token: TokenSource;
  http: GraphHttp;
  timeoutMs?: number;
  maxResponseBytes?: number;
  jsonBounds?: JsonBounds;
}

export const DEFAULT_TIMEOUT_MS = 100_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class GraphClient {
  readonly base: URL;
  private readonly basePath: string;

  constructor(private readonly options: GraphClientOptions) {
    this.base = new URL(options.baseUrl);
    if (this.base.protocol !== 'https:') throw new RangeError('Graph base URL must be https.');
    this.basePath = this.base.pathname.replace(/\/+$/, '');
  }

  /** The absolute URL of a path under the API version. */
  urlOf(path: string): URL {
    if (!path.startsWith('/') || path.startsWith('//')) throw new RangeError(`Graph path must start with one '/': ${path}`);
    return new URL(`${this.base.origin}${this.basePath}${path}`);
  }

  /** True when `url` is on the base's origin and under its API version path. */
  isOwnUrl(url: URL): boolean {
    return url.origin === this.base.origin && (url.pathname === this.basePath || url.pathname.startsWith(`${this.basePath}/`));
  }

  send(spec: GraphRequestSpec, options: CallOptions = {}): Promise<GraphResult> {
    return this.call(spec.method, this.urlOf(spec.path), spec.body, spec.headers, options);
  }

  /** GETs an `@odata.nextLink`, refusing any link that leaves the configured origin or version. */
  followNextLink(link: string, headers: Record<string, string> = {}, options: CallOptions = {}): Promise<GraphResult> {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return Promise.resolve({ ok: false, failure: { kind: 'refused-url', url: link, message: 'The next-page link is not a URL.' } });
    }
    if (!this.isOwnUrl(url) || url.username !== '' || url.password !== '') {
      return Promise.resolve({
        ok: false,
        failure: {
          kind: 'refused-url',
          url: link,
          message: `The next-page link points to ${url.origin}, not ${this.base.origin}${this.basePath}: not followed.`,
        },
      });
    }
    return this.call('GET', url, undefined, headers, options);
  }

  private async call(
    method: GraphRequestSpec['method'],
    url: URL,
    body: unknown,
    headers: Record<string, string> | undefined,
    options: CallOptions,
  ): Promise<GraphResult> {
    let token: string;
    try {
      token = await this.options.token(options.signal);
    } catch (err) {
      return { ok: false, failure: { kind: 'auth', message: `No access token: ${err instanceof Error ? err.message : String(err)}` } };
    }
    const request: HttpRequest = {
      method,
      url,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        // Lets Microsoft support trace one call when an admin reports a problem.
        'client-request-id': randomUUID(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const outcome = await this.options.http.send(request);
    if (!outcome.ok) return outcome;
    const { status, headers: responseHeaders, body: text } = outcome.response;
    if (status >= 400) return { ok: false, failure: failureFromText(status, responseHeaders, text) };
    if (status === 204 || text.trim() === '') return { ok: true, status, headers: responseHeaders, body: undefined };
    const json = parseBoundedJson(text, this.options.jsonBounds ?? DEFAULT_JSON_BOUNDS);
    if (!json.ok) return { ok: false, failure: { kind: 'malformed', status, message: json.message } };
    return { ok: true, status, headers: responseHeaders, body: json.value };
  }
}

/** The mailbox part of a path: '/me' for the signed-in user, '/users/{id or UPN}' otherwise. */
export function mailboxPath(user?: string): string {
  return user === undefined ? '/me' : `/users/${segment(user)}`;
}
