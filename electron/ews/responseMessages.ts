// Per-item outcomes: one ResponseMessage per input, in input order, each a value
// (never thrown). MessageText is kept for display only; decisions use ResponseCode.
import { EwsError } from './errors';
import { backOffFrom, readMessageXml } from './messageXml';
import { attr, childrenOf, firstChild, nameOf, textOf, type XNode } from './xmlTree';

export type ResponseClass = 'Success' | 'Warning' | 'Error';

export interface ResponseStatus {
  responseClass: ResponseClass;
  /** e.g. NoError, ErrorItemNotFound, ErrorBatchProcessingStopped. */
  responseCode: string;
  messageText: string | undefined;
  messageXml: Readonly<Record<string, string>>;
  /** InnerErrorResponseCode when ErrorInternalServerError wraps a newer or unlisted code. */
  innerCode: string | undefined;
  /** The code that explains the outcome: the inner code when there is one. */
  effectiveCode: string;
  /** Throttled: ErrorServerBusy directly or wrapped in ErrorInternalServerError. */
  busy: boolean;
  backOffMs: number | undefined;
}

export type EwsResult<T> = { ok: true; status: ResponseStatus; value: T } | { ok: false; status: ResponseStatus };

function responseClassOf(raw: string | undefined): ResponseClass {
  return raw === 'Success' || raw === 'Warning' ? raw : 'Error';
}

export function readStatus(message: XNode): ResponseStatus {
  let messageText: string | undefined;
  let responseCode = '';
  let messageXmlNode: XNode | undefined;
  for (const child of childrenOf(message)) {
    const name = nameOf(child);
    if (name === 'ResponseCode') responseCode = textOf(child).trim();
    else if (name === 'MessageText') messageText = textOf(child);
    else if (name === 'MessageXml') messageXmlNode = child;
  }
  const messageXml = readMessageXml(messageXmlNode);
  const innerCode = messageXml['InnerErrorResponseCode'] || undefined;
  const effectiveCode = innerCode ?? responseCode;
  return {
    responseClass: responseClassOf(attr(message, 'ResponseClass')),
    responseCode,
    messageText,
    messageXml,
    innerCode,
    effectiveCode,
    busy: effectiveCode === 'ErrorServerBusy',
    backOffMs: backOffFrom(messageXml),
  };
}

/**
 * Reads m:ResponseMessages and maps each message through `payload` when it succeeded.
 * `expected` is the number of inputs: a different count of messages means the answer cannot
 * be matched to the inputs, which is a malformed response, not a guess.
 */
export function readResponseMessages<T>(response: XNode, operation: string, expected: number | undefined, payload: (message: XNode) => T): EwsResult<T>[] {
  const container = firstChild(response, 'ResponseMessages');
  if (container === undefined) {
    throw new EwsError('malformed', `Exchange sent an unusable answer: ${operation}Response has no ResponseMessages.`);
  }
  const messageName = `${operation}ResponseMessage`;
  const out: EwsResult<T>[] = [];
  for (const message of childrenOf(container)) {
    const name = nameOf(message);
    if (name === undefined) continue;
    if (name !== messageName) {
      throw new EwsError('malformed', `Exchange sent an unusable answer: unexpected ${name} in ${operation}Response.`);
    }
    const status = readStatus(message);
    out.push(status.responseClass === 'Success' ? { ok: true, status, value: payload(message) } : { ok: false, status });
  }
  if (expected !== undefined && out.length !== expected) {
    throw new EwsError('malformed', `Exchange sent an unusable answer: ${out.length} results for ${expected} requested ${operation} entries.`);
  }
  return out;
}
