// fast-xml-parser, driven through its callbacks: updateTag (an element opens, with its
// attributes) and tagValueProcessor (a text segment of the element on top of the path).
// Both return "drop" so fast-xml-parser builds no tree of its own; we build XNode trees, which
// are cheaper to build and to walk. Item elements of a FindItem page (RootFolder/Items/*) are
// not kept as subtrees at all: their events go straight to an ItemRowBuilder, and the item node
// only carries that builder (bench/ewsClient.ts measures the parse; the README's Benchmarks say
// what building fast-xml-parser's own tree costs beside it).
//
// Names: element and attribute names are reduced to their local names (any prefix, whatever
// it is bound to), which is what fast-xml-parser's removeNSPrefix option does; we do it here
// because removeNSPrefix costs about 10 % of the parse (it splits every attribute name twice and
// re-slices every opening and closing tag). Namespace declarations (xmlns, xmlns:*) are
// dropped, and a local name that is a JavaScript prototype name is treated exactly as
// fast-xml-parser treats an unprefixed one (refused, or renamed with a "__" prefix).
//
// Security bounds are fast-xml-parser's: maxNestedTags (depth), processEntities off (no entity
// is ever expanded; the five predefined ones and character references are decoded by
// xmlText.ts on the strings we keep). A DOCTYPE is refused before parsing (soapResponse.ts).
import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { ItemRowBuilder } from './itemRow';
import { DEFAULT_MAX_TEXT_LENGTH } from './responseLimits';
import { XNode, type SubtreeDigester, type XAttrs } from './xmlTree';

export interface ParserLimits {
  maxDepth: number;
  /** Longest text accepted in one element (characters, all its segments together); default DEFAULT_MAX_TEXT_LENGTH. */
  maxTextLength?: number;
}

/** The callbacks receive the path matcher (jPath: false); its depth counts the open element. */
type PathArg = Parameters<NonNullable<X2jOptions['updateTag']>>[1];

function depthOf(path: PathArg): number {
  if (typeof path === 'string') throw new Error('fast-xml-parser passed a path string; the parser must run with jPath: false');
  return path.getDepth();
}

/** Which elements are digested while parsing instead of kept as subtrees. */
function digesterFor(name: string, parent: XNode, grandparent: XNode | undefined): SubtreeDigester | undefined {
  // FindItem pages: m:RootFolder/t:Items/(t:Message | t:CalendarItem | …).
  return parent.name === 'Items' && grandparent?.name === 'RootFolder' ? new ItemRowBuilder(name) : undefined;
}

// fast-xml-parser 5.x's lists (src/util.js), applied to the local names it did not see.
const CRITICAL_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const DANGEROUS_NAMES = new Set(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

function safeName(local: string): string {
  if (CRITICAL_NAMES.has(local)) throw new Error(`[SECURITY] Invalid name: "${local}" is a reserved JavaScript keyword that could cause prototype pollution`);
  return DANGEROUS_NAMES.has(local) ? `__${local}` : local;
}

/** Element name without its prefix (as removeNSPrefix: after the first colon). */
function localName(raw: string): string {
  const colon = raw.indexOf(':');
  if (colon < 0) return raw; // unprefixed: fast-xml-parser has checked it already
  const local = safeName(raw.slice(colon + 1));
  if (local === '#text') throw new Error('Invalid tag name: #text');
  return local;
}

/**
 * localName, remembered per raw name: a page repeats a few dozen names thousands of times.
 * Bounded so a hostile document with endless distinct names cannot grow it without limit.
 */
const LOCAL_NAMES = new Map<string, string>();
const LOCAL_NAMES_MAX = 512;

function cachedLocalName(raw: string): string {
  const known = LOCAL_NAMES.get(raw);
  if (known !== undefined) return known;
  const local = localName(raw); // throws for refused names, which are never remembered
  if (LOCAL_NAMES.size < LOCAL_NAMES_MAX) LOCAL_NAMES.set(raw, local);
  return local;
}

/** Attributes by local name, without namespace declarations (as removeNSPrefix). */
function localAttrs(attrs: Record<string, unknown>): XAttrs {
  for (const key in attrs) {
    if (key === 'xmlns' || key.includes(':')) return relocalize(attrs);
  }
  return attrs;
}

function relocalize(attrs: Record<string, unknown>): XAttrs {
  const out: Record<string, unknown> = {};
  for (const key in attrs) {
    const parts = key.split(':');
    if (parts[0] === 'xmlns') continue;
    const local = parts.length === 2 ? (parts[1] as string) : key;
    if (local === '') continue;
    out[safeName(local)] = attrs[key];
  }
  return out;
}

const NO_ATTRS: XAttrs = Object.freeze(Object.create(null) as Record<string, unknown>);

export class ResponseParser {
  readonly #parser: XMLParser;
  /** Open elements by depth; [0] is the document. */
  #stack: XNode[] = [];
  /** While inside a digested element: its depth and its digester. */
  #digestDepth = 0;
  #digester: SubtreeDigester | undefined;
  readonly #maxText: number;

  constructor(limits: ParserLimits) {
    this.#maxText = limits.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    this.#parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: false, // see Names above
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      // Off: no DOCTYPE entity is ever expanded; the five predefined ones are decoded by us.
      processEntities: false,
      htmlEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      jPath: false,
      maxNestedTags: limits.maxDepth,
      updateTag: (name, path, attrs) => {
        this.#open(depthOf(path), cachedLocalName(name), localAttrs(attrs));
        return false;
      },
      tagValueProcessor: (_name, value, path) => {
        if (value.length > this.#maxText) throw this.#textTooLong();
        this.#text(depthOf(path), value);
        return '';
      },
    });
  }

  /** Parses a whole document; returns its top-level elements. Throws on unreadable XML. */
  parse(xml: string): XNode[] {
    const document = new XNode('', NO_ATTRS);
    this.#stack = [document];
    this.#digestDepth = 0;
    this.#digester = undefined;
    try {
      this.#parser.parse(xml);
      return document.children ?? [];
    } finally {
      this.#stack = [];
      this.#digester = undefined;
    }
  }

  #open(depth: number, name: string, attrs: XAttrs): void {
    // Depth 0 only for a tag fast-xml-parser does not put on its path (its "!xml" sentinel name).
    if (depth < 1) return;
    const digester = this.#digester;
    if (digester !== undefined) {
      if (depth > this.#digestDepth) {
        digester.open(depth - this.#digestDepth, name, attrs);
        return;
      }
      this.#digester = undefined;
    }
    const stack = this.#stack;
    const parent = stack[depth - 1] ?? (stack[0] as XNode);
    const node = new XNode(name, attrs);
    if (parent.children === undefined) parent.children = [node];
    else parent.children.push(node);
    stack[depth] = node;
    const grandparent = depth >= 2 ? stack[depth - 2] : undefined;
    const digest = digesterFor(name, parent, grandparent);
    if (digest !== undefined) {
      node.digest = digest;
      this.#digester = digest;
      this.#digestDepth = depth;
    }
  }

  #text(depth: number, raw: string): void {
    if (depth <= 0) return; // outside the root element
    const digester = this.#digester;
    if (digester !== undefined && depth >= this.#digestDepth) {
      digester.text(depth - this.#digestDepth, raw);
      return;
    }
    const node = this.#stack[depth];
    if (node === undefined) return;
    // Segments around child elements add up: the limit is on the element's whole text.
    if (node.text.length + raw.length > this.#maxText) throw this.#textTooLong();
    node.text += raw;
  }

  #textTooLong(): Error {
    return new Error(`a text node is longer than ${this.#maxText} characters, the limit`);
  }
}

export function createResponseParser(limits: ParserLimits): ResponseParser {
  return new ResponseParser(limits);
}
