// The simulator's request reader decodes what any XML parser decodes: the five predefined entities
// and character references, in text and in attribute values, in one pass; CDATA stays literal; an
// undeclared entity or a reference to a character XML forbids is refused as malformed.
import { describe, expect, it } from 'vitest';
import { SoapFault } from '../../electron/sim/errors';
import { parseXml } from '../../electron/sim/xmlRead';

describe('simulator XML reader', () => {
  it('decodes character references and predefined entities in text and attributes', () => {
    const node = parseXml('<a x="1&#10;2&#x9;&amp;&quot;">line one&#10;line two&#13;&#x41;&lt;&gt;&apos;</a>');
    expect(node.attrs['x']).toBe('1\n2\t&"');
    expect(node.text).toBe("line one\nline two\rA<>'");
  });

  it('decodes once: an escaped reference stays text', () => {
    expect(parseXml('<a b="&amp;#10;">&amp;#10;&amp;amp;</a>')).toMatchObject({ text: '&#10;&amp;', attrs: { b: '&#10;' } });
  });

  it('keeps CDATA literal', () => {
    expect(parseXml('<a>x<![CDATA[&amp;<b>&#10;]]>y</a>').text).toBe('x&amp;<b>&#10;y');
  });

  it('refuses an undeclared entity and a reference to a character XML forbids', () => {
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(SoapFault);
    expect(() => parseXml('<a>&#1;</a>')).toThrow(/invalid character/);
    expect(() => parseXml('<a x="&#xFFFE;"/>')).toThrow(SoapFault);
  });
});
