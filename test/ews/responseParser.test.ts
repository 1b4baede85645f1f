// The response parser builds its own tree from fast-xml-parser's callbacks and digests
// FindItem items while parsing. These tests pin what that must not change: names are local
// whatever the prefixes, items read while parsing equal items read from a tree (GetItem),
// whitespace and entity handling, and the refusals.
import { describe, expect, it } from 'vitest';
import { attr, childrenOf, createResponseParser, EwsError, findItemOperation, getItemOperation, nameOf, textOf, type ItemRow } from '../../electron/ews';
import { changeKey, envelope, itemId, messageXml, opResponse, parseWith, success } from './soapFixtures';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const findReq = { folder: { distinguished: 'inbox' as const }, page: { offset: 0, maxEntries: 10 } };

function findRows(body: string): ItemRow[] {
  const result = parseWith(findItemOperation, findReq, body);
  if (!result.ok) throw new Error(`expected success, got ${result.status.responseCode}`);
  return result.value.items;
}

function findPage(items: string): string {
  return opResponse(
    'FindItem',
    success('FindItem', `<m:RootFolder IndexedPagingOffset="9" TotalItemsInView="9" IncludesLastItemInRange="true"><t:Items>${items}</t:Items></m:RootFolder>`),
  );
}

/** The same items through GetItem, whose rows are read from the parsed tree. */
function getRows(items: readonly string[]): (ItemRow | undefined)[] {
  const body = opResponse('GetItem', items.map((item) => success('GetItem', `<m:Items>${item}</m:Items>`)).join(''));
  return parseWith(getItemOperation, { items: items.map((_, i) => ({ id: `I${i}` })) }, body).map((r) => (r.ok ? r.value : undefined));
}

describe('namespace prefixes', () => {
  it('reads a FindItem page the same whatever prefixes the server declares, or a default namespace', () => {
    const standard = findRows(findPage(messageXml(0) + messageXml(1)));
    const renamed = (m: string, t: string) =>
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      `<${m}:FindItemResponse xmlns:${m}="${M}" xmlns:${t}="${T}"><${m}:ResponseMessages><${m}:FindItemResponseMessage ResponseClass="Success"><${m}:ResponseCode>NoError</${m}:ResponseCode>` +
      `<${m}:RootFolder IndexedPagingOffset="9" TotalItemsInView="9" IncludesLastItemInRange="true"><${t}:Items>` +
      (messageXml(0) + messageXml(1)).replace(/<(\/?)t:/g, `<$1${t}:`) +
      `</${t}:Items></${m}:RootFolder></${m}:FindItemResponseMessage></${m}:ResponseMessages></${m}:FindItemResponse></soap:Body></soap:Envelope>`;
    expect(findRows(renamed('messages', 'types'))).toEqual(standard);
    expect(findRows(renamed('t', 'm'))).toEqual(standard); // prefixes swapped
    expect(standard).toHaveLength(2);
    const defaultNs =
      '<?xml version="1.0"?><Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>' +
      `<FindItemResponse xmlns="${M}"><ResponseMessages><FindItemResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode>` +
      `<RootFolder IndexedPagingOffset="9" TotalItemsInView="9" IncludesLastItemInRange="true"><Items xmlns="${T}">${(messageXml(0) + messageXml(1)).replace(/<(\/?)t:/g, '<$1')}</Items></RootFolder>` +
      '</FindItemResponseMessage></ResponseMessages></FindItemResponse></Body></Envelope>';
    expect(findRows(defaultNs)).toEqual(standard);
  });

  it('reads prefixed attributes by local name and drops namespace declarations', () => {
    const [root] = createResponseParser({ maxDepth: 64 }).parse(
      `<a:r xmlns:a="urn:a" xmlns="urn:d" a:Id="A&amp;1" xml:lang="en" Plain=" p "><a:c>x</a:c></a:r>`,
    );
    if (root === undefined) throw new Error('no root');
    expect(nameOf(root)).toBe('r');
    expect(attr(root, 'Id')).toBe('A&1');
    expect(attr(root, 'lang')).toBe('en');
    expect(attr(root, 'Plain')).toBe('p');
    expect(attr(root, 'a')).toBeUndefined();
    expect(attr(root, 'xmlns')).toBeUndefined();
    expect(childrenOf(root).map((c) => [nameOf(c), textOf(c)])).toEqual([['c', 'x']]);
  });

  it('refuses prototype names behind a prefix as it does without one', () => {
    const parser = createResponseParser({ maxDepth: 64 });
    for (const xml of ['<r><constructor/></r>', '<r><t:constructor/></r>', '<r><t:__proto__/></r>', '<r t:prototype="x"/>']) {
      expect(() => parser.parse(xml)).toThrow(/SECURITY/);
    }
    const [root] = parser.parse('<r><t:toString>a</t:toString><valueOf>b</valueOf></r>');
    expect(childrenOf(root ?? ({} as never)).map((c) => nameOf(c))).toEqual(['__toString', '__valueOf']);
  });
});

describe('items read while parsing (FindItem) equal items read from the tree (GetItem)', () => {
  const T_ = (name: string, inner: string) => `<t:${name}>${inner}</t:${name}>`;
  const cases: Record<string, string> = {
    plain: messageXml(3),
    pretty: messageXml(4).replace(/></g, '>\n    <'),
    'entities and references': `<t:Message><t:ItemId Id="A&amp;B&#x41;" ChangeKey="&lt;ck&gt;"/>${T_('Subject', ' a &amp; b &#128512; &unknown; ')}${T_('ItemClass', 'IPM.Note&#46;X')}</t:Message>`,
    'CDATA and comments inside text': `<t:Message><t:ItemId Id="C"/>${T_('Subject', 'x<![CDATA[ <y> ]]>z')}${T_('ItemClass', 'a<!-- c -->b')}</t:Message>`,
    'repeated elements: the last wins': `<t:CalendarItem><t:ItemId Id="first"/><t:ItemId Id="second" ChangeKey="K2"/>${T_('Subject', 'one')}${T_('Subject', 'two')}${T_('Size', '1')}${T_('Size', ' 2 ')}</t:CalendarItem>`,
    'empty and self-closing elements': `<t:Message><t:ItemId Id="E"/><t:Subject/>${T_('ItemClass', '')}<t:Size/>${T_('HasAttachments', '')}<t:From/></t:Message>`,
    'unusable values': `<t:Task><t:ItemId Id="U"/>${T_('Size', '12a')}${T_('HasAttachments', ' 1 ')}${T_('DateTimeReceived', '  2024-01-01T00:00:00Z ')}</t:Task>`,
    'sender: address when the name is empty, first mailbox only': `<t:Message><t:ItemId Id="S"/>${T_('From', T_('Mailbox', T_('Name', '') + T_('EmailAddress', 'a@x')) + T_('Mailbox', T_('Name', 'Second')))}</t:Message>`,
    'sender: no mailbox': `<t:Message><t:ItemId Id="N"/>${T_('From', T_('Other', T_('Name', 'deep')))}</t:Message>`,
    'sender: later From wins': `<t:Message><t:ItemId Id="F"/>${T_('From', T_('Mailbox', T_('Name', 'A')))}${T_('From', T_('Mailbox', T_('EmailAddress', 'b@x')))}</t:Message>`,
    'extended properties by number, other tags ignored': `<t:Message><t:ItemId Id="X"/>${T_('ExtendedProperty', '<t:ExtendedFieldURI PropertyTag="13450" PropertyType="Binary"/>' + T_('Value', ' AQ== '))}${T_('ExtendedProperty', '<t:ExtendedFieldURI PropertyTag="0x65e0" PropertyType="Binary"/>' + T_('Value', 'OTHER'))}${T_('ExtendedProperty', T_('Value', 'NOTAG'))}</t:Message>`,
    'nested elements of the same names are not the item’s': `<t:Message><t:ItemId Id="D"/>${T_('Unknown', T_('Subject', 'nested') + '<t:ItemId Id="nested"/>')}${T_('Subject', 'mine')}</t:Message>`,
    'no ItemId: no row': `<t:Message>${T_('Subject', 'orphan')}</t:Message>`,
  };

  for (const [name, item] of Object.entries(cases)) {
    it(name, () => {
      const found = findRows(findPage(item));
      const [got] = getRows([item]);
      expect(found).toEqual(got === undefined ? [] : [{ ...got, parentFolderId: undefined }]);
    });
  }

  it('pins the values of the edge cases', () => {
    const row = (key: string) => findRows(findPage(cases[key] ?? ''))[0];
    expect(row('entities and references')).toMatchObject({ id: 'A&BA', changeKey: '<ck>', subject: 'a & b 😀 &unknown;', itemClass: 'IPM.Note.X' });
    expect(row('CDATA and comments inside text')).toMatchObject({ subject: 'x <y> z', itemClass: 'ab' });
    expect(row('repeated elements: the last wins')).toMatchObject({ kind: 'CalendarItem', id: 'second', changeKey: 'K2', subject: 'two', size: 2 });
    expect(row('empty and self-closing elements')).toMatchObject({ subject: '', itemClass: '', size: 0, hasAttachments: false, from: undefined });
    expect(row('unusable values')).toMatchObject({ size: undefined, hasAttachments: true, dateTimeReceived: '2024-01-01T00:00:00Z' });
    expect(row('sender: address when the name is empty, first mailbox only')?.from).toBe('a@x');
    expect(row('sender: later From wins')?.from).toBe('b@x');
    expect(row('extended properties by number, other tags ignored')?.lastActiveParentEntryId).toBe('AQ==');
    expect(row('nested elements of the same names are not the item’s')).toMatchObject({ id: 'D', subject: 'mine' });
    expect(findRows(findPage(cases['no ItemId: no row'] ?? ''))).toEqual([]);
    expect(row('pretty')).toMatchObject({ id: itemId(4), changeKey, subject: 'Report 4 & <notes>', from: 'Alice Example' });
  });

  it('keeps document order across item kinds and ignores text between items', () => {
    const rows = findRows(findPage(`\n ${messageXml(0)} stray ${cases['unusable values']}\n${messageXml(1)}`));
    expect(rows.map((r) => [r.kind, r.id])).toEqual([
      ['Message', itemId(0)],
      ['Task', 'U'],
      ['Message', itemId(1)],
    ]);
  });
});

describe('parser bounds', () => {
  it('still refuses deep nesting inside a digested item', () => {
    const deep = findPage(`<t:Message><t:ItemId Id="A"/>${'<t:x>'.repeat(80)}${'</t:x>'.repeat(80)}</t:Message>`);
    let error: unknown;
    try {
      parseWith(findItemOperation, findReq, deep);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EwsError);
    expect((error as EwsError).kind).toBe('malformed');
    expect((error as EwsError).message).toMatch(/nested/i);
  });

  it('never expands an entity, even a declared one reaching the parser', () => {
    const parsed = createResponseParser({ maxDepth: 64 }).parse('<!DOCTYPE r [<!ENTITY a "EXPANDED">]><r a="&a;">&a;<x>&a;</x></r>');
    expect(JSON.stringify(parsed)).not.toContain('EXPANDED');
    const [root] = parsed;
    expect(root === undefined ? undefined : textOf(root)).toBe('&a;');
  });

  it('parses one document after another with the same parser, including after a failure', () => {
    const parser = createResponseParser({ maxDepth: 8 });
    expect(() => parser.parse('<a>' + '<b>'.repeat(20) + '</b>'.repeat(20) + '</a>')).toThrow();
    const body = envelope(`<m:X xmlns:m="${M}"><m:Y>1</m:Y></m:X>`);
    const [first] = parser.parse(body);
    const [second] = parser.parse(body);
    expect(first).toEqual(second);
    expect(first === undefined ? [] : childrenOf(first).map((c) => nameOf(c))).toEqual(['Header', 'Body']);
  });
});
