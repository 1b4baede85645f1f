// The entity readers on their own: folder and message shapes, OData pages, single entities.
import { describe, expect, it } from 'vitest';
import { readEntity, readPage } from '../../electron/graph/collection';
import { folderShape } from '../../electron/graph/folder';
import { messageShape } from '../../electron/graph/message';

describe('folder shape', () => {
  it('defaults absent counts to 0 and hidden to false, and drops a null parent', () => {
    expect(folderShape.parse({ id: 'f', displayName: 'Top', parentFolderId: null })).toEqual({
      id: 'f',
      displayName: 'Top',
      childFolderCount: 0,
      totalItemCount: 0,
      unreadItemCount: 0,
      isHidden: false,
    });
  });

  it('refuses negative or fractional counts and a missing id', () => {
    expect(folderShape.safeParse({ id: 'f', displayName: 'x', totalItemCount: -1 }).success).toBe(false);
    expect(folderShape.safeParse({ id: 'f', displayName: 'x', totalItemCount: 1.5 }).success).toBe(false);
    expect(folderShape.safeParse({ id: '', displayName: 'x' }).success).toBe(false);
  });
});

describe('message shape', () => {
  it('keeps only what Graph sent, flattening from.emailAddress', () => {
    expect(messageShape.parse({ id: 'm', from: { emailAddress: { name: null, address: 'a@b.c' } }, isRead: null, '@odata.etag': 'W/"x"' })).toEqual({
      id: 'm',
      from: { address: 'a@b.c' },
    });
  });

  it('ignores extended properties other than LastActiveParentEntryId', () => {
    expect(messageShape.parse({ id: 'm', singleValueExtendedProperties: [{ id: 'Binary 0x65E0', value: 'AA==' }] })).toEqual({ id: 'm' });
  });

  it('refuses a message whose subject is not a string', () => {
    expect(messageShape.safeParse({ id: 'm', subject: 5 }).success).toBe(false);
  });
});

describe('OData pages and entities', () => {
  const ok = (body: unknown) => ({ ok: true as const, status: 200, headers: {}, body });

  it('reads items, nextLink and count', () => {
    expect(readPage(ok({ value: [{ id: 'a' }], '@odata.nextLink': 'https://x/v1.0/n', '@odata.count': 9 }), messageShape, 'message')).toEqual({
      ok: true,
      page: { items: [{ id: 'a' }], nextLink: 'https://x/v1.0/n', count: 9 },
    });
  });

  it('names the entity that could not be read', () => {
    expect(readPage(ok({ value: [{ id: 'a' }, { subject: 'no id' }] }), messageShape, 'message')).toMatchObject({
      ok: false,
      failure: { kind: 'malformed', message: expect.stringMatching(/^message 1 of the page/) as unknown },
    });
    expect(readPage(ok({ value: [], '@odata.count': -1 }), messageShape, 'message')).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
  });

  it('passes a failure through untouched', () => {
    const failure = { kind: 'transport' as const, reason: 'timeout' as const, message: 't' };
    expect(readPage({ ok: false, failure }, messageShape, 'message')).toEqual({ ok: false, failure });
    expect(readEntity({ ok: false, failure }, folderShape, 'folder')).toEqual({ ok: false, failure });
  });

  it('reads one entity or calls it malformed', () => {
    expect(readEntity(ok({ id: 'f', displayName: 'Inbox' }), folderShape, 'folder')).toMatchObject({ ok: true, value: { id: 'f' } });
    expect(readEntity(ok(undefined), folderShape, 'folder')).toMatchObject({ ok: false, failure: { kind: 'malformed', status: 200 } });
  });
});
