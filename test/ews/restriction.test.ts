// The restriction builder on its own: each filter field's expression, their t:And, escaping of
// constants, and the refusals (bad dates, empty Message-ID, unknown importance, unknown sort).
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { EwsError, restrictionXml, sortOrderXml, type ItemFilter } from '../../electron/ews';

const field = (uri: string): string => `<t:FieldURI FieldURI="${uri}"/>`;
const compare = (op: string, uri: string, value: string): string =>
  `<t:${op}>${field(uri)}<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:${op}>`;
const wrap = (expression: string): string => `<m:Restriction>${expression}</m:Restriction>`;

describe('restrictionXml: one field each', () => {
  const cases: { name: string; filter: ItemFilter; xml: string }[] = [
    {
      name: 'deleted (modified) from',
      filter: { modifiedFrom: '2024-05-01T00:00:00Z' },
      xml: compare('IsGreaterThanOrEqualTo', 'item:LastModifiedTime', '2024-05-01T00:00:00.000Z'),
    },
    {
      name: 'deleted (modified) before',
      filter: { modifiedBefore: new Date('2024-05-02T00:00:00Z') },
      xml: compare('IsLessThan', 'item:LastModifiedTime', '2024-05-02T00:00:00.000Z'),
    },
    {
      name: 'sent from',
      filter: { sentFrom: '2024-01-01T02:00:00+02:00' },
      xml: compare('IsGreaterThanOrEqualTo', 'item:DateTimeSent', '2024-01-01T00:00:00.000Z'),
    },
    { name: 'sent before', filter: { sentBefore: '2024-02-01T00:00:00Z' }, xml: compare('IsLessThan', 'item:DateTimeSent', '2024-02-01T00:00:00.000Z') },
    {
      name: 'Message-ID',
      filter: { internetMessageId: '<abc.1@contoso.com>' },
      xml: compare('IsEqualTo', 'message:InternetMessageId', '&lt;abc.1@contoso.com&gt;'),
    },
    { name: 'read', filter: { isRead: true }, xml: compare('IsEqualTo', 'message:IsRead', 'true') },
    { name: 'unread', filter: { isRead: false }, xml: compare('IsEqualTo', 'message:IsRead', 'false') },
    { name: 'has categories', filter: { hasCategories: true }, xml: `<t:Exists>${field('item:Categories')}</t:Exists>` },
    { name: 'has no categories', filter: { hasCategories: false }, xml: `<t:Not><t:Exists>${field('item:Categories')}</t:Exists></t:Not>` },
    { name: 'importance', filter: { importance: 'High' }, xml: compare('IsEqualTo', 'item:Importance', 'High') },
    { name: 'importance Low', filter: { importance: 'Low' }, xml: compare('IsEqualTo', 'item:Importance', 'Low') },
  ];
  for (const c of cases) {
    it(c.name, () => expect(restrictionXml(c.filter)).toBe(wrap(c.xml)));
  }

  it('an empty filter adds no restriction', () => {
    expect(restrictionXml({})).toBe('');
    expect(restrictionXml(undefined)).toBe('');
  });
});

describe('restrictionXml: combined and escaped', () => {
  it('ANDs every field in a fixed order', () => {
    const xml = restrictionXml({
      subjectContains: 'invoice',
      modifiedFrom: '2024-05-01T00:00:00Z',
      modifiedBefore: '2024-05-02T00:00:00Z',
      sentFrom: '2024-01-01T00:00:00Z',
      internetMessageId: '<x@y>',
      isRead: false,
      hasCategories: true,
      importance: 'Normal',
    });
    expect(xml).toBe(
      wrap(
        '<t:And>' +
          '<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject"/><t:Constant Value="invoice"/></t:Contains>' +
          compare('IsGreaterThanOrEqualTo', 'item:LastModifiedTime', '2024-05-01T00:00:00.000Z') +
          compare('IsLessThan', 'item:LastModifiedTime', '2024-05-02T00:00:00.000Z') +
          compare('IsGreaterThanOrEqualTo', 'item:DateTimeSent', '2024-01-01T00:00:00.000Z') +
          compare('IsEqualTo', 'message:InternetMessageId', '&lt;x@y&gt;') +
          compare('IsEqualTo', 'message:IsRead', 'false') +
          `<t:Exists>${field('item:Categories')}</t:Exists>` +
          compare('IsEqualTo', 'item:Importance', 'Normal') +
          '</t:And>',
      ),
    );
  });

  it('a hostile Message-ID stays one attribute value', () => {
    const hostile = `<a"/></t:FieldURIOrConstant><t:Exists x="&'>`;
    const xml = restrictionXml({ internetMessageId: hostile });
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, processEntities: true, htmlEntities: false });
    const tree = parser.parse(xml) as { Restriction: { IsEqualTo: { FieldURIOrConstant: { Constant: { '@Value': string } }; Exists?: unknown } } };
    expect(tree.Restriction.IsEqualTo.FieldURIOrConstant.Constant['@Value']).toBe(hostile);
    expect(Object.keys(tree.Restriction)).toEqual(['IsEqualTo']);
    expect(tree.Restriction.IsEqualTo.Exists).toBeUndefined();
  });

  it('refuses what cannot be sent', () => {
    expect(() => restrictionXml({ modifiedFrom: 'last week' })).toThrow(/modifiedFrom is not a valid date/);
    expect(() => restrictionXml({ sentBefore: 'soon' })).toThrow(/sentBefore is not a valid date/);
    expect(() => restrictionXml({ internetMessageId: '  ' })).toThrow(EwsError);
    expect(() => restrictionXml({ importance: 'Urgent' as 'High' })).toThrow(/not an importance/);
    expect(() => restrictionXml({ internetMessageId: 'bell\u0007' })).toThrow(EwsError);
  });
});

describe('sortOrderXml', () => {
  it('sorts by LastModifiedTime (the Deleted column)', () => {
    expect(sortOrderXml([{ field: 'LastModifiedTime', order: 'Descending' }])).toBe(
      `<m:SortOrder><t:FieldOrder Order="Descending">${field('item:LastModifiedTime')}</t:FieldOrder></m:SortOrder>`,
    );
  });
});
