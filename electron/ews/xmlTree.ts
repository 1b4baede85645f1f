// The parsed response tree and the few accessors the operation parsers need.
// The tree is built by ResponseParser (responseParser.ts) from fast-xml-parser's callbacks:
// one fixed-shape node per element, in document order, names without namespace prefix.
// Text is kept raw (fast-xml-parser runs with entity processing off) and decoded by the
// accessors: only the five predefined entities and character references (xmlText.ts).
// Whitespace: fast-xml-parser trims each text segment (the text between two tags) and drops
// whitespace-only segments; an element's `text` is its direct segments concatenated.
import { decodeXmlText } from './xmlText';

/** Attribute values as read (local names, values trimmed, entities not yet decoded). */
export type XAttrs = Readonly<Record<string, unknown>>;

/**
 * Receives one element's subtree as events instead of tree nodes, in document order.
 * `depth` is relative to that element: 1 = a child, 2 = a grandchild, …; an element's text
 * arrives at its own depth, possibly in several segments (around child elements).
 */
export interface SubtreeDigester {
  open(depth: number, name: string, attrs: XAttrs): void;
  text(depth: number, raw: string): void;
}

export class XNode {
  /** Child elements; undefined when there are none (or when the subtree was digested). */
  children: XNode[] | undefined = undefined;
  /** Direct text, raw: trimmed segments concatenated, entities not decoded. */
  text = '';
  /** Set when the subtree went to a digester while parsing (FindItem rows): `children` is then empty. */
  digest: SubtreeDigester | undefined = undefined;

  constructor(
    /** Local name (namespace prefix removed). */
    readonly name: string,
    readonly attrs: XAttrs,
  ) {}
}

const EMPTY: readonly XNode[] = [];

/** The element's local name (every node is an element; kept optional for callers' guards). */
export function nameOf(node: XNode): string | undefined {
  return node.name;
}

export function childrenOf(node: XNode): readonly XNode[] {
  return node.children ?? EMPTY;
}

export function firstChild(node: XNode, name: string): XNode | undefined {
  const kids = node.children;
  if (kids === undefined) return undefined;
  for (let i = 0; i < kids.length; i++) {
    const child = kids[i] as XNode;
    if (child.name === name) return child;
  }
  return undefined;
}

export function attr(node: XNode, name: string): string | undefined {
  return attrValue(node.attrs, name);
}

export function attrValue(attrs: XAttrs, name: string): string | undefined {
  const value = attrs[name];
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}

/** Concatenated, decoded text content of an element (its direct text). */
export function textOf(node: XNode): string {
  return decodeXmlText(node.text);
}

export function childText(node: XNode, name: string): string | undefined {
  const child = firstChild(node, name);
  return child === undefined ? undefined : textOf(child);
}

/** Feeds an already built subtree to a digester, as the parser would have while parsing. */
export function replaySubtree(node: XNode, digester: SubtreeDigester, depth = 0): void {
  const kids = node.children;
  if (kids === undefined) return;
  for (const child of kids) {
    digester.open(depth + 1, child.name, child.attrs);
    if (child.text !== '') digester.text(depth + 1, child.text);
    replaySubtree(child, digester, depth + 1);
  }
}
