import { describe, expect, it } from 'vitest';
import { prettyXml } from '../../renderer/src/lib/prettyXml';

describe('prettyXml', () => {
  it('puts one element a line, indented, with text on its element line', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="urn:x"><s:Header><t:ServerVersionInfo MajorVersion="15"/></s:Header><s:Body><m:Code>NoError</m:Code></s:Body></s:Envelope>';
    expect(prettyXml(xml)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<s:Envelope xmlns:s="urn:x">',
        '  <s:Header>',
        '    <t:ServerVersionInfo MajorVersion="15"/>',
        '  </s:Header>',
        '  <s:Body>',
        '    <m:Code>NoError</m:Code>',
        '  </s:Body>',
        '</s:Envelope>',
      ].join('\n'),
    );
  });

  it('re-flows whitespace that was already there and keeps an empty element pair', () => {
    expect(prettyXml('<a>\n   <b></b>\n</a>')).toBe('<a>\n  <b></b>\n</a>');
  });

  it('leaves what is not XML as it came', () => {
    expect(prettyXml('Bad Request')).toBe('Bad Request');
    expect(prettyXml('')).toBe('');
    expect(prettyXml('<a attr="x>')).toBe('<a attr="x>');
  });
});
