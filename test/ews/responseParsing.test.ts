// Parser tests over real-shaped SOAP fixtures: per-item outcomes in input order, inner
// errors, throttling, faults, and every kind of unusable answer.
import { describe, expect, it } from 'vitest';
import {
  createFolderOperation,
  createItemOperation,
  deleteItemOperation,
  EwsError,
  findFolderOperation,
  findItemOperation,
  getFolderOperation,
  getItemOperation,
  moveItemOperation,
  responseElement,
  createResponseParser,
  type EwsResult,
} from '../../electron/ews';
import { changeKey, envelope, failure, fault, faultValues, itemId, messageXml, opResponse, parseWith, success } from './soapFixtures';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: itemId(i) }));

function thrown(fn: () => unknown): EwsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EwsError) return e;
    throw e;
  }
  throw new Error('expected an EwsError');
}

function codes<T>(results: EwsResult<T>[]): string[] {
  return results.map((r) => r.status.responseCode);
}

describe('per-item response messages', () => {
  it('keeps input order with successes and errors mixed, and batch-stop warnings', () => {
    const body = opResponse(
      'DeleteItem',
      success('DeleteItem') +
        failure('DeleteItem', 'ErrorItemNotFound', 'The specified object was not found in the store., The process failed to get the correct properties.') +
        success('DeleteItem') +
        failure('DeleteItem', 'ErrorQuotaExceeded', 'The mailbox quota has been exceeded.') +
        failure('DeleteItem', 'ErrorBatchProcessingStopped', 'Batch processing stopped.', { responseClass: 'Warning' }),
    );
    const results = parseWith(deleteItemOperation, { items: ids(5), deleteType: 'SoftDelete' }, body);
    expect(codes(results)).toEqual(['NoError', 'ErrorItemNotFound', 'NoError', 'ErrorQuotaExceeded', 'ErrorBatchProcessingStopped']);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, false]);
    expect(results[1]?.status.messageText).toMatch(/not found in the store/);
    expect(results[4]?.status.responseClass).toBe('Warning');
  });

  it('exposes the inner code of ErrorInternalServerError and treats inner ErrorServerBusy as busy', () => {
    const inner = (code: string) =>
      `<t:Value Name="InnerErrorMessageText">x</t:Value><t:Value Name="InnerErrorResponseCode">${code}</t:Value><t:Value Name="InnerErrorDescriptiveLinkKey">0</t:Value>`;
    const body = opResponse(
      'DeleteItem',
      failure('DeleteItem', 'ErrorInternalServerError', 'An internal server error occurred. The operation failed.', {
        messageXml: inner('ErrorQuotaExceededOnDelete'),
      }) +
        failure('DeleteItem', 'ErrorInternalServerError', 'An internal server error occurred. The operation failed.', {
          messageXml: inner('ErrorServerBusy'),
        }) +
        failure('DeleteItem', 'ErrorServerBusy', 'The server cannot service this request right now.', {
          messageXml: '<t:Value Name="BackOffMilliseconds">2500</t:Value>',
        }),
    );
    const [quota, wrappedBusy, busy] = parseWith(deleteItemOperation, { items: ids(3), deleteType: 'HardDelete' }, body);
    expect(quota?.status).toMatchObject({
      responseCode: 'ErrorInternalServerError',
      innerCode: 'ErrorQuotaExceededOnDelete',
      effectiveCode: 'ErrorQuotaExceededOnDelete',
      busy: false,
    });
    expect(wrappedBusy?.status).toMatchObject({ innerCode: 'ErrorServerBusy', busy: true, backOffMs: undefined });
    expect(busy?.status).toMatchObject({ responseCode: 'ErrorServerBusy', busy: true, backOffMs: 2500 });
  });

  it('rejects a response whose message count does not match the inputs', () => {
    const body = opResponse('DeleteItem', success('DeleteItem'));
    const err = thrown(() => parseWith(deleteItemOperation, { items: ids(2), deleteType: 'HardDelete' }, body));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/1 results for 2/);
  });

  it('reads new ids from MoveItem, and an empty m:Items as "no id returned"', () => {
    const body = opResponse(
      'MoveItem',
      success('MoveItem', `<m:Items>${messageXml(7)}</m:Items>`) +
        success('MoveItem', '<m:Items/>') +
        failure('MoveItem', 'ErrorItemNotFound', 'gone', { payload: '<m:Items/>' }),
    );
    const [moved, noId, gone] = parseWith(moveItemOperation, { items: ids(3), to: { distinguished: 'inbox' } }, body);
    expect(moved).toEqual(expect.objectContaining({ ok: true, value: { newId: { id: itemId(7), changeKey } } }));
    expect(noId).toEqual(expect.objectContaining({ ok: true, value: { newId: undefined } }));
    expect(gone?.ok).toBe(false);
  });

  it('reads CreateItem and CreateFolder ids', () => {
    const created = parseWith(
      createItemOperation,
      { folder: { distinguished: 'inbox' }, messages: [{ subject: 'a' }] },
      opResponse('CreateItem', success('CreateItem', `<m:Items><t:Message><t:ItemId Id="NEW" ChangeKey="CK"/></t:Message></m:Items>`)),
    );
    expect(created[0]).toMatchObject({ ok: true, value: { id: 'NEW', changeKey: 'CK' } });
    const folder = parseWith(
      createFolderOperation,
      { parent: { distinguished: 'msgfolderroot' }, folders: [{ displayName: 'x' }] },
      opResponse('CreateFolder', success('CreateFolder', '<m:Folders><t:Folder><t:FolderId Id="F1" ChangeKey="C1"/></t:Folder></m:Folders>')),
    );
    expect(folder[0]).toMatchObject({ ok: true, value: { id: 'F1', changeKey: 'C1' } });
  });
});

describe('FindItem and FindFolder pages', () => {
  it('reads a page of mixed item kinds in document order with all row fields', () => {
    const calendar = `<t:CalendarItem><t:ItemId Id="CAL" ChangeKey="DwAAAB"/><t:ItemClass>IPM.Appointment</t:ItemClass><t:Subject>Standup</t:Subject></t:CalendarItem>`;
    const body = opResponse(
      'FindItem',
      success(
        'FindItem',
        `<m:RootFolder IndexedPagingOffset="3" TotalItemsInView="8" IncludesLastItemInRange="false"><t:Items>${messageXml(0)}${calendar}${messageXml(1)}</t:Items></m:RootFolder>`,
      ),
    );
    const result = parseWith(findItemOperation, { folder: { distinguished: 'deleteditems' }, page: { offset: 0, maxEntries: 3 } }, body);
    if (!result.ok) throw new Error('expected success');
    expect(result.value).toMatchObject({ indexedPagingOffset: 3, totalItemsInView: 8, includesLastItemInRange: false });
    expect(result.value.items.map((i) => i.id)).toEqual([itemId(0), 'CAL', itemId(1)]);
    expect(result.value.items[0]).toEqual({
      kind: 'Message',
      id: itemId(0),
      changeKey,
      itemClass: 'IPM.Note',
      subject: 'Report 0 & <notes>',
      from: 'Alice Example',
      dateTimeReceived: '2024-03-01T10:00:00Z',
      size: 1000,
      hasAttachments: true,
      lastActiveParentEntryId: 'AQIDBAUGBwgJCgsMDQ4PEBESExQVFg==',
      parentFolderId: undefined,
    });
    expect(result.value.items[1]).toMatchObject({ kind: 'CalendarItem', itemClass: 'IPM.Appointment', from: undefined });
  });

  it('reads the last page and an ErrorExceededFindCountLimit per-folder error', () => {
    const last = opResponse(
      'FindItem',
      success('FindItem', '<m:RootFolder IndexedPagingOffset="8" TotalItemsInView="8" IncludesLastItemInRange="true"><t:Items/></m:RootFolder>'),
    );
    const page = parseWith(findItemOperation, { folder: { distinguished: 'inbox' }, page: { offset: 8, maxEntries: 10 } }, last);
    expect(page).toMatchObject({ ok: true, value: { items: [], indexedPagingOffset: 8, includesLastItemInRange: true } });
    const limit = opResponse(
      'FindItem',
      failure('FindItem', 'ErrorExceededFindCountLimit', 'You have exceeded the maximum number of objects…', {
        messageXml: '<t:Value Name="PolicyLimit">1000</t:Value>',
      }),
    );
    const err = parseWith(findItemOperation, { folder: { distinguished: 'inbox' }, page: { offset: 0, maxEntries: 10 } }, limit);
    expect(err).toMatchObject({ ok: false, status: { responseCode: 'ErrorExceededFindCountLimit', messageXml: { PolicyLimit: '1000' } } });
  });

  it('reads folders with source keys matched numerically, and GetFolder distinguished ids', () => {
    const folder = (tag: string) =>
      `<t:Folder><t:FolderId Id="F-${tag}" ChangeKey="AQAAAB"/><t:ParentFolderId Id="ROOT" ChangeKey="AQ"/><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Inbox &amp; more</t:DisplayName><t:TotalCount>12</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="${tag}" PropertyType="Binary"/><t:Value>SOURCEKEY==</t:Value></t:ExtendedProperty><t:UnreadCount>3</t:UnreadCount></t:Folder>`;
    const body = opResponse(
      'FindFolder',
      success(
        'FindFolder',
        `<m:RootFolder TotalItemsInView="3" IncludesLastItemInRange="true"><t:Folders>${folder('0x65e0')}<t:CalendarFolder><t:FolderId Id="CAL"/><t:DisplayName>Calendar</t:DisplayName></t:CalendarFolder>${folder('26080')}</t:Folders></m:RootFolder>`,
      ),
    );
    const [result] = parseWith(findFolderOperation, { parents: [{ distinguished: 'msgfolderroot' }], traversal: 'Deep' }, body);
    if (!result?.ok) throw new Error('expected success');
    expect(result.value.indexedPagingOffset).toBeUndefined();
    expect(result.value.folders.map((f) => [f.kind, f.id, f.sourceKey])).toEqual([
      ['Folder', 'F-0x65e0', 'SOURCEKEY=='],
      ['CalendarFolder', 'CAL', undefined],
      ['Folder', 'F-26080', 'SOURCEKEY=='],
    ]);
    expect(result.value.folders[0]).toMatchObject({
      parentId: 'ROOT',
      displayName: 'Inbox & more',
      folderClass: 'IPF.Note',
      totalCount: 12,
      childFolderCount: 0,
      unreadCount: 3,
    });

    const get = opResponse(
      'GetFolder',
      success(
        'GetFolder',
        '<m:Folders><t:Folder><t:FolderId Id="DEL"/><t:DisplayName>Deletions</t:DisplayName><t:DistinguishedFolderId>recoverableitemsdeletions</t:DistinguishedFolderId></t:Folder></m:Folders>',
      ) + failure('GetFolder', 'ErrorFolderNotFound', 'The specified folder could not be found in the store.', { payload: '<m:Folders/>' }),
    );
    const [found, missing] = parseWith(
      getFolderOperation,
      { folders: [{ distinguished: 'recoverableitemsdeletions' }, { distinguished: 'archivemsgfolderroot' }], includeDistinguishedId: true },
      get,
    );
    expect(found).toMatchObject({ ok: true, value: { id: 'DEL', distinguishedId: 'recoverableitemsdeletions' } });
    expect(missing).toMatchObject({ ok: false, status: { responseCode: 'ErrorFolderNotFound' } });
  });

  it('tolerates pretty-printed responses and character references', () => {
    const pretty = opResponse(
      'GetItem',
      success(
        'GetItem',
        `\n  <m:Items>\n    <t:Message>\n      <t:ItemId Id="A&amp;B"/>\n      <t:Subject>Line&#xD;&#10;two &#x1F600;</t:Subject>\n    </t:Message>\n  </m:Items>\n`,
      ),
    );
    const [r] = parseWith(getItemOperation, { items: [{ id: 'A&B' }] }, pretty);
    expect(r).toMatchObject({ ok: true, value: { id: 'A&B', subject: 'Line\r\ntwo 😀' } });
  });
});

describe('faults', () => {
  const req = { items: ids(1), deleteType: 'HardDelete' as const };

  it('ErrorServerBusy with BackOffMilliseconds is retryable and carries the wait', () => {
    const err = thrown(() =>
      parseWith(
        deleteItemOperation,
        req,
        fault('ErrorServerBusy', 'The server cannot service this request right now. Try again later.', faultValues({ BackOffMilliseconds: '297749' })),
        500,
      ),
    );
    expect(err).toMatchObject({ kind: 'fault', responseCode: 'ErrorServerBusy', backOffMs: 297749, retryable: true, status: 500 });
    expect(err.message).toMatch(/wait 298 s/);
  });

  it('ErrorExceededConnectionCount without xml:lang is retryable; values are kept', () => {
    const detail = faultValues({ Policy: 'MaxConcurrency', MaxConcurrencyLimit: '27', ErrorMessage: 'Suggested backoff time 5000 ms' });
    const err = thrown(() =>
      parseWith(
        deleteItemOperation,
        req,
        fault('ErrorExceededConnectionCount', 'You have exceeded the available concurrent connections for your account.', detail, false),
        500,
      ),
    );
    expect(err).toMatchObject({ kind: 'fault', responseCode: 'ErrorExceededConnectionCount', retryable: true, backOffMs: undefined });
    expect(err.messageXml['MaxConcurrencyLimit']).toBe('27');
  });

  it('ErrorSchemaValidation and ErrorImpersonateUserDenied are not retryable and read well', () => {
    const schema = thrown(() =>
      parseWith(
        deleteItemOperation,
        req,
        fault(
          'ErrorSchemaValidation',
          'The request failed schema validation.',
          `<t:MessageXml xmlns:t="${T}"><t:LineNumber>1</t:LineNumber><t:LinePosition>200</t:LinePosition><t:Violation>bad</t:Violation></t:MessageXml>`,
        ),
        500,
      ),
    );
    expect(schema).toMatchObject({ kind: 'fault', responseCode: 'ErrorSchemaValidation', retryable: false, messageXml: { LineNumber: '1', Violation: 'bad' } });
    const denied = thrown(() =>
      parseWith(deleteItemOperation, req, fault('ErrorImpersonateUserDenied', 'The account does not have permission to impersonate the requested user.'), 500),
    );
    expect(denied).toMatchObject({ kind: 'fault', responseCode: 'ErrorImpersonateUserDenied', retryable: false });
    expect(denied.message).toMatch(/alice@contoso.com.*ApplicationImpersonation/);
  });
});

describe('unusable answers', () => {
  const req = { items: ids(1), deleteType: 'HardDelete' as const };
  const run = (body: string, status = 200, contentType = 'text/xml; charset=utf-8') =>
    thrown(() => parseWith(deleteItemOperation, req, body, status, contentType));

  it('classifies HTML, empty, truncated, non-XML, non-SOAP and wrong-operation bodies', () => {
    expect(run('<!DOCTYPE html><html><body>Sign in</body></html>', 200, 'text/html').kind).toBe('html');
    expect(run('<html><head><title>Outlook</title></head></html>', 200, 'text/xml').kind).toBe('html');
    expect(run('').kind).toBe('malformed');
    const full = opResponse('DeleteItem', success('DeleteItem'));
    expect(run(full.slice(0, full.length - 40)).message).toMatch(/truncated/);
    expect(run('this is not xml at all').kind).toBe('malformed');
    expect(run('<?xml version="1.0"?><root><Envelope/></root>').kind).toBe('malformed');
    expect(run('<a:Envelope xmlns:a="http://schemas.xmlsoap.org/soap/envelope/"><a:Header/></a:Envelope>').message).toMatch(/no Body/);
    expect(run(opResponse('MoveItem', success('MoveItem'))).message).toMatch(/expected DeleteItemResponse but got MoveItemResponse/);
    expect(run(envelope('')).message).toMatch(/Body is empty/);
  });

  it('refuses a DOCTYPE with entity declarations without expanding anything', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      opResponse('DeleteItem', failure('DeleteItem', 'ErrorItemNotFound', '&c;')).replace('<?xml version="1.0" encoding="utf-8"?>', '');
    const err = run(bomb);
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/DOCTYPE/);
    // The parser itself, even if reached, never expands declared entities.
    const direct = createResponseParser({ maxDepth: 64 }).parse('<!DOCTYPE r [<!ENTITY a "EXPANDED">]><r>&a;</r>');
    expect(JSON.stringify(direct)).not.toContain('EXPANDED');
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = opResponse('DeleteItem', success('DeleteItem', '<m:MessageXml>' + '<x>'.repeat(80) + '</x>'.repeat(80) + '</m:MessageXml>'));
    const err = thrown(() =>
      responseElement(
        { status: 200, contentType: 'text/xml', location: undefined, body: deep },
        { operation: 'DeleteItem', parser: createResponseParser({ maxDepth: 64 }), impersonating: undefined },
      ),
    );
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/nested/i);
  });

  it('maps non-SOAP 500 and other statuses to http errors', () => {
    expect(run('Internal error', 500)).toMatchObject({ kind: 'http', status: 500 });
    expect(run('<html>busy</html>', 503, 'text/html')).toMatchObject({ kind: 'http', status: 503, retryable: true });
    expect(run('', 401)).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(run('', 404)).toMatchObject({ kind: 'http', retryable: false });
  });
});
