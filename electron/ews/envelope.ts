// The SOAP 1.1 request envelope: version header, optional impersonation header, body.
import { MESSAGES_NS, SOAP_NS, TYPES_NS } from './namespaces';
import { EwsError } from './errors';
import { isExchangeVersion, type ExchangeVersion } from './serverVersion';
import { escapeXml } from './xmlText';

export interface EnvelopeOptions {
  serverVersion: ExchangeVersion;
  /** Primary SMTP address of the mailbox to act as (ExchangeImpersonation). */
  impersonate?: string;
}

export function requestServerVersionXml(version: ExchangeVersion): string {
  // Typed, but it may come from a stored profile or a server's answer: only the schema's values go into XML.
  if (!isExchangeVersion(version)) throw new EwsError('invalid-request', 'The requested Exchange version is not one EWS defines.');
  return `<t:RequestServerVersion Version="${version}"/>`;
}

export function impersonationXml(smtp: string): string {
  return `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${escapeXml(smtp)}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`;
}

export function buildEnvelope(options: EnvelopeOptions, bodyXml: string): string {
  const impersonation = options.impersonate === undefined ? '' : impersonationXml(options.impersonate);
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_NS}" xmlns:m="${MESSAGES_NS}" xmlns:t="${TYPES_NS}">` +
    `<soap:Header>${requestServerVersionXml(options.serverVersion)}${impersonation}</soap:Header>` +
    `<soap:Body>${bodyXml}</soap:Body></soap:Envelope>`
  );
}
