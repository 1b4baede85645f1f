// The redirect method's first half: an unauthenticated GET of http://autodiscover.<domain>/…
// whose 302 names the real (https) Autodiscover URL ([MS-OXDISCO] 3.1.5.4). Plain HTTP can be
// tampered with, so this request carries no credentials and its body is never read; the caller
// decides whether the Location may receive them.
import http from 'node:http';
import { createAgent, type ConnectVia } from '../agent';
import { EwsError } from '../errors';

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  connectVia?: ConnectVia;
}

export interface ProbeAnswer {
  status: number;
  /** The Location header resolved against the probed URL, if the answer had one. */
  location: string | undefined;
}

function networkError(err: unknown, host: string): EwsError {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
  const message =
    code === 'ECONNREFUSED'
      ? `Could not connect to ${host}: the connection was refused.`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `The server name ${host} could not be resolved (DNS).`
        : `Network error talking to ${host}${code ? ` (${code})` : ''}.`;
  return new EwsError('network', message, { cause: err });
}

export function probeRedirect(url: string, options: ProbeOptions): Promise<ProbeAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'http:') return Promise.reject(new EwsError('invalid-request', 'The redirect probe is a plain-HTTP GET.'));
  const agent = createAgent('http:', { maxSockets: 1, ...(options.connectVia === undefined ? {} : { connectVia: options.connectVia }) });
  return new Promise<ProbeAnswer>((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      agent.destroy();
      reject(new EwsError('aborted', 'Autodiscover was cancelled.'));
      return;
    }
    let settled = false;
    const finish = (error: EwsError | undefined, answer?: ProbeAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      agent.destroy();
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const onAbort = (): void => finish(new EwsError('aborted', 'Autodiscover was cancelled.'));
    const timer = setTimeout(
      () => finish(new EwsError('timeout', `${target.host} did not answer within ${Math.round(options.timeoutMs / 100) / 10} s.`)),
      options.timeoutMs,
    );
    const req = http.get(target, { agent, headers: { Accept: 'text/xml', 'User-Agent': 'MailboxSweeper/0.1' } });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => finish(networkError(err, target.host)));
    req.on('response', (res) => {
      res.resume();
      const raw = res.headers.location;
      let location: string | undefined;
      try {
        location = raw === undefined ? undefined : new URL(raw, target).href;
      } catch {
        location = undefined;
      }
      finish(undefined, { status: res.statusCode ?? 0, location });
    });
  });
}
