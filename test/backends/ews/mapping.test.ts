// The one translation between the EWS client's item shapes and the domain's: rows stay small
// (Normal importance, no categories and absent values leave no field), every filter field maps
// to its restriction input, and GetItem details map to what the reading pane shows.
import { describe, expect, it } from 'vitest';
import type { ItemDetails as EwsItemDetails, ItemRow as EwsItemRow } from '../../../electron/ews';
import { toDomainDetails, toDomainRow, toEwsFilter } from '../../../electron/backends/ews/mapping';

const ewsRow = (over: Partial<EwsItemRow>): EwsItemRow => ({
  kind: 'Message',
  id: 'ID1',
  changeKey: 'CK',
  itemClass: 'IPM.Note',
  subject: 's',
  from: undefined,
  dateTimeReceived: undefined,
  size: 10,
  hasAttachments: undefined,
  lastModifiedTime: undefined,
  isRead: undefined,
  importance: undefined,
  hasCategories: undefined,
  lastActiveParentEntryId: undefined,
  parentFolderId: undefined,
  ...over,
});

describe('toDomainRow', () => {
  it('keeps only the fields that say something', () => {
    expect(toDomainRow(ewsRow({ importance: 'Normal', hasCategories: false, isRead: true }))).toEqual({
      id: 'ID1',
      itemClass: 'IPM.Note',
      subject: 's',
      size: 10,
      isRead: true,
    });
    expect(Object.keys(toDomainRow(ewsRow({})))).toEqual(['id', 'itemClass', 'subject', 'size']);
  });

  it('carries LastModifiedTime, unread, High/Low importance and categories', () => {
    expect(toDomainRow(ewsRow({ lastModifiedTime: '2024-05-01T10:00:00Z', isRead: false, importance: 'High', hasCategories: true }))).toMatchObject({
      lastModified: '2024-05-01T10:00:00Z',
      isRead: false,
      importance: 'High',
      hasCategories: true,
    });
    expect(toDomainRow(ewsRow({ importance: 'Low' })).importance).toBe('Low');
    // A value Exchange never sends is dropped rather than shown.
    expect(toDomainRow(ewsRow({ importance: 'Urgent' })).importance).toBeUndefined();
  });
});

describe('toEwsFilter', () => {
  it('maps every domain filter field', () => {
    expect(
      toEwsFilter({
        deletedAfter: '2024-05-01T00:00:00Z',
        deletedBefore: '2024-05-02T00:00:00Z',
        sentAfter: '2024-01-01T00:00:00Z',
        sentBefore: '2024-02-01T00:00:00Z',
        messageId: ' <a@b> ',
        read: 'unread',
        hasCategories: false,
        importance: 'Normal',
      }),
    ).toEqual({
      modifiedFrom: '2024-05-01T00:00:00Z',
      modifiedBefore: '2024-05-02T00:00:00Z',
      sentFrom: '2024-01-01T00:00:00Z',
      sentBefore: '2024-02-01T00:00:00Z',
      internetMessageId: '<a@b>',
      isRead: false,
      hasCategories: false,
      importance: 'Normal',
    });
    expect(toEwsFilter({ read: 'read', hasCategories: true })).toEqual({ isRead: true, hasCategories: true });
    expect(toEwsFilter({ hasAttachments: true })).toEqual({ hasAttachments: true });
    expect(toEwsFilter({ hasAttachments: false })).toEqual({ hasAttachments: false });
    expect(toEwsFilter({})).toBeUndefined();
  });
});

describe('toDomainDetails', () => {
  const details: EwsItemDetails = {
    kind: 'Message',
    id: 'ID1',
    changeKey: 'CK',
    parentFolderId: 'P1',
    itemClass: undefined,
    subject: undefined,
    from: { name: 'Sara', address: undefined },
    to: [{ name: undefined, address: 'a@contoso.com' }],
    cc: [],
    recipientsOmitted: 3,
    dateTimeSent: '2024-01-01T00:00:00Z',
    dateTimeReceived: '2024-01-01T00:01:00Z',
    lastModifiedTime: '2024-05-01T00:00:00Z',
    internetMessageId: '<a@b>',
    importance: 'Low',
    categories: ['Red'],
    isRead: false,
    size: 1234,
    retentionTag: 'AAEC',
    lastActiveParentEntryId: 'AQID',
    body: { type: 'HTML', content: '<p>x</p>', truncated: true },
  };

  it('maps headers, origin and body format', () => {
    expect(toDomainDetails(details)).toEqual({
      id: 'ID1',
      itemClass: 'IPM.Note',
      subject: '',
      from: { name: 'Sara' },
      to: [{ address: 'a@contoso.com' }],
      cc: [],
      recipientsOmitted: 3,
      sent: '2024-01-01T00:00:00Z',
      received: '2024-01-01T00:01:00Z',
      lastModified: '2024-05-01T00:00:00Z',
      size: 1234,
      importance: 'Low',
      categories: ['Red'],
      isRead: false,
      messageId: '<a@b>',
      retentionTag: 'AAEC',
      lastActiveParentEntryId: 'AQID',
      parentFolderId: 'P1',
      body: { format: 'html', content: '<p>x</p>', truncated: true },
    });
    expect(toDomainDetails({ ...details, body: { type: 'Text', content: 'x', truncated: false } }).body?.format).toBe('text');
  });
});
