// Exchange's own version, from the ServerVersionInfo element of a response's SOAP header, and
// the RequestServerVersion to send it. Read with a bounded scan of the envelope's start: the
// header precedes the body, and the values are plain numbers and one short name.
import type { ExchangeVersion } from './serverVersion';

export interface ServerVersionInfo {
  major: number;
  minor: number;
  build?: number;
  revision?: number;
  /** The Version attribute (e.g. V2017_07_11, V2_23, Exchange2010_SP2), when sent. */
  version?: string;
}

const HEADER_SCAN_CHARS = 4096;
const ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?ServerVersionInfo\b([^>]*)\/?>/;
const ATTRIBUTE = /([A-Za-z]+)\s*=\s*"([^"]*)"/g;

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text)) return undefined;
  return Number(text);
}

/** ServerVersionInfo of a response, or undefined when the answer has none (faults often lack it). */
export function readServerVersionInfo(responseXml: string): ServerVersionInfo | undefined {
  const start = responseXml.slice(0, HEADER_SCAN_CHARS);
  const bodyAt = start.search(/<(?:[A-Za-z_][\w.-]*:)?Body\b/);
  const match = ELEMENT.exec(bodyAt < 0 ? start : start.slice(0, bodyAt));
  if (!match) return undefined;
  const attributes = new Map<string, string>();
  for (const [, name, value] of (match[1] ?? '').matchAll(ATTRIBUTE)) if (name !== undefined && value !== undefined) attributes.set(name, value);
  const major = wholeNumber(attributes.get('MajorVersion'));
  const minor = wholeNumber(attributes.get('MinorVersion'));
  if (major === undefined || minor === undefined) return undefined;
  const info: ServerVersionInfo = { major, minor };
  const build = wholeNumber(attributes.get('MajorBuildNumber'));
  const revision = wholeNumber(attributes.get('MinorBuildNumber'));
  if (build !== undefined) info.build = build;
  if (revision !== undefined) info.revision = revision;
  const version = attributes.get('Version');
  if (version !== undefined && /^[A-Za-z0-9_]{1,32}$/.test(version)) info.version = version;
  return info;
}

/** "15.2.2562.17" */
export function formatServerVersion(info: ServerVersionInfo): string {
  return [info.major, info.minor, info.build, info.revision].filter((n) => n !== undefined).join('.');
}

/** Exchange 2010 (major 14) refuses the 2013 schema versions; later servers take our default. */
export function requestVersionFor(info: ServerVersionInfo | undefined): ExchangeVersion | undefined {
  if (info === undefined) return undefined;
  return info.major === 14 ? 'Exchange2010_SP2' : undefined;
}
