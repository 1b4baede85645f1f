// Escaping for request XML and decoding for response text. The parser runs with entity
// processing off (no DOCTYPE entity can ever expand), so the strings we keep are decoded here:
// only the five predefined entities and numeric character references.
import { EwsError } from './errors';

// Tab, LF and CR as character references: in an attribute value a parser would turn them into
// spaces (attribute-value normalization) and in text a CR into LF; a reference survives both.
const SPECIAL = /[&<>"'\t\n\r]/;
const SPECIAL_ALL = /[&<>"'\t\n\r]/g;
const REPLACEMENT: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
// Characters XML 1.0 cannot carry at all, not even as character references.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when the value holds a character XML 1.0 cannot carry (escapeXml would refuse it). */
export function isXmlSendable(value: string): boolean {
  return !NOT_XML_CHAR.test(value);
}

/** Escapes a value for element text or a quoted attribute value; refuses characters XML cannot hold. */
export function escapeXml(value: string): string {
  if (NOT_XML_CHAR.test(value)) {
    throw new EwsError('invalid-request', 'A value contains a control character that cannot be sent to Exchange (XML 1.0 forbids it).');
  }
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => REPLACEMENT[c] ?? c) : value;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCodePoint(code: number, original: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : original;
}

/** Decodes the five predefined entities and character references; leaves anything else as is. */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (match: string, name?: string, dec?: string, hex?: string) => {
    if (name) return PREDEFINED[name] ?? match;
    if (dec) return fromCodePoint(Number.parseInt(dec, 10), match);
    if (hex) return fromCodePoint(Number.parseInt(hex, 16), match);
    return match;
  });
}
