// Real-shaped EWS responses (per ../shared/EWS-FACTS.md §1–2): s: envelope with
// h:ServerVersionInfo, m:/t: declared on the response element, faults without a header.
import { createResponseParser, responseElement, type EwsOperation, type ResponseParser } from '../../electron/ews';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

export const parser: ResponseParser = createResponseParser({ maxDepth: 64 });

export function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>' +
    `<h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="1544" MinorBuildNumber="14" Version="V2017_07_11" xmlns:h="${T}" xmlns="${T}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>` +
    '</s:Header><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    body +
    '</s:Body></s:Envelope>'
  );
}

export function opResponse(op: string, messages: string): string {
  return envelope(`<m:${op}Response xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${messages}</m:ResponseMessages></m:${op}Response>`);
}

export function success(op: string, payload = ''): string {
  return `<m:${op}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${payload}</m:${op}ResponseMessage>`;
}

export function failure(
  op: string,
  code: string,
  text: string,
  opts: { responseClass?: 'Error' | 'Warning'; messageXml?: string; payload?: string } = {},
): string {
  const xml = opts.messageXml === undefined ? '' : `<m:MessageXml>${opts.messageXml}</m:MessageXml>`;
  return `<m:${op}ResponseMessage ResponseClass="${opts.responseClass ?? 'Error'}"><m:MessageText>${text}</m:MessageText><m:ResponseCode>${code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>${xml}${opts.payload ?? ''}</m:${op}ResponseMessage>`;
}

export function fault(code: string, text: string, detail = '', lang = true): string {
  const langAttr = lang ? ' xml:lang="en-US"' : '';
  return (
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
    `<faultcode xmlns:a="${T}">a:${code}</faultcode><faultstring${langAttr}>${text}</faultstring>` +
    `<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">  ${code}\n </e:ResponseCode>` +
    `<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">${text}</e:Message>${detail}</detail>` +
    '</s:Fault></s:Body></s:Envelope>'
  );
}

export function faultValues(values: Record<string, string>): string {
  let inner = '';
  for (const [k, v] of Object.entries(values)) inner += `<t:Value Name="${k}">${v}</t:Value>`;
  return `<t:MessageXml xmlns:t="${T}">${inner}</t:MessageXml>`;
}

/** Runs an operation's parser over an HTTP answer, as the client does. */
export function parseWith<Req, Res>(op: EwsOperation<Req, Res>, request: Req, body: string, status = 200, contentType = 'text/xml; charset=utf-8'): Res {
  const response = responseElement({ status, contentType, location: undefined, body }, { operation: op.name, parser, impersonating: 'alice@contoso.com' });
  return op.parseResponse(response, request);
}

export const itemId = (n: number): string => `AAMkADAwATM0MDAAMS1hYjE3LTQ${String(n).padStart(6, '0')}AAAAAAEMAAA=`;
export const changeKey = 'CQAAABYAAADZGACZQpSgSpyNkexYe2b7AAAAAAAA';

export function messageXml(n: number, extra = ''): string {
  return (
    `<t:Message><t:ItemId Id="${itemId(n)}" ChangeKey="${changeKey}"/><t:ItemClass>IPM.Note</t:ItemClass>` +
    `<t:Subject>Report ${n} &amp; &lt;notes&gt;</t:Subject><t:DateTimeReceived>2024-03-01T10:00:00Z</t:DateTimeReceived>` +
    `<t:Size>${1000 + n}</t:Size><t:HasAttachments>${n % 2 === 0 ? 'true' : 'false'}</t:HasAttachments>` +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x348a" PropertyType="Binary"/><t:Value>AQIDBAUGBwgJCgsMDQ4PEBESExQVFg==</t:Value></t:ExtendedProperty>` +
    `<t:From><t:Mailbox><t:Name>Alice Example</t:Name></t:Mailbox></t:From>${extra}</t:Message>`
  );
}
