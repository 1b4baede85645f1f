// The well-formedness scan (xmlWellformed.ts) on its own: what it refuses, and the namespaces it
// resolves near the top.
import { describe, expect, it } from 'vitest';
import { scanXml } from '../../electron/ews/xmlWellformed';

const fails = (xml: string): string => {
  const r = scanXml(xml, 3);
  if (r.ok) throw new Error('accepted');
  return r.reason;
};

describe('scanXml', () => {
  it('accepts prolog, comments, CDATA, self-closing tags and ">" inside attribute values', () => {
    const r = scanXml('<?xml version="1.0"?>\n<!-- c --><a x="1>2" y=\'q\'><b/><![CDATA[<not a tag>]]><c>t</c></a>\n', 3);
    expect(r).toMatchObject({ ok: true });
  });

  it('refuses mismatched, unclosed and stray end tags, naming the line', () => {
    expect(fails('<a>\n<b></a></b>')).toMatch(/mismatched tags: <b> closed by <\/a> \(line 2\)/);
    expect(fails('<a><b></b>')).toMatch(/<a> is never closed/);
    expect(fails('<a/></a>')).toMatch(/no element open|text outside/);
  });

  it('refuses two roots, text outside the root, DOCTYPE, no root and malformed start tags', () => {
    expect(fails('<a/><a/>')).toMatch(/more than one root/);
    expect(fails('<a/>x')).toMatch(/text outside/);
    expect(fails('<!DOCTYPE a><a/>')).toMatch(/markup declaration/);
    expect(fails('  ')).toMatch(/no root element/);
    expect(fails('<a x=1/>')).toMatch(/malformed start tag/);
    expect(fails('<a><b R="Error" q="x=y" R="Success"/></a>')).toMatch(/attribute R is given twice on <b>/);
    expect(scanXml('<a><b R="1" S="R=2"/></a>', 3)).toMatchObject({ ok: true });
  });

  it('resolves namespaces from declarations in scope, default namespace included; refuses undeclared prefixes', () => {
    const r = scanXml('<s:E xmlns:s="S"><s:B><m:R xmlns:m="M"><x xmlns="D"><y/></x></m:R></s:B></s:E>', 4);
    expect(r.ok && r.top).toEqual([
      { depth: 1, name: 'E', ns: 'S', path: 'E' },
      { depth: 2, name: 'B', ns: 'S', path: 'E/B' },
      { depth: 3, name: 'R', ns: 'M', path: 'E/B/R' },
      { depth: 4, name: 'x', ns: 'D', path: 'E/B/R/x' },
    ]);
    expect(fails('<s:E><s:B/></s:E>')).toMatch(/prefix of <s:E> is not declared/);
  });
});
