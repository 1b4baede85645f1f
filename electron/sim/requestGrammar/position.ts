// Where a violation is in the request text, for the fault's t:LineNumber and t:LinePosition.
// Only computed once validation has failed: the parsed tree carries no positions, so the element
// is found by its document-order index among the start tags of the raw text.
import type { XNode } from '../xmlRead';

export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column of the element's (or attribute's) name, as .NET's XmlReader reports it. */
  column: number;
}

/** The element's index in document order (the root is 0), or -1 when it is not in the tree. */
export function documentOrderIndex(root: XNode, target: XNode): number {
  let index = 0;
  const stack: XNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as XNode;
    if (node === target) return index;
    index++;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XNode);
  }
  return -1;
}

/** The offset of the n-th start tag's '<' (comments, CDATA, PIs, DOCTYPE and end tags skipped). */
export function startTagOffset(xml: string, n: number): number {
  let seen = 0;
  let at = xml.indexOf('<');
  while (at >= 0) {
    const next = xml[at + 1];
    if (xml.startsWith('<!--', at)) at = xml.indexOf('-->', at) + 3;
    else if (xml.startsWith('<![CDATA[', at)) at = xml.indexOf(']]>', at) + 3;
    else if (next === '?' || next === '!' || next === '/') at = xml.indexOf('>', at) + 1;
    else {
      if (seen === n) return at;
      seen++;
      at++;
    }
    if (at <= 0) return -1;
    at = xml.indexOf('<', at);
  }
  return -1;
}

function positionOf(xml: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i >= 0 && i < offset; i = xml.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The position of an element (its name) or of one of its attributes in the request text. */
export function locate(xml: string, root: XNode, node: XNode, attribute?: string): TextPosition | undefined {
  const index = documentOrderIndex(root, node);
  const tagAt = index < 0 ? -1 : startTagOffset(xml, index);
  if (tagAt < 0) return undefined;
  let offset = tagAt + 1;
  if (attribute !== undefined) {
    const tagEnd = xml.indexOf('>', tagAt);
    const match = new RegExp(`\\s(${attribute.replace(/[^\w:.-]/g, '')})\\s*=`).exec(xml.slice(tagAt, tagEnd < 0 ? undefined : tagEnd));
    if (match) offset = tagAt + match.index + 1;
  }
  return positionOf(xml, offset);
}
