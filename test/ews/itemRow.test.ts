// The item row's new columns (issue 9 §2): LastModifiedTime, IsRead, Importance and "has categories"
// read from FindItem pages and from GetItem (a replayed tree), and asked for in the row shape.
import { describe, expect, it } from 'vitest';
import { FIND_ITEM_SHAPE, findItemOperation, getItemOperation, GET_ITEM_SHAPE } from '../../electron/ews';
import { itemId, opResponse, parseWith, success } from './soapFixtures';

const row = (n: number, inner: string): string => `<t:Message><t:ItemId Id="${itemId(n)}" ChangeKey="CK"/>${inner}</t:Message>`;

function findRows(items: string) {
  const body = opResponse(
    'FindItem',
    success(
      'FindItem',
      `<m:RootFolder IndexedPagingOffset="1" TotalItemsInView="9" IncludesLastItemInRange="false"><t:Items>${items}</t:Items></m:RootFolder>`,
    ),
  );
  const result = parseWith(findItemOperation, { folder: { distinguished: 'recoverableitemsdeletions' }, page: { offset: 0, maxEntries: 10 } }, body);
  if (!result.ok) throw new Error('expected success');
  return result.value.items;
}

describe('item row: new columns', () => {
  it('asks for them in FindItem and GetItem shapes', () => {
    for (const shape of [FIND_ITEM_SHAPE, GET_ITEM_SHAPE]) {
      for (const uri of ['item:LastModifiedTime', 'message:IsRead', 'item:Importance', 'item:Categories']) expect(shape).toContain(`FieldURI="${uri}"`);
      // Bodies and recipient lists are the reading pane's (FindItem refuses them).
      expect(shape).not.toContain('item:Body');
      expect(shape).not.toContain('ToRecipients');
    }
  });

  it('reads LastModifiedTime, IsRead, Importance and whether there are categories', () => {
    const [a, b, c, d] = findRows(
      row(
        1,
        '<t:Subject>a</t:Subject><t:Categories><t:String>Red</t:String><t:String>Blue</t:String></t:Categories><t:Importance>High</t:Importance><t:IsRead>false</t:IsRead><t:LastModifiedTime> 2024-05-01T10:00:00Z </t:LastModifiedTime>',
      ) +
        row(2, '<t:Categories/><t:Importance>Normal</t:Importance><t:IsRead>1</t:IsRead>') +
        row(3, '<t:Subject>no properties</t:Subject>') +
        `<t:CalendarItem><t:ItemId Id="CAL" ChangeKey="CK"/><t:Categories><t:String>Team</t:String></t:Categories><t:Importance>Low</t:Importance></t:CalendarItem>`,
    );
    expect(a).toMatchObject({ lastModifiedTime: '2024-05-01T10:00:00Z', isRead: false, importance: 'High', hasCategories: true });
    expect(b).toMatchObject({ isRead: true, importance: 'Normal', hasCategories: false, lastModifiedTime: undefined });
    expect(c).toMatchObject({ subject: 'no properties', isRead: undefined, importance: undefined, hasCategories: undefined, lastModifiedTime: undefined });
    expect(d).toMatchObject({ kind: 'CalendarItem', id: 'CAL', isRead: undefined, importance: 'Low', hasCategories: true });
  });

  it('reads the same from a GetItem answer (tree replay)', () => {
    const body = opResponse(
      'GetItem',
      success(
        'GetItem',
        `<m:Items>${row(4, '<t:ParentFolderId Id="P" ChangeKey="x"/><t:Categories><t:String>x</t:String></t:Categories><t:IsRead>true</t:IsRead><t:LastModifiedTime>2024-06-01T00:00:00Z</t:LastModifiedTime>')}</m:Items>`,
      ),
    );
    const [result] = parseWith(getItemOperation, { items: [{ id: itemId(4) }] }, body);
    expect(result).toMatchObject({ ok: true, value: { parentFolderId: 'P', hasCategories: true, isRead: true, lastModifiedTime: '2024-06-01T00:00:00Z' } });
  });
});
