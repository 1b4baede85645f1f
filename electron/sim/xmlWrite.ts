// Response writing. Every value goes through `esc`: subjects may hold '<', '&', ']]>' or even
// '</t:Subject>', and must come back intact. Characters XML 1.0 cannot carry are dropped.
import { NS_ERRORS, NS_MESSAGES, NS_SOAP, NS_TYPES, NS_XSD, NS_XSI } from './namespaces';
import type { FaultDetail, ItemError } from './errors';

const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SPECIAL = /[&<>"'\r\n\t]/;
/** Either of the above: most values have neither, and are then returned after one scan. */
const NEEDS_WORK = /[&<>"'\u0000-\u001F\uFFFE\uFFFF]/;

export function esc(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  const clean = INVALID_XML_CHARS.test(value) ? value.replace(INVALID_XML_CHARS, '') : value;
  if (!SPECIAL.test(clean)) return clean;
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/** `<t:Name>value</t:Name>` with the value escaped. */
export function el(qname: string, value: string): string {
  return `<${qname}>${esc(value)}</${qname}>`;
}

export function attrs(pairs: ReadonlyArray<readonly [string, string | number | boolean | undefined]>): string {
  let out = '';
  for (const [k, v] of pairs) if (v !== undefined) out += ` ${k}="${esc(String(v))}"`;
  return out;
}

export const SERVER_VERSION = {
  MajorVersion: 15,
  MinorVersion: 2,
  MajorBuildNumber: 2562,
  MinorBuildNumber: 17,
  Version: 'V2017_07_11',
} as const;

const HEADER =
  `<s:Header><h:ServerVersionInfo MajorVersion="${SERVER_VERSION.MajorVersion}" MinorVersion="${SERVER_VERSION.MinorVersion}"` +
  ` MajorBuildNumber="${SERVER_VERSION.MajorBuildNumber}" MinorBuildNumber="${SERVER_VERSION.MinorBuildNumber}"` +
  ` Version="${SERVER_VERSION.Version}" xmlns:h="${NS_TYPES}" xmlns="${NS_TYPES}" xmlns:xsd="${NS_XSD}" xmlns:xsi="${NS_XSI}"/></s:Header>`;

/** A whole success envelope around `m:<op>Response`, shaped like Exchange 2013+ writes it. */
export function responseEnvelope(operation: string, responseMessages: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${NS_SOAP}">${HEADER}` +
    `<s:Body xmlns:xsi="${NS_XSI}" xmlns:xsd="${NS_XSD}">` +
    `<m:${operation}Response xmlns:m="${NS_MESSAGES}" xmlns:t="${NS_TYPES}"><m:ResponseMessages>${responseMessages}</m:ResponseMessages></m:${operation}Response>` +
    `</s:Body></s:Envelope>`
  );
}

function messageXmlValues(values: ReadonlyArray<readonly [string, string]>): string {
  return values.map(([name, value]) => `<t:Value Name="${esc(name)}">${esc(value)}</t:Value>`).join('');
}

/**
 * An HTTP 500 SOAP fault as Exchange writes it: faultcode `a:<Code>` with `a` bound to the types
 * namespace; detail with e:ResponseCode, e:Message and t:MessageXml. No xml:lang on faultstring:
 * the SOAP 1.1 schema we validate against declares it as plain xs:string.
 */
export function faultEnvelope(code: string, text: string, values: ReadonlyArray<readonly [string, string]>, detail: FaultDetail = {}): string {
  const open = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${NS_SOAP}"><s:Body><s:Fault>`;
  const close = `</s:Fault></s:Body></s:Envelope>`;
  // A SOAP-level fault (s:MustUnderstand) carries no EWS detail.
  if (detail.soapCode) return `${open}<faultcode>s:${detail.soapCode}</faultcode><faultstring>${esc(text)}</faultstring>${close}`;
  const elements = (detail.elements ?? []).map(([name, value]) => el(`t:${name}`, value)).join('');
  const content = messageXmlValues(values) + elements;
  const messageXml = content !== '' ? `<t:MessageXml xmlns:t="${NS_TYPES}">${content}</t:MessageXml>` : '';
  return (
    `${open}<faultcode xmlns:a="${NS_TYPES}">a:${esc(code)}</faultcode><faultstring>${esc(text)}</faultstring>` +
    `<detail><e:ResponseCode xmlns:e="${NS_ERRORS}">${esc(code)}</e:ResponseCode><e:Message xmlns:e="${NS_ERRORS}">${esc(detail.message ?? text)}</e:Message>${messageXml}</detail>` +
    close
  );
}

/** The outcome of one input of a batch: a payload on success, or an error (Warning when the batch stopped). */
export type MessageOutcome = { ok: true; payload: string } | { ok: false; error: ItemError; warning?: boolean };

/**
 * One `m:<op>ResponseMessage`. `emptyPayload` is what an error carries where the schema requires
 * a container (m:Items for Create/Get/Move/CopyItem, m:Folders for Get/CreateFolder).
 */
export function responseMessage(operation: string, outcome: MessageOutcome, emptyPayload = ''): string {
  const tag = `m:${operation}ResponseMessage`;
  if (outcome.ok) {
    return `<${tag} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${outcome.payload}</${tag}>`;
  }
  const { error } = outcome;
  const cls = outcome.warning ? 'Warning' : 'Error';
  const values = error.values && error.values.length > 0 ? `<m:MessageXml>${messageXmlValues(error.values)}</m:MessageXml>` : '';
  return (
    `<${tag} ResponseClass="${cls}"><m:MessageText>${esc(error.text)}</m:MessageText>` +
    `<m:ResponseCode>${esc(error.code)}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>${values}${emptyPayload}</${tag}>`
  );
}
