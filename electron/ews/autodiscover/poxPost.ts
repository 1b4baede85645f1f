// One authenticated POST of the POX request to one URL, and what its answer means for the
// chain. The transport does the auth handshake and never follows redirects: a 3xx comes back
// as an answer, and the chain decides whether its Location may receive credentials. The
// transport comes from the run's PoxConnections, so POSTs to one URL share its signed-in socket.
import { isEwsError } from '../errors';
import type { RawResponse } from '../transportPort';
import type { PoxConnections } from './poxConnections';
import { buildPoxRequest } from './poxRequest';
import { describePoxError, parsePoxResponse } from './poxResponse';

export type PoxAttempt =
  | { kind: 'found'; ewsUrl: string; detail: string }
  | { kind: 'redirect-url'; url: string; detail: string }
  | { kind: 'redirect-addr'; address: string; detail: string }
  | { kind: 'failed'; detail: string; signInRefused: boolean; /** The Autodiscover ErrorCode, when the server answered with one. */ errorCode?: string }
  | { kind: 'aborted'; detail: string };

export interface PoxPostOptions {
  /** The run's transports (credentials, CAs and connectVia are theirs). */
  connections: PoxConnections;
  timeoutMs: number;
  signal?: AbortSignal;
}

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

function failed(detail: string, signInRefused = false, errorCode = ''): PoxAttempt {
  return errorCode === '' ? { kind: 'failed', detail, signInRefused } : { kind: 'failed', detail, signInRefused, errorCode };
}

function header(raw: RawResponse, name: string): string | undefined {
  const value = raw.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** What one HTTP answer to a POX POST means (pure, for tests). */
export function classifyPoxAnswer(url: string, raw: RawResponse): PoxAttempt {
  const { status } = raw;
  if (status === 401) return failed('sign-in refused (HTTP 401): the server did not accept the credentials', true);
  if (status === 403) return failed('access refused (HTTP 403)');
  if (REDIRECT_STATUS.has(status)) {
    const location = header(raw, 'location');
    if (location === undefined) return failed(`HTTP ${status} redirect without a Location`);
    let next: string;
    try {
      next = new URL(location, url).href;
    } catch {
      return failed(`HTTP ${status} redirect to an unreadable Location`);
    }
    return { kind: 'redirect-url', url: next, detail: `HTTP ${status} redirect to ${next}` };
  }
  const parsed = parsePoxResponse(raw.body, header(raw, 'content-type'));
  if (status !== 200) {
    const what = parsed.kind === 'unusable' && parsed.reason === 'html' ? ' with a web page' : parsed.kind === 'error' ? ` (${describePoxError(parsed)})` : '';
    return failed(`HTTP ${status}${what}`);
  }
  switch (parsed.kind) {
    case 'settings':
      if (!isWebUrl(parsed.ewsUrl)) return failed(`the settings carry an EWS URL that is not a web address ("${parsed.ewsUrl.slice(0, 200)}")`);
      return { kind: 'found', ewsUrl: parsed.ewsUrl, detail: `EWS URL ${parsed.ewsUrl} (protocol ${parsed.protocol})` };
    case 'redirectUrl': {
      let next: string;
      try {
        next = new URL(parsed.url, url).href;
      } catch {
        return failed(`redirectUrl to something that is not a URL ("${parsed.url.slice(0, 200)}")`);
      }
      return { kind: 'redirect-url', url: next, detail: `redirectUrl to ${next}` };
    }
    case 'redirectAddr':
      return { kind: 'redirect-addr', address: parsed.address, detail: `redirectAddr to ${parsed.address}` };
    case 'error':
      return failed(describePoxError(parsed), false, parsed.errorCode);
    case 'unusable':
      return failed(parsed.detail);
  }
}

export async function postPox(url: string, email: string, options: PoxPostOptions): Promise<PoxAttempt> {
  try {
    const body = buildPoxRequest(email);
    const raw = await options.connections.transportFor(url).post(body, {
      operation: 'Autodiscover',
      timeoutMs: options.timeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return classifyPoxAnswer(url, raw);
  } catch (err) {
    if (isEwsError(err)) return err.kind === 'aborted' ? { kind: 'aborted', detail: err.message } : failed(err.message);
    return failed(err instanceof Error ? err.message : String(err));
  }
}
