import { describe, expect, it } from 'vitest';
import { getFolder, getFolderRequest } from '../../../electron/graph/operations/getFolder';
import { listFolders, listFoldersRequest, listFolderTree } from '../../../electron/graph/operations/listFolders';
import { clientWith, fixture, GRAPH_BASE, json, ScriptedHttp, sequence } from '../support';

const INBOX = 'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAAuAAAAAAAiQ8W967B7TKBjgx9rVEURAQAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAA=';

describe('list mail folders', () => {
  it("asks for hidden folders, a large page and each folder's PR_SOURCE_KEY", () => {
    const spec = listFoldersRequest('admin@contoso.com');
    const url = new URL(`${GRAPH_BASE}${spec.path}`);
    expect(url.pathname).toBe('/v1.0/users/admin%40contoso.com/mailFolders');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      includeHiddenFolders: 'true',
      $top: '250',
      $expand: "singleValueExtendedProperties($filter=id eq 'Binary 0x65E0')",
    });
  });

  it('lists child folders of a folder id or well-known name', () => {
    expect(listFoldersRequest(undefined, { parent: 'msgfolderroot', withSourceKey: false, includeHidden: false, top: 10 }).path).toBe(
      '/me/mailFolders/msgfolderroot/childFolders?$top=10',
    );
    expect(listFoldersRequest('u', { parent: 'AAMk/x=' }).path).toMatch(/^\/users\/u\/mailFolders\/AAMk%2Fx%3D\/childFolders\?/);
  });

  it('pages through nextLink to the end and reads source keys whatever their id casing', async () => {
    const http = sequence(json(200, fixture('mail-folders-page1.json')), json(200, fixture('mail-folders-page2.json')));
    const result = await listFolders(clientWith(http), 'admin@contoso.com');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.folders.map((f) => [f.displayName, f.totalItemCount, f.sourceKey])).toEqual([
      ['Inbox', 60, 'AQIDBAUGBwgJCgsMDQ4PEBESExQV'],
      ['Deleted Items', 12, 'FhcYGRobHB0eHyAhIiMkJSYnKCkq'],
      ['Sent Items', 7, undefined],
    ]);
    expect(http.requests[1]?.url.searchParams.get('$skip')).toBe('2');
  });

  it('walks the tree where childFolderCount says there are children', async () => {
    const http = new ScriptedHttp((request) => {
      if (request.url.pathname.endsWith('/childFolders')) return json(200, fixture('inbox-children.json'));
      if (request.url.searchParams.has('$skip')) return json(200, fixture('mail-folders-page2.json'));
      return json(200, fixture('mail-folders-page1.json'));
    });
    const result = await listFolderTree(clientWith(http), 'admin@contoso.com');
    expect(result.ok && result.folders.map((f) => f.displayName)).toEqual(['Inbox', 'Deleted Items', 'Sent Items', 'Projects']);
    expect(result.ok && result.folders[3]).toMatchObject({ isHidden: true, parentFolderId: INBOX });
    expect(http.requests.filter((r) => r.url.pathname.endsWith('/childFolders'))).toHaveLength(1);
  });

  it('stops at the first failed page with its typed failure', async () => {
    const http = sequence(json(200, fixture('mail-folders-page1.json')), json(503, fixture('error-throttled.json'), { 'retry-after': '4' }));
    expect(await listFolders(clientWith(http), 'admin@contoso.com')).toEqual({
      ok: false,
      failure: {
        kind: 'throttled',
        status: 503,
        retryAfterMs: 4000,
        code: 'ApplicationThrottled',
        message: 'Application is over its MailboxConcurrency limit.',
      },
    });
  });

  it('refuses a page whose nextLink leaves Graph', async () => {
    const page = JSON.parse(fixture('mail-folders-page1.json')) as Record<string, unknown>;
    page['@odata.nextLink'] = 'https://collector.evil.example/v1.0/users/admin/mailFolders?$skip=2';
    const http = sequence(json(200, page));
    expect(await listFolders(clientWith(http), 'admin@contoso.com')).toMatchObject({ ok: false, failure: { kind: 'refused-url' } });
    expect(http.requests).toHaveLength(1);
  });

  it('calls a page with an unreadable folder malformed rather than skipping it', async () => {
    const http = sequence(json(200, { value: [{ displayName: 'no id' }] }));
    expect(await listFolders(clientWith(http), undefined)).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
    const notCollection = sequence(json(200, { folders: [] }));
    expect(await listFolders(clientWith(notCollection), undefined)).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
  });
});

describe('get mail folder', () => {
  it('gets recoverableitemsdeletions by its well-known name with its source key', async () => {
    const http = sequence(json(200, fixture('recoverable-deletions-folder.json')));
    const result = await getFolder(clientWith(http), 'admin@contoso.com', 'recoverableitemsdeletions');
    expect(http.requests[0]?.url.pathname).toBe('/v1.0/users/admin%40contoso.com/mailFolders/recoverableitemsdeletions');
    expect(result).toMatchObject({ ok: true, folder: { displayName: 'Deletions', totalItemCount: 3, sourceKey: 'QEFCQ0RFRkdISUpLTE1OT1BRUlNU' } });
  });

  it('maps a missing folder to its Graph error', async () => {
    const http = sequence(json(404, { error: { code: 'ErrorFolderNotFound', message: 'The specified folder could not be found in the store.' } }));
    expect(await getFolder(clientWith(http), undefined, 'archive')).toMatchObject({
      ok: false,
      failure: { kind: 'graph-error', code: 'ErrorFolderNotFound', status: 404 },
    });
    expect(getFolderRequest(undefined, 'archive', false).path).toBe('/me/mailFolders/archive');
  });
});
