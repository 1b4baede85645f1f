// The parsed response tree and the few accessors the operation parsers need.
// fast-xml-parser runs in preserveOrder mode: it is the fastest mode measured here (see
// bench/ews-client.ts) and keeps document order across differently named siblings, which a
// FindItem page mixing t:Message and t:CalendarItem needs.
import { XMLParser } from 'fast-xml-parser';
import { decodeXmlText } from './xml-text';

/** One node of the ordered tree: `{ Name: XNode[], ':@'?: attributes }` or `{ '#text': string }`. */
export type XNode = Record<string, unknown>;

const ATTRS = ':@';
const TEXT = '#text';
const EMPTY: readonly XNode[] = [];

export interface ParserLimits {
  maxDepth: number;
}

export function createResponseParser(limits: ParserLimits): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    // Off: no DOCTYPE entity is ever expanded; the five predefined ones are decoded by us.
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    jPath: false,
    maxNestedTags: limits.maxDepth,
  });
}

/** The element's local name, or undefined for a text node. */
export function nameOf(node: XNode): string | undefined {
  for (const key in node) {
    if (key !== ATTRS) return key === TEXT ? undefined : key;
  }
  return undefined;
}

export function childrenOf(node: XNode): readonly XNode[] {
  const name = nameOf(node);
  if (name === undefined) return EMPTY;
  const value = node[name];
  return Array.isArray(value) ? (value as XNode[]) : EMPTY;
}

export function firstChild(node: XNode, name: string): XNode | undefined {
  for (const child of childrenOf(node)) {
    if (child[name] !== undefined) return child;
  }
  return undefined;
}

export function attr(node: XNode, name: string): string | undefined {
  const attrs = node[ATTRS];
  if (typeof attrs !== 'object' || attrs === null) return undefined;
  const value = (attrs as Record<string, unknown>)[name];
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}

/** Concatenated, decoded text content of an element (its direct text children). */
export function textOf(node: XNode): string {
  const kids = childrenOf(node);
  if (kids.length === 1) {
    const only = kids[0]?.[TEXT];
    return typeof only === 'string' ? decodeXmlText(only) : '';
  }
  let out = '';
  for (const kid of kids) {
    const t = kid[TEXT];
    if (typeof t === 'string') out += t;
  }
  return decodeXmlText(out);
}

export function childText(node: XNode, name: string): string | undefined {
  const child = firstChild(node, name);
  return child === undefined ? undefined : textOf(child);
}
