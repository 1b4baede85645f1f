// The redirect method's first half: an unauthenticated GET of http://autodiscover.<domain>/…
// whose 302 names the real (https) Autodiscover URL ([MS-OXDISCO] 3.1.5.4). Plain HTTP can be
// tampered with, so this request carries no credentials and its body is never read; the caller
// decides whether the Location may receive them. Through an explicit proxy it is a plain
// forward-proxy GET (absolute URL, RFC 9112 3.2.2): proxies tunnel https with CONNECT, not port 80.
import http from 'node:http';
import { createAgent, type ConnectVia } from '../agent';
import { EwsError } from '../errors';
import { proxyEndpoint, type ProxySettings } from '../proxy';

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** With a proxy: maps the proxy's address (the only connection opened). */
  connectVia?: ConnectVia;
  proxy?: ProxySettings;
}

/** Where the GET goes and what it says: straight to the host, or to the proxy naming the whole URL. */
function requestFor(target: URL, proxy: ProxySettings | undefined): { options: http.RequestOptions; via: string } {
  const headers: Record<string, string> = { Accept: 'text/xml', 'User-Agent': 'MailboxSweeper/0.1' };
  if (proxy === undefined)
    return {
      options: { host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port || 80, path: `${target.pathname}${target.search}`, headers },
      via: target.host,
    };
  const at = proxyEndpoint(proxy);
  if (proxy.username !== undefined || proxy.password !== undefined) {
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(`${proxy.username ?? ''}:${proxy.password ?? ''}`, 'utf8').toString('base64')}`;
  }
  return { options: { host: at.host, port: at.port, path: target.href, headers: { ...headers, Host: target.host } }, via: `${at.label} (the proxy)` };
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
  let request: ReturnType<typeof requestFor>;
  try {
    request = requestFor(target, options.proxy);
  } catch (err) {
    return Promise.reject(new EwsError('invalid-request', err instanceof Error ? err.message : String(err)));
  }
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
    const req = http.get({ ...request.options, agent });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => finish(networkError(err, request.via)));
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
