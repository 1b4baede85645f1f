// Reads a POX Autodiscover response ([MS-OXDSCLI] 2.2.4) into what the chain acts on:
// settings (the EWS URL), a redirect to another address or URL, a server error, or an answer
// that is not an Autodiscover response at all (a web page, not XML, no EWS URL).
// Parsed with the client's own fast-xml-parser set-up (entities never expanded, depth bounded);
// a DOCTYPE is refused before parsing and the size is bounded here as well as in the transport.
import { createResponseParser } from '../responseParser';
import { attr, childrenOf, childText, firstChild, type XNode } from '../xmlTree';

export type PoxResponse =
  | { kind: 'settings'; ewsUrl: string; protocol: 'EXCH' | 'EXPR' }
  | { kind: 'redirectAddr'; address: string }
  | { kind: 'redirectUrl'; url: string }
  | { kind: 'error'; errorCode: string; message: string; debugData: string }
  | { kind: 'unusable'; reason: UnusableReason; detail: string };

export type UnusableReason = 'empty' | 'too-large' | 'html' | 'doctype' | 'not-xml' | 'not-autodiscover' | 'no-ews-url';

/** Largest response read (characters); real ones are a few KiB. */
export const POX_MAX_CHARS = 1024 * 1024;
const MAX_DEPTH = 32;

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html)[\s>]/i;

function unusable(reason: UnusableReason, detail: string): PoxResponse {
  return { kind: 'unusable', reason, detail };
}

function text(node: XNode, name: string): string {
  return (childText(node, name) ?? '').trim();
}

function errorOf(error: XNode): PoxResponse {
  return { kind: 'error', errorCode: text(error, 'ErrorCode'), message: text(error, 'Message'), debugData: text(error, 'DebugData') };
}

/** Protocol type: a Type child (EXCH, EXPR, WEB) or, in the mapiHttp form, a Type attribute. */
function protocolType(protocol: XNode): string {
  return (childText(protocol, 'Type') ?? attr(protocol, 'Type') ?? '').trim().toUpperCase();
}

/** EwsUrl of the Account's own EXCH protocol, else of its EXPR one (not those nested under WEB). */
function settingsOf(account: XNode): PoxResponse {
  const protocols = childrenOf(account).filter((n) => n.name === 'Protocol');
  for (const wanted of ['EXCH', 'EXPR'] as const) {
    for (const protocol of protocols) {
      const ewsUrl = text(protocol, 'EwsUrl');
      if (protocolType(protocol) === wanted && ewsUrl !== '') return { kind: 'settings', ewsUrl, protocol: wanted };
    }
  }
  const types = protocols.map(protocolType).filter((t) => t !== '');
  return unusable(
    'no-ews-url',
    `the settings name no EWS URL (protocols: ${types.length > 0 ? types.join(', ') : 'none'}); EWS may not be published for this mailbox`,
  );
}

function accountOf(account: XNode): PoxResponse {
  const error = firstChild(account, 'Error');
  if (error !== undefined) return errorOf(error);
  const action = text(account, 'Action');
  switch (action) {
    case 'redirectAddr': {
      const address = text(account, 'RedirectAddr');
      return address === '' ? unusable('not-autodiscover', 'a redirectAddr answer without RedirectAddr') : { kind: 'redirectAddr', address };
    }
    case 'redirectUrl': {
      // The reference pages spell it RedirectUrl and, in one syntax block, RedirectURL.
      const url = (childText(account, 'RedirectUrl') ?? childText(account, 'RedirectURL') ?? '').trim();
      return url === '' ? unusable('not-autodiscover', 'a redirectUrl answer without RedirectUrl') : { kind: 'redirectUrl', url };
    }
    case 'settings':
    case '':
      return settingsOf(account);
    default:
      return unusable('not-autodiscover', `an Account with an unknown Action "${action}"`);
  }
}

function parseRoot(body: string): XNode | undefined {
  return createResponseParser({ maxDepth: MAX_DEPTH }).parse(body)[0];
}

/** What a POX Autodiscover answer says; never throws. */
export function parsePoxResponse(body: string, contentType?: string): PoxResponse {
  if (body.trim() === '') return unusable('empty', 'the response body is empty');
  if (body.length > POX_MAX_CHARS) return unusable('too-large', 'the response is larger than 1 MiB');
  if ((contentType ?? '').toLowerCase().includes('text/html') || HTML_START.test(body)) {
    return unusable('html', 'the server answered with a web page (HTML), not Autodiscover XML');
  }
  if (/<!DOCTYPE/i.test(body)) return unusable('doctype', 'the XML carries a DOCTYPE declaration, which is refused');
  if (!body.trimStart().startsWith('<')) return unusable('not-xml', 'the response is not XML');
  let root: XNode | undefined;
  try {
    root = parseRoot(body);
  } catch (cause) {
    return unusable('not-xml', `the XML could not be read (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (root === undefined || root.name !== 'Autodiscover') {
    return unusable('not-autodiscover', `the XML is not an Autodiscover response (root ${root === undefined ? 'missing' : `<${root.name}>`})`);
  }
  const response = firstChild(root, 'Response');
  if (response === undefined) return unusable('not-autodiscover', 'the Autodiscover response has no Response element');
  // An error about the request as a whole sits directly under Response; one about the account under Account.
  const error = firstChild(response, 'Error');
  if (error !== undefined) return errorOf(error);
  const account = firstChild(response, 'Account');
  if (account === undefined) return unusable('not-autodiscover', 'the Autodiscover response has no Account element');
  return accountOf(account);
}

/** One line for a server error: "error 500: The email address can't be found." */
export function describePoxError(response: Extract<PoxResponse, { kind: 'error' }>): string {
  const code = response.errorCode === '' ? 'error' : `error ${response.errorCode}`;
  return response.message === '' ? `Autodiscover ${code}` : `Autodiscover ${code}: ${response.message}`;
}
