// Request parsing: fast-xml-parser's ordered output turned into a small namespace-resolved tree,
// so handlers match elements by (namespace, local name) the way the schema defines them, not by
// whatever prefix a client happened to choose.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { schemaValidationFault, type SoapFault } from './errors';

export interface XNode {
  ns: string;
  name: string;
  /** Attributes by local name (unprefixed) or by `prefix:local` for prefixed ones other than xmlns. */
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated text content of this element (CDATA included), untrimmed. */
  text: string;
}

type Ordered = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded by `decodeReferences` below, in one pass: fast-xml-parser leaves numeric
  // character references (&#10;) as text, and decoding after it had turned &amp; into & would
  // read '&amp;#10;' as a line break.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CDATA is kept apart: its text is literal, never decoded.
  cdataPropName: '#cdata',
});

export function schemaFault(violation: string, at?: { line: number; column: number }): SoapFault {
  return schemaValidationFault(violation, at);
}

const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+)|([^;&\s]*));?/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five predefined entities and character references; anything else is not well-formed XML. */
function decodeReferences(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(REFERENCE, (match: string, name?: string, dec?: string, hex?: string, other?: string) => {
    if (!match.endsWith(';')) throw schemaFault(`An '&' must start an entity or character reference: '${match}'.`);
    if (name) return PREDEFINED[name] ?? match;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : hex !== undefined ? Number.parseInt(hex, 16) : NaN;
    if (Number.isNaN(code)) throw schemaFault(`Reference to undeclared entity '${other ?? ''}'.`);
    const legal =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!legal) throw schemaFault(`'${match}', hexadecimal value 0x${code.toString(16).toUpperCase()}, is an invalid character.`);
    return String.fromCodePoint(code);
  });
}

function convert(entry: Ordered, scope: Map<string, string>): XNode | undefined {
  const tag = Object.keys(entry).find((k) => k !== ':@');
  if (tag === undefined || tag === '#text' || tag.startsWith('?') || tag.startsWith('!')) return undefined;
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, string>;
  let local = scope;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(key === 'xmlns' ? '' : key.slice(6), value);
    } else {
      attrs[key] = decodeReferences(value);
    }
  }
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const name = colon >= 0 ? tag.slice(colon + 1) : tag;
  const ns = local.get(prefix);
  if (ns === undefined && prefix !== '') throw schemaFault(`The namespace prefix '${prefix}' is not declared.`);
  const node: XNode = { ns: ns ?? '', name, attrs, children: [], text: '' };
  const content = entry[tag];
  if (Array.isArray(content)) {
    for (const child of content as Ordered[]) {
      if ('#text' in child) {
        node.text += decodeReferences(String(child['#text']));
        continue;
      }
      if ('#cdata' in child) {
        for (const part of child['#cdata'] as Ordered[]) node.text += String(part['#text'] ?? '');
        continue;
      }
      const converted = convert(child, local);
      if (converted) node.children.push(converted);
    }
  }
  return node;
}

/** Parses a request document; malformed XML is a schema-validation fault, as on Exchange. */
export function parseXml(xml: string): XNode {
  const check = XMLValidator.validate(xml);
  if (check !== true) throw schemaFault(`${check.err.msg} Line ${check.err.line}, position ${check.err.col}.`, { line: check.err.line, column: check.err.col });
  const ordered = parser.parse(xml) as Ordered[];
  for (const entry of ordered) {
    const root = convert(entry, new Map());
    if (root) return root;
  }
  throw schemaFault('The document has no root element.');
}

export function child(node: XNode, ns: string, name: string): XNode | undefined {
  return node.children.find((c) => c.ns === ns && c.name === name);
}

export function children(node: XNode, ns: string, name: string): XNode[] {
  return node.children.filter((c) => c.ns === ns && c.name === name);
}

export function requireChild(node: XNode, ns: string, name: string): XNode {
  const found = child(node, ns, name);
  if (!found) throw schemaFault(`The element '${node.name}' is missing the required child element '${name}'.`);
  return found;
}

export function requireAttr(node: XNode, attr: string): string {
  const value = node.attrs[attr];
  if (value === undefined) throw schemaFault(`The required attribute '${attr}' is missing on '${node.name}'.`);
  return value;
}

/** Reads an enum attribute; values outside the schema's enumeration fail validation. */
export function enumAttr<T extends string>(node: XNode, attr: string, allowed: readonly T[], fallback?: T): T {
  const value = node.attrs[attr];
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw schemaFault(`The required attribute '${attr}' is missing on '${node.name}'.`);
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw schemaFault(`The '${attr}' attribute is invalid - The value '${value}' is invalid according to its datatype.`);
  }
  return value as T;
}

/** Reads an enum element's text. */
export function enumText<T extends string>(node: XNode, allowed: readonly T[]): T {
  const value = node.text.trim();
  if (!(allowed as readonly string[]).includes(value)) {
    throw schemaFault(`The '${node.name}' element is invalid - The value '${value}' is invalid according to its datatype.`);
  }
  return value as T;
}

export function booleanText(node: XNode, what: string): boolean {
  const v = node.text.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw schemaFault(`The '${what}' element is invalid - The value '${v}' is invalid according to its datatype 'boolean'.`);
}

export function booleanAttr(node: XNode, attr: string, required: boolean): boolean | undefined {
  const v = node.attrs[attr];
  if (v === undefined) {
    if (required) throw schemaFault(`The required attribute '${attr}' is missing on '${node.name}'.`);
    return undefined;
  }
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw schemaFault(`The '${attr}' attribute is invalid - The value '${v}' is invalid according to its datatype 'boolean'.`);
}

export function intAttr(node: XNode, attr: string): number | undefined {
  const v = node.attrs[attr];
  if (v === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(v)) throw schemaFault(`The '${attr}' attribute is invalid - The value '${v}' is invalid according to its datatype 'int'.`);
  const n = Number(v);
  if (n > 2147483647 || n < -2147483648) throw schemaFault(`The '${attr}' attribute is out of range for 'int'.`);
  return n;
}
