// HTTPS for Graph calls over Node's https: one keep-alive agent, a timeout per call, a cap on
// the response size, cancellation; node errors become typed transport failures (never thrown).
import https from 'node:https';
import type { GraphFailure } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Whole-call limit: connect, send, and read the answer. */
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export type HttpOutcome = { ok: true; response: HttpResponse } | { ok: false; failure: GraphFailure & { kind: 'transport' } };

/** The seam the client calls; tests give it scripted answers, the app the https one. */
export interface GraphHttp {
  send(request: HttpRequest): Promise<HttpOutcome>;
}

export interface HttpsOptions {
  /** Extra trusted CA certificates (PEM): the simulator's own, or an inspecting proxy's. */
  ca?: string | readonly string[];
  /** Graph's per-app-per-mailbox limit is 4 concurrent requests; more sockets would only be throttled. */
  maxSockets?: number;
}

const TLS_CODE = /^(?:ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

function flatHeaders(raw: NodeJS.Dict<string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export class HttpsTransport implements GraphHttp {
  private readonly agent: https.Agent;

  constructor(options: HttpsOptions = {}) {
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 4,
      ...(options.ca ? { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] } : {}),
    });
  }

  close(): void {
    this.agent.destroy();
  }

  send(request: HttpRequest): Promise<HttpOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: HttpOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const fail = (reason: 'timeout' | 'network' | 'too-large' | 'aborted' | 'tls', message: string): void => {
        finish({ ok: false, failure: { kind: 'transport', reason, message } });
        req.destroy();
      };
      if (request.url.protocol !== 'https:') {
        resolve({ ok: false, failure: { kind: 'transport', reason: 'network', message: `Refusing to send a token over ${request.url.protocol}` } });
        return;
      }
      if (request.signal?.aborted) {
        resolve({ ok: false, failure: { kind: 'transport', reason: 'aborted', message: 'The call was cancelled.' } });
        return;
      }
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const req = https.request(request.url, {
        method: request.method,
        agent: this.agent,
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      });
      // Registered first: a destroy() from any path below emits 'error', which must never go unheard.
      req.on('error', (err) => {
        const code = codeOf(err);
        fail(TLS_CODE.test(code) ? 'tls' : 'network', `${request.url.host}: ${code || err.message}`);
      });
      const timer = setTimeout(() => fail('timeout', `No complete answer from ${request.url.host} within ${request.timeoutMs} ms.`), request.timeoutMs);
      const onAbort = (): void => fail('aborted', 'The call was cancelled.');
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > request.maxResponseBytes) {
          fail('too-large', `The answer of ${declared} bytes exceeds the ${request.maxResponseBytes}-byte limit.`);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxResponseBytes) {
            fail('too-large', `The answer exceeds the ${request.maxResponseBytes}-byte limit.`);
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish({ ok: true, response: { status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') } }),
        );
        res.on('error', (err) => fail('network', `The answer from ${request.url.host} broke off: ${err.message}`));
      });
      req.end(body);
    });
  }
}
