// Turns one HTTP answer into the operation's response element, or a typed EwsError.
// Order matters: status-only answers first (auth, redirects, IIS 503), then what the body
// looks like (HTML, empty, DTD), then SOAP structure (fault or <Op>Response).
import { EwsError } from './errors';
import { faultToError } from './fault';
import { MESSAGES_NS, SOAP_NS } from './namespaces';
import type { ResponseParser } from './responseParser';
import { childrenOf, firstChild, nameOf, type XNode } from './xmlTree';
import { scanXml, type TopElement } from './xmlWellformed';

export interface HttpAnswer {
  status: number;
  contentType: string | undefined;
  location: string | undefined;
  body: string;
}

export interface ClassifyContext {
  operation: string;
  parser: ResponseParser;
  impersonating: string | undefined;
}

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html)[\s>]/i;
const ENVELOPE_END = /<\/(?:[A-Za-z_][\w.-]*:)?Envelope\s*>\s*$/;
const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);

function looksLikeHtml(answer: HttpAnswer): boolean {
  return (answer.contentType ?? '').toLowerCase().includes('text/html') || HTML_START.test(answer.body);
}

function statusError(answer: HttpAnswer): EwsError {
  const s = answer.status;
  if (s === 401) {
    return new EwsError('auth', 'Exchange rejected the sign-in (HTTP 401): check the user name and password, or renew the token.', { status: s });
  }
  if (s === 403) {
    return new EwsError('auth', 'Exchange refused access (HTTP 403): the account may be blocked from EWS, or the URL is not allowed.', { status: s });
  }
  if (s >= 300 && s < 400) {
    const to = answer.location ? ` to ${answer.location}` : '';
    const outage = /genericerrorpage/i.test(answer.location ?? '');
    return new EwsError(
      'redirect',
      outage
        ? `Exchange redirected the request${to} (HTTP ${s}): the server reports an outage; try again later.`
        : `Exchange redirected the request${to} (HTTP ${s}): check the EWS URL (it normally ends in /EWS/Exchange.asmx).`,
      { status: s, location: answer.location, retryable: outage },
    );
  }
  if (s === 503) {
    return new EwsError('http', 'Exchange is overloaded (HTTP 503, request queue full); retry after a pause.', { status: s, retryable: true });
  }
  return new EwsError('http', `Exchange answered HTTP ${s} without a SOAP response${s === 404 ? ': check the EWS URL' : ''}.`, {
    status: s,
    retryable: RETRYABLE_STATUS.has(s) || s >= 500,
  });
}

function malformed(message: string, status: number, cause?: unknown): EwsError {
  return new EwsError('malformed', `Exchange sent an unusable answer: ${message}.`, { status, cause });
}

/** Depth down to which namespaces are checked: Envelope/Body/<Op>Response/ResponseMessages/<message>. */
const NS_DEPTH = 5;

/**
 * Why the elements near the top are not where SOAP 1.1 and EWS put them, if they are not: the
 * envelope, its header and body in the SOAP namespace, a fault too, and the operation's response,
 * its ResponseMessages and each message in the EWS messages namespace. Header blocks and a fault's
 * contents (faultcode, detail …) carry their own namespaces, or none, and are left alone.
 */
function namespaceProblem(top: readonly TopElement[]): string | undefined {
  const wrong = (e: TopElement, what: string): string => `<${e.name}> is not in the ${what} namespace (${e.ns === '' ? 'no namespace' : e.ns})`;
  for (const e of top) {
    if (e.depth <= 2) {
      if (e.ns !== SOAP_NS) return wrong(e, 'SOAP 1.1');
      continue;
    }
    if (!e.path.startsWith('Envelope/Body/')) continue;
    if (e.depth === 3 && e.name === 'Fault') {
      if (e.ns !== SOAP_NS) return wrong(e, 'SOAP 1.1');
      continue;
    }
    if (e.path.startsWith('Envelope/Body/Fault/')) continue;
    if (e.ns !== MESSAGES_NS) return wrong(e, 'EWS messages');
  }
  return undefined;
}

function parseEnvelope(answer: HttpAnswer, parser: ResponseParser): XNode | undefined {
  let roots: XNode[];
  try {
    roots = parser.parse(answer.body);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw malformed(`the XML could not be read (${reason})`, answer.status, cause);
  }
  return roots[0];
}

/** Returns the `<operation>Response` element, or throws the EwsError describing the answer. */
export function responseElement(answer: HttpAnswer, ctx: ClassifyContext): XNode {
  const { status } = answer;
  const mayHoldSoap = status === 200 || status === 500;
  if (!mayHoldSoap) throw statusError(answer);
  if (answer.body.trim() === '') {
    throw status === 500 ? statusError(answer) : malformed('the response body is empty', status);
  }
  if (looksLikeHtml(answer)) {
    if (status === 500) throw statusError(answer);
    throw new EwsError(
      'html',
      'Exchange answered with a web page instead of EWS data: probably a sign-in page, a proxy, or a wrong EWS URL (it normally ends in /EWS/Exchange.asmx).',
      { status },
    );
  }
  // SOAP forbids a DTD; refusing it outright means no entity can ever be declared.
  if (/<!DOCTYPE/i.test(answer.body)) throw malformed('it contains a DOCTYPE declaration, which SOAP forbids', status);
  if (!ENVELOPE_END.test(answer.body.slice(-256))) {
    if (status === 500 && !answer.body.includes('Envelope')) throw statusError(answer);
    throw malformed('the response is truncated or is not a SOAP envelope', status);
  }
  // Before anything is read: a tree fast-xml-parser builds from mismatched tags, two envelopes or
  // foreign namespaces would otherwise be read as a success (xmlWellformed.ts).
  const scan = scanXml(answer.body, NS_DEPTH);
  if (!scan.ok) throw malformed(`the XML is not well-formed: ${scan.reason}`, status);
  const nsProblem = namespaceProblem(scan.top);
  if (nsProblem !== undefined) throw malformed(`the SOAP envelope is not an EWS response: ${nsProblem}`, status);
  const envelope = parseEnvelope(answer, ctx.parser);
  if (envelope === undefined || nameOf(envelope) !== 'Envelope') throw malformed('the XML is not a SOAP envelope', status);
  const body = firstChild(envelope, 'Body');
  if (body === undefined) throw malformed('the SOAP envelope has no Body', status);
  const payload = childrenOf(body).find((n) => nameOf(n) !== undefined);
  if (payload === undefined) throw malformed('the SOAP Body is empty', status);
  if (nameOf(payload) === 'Fault') throw faultToError(payload, status, ctx.impersonating);
  const expected = `${ctx.operation}Response`;
  if (nameOf(payload) !== expected) throw malformed(`expected ${expected} but got ${nameOf(payload) ?? 'nothing'}`, status);
  return payload;
}
