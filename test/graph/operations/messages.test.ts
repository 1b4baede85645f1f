import { describe, expect, it } from 'vitest';
import { getMessage, getMessageRequest } from '../../../electron/graph/operations/getMessage';
import { listMessagesPage, listMessagesRequest, nextMessagesPage } from '../../../electron/graph/operations/listMessages';
import { and, compare, contains } from '../../../electron/graph/odata';
import { clientWith, fixture, GRAPH_BASE, json, sequence } from '../support';

describe('list messages', () => {
  it('builds $top, $select, $filter, $orderby, $count and the LastActiveParentEntryId expand', () => {
    const spec = listMessagesRequest('admin@contoso.com', {
      folder: 'recoverableitemsdeletions',
      top: 500,
      select: ['id', 'subject'],
      filter: and(compare('receivedDateTime', 'lt', new Date('2026-01-01T00:00:00Z')), contains('subject', "it's")),
      orderBy: [{ path: 'receivedDateTime', descending: true }],
      count: true,
      withLastActiveParent: true,
    });
    const url = new URL(`${GRAPH_BASE}${spec.path}`);
    expect(url.pathname).toBe('/v1.0/users/admin%40contoso.com/mailFolders/recoverableitemsdeletions/messages');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      $top: '500',
      $select: 'id,subject',
      $filter: "(receivedDateTime lt 2026-01-01T00:00:00.000Z) and (contains(subject,'it''s'))",
      $orderby: 'receivedDateTime desc',
      $count: 'true',
      $expand: "singleValueExtendedProperties($filter=id eq 'Binary 0x348A')",
    });
    expect(spec.headers).toEqual({ ConsistencyLevel: 'eventual' });
  });

  it('asks for 1000 a page by default and refuses a $top Graph does not take', () => {
    const spec = listMessagesRequest(undefined, { folder: 'inbox' });
    expect(new URL(`${GRAPH_BASE}${spec.path}`).searchParams.get('$top')).toBe('1000');
    expect(spec.headers).toBeUndefined();
    for (const top of [0, 1001, 2.5, -1]) expect(() => listMessagesRequest(undefined, { folder: 'inbox', top })).toThrow(RangeError);
  });

  it('keeps a hostile subject inside its literal through URL encoding', () => {
    const hostile = "a' or subject ne 'b&$top=1";
    const spec = listMessagesRequest(undefined, { folder: 'inbox', filter: compare('subject', 'eq', hostile) });
    const params = new URL(`${GRAPH_BASE}${spec.path}`).searchParams;
    expect(params.get('$filter')).toBe("subject eq 'a'' or subject ne ''b&$top=1'");
    expect(params.getAll('$top')).toEqual(['1000']);
  });

  it("reads a page with its count, nextLink and each item's LastActiveParentEntryId", async () => {
    const http = sequence(json(200, fixture('deletions-messages-page.json')));
    const page = await listMessagesPage(clientWith(http), 'admin@contoso.com', {
      folder: 'recoverableitemsdeletions',
      top: 2,
      count: true,
      withLastActiveParent: true,
    });
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.page.count).toBe(3);
    expect(page.page.nextLink).toContain('%24skip=2');
    expect(page.page.items[0]).toMatchObject({
      subject: "Budget 'final' v2",
      from: { name: 'Adele Vance', address: 'AdeleV@contoso.com' },
      hasAttachments: true,
      lastActiveParentEntryId: 'AQIDBAUGBwgJCgsMDQ4PEBESExQV',
    });
    // Nulls Graph sends for absent values are simply absent.
    expect(page.page.items[1]).not.toHaveProperty('subject');
    expect(page.page.items[1]).not.toHaveProperty('from');
    expect(page.page.items[1]).not.toHaveProperty('lastActiveParentEntryId');
    expect(http.requests[0]?.headers.ConsistencyLevel).toBe('eventual');
  });

  it('follows the next page with ConsistencyLevel again when counting', async () => {
    const http = sequence(json(200, { value: [{ id: 'm3' }] }));
    const link = `${GRAPH_BASE}/users/admin%40contoso.com/mailFolders/recoverableitemsdeletions/messages?%24top=2&%24count=true&%24skip=2`;
    const page = await nextMessagesPage(clientWith(http), link, true);
    expect(page).toEqual({ ok: true, page: { items: [{ id: 'm3' }] } });
    expect(http.requests[0]?.headers.ConsistencyLevel).toBe('eventual');
    expect(http.requests[0]?.url.href).toBe(link);
  });

  it('refuses a next page on a foreign host', async () => {
    const http = sequence();
    expect(await nextMessagesPage(clientWith(http), 'https://evil.example/v1.0/me/messages?$skip=2')).toMatchObject({
      ok: false,
      failure: { kind: 'refused-url' },
    });
    expect(http.requests).toHaveLength(0);
  });
});

describe('get message', () => {
  it('gets one message with $select and the expand', async () => {
    const http = sequence(json(200, fixture('moved-message.json')));
    const result = await getMessage(clientWith(http), 'admin@contoso.com', 'AAMk/id=', {
      select: ['id', 'subject', 'parentFolderId'],
      withLastActiveParent: true,
    });
    const url = http.requests[0]?.url;
    expect(url?.pathname).toBe('/v1.0/users/admin%40contoso.com/messages/AAMk%2Fid%3D');
    expect(url?.searchParams.get('$select')).toBe('id,subject,parentFolderId');
    expect(url?.searchParams.get('$expand')).toBe("singleValueExtendedProperties($filter=id eq 'Binary 0x348A')");
    expect(result).toMatchObject({ ok: true, message: { subject: "Budget 'final' v2", changeKey: 'CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAAA6Hg' } });
  });

  it('maps 404 to a typed not-found failure', async () => {
    const http = sequence(json(404, fixture('error-not-found.json')));
    expect(await getMessage(clientWith(http), undefined, 'gone')).toMatchObject({ ok: false, failure: { kind: 'graph-error', code: 'ErrorItemNotFound' } });
    expect(getMessageRequest(undefined, 'x').path).toBe(
      '/me/messages/x?$select=id%2Csubject%2CreceivedDateTime%2Cfrom%2ChasAttachments%2CisRead%2Cimportance%2CparentFolderId%2CchangeKey',
    );
  });
});
