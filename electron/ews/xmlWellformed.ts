// Well-formedness of an answer, checked before anything in it is read. fast-xml-parser builds a
// tree from mismatched tags (<a><b></a></b>), from two root elements and from an unclosed element
// without complaint, and the parser drops namespaces (responseParser.ts), so a response with
// tags out of order, two envelopes or the wrong namespaces would otherwise read as success.
// One pass over the text with indexOf and one sticky expression per start tag: tags must nest and
// match by their qualified names, there is exactly one root element and no text outside it, no
// DOCTYPE, and the namespaces of the elements near the top (where SOAP and EWS say what the
// answer is) are resolved from their xmlns declarations, undeclared prefixes refused.

/** An element near the top, with its resolved namespace. */
export interface TopElement {
  depth: number;
  /** Local name. */
  name: string;
  /** Namespace URI ('' when none applies). */
  ns: string;
  /** Local names of its ancestors from the root down ("Envelope/Body/…"), at most `nsDepth` deep. */
  path: string;
}

export type ScanResult = { ok: true; top: TopElement[] } | { ok: false; reason: string };

// A start tag: name, attributes (a quoted value holds no '<'), optional '/', '>'.
const START_TAG = /<([^\s/>=<"':]+(?::[^\s/>=<"':]+)?)((?:\s+[^\s/>=<"']+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const XMLNS_ATTR = /\s(xmlns(?::[^\s=]+)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const ATTR_NAME = /\s([^\s=]+)\s*=/g;

function blank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
}

function lineOf(xml: string, at: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < at; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

/** Checks the document; resolves namespaces of elements up to depth `nsDepth`. */
export function scanXml(xml: string, nsDepth: number): ScanResult {
  const open: string[] = [];
  const scopes: (Map<string, string> | undefined)[] = [];
  const names: string[] = [];
  const top: TopElement[] = [];
  let roots = 0;
  let i = 0;
  const fail = (reason: string, at: number): ScanResult => ({ ok: false, reason: `${reason} (line ${lineOf(xml, at)})` });
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (open.length === 0 && !blank(xml, i, lt === -1 ? xml.length : lt)) return fail('text outside the root element', i);
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      const end = xml.indexOf('>', lt);
      if (end === -1) return fail('an unterminated end tag', lt);
      const name = xml.slice(lt + 2, end).trimEnd();
      const expected = open.pop();
      if (expected === undefined) return fail(`an end tag </${name}> with no element open`, lt);
      if (name !== expected) return fail(`mismatched tags: <${expected}> closed by </${name}>`, lt);
      i = end + 1;
      continue;
    }
    if (c === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) return fail('an unterminated processing instruction', lt);
      i = end + 2;
      continue;
    }
    if (c === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) return fail('an unterminated comment', lt);
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt) && open.length > 0) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) return fail('an unterminated CDATA section', lt);
        i = end + 3;
      } else {
        return fail('a markup declaration (DOCTYPE or misplaced CDATA)', lt);
      }
      continue;
    }
    START_TAG.lastIndex = lt;
    const m = START_TAG.exec(xml);
    if (m === null) return fail('a malformed start tag', lt);
    const [, name = '', attrs = '', selfClose] = m;
    if (open.length === 0 && ++roots > 1) return fail('more than one root element (two envelopes?)', lt);
    const depth = open.length + 1;
    if (depth <= nsDepth) {
      // Near the top an attribute says what a message is (ResponseClass): given twice, which one
      // counts would be the parser's choice, so it is not well-formed (XML 1.0 §3.1).
      const twice = repeatedAttribute(attrs);
      if (twice !== undefined) return fail(`the attribute ${twice} is given twice on <${name}>`, lt);
      const resolved = resolve(name, attrs, depth, scopes);
      if (resolved === undefined) return fail(`the prefix of <${name}> is not declared`, lt);
      names[depth] = resolved.local;
      top.push({ depth, name: resolved.local, ns: resolved.ns, path: names.slice(1, depth + 1).join('/') });
    }
    if (selfClose !== '/') open.push(name);
    i = START_TAG.lastIndex;
  }
  if (open.length > 0) return fail(`<${open[open.length - 1] ?? ''}> is never closed`, xml.length);
  if (roots === 0) return fail('no root element', 0);
  return { ok: true, top };
}

function repeatedAttribute(attrs: string): string | undefined {
  if (attrs === '') return undefined;
  const seen = new Set<string>();
  // Names only: values were matched whole by START_TAG, so a quoted '=' is skipped by the quotes.
  for (const m of attrs.replace(/"[^"]*"|'[^']*'/g, '""').matchAll(ATTR_NAME)) {
    const name = m[1] ?? '';
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

function resolve(qname: string, attrs: string, depth: number, scopes: (Map<string, string> | undefined)[]): { local: string; ns: string } | undefined {
  let declared: Map<string, string> | undefined;
  if (attrs.includes('xmlns')) {
    for (const d of attrs.matchAll(XMLNS_ATTR)) {
      declared ??= new Map();
      const key = d[1] ?? '';
      declared.set(key === 'xmlns' ? '' : key.slice(6), d[2] ?? d[3] ?? '');
    }
  }
  scopes[depth] = declared;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  for (let d = depth; d >= 1; d--) {
    const ns = scopes[d]?.get(prefix);
    if (ns !== undefined) return { local, ns };
  }
  return prefix === '' ? { local, ns: '' } : undefined;
}
