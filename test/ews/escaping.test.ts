// Hostile values can never change a request's structure: build requests with them, parse
// the XML back, and check both the element structure and the values round-trip.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { BasicAuth, createItemOperation, decodeXmlText, deleteItemOperation, escapeXml, EwsClient, EwsError, findItemOperation } from '../../electron/ews';

const hostile = [`</t:ItemId><t:ItemId Id="evil"/>`, `a & b < c > d " e ' f`, `]]><!--`, `&amp;&lt;`, `"/><m:DeleteItem DeleteType="HardDelete">`];
const strict = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  parseTagValue: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  alwaysCreateTextNode: true,
  removeNSPrefix: true,
});
const client = new EwsClient({
  url: 'https://mail.contoso.com/EWS/Exchange.asmx',
  auth: new BasicAuth('a', 'b'),
  impersonate: '"x"</t:PrimarySmtpAddress>@contoso.com',
});

type Tree = Record<string, unknown>;
const at = (node: unknown, key: string): Tree[] => {
  const v = (node as Tree)[key];
  return Array.isArray(v) ? (v as Tree[]) : [];
};
const only = (node: unknown, key: string): Tree => {
  const list = at(node, key);
  expect(list).toHaveLength(1);
  return list[0] ?? {};
};
const body = (xml: string): Tree => only(only(strict.parse(xml), 'Envelope'), 'Body');

describe('XML escaping', () => {
  it('DeleteItem ids and change keys round-trip and never add elements', () => {
    const items = hostile.map((v) => ({ id: v, changeKey: v }));
    const xml = client.buildRequest(deleteItemOperation, { items, deleteType: 'SoftDelete' });
    const envelope = only(strict.parse(xml), 'Envelope');
    const impersonation = only(only(only(only(envelope, 'Header'), 'ExchangeImpersonation'), 'ConnectingSID'), 'PrimarySmtpAddress');
    expect(impersonation['#text']).toBe('"x"</t:PrimarySmtpAddress>@contoso.com');
    const del = only(only(envelope, 'Body'), 'DeleteItem');
    expect(del['@DeleteType']).toBe('SoftDelete');
    const ids = at(only(del, 'ItemIds'), 'ItemId');
    expect(ids.map((i) => i['@Id'])).toEqual(hostile);
    expect(ids.map((i) => i['@ChangeKey'])).toEqual(hostile);
    expect(Object.keys(del).filter((k) => !k.startsWith('@'))).toEqual(['ItemIds']);
  });

  it('CreateItem text and FindItem restriction constants round-trip', () => {
    const messages = hostile.map((v) => ({ subject: v, itemClass: v, from: { name: v, address: v }, body: { type: 'Text' as const, content: v } }));
    const items = at(
      only(only(body(client.buildRequest(createItemOperation, { folder: { distinguished: 'inbox', mailbox: hostile[0] }, messages })), 'CreateItem'), 'Items'),
      'Message',
    );
    expect(items).toHaveLength(hostile.length);
    expect(items.map((m) => only(m, 'Subject')['#text'])).toEqual(hostile);
    expect(items.map((m) => only(only(only(m, 'From'), 'Mailbox'), 'Name')['#text'])).toEqual(hostile);
    expect(items.map((m) => only(m, 'Body')['#text'])).toEqual(hostile);

    const find = only(
      body(
        client.buildRequest(findItemOperation, {
          folder: { distinguished: 'inbox' },
          page: { offset: 0, maxEntries: 10 },
          filter: { subjectContains: hostile[0], senderContains: hostile[1], itemClass: hostile[4] },
        }),
      ),
      'FindItem',
    );
    const and = only(only(find, 'Restriction'), 'And');
    expect(at(and, 'Contains').map((c) => only(c, 'Constant')['@Value'])).toEqual([hostile[0], hostile[1]]);
    expect(only(only(only(and, 'IsEqualTo'), 'FieldURIOrConstant'), 'Constant')['@Value']).toBe(hostile[4]);
  });

  it('escape and decode are inverse, and unrepresentable characters are refused', () => {
    for (const v of hostile) expect(decodeXmlText(escapeXml(v))).toBe(v);
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    expect(() => escapeXml('bell\u0007')).toThrow(EwsError);
  });
});
