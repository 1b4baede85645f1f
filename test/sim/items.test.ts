// Item operations over HTTP: FindItem (paging, sort, restrictions), GetItem, CreateItem,
// MoveItem, CopyItem, DeleteItem, and the id and batch rules every item operation shares.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, deleteItems, dist, fault, fid, findItem, iid, itemIds, LAPEI_PROP, messages, moveItems, post, rootFolder, subjects } from './helpers';

let sim: RunningSimulator;
let work = '';
beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.05, bulkItems: 2500, throttling: false });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults({ itemErrorRates: { ErrorItemNotFound: 0, ErrorAccessDenied: 0, ErrorInternalServerError: 0, ErrorServerBusy: 0 } });
  const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  work = sim.store.createFolder(inbox, `Work ${Math.random().toString(36).slice(2)}`).id;
});

const page = (max: number, offset: number, base = 'Beginning'): string =>
  `<m:IndexedPageItemView MaxEntriesReturned="${max}" Offset="${offset}" BasePoint="${base}"/>`;
const restriction = (expr: string): string => `<m:Restriction>${expr}</m:Restriction>`;
const bulkId = (): string => sim.store.folderByPath(ADMIN, 'Inbox/Bulk notifications')?.id ?? '';

describe('FindItem paging', () => {
  it('caps a page at 1000 and walks to the last page with offset = total', async () => {
    const first = await post(sim, findItem(fid(bulkId()), page(5000, 0)));
    expect(itemIds(first.text)).toHaveLength(1000);
    expect(rootFolder(first.text)).toEqual({ offset: 1000, total: 2500, last: false });
    const last = await post(sim, findItem(fid(bulkId()), page(1000, 2000)));
    expect(itemIds(last.text)).toHaveLength(500);
    expect(rootFolder(last.text)).toEqual({ offset: 2500, total: 2500, last: true });
  });

  it('follows the documented 8-item example and answers an empty page past the end', async () => {
    sim.store.seedItems(work, 8);
    expect(rootFolder((await post(sim, findItem(fid(work), page(6, 0)))).text)).toEqual({ offset: 6, total: 8, last: false });
    const tail = await post(sim, findItem(fid(work), page(6, 5)));
    expect(itemIds(tail.text)).toHaveLength(3);
    expect(rootFolder(tail.text)).toEqual({ offset: 8, total: 8, last: true });
    const past = await post(sim, findItem(fid(work), page(6, 8)));
    expect(past.text).toContain('<t:Items></t:Items>');
    expect(rootFolder(past.text)).toEqual({ offset: 8, total: 8, last: true });
  });

  it('counts BasePoint End from the last item', async () => {
    const ids = sim.store.seedItems(work, 10, { subject: (i) => `n${i}` });
    const answer = await post(sim, findItem(fid(work), page(3, 2, 'End')));
    expect(itemIds(answer.text).map((x) => x.id)).toEqual(ids.slice(5, 8));
    expect(rootFolder(answer.text)).toEqual({ offset: 5, total: 10, last: false });
  });

  it('without a paging view: everything up to 1000, no IndexedPagingOffset; more is ErrorExceededFindCountLimit', async () => {
    sim.store.seedItems(work, 3);
    const small = await post(sim, findItem(fid(work), ''));
    expect(rootFolder(small.text)).toEqual({ offset: undefined, total: 3, last: true });
    const big = await post(sim, findItem(fid(bulkId()), ''));
    expect(big.status).toBe(200);
    expect(messages(big.text)[0]).toMatchObject({ cls: 'Error', code: 'ErrorExceededFindCountLimit' });
    expect(big.text).toContain('<t:Value Name="PolicyLimit">1000</t:Value>');
    expect(big.text).not.toContain('<m:RootFolder');
  });

  it('answers bad paging parameters per message', async () => {
    expect(codes((await post(sim, findItem(fid(work), page(0, 0)))).text)).toEqual(['ErrorInvalidPagingMaxRows']);
    expect(codes((await post(sim, findItem(fid(work), page(10, -1)))).text)).toEqual(['ErrorInvalidIndexedPagingParameters']);
  });

  it('SoftDeleted traversal finds nothing (Exchange 2010 and later)', async () => {
    sim.store.seedItems(work, 2);
    const answer = await post(sim, findItem(fid(work)).replace('Traversal="Shallow"', 'Traversal="SoftDeleted"'));
    expect(rootFolder(answer.text)?.total).toBe(0);
  });
});

describe('FindItem properties, sort and restrictions', () => {
  beforeEach(() => {
    sim.store.seedItems(work, 1, {
      subject: 'Quarterly report',
      from: { name: 'Megan Bowen', address: 'megan@contoso.com' },
      received: '2024-03-01T10:00:00Z',
      size: 500,
      hasAttachments: true,
    });
    sim.store.seedItems(work, 1, {
      subject: 'RE: quarterly REPORT',
      from: { name: 'Lee Gu', address: 'lee@fabrikam.com' },
      received: '2024-02-01T10:00:00Z',
      size: 9000,
    });
    sim.store.seedItems(work, 1, { subject: 'Lunch', itemClass: 'IPM.Appointment', received: '2024-01-01T10:00:00Z', size: 100 });
    sim.store.seedItems(work, 1, { subject: 'Call Lee', itemClass: 'IPM.Task', received: '2023-12-01T10:00:00Z', size: 50 });
  });

  it('returns the asked properties in schema order, typed elements, From with the name only', async () => {
    const props = ['item:ItemClass', 'item:Subject', 'item:DateTimeReceived', 'item:Size', 'item:HasAttachments', 'message:From']
      .map((f) => `<t:FieldURI FieldURI="${f}"/>`)
      .join('');
    const answer = await post(sim, findItem(fid(work), page(10, 0), '', 'IdOnly', props));
    expect(answer.text).toMatch(
      /<t:Message><t:ItemId [^>]+\/><t:ItemClass>IPM.Note<\/t:ItemClass><t:Subject>Quarterly report<\/t:Subject><t:DateTimeReceived>2024-03-01T10:00:00Z<\/t:DateTimeReceived><t:Size>500<\/t:Size><t:HasAttachments>true<\/t:HasAttachments><t:From><t:Mailbox><t:Name>Megan Bowen<\/t:Name><\/t:Mailbox><\/t:From><\/t:Message>/,
    );
    expect(answer.text).toContain('<t:CalendarItem>');
    expect(answer.text).toContain('<t:Task>');
  });

  it('sorts by SortOrder and defaults to DateTimeReceived descending', async () => {
    const subjectProp = '<t:FieldURI FieldURI="item:Subject"/>';
    const byDefault = await post(sim, findItem(fid(work), page(10, 0), '', 'IdOnly', subjectProp));
    expect(subjects(byDefault.text)).toEqual(['Quarterly report', 'RE: quarterly REPORT', 'Lunch', 'Call Lee']);
    const bySize = await post(
      sim,
      findItem(
        fid(work),
        page(10, 0),
        '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Size"/></t:FieldOrder></m:SortOrder>',
        'IdOnly',
        subjectProp,
      ),
    );
    expect(subjects(bySize.text)).toEqual(['Call Lee', 'Lunch', 'Quarterly report', 'RE: quarterly REPORT']);
  });

  it('applies Contains on subject and sender, comparisons on dates and classes, And/Or/Not', async () => {
    const subj = '<t:FieldURI FieldURI="item:Subject"/>';
    const cases: Array<[string, string[]]> = [
      [
        `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${subj}<t:Constant Value="quarterly report"/></t:Contains>`,
        ['Quarterly report', 'RE: quarterly REPORT'],
      ],
      [`<t:Contains ContainmentMode="Substring" ContainmentComparison="Exact">${subj}<t:Constant Value="quarterly"/></t:Contains>`, ['RE: quarterly REPORT']],
      [`<t:Contains ContainmentMode="Prefixed" ContainmentComparison="IgnoreCase">${subj}<t:Constant Value="re:"/></t:Contains>`, ['RE: quarterly REPORT']],
      [`<t:Contains ContainmentMode="FullString" ContainmentComparison="IgnoreCase">${subj}<t:Constant Value="lunch"/></t:Contains>`, ['Lunch']],
      [
        `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="message:From"/><t:Constant Value="fabrikam.com"/></t:Contains>`,
        ['RE: quarterly REPORT'],
      ],
      [
        `<t:Contains ContainmentMode="Prefixed" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="message:Sender"/><t:Constant Value="megan"/></t:Contains>`,
        ['Quarterly report'],
      ],
      [
        `<t:IsGreaterThanOrEqualTo><t:FieldURI FieldURI="item:DateTimeReceived"/><t:FieldURIOrConstant><t:Constant Value="2024-02-01T10:00:00Z"/></t:FieldURIOrConstant></t:IsGreaterThanOrEqualTo>`,
        ['Quarterly report', 'RE: quarterly REPORT'],
      ],
      [
        `<t:IsLessThan><t:FieldURI FieldURI="item:DateTimeReceived"/><t:FieldURIOrConstant><t:Constant Value="2024-01-01T10:00:00Z"/></t:FieldURIOrConstant></t:IsLessThan>`,
        ['Call Lee'],
      ],
      [
        `<t:IsEqualTo><t:FieldURI FieldURI="item:ItemClass"/><t:FieldURIOrConstant><t:Constant Value="IPM.Appointment"/></t:FieldURIOrConstant></t:IsEqualTo>`,
        ['Lunch'],
      ],
      [
        `<t:Not><t:IsNotEqualTo><t:FieldURI FieldURI="item:ItemClass"/><t:FieldURIOrConstant><t:Constant Value="IPM.Task"/></t:FieldURIOrConstant></t:IsNotEqualTo></t:Not>`,
        ['Call Lee'],
      ],
      [
        `<t:Or><t:IsGreaterThan><t:FieldURI FieldURI="item:DateTimeReceived"/><t:FieldURIOrConstant><t:Constant Value="2024-02-15T00:00:00Z"/></t:FieldURIOrConstant></t:IsGreaterThan><t:IsLessThanOrEqualTo><t:FieldURI FieldURI="item:DateTimeReceived"/><t:FieldURIOrConstant><t:Constant Value="2023-12-01T10:00:00Z"/></t:FieldURIOrConstant></t:IsLessThanOrEqualTo></t:Or>`,
        ['Quarterly report', 'Call Lee'],
      ],
      [
        `<t:And><t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${subj}<t:Constant Value="report"/></t:Contains><t:IsLessThan><t:FieldURI FieldURI="item:DateTimeReceived"/><t:FieldURIOrConstant><t:Constant Value="2024-03-01T00:00:00Z"/></t:FieldURIOrConstant></t:IsLessThan></t:And>`,
        ['RE: quarterly REPORT'],
      ],
    ];
    for (const [expr, expected] of cases) {
      const answer = await post(sim, findItem(fid(work), page(50, 0), restriction(expr), 'IdOnly', subj));
      expect(subjects(answer.text), expr).toEqual(expected);
      expect(rootFolder(answer.text)?.total).toBe(expected.length);
    }
  });

  it('answers an unsupported restriction path per message', async () => {
    const answer = await post(
      sim,
      findItem(
        fid(work),
        page(10, 0),
        restriction('<t:IsEqualTo><t:FieldURI FieldURI="item:Body"/><t:FieldURIOrConstant><t:Constant Value="x"/></t:FieldURIOrConstant></t:IsEqualTo>'),
      ),
    );
    expect(codes(answer.text)).toEqual(['ErrorUnsupportedPathForQuery']);
  });
});

describe('GetItem and CreateItem', () => {
  it('CreateItem needs MessageDisposition for messages, saves into any folder, and round-trips hostile subjects', async () => {
    const hostile = ['a < b & c', ']]> cdata end', '</t:Subject><t:Subject>x', `quotes " and ' apostrophes`, 'tab\there'];
    const body = (disposition: string) =>
      `<m:CreateItem${disposition}><m:SavedItemFolderId>${fid(work)}</m:SavedItemFolderId><m:Items>${hostile
        .map((s) => `<t:Message><t:Subject>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</t:Subject></t:Message>`)
        .join('')}</m:Items></m:CreateItem>`;
    const refused = await post(sim, body(''));
    expect(codes(refused.text)).toEqual(hostile.map(() => 'ErrorMessageDispositionRequired'));
    expect(refused.text).toContain('<m:Items/>');
    const created = await post(sim, body(' MessageDisposition="SaveOnly"'));
    expect(codes(created.text)).toEqual(hostile.map(() => 'NoError'));
    const ids = itemIds(created.text);
    const got = await post(
      sim,
      `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds>${ids.map((i) => iid(i.id)).join('')}</m:ItemIds></m:GetItem>`,
    );
    expect(subjects(got.text)).toEqual(hostile);
    expect(sim.store.locate(ids[0]?.id ?? '')?.folderId).toBe(work);
  });

  it('CreateItem sets the received time through PR_MESSAGE_DELIVERY_TIME and creates typed items in their folders', async () => {
    const answer = await post(
      sim,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>Imported</t:Subject><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E06" PropertyType="SystemTime"/><t:Value>2020-05-05T05:05:05Z</t:Value></t:ExtendedProperty><t:From><t:Mailbox><t:Name>Zoë</t:Name><t:EmailAddress>zoe@example.com</t:EmailAddress></t:Mailbox></t:From></t:Message><t:Task><t:Subject>Do it</t:Subject></t:Task></m:Items></m:CreateItem>`,
    );
    const [message, taskItem] = itemIds(answer.text);
    const located = sim.store.locate(message?.id ?? '');
    expect(located?.distinguished).toBe('drafts');
    expect(located?.item).toMatchObject({ received: '2020-05-05T05:05:05.000Z', from: { name: 'Zoë', address: 'zoe@example.com' } });
    expect(sim.store.locate(taskItem?.id ?? '')?.distinguished).toBe('tasks');
    expect(answer.text).toContain('<t:Task><t:ItemId');
  });

  it('GetItem writes the sender in full and answers each id in order with an empty m:Items on error', async () => {
    const [id] = sim.store.seedItems(work, 1, { from: { name: 'Adele Vance', address: 'adele@contoso.com' } });
    const answer = await post(
      sim,
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>${iid('AAAA==')}${iid(id ?? '')}</m:ItemIds></m:GetItem>`,
    );
    expect(codes(answer.text)).toEqual(['ErrorInvalidIdMalformed', 'NoError']);
    expect(answer.text).toContain('<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Items/></m:GetItemResponseMessage>');
    expect(answer.text).toContain(
      '<t:From><t:Mailbox><t:Name>Adele Vance</t:Name><t:EmailAddress>adele@contoso.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType>',
    );
  });
});

describe('MoveItem and CopyItem', () => {
  it('MoveItem gives new ids; the old id is ErrorItemNotFound afterwards; folder ids never change', async () => {
    const ids = sim.store.seedItems(work, 3);
    const sent = sim.store.folderByDistinguished(ADMIN, 'sentitems');
    const answer = await post(sim, moveItems(ids, dist('sentitems')));
    expect(codes(answer.text)).toEqual(['NoError', 'NoError', 'NoError']);
    const moved = itemIds(answer.text);
    expect(moved).toHaveLength(3);
    for (const [i, m] of moved.entries()) {
      expect(m.id).not.toBe(ids[i]);
      expect(sim.store.locate(m.id)?.folderId).toBe(sent?.id);
      expect(sim.store.locate(ids[i] ?? '')).toBeUndefined();
    }
    const again = await post(sim, moveItems(ids, dist('inbox')));
    expect(codes(again.text)).toEqual(['ErrorItemNotFound', 'ErrorItemNotFound', 'ErrorItemNotFound']);
    expect(again.text).toContain('<m:Items/>');
    expect(sim.store.folderByDistinguished(ADMIN, 'sentitems')?.id).toBe(sent?.id);
  });

  it('ReturnNewItemIds=false and cross-mailbox moves answer Success with an empty m:Items', async () => {
    const ids = sim.store.seedItems(work, 2);
    const noIds = await post(sim, moveItems([ids[0] ?? ''], dist('drafts'), 'MoveItem', false));
    expect(codes(noIds.text)).toEqual(['NoError']);
    expect(noIds.text).toContain('<m:ResponseCode>NoError</m:ResponseCode><m:Items/>');
    const toArchive = await post(sim, moveItems([ids[1] ?? ''], dist('archiveinbox')));
    expect(codes(toArchive.text)).toEqual(['NoError']);
    expect(itemIds(toArchive.text)).toHaveLength(0);
    expect(sim.store.folderByDistinguished(ADMIN, 'archiveinbox')?.totalCount).toBeGreaterThan(0);
  });

  it('moving into Deleted Items keeps the ChangeKey and stamps LastActiveParentEntryId; elsewhere the ChangeKey changes', async () => {
    const [a, b] = sim.store.seedItems(work, 2);
    const before = sim.store.locate(a ?? '')?.item.changeKey;
    const beforeB = sim.store.locate(b ?? '')?.item.changeKey;
    expect(beforeB).toBeDefined();
    const toDeleted = itemIds((await post(sim, moveItems([a ?? ''], dist('deleteditems')))).text)[0];
    expect(toDeleted?.changeKey).toBe(before);
    expect(sim.store.locate(toDeleted?.id ?? '')?.item.lastActiveParentEntryId).toBe(sim.store.folder(work)?.sourceKey);
    const toDrafts = itemIds((await post(sim, moveItems([b ?? ''], dist('drafts')))).text)[0];
    expect(toDrafts?.changeKey).not.toBe(beforeB);
    expect(sim.store.locate(toDrafts?.id ?? '')?.item.lastActiveParentEntryId).toBeUndefined();
  });

  it('a bad destination is ErrorToFolderNotFound for every item', async () => {
    const ids = sim.store.seedItems(work, 2);
    const gone = sim.store.createFolder(work, 'gone');
    sim.store.removeFolder(gone.id);
    expect(codes((await post(sim, moveItems(ids, fid(gone.id)))).text)).toEqual(['ErrorToFolderNotFound', 'ErrorToFolderNotFound']);
  });

  it("CopyItem leaves the original and returns the copy's new id", async () => {
    const [id] = sim.store.seedItems(work, 1, { subject: 'copy me' });
    const answer = await post(sim, moveItems([id ?? ''], dist('drafts'), 'CopyItem'));
    const [copy] = itemIds(answer.text);
    expect(copy?.id).not.toBe(id);
    expect(sim.store.locate(id ?? '')?.folderId).toBe(work);
    expect(sim.store.locate(copy?.id ?? '')?.item.subject).toBe('copy me');
  });
});

describe('DeleteItem', () => {
  it('sends each DeleteType to its place, stamps LastActiveParentEntryId and keeps the ChangeKey', async () => {
    const source = sim.store.folder(work);
    const [a, b, c] = sim.store.seedItems(work, 3);
    const changeKeys = [a, b, c].map((id) => sim.store.locate(id ?? '')?.item.changeKey);
    const counts = () =>
      ['deleteditems', 'recoverableitemsdeletions', 'recoverableitemspurges'].map((d) => sim.store.folderByDistinguished(ADMIN, d)?.totalCount ?? 0);
    const before = counts();
    for (const [id, type] of [
      [a, 'MoveToDeletedItems'],
      [b, 'SoftDelete'],
      [c, 'HardDelete'],
    ] as const) {
      expect(codes((await post(sim, deleteItems([id ?? ''], type))).text)).toEqual(['NoError']);
    }
    expect(counts()).toEqual(before.map((n) => n + 1));
    for (const [index, dest] of ['deleteditems', 'recoverableitemsdeletions', 'recoverableitemspurges'].entries()) {
      const newest = sim.store.folderItems(sim.store.folderByDistinguished(ADMIN, dest)?.id ?? '').find((i) => i.lastActiveParentEntryId === source?.sourceKey);
      expect(newest?.changeKey).toBe(changeKeys[index]);
    }
  });

  it('HardDelete purges outright in a mailbox without single item recovery or a hold', async () => {
    sim.store.setRetention(ADMIN, { singleItemRecovery: false });
    const [id] = sim.store.seedItems(work, 1);
    const purges = sim.store.folderByDistinguished(ADMIN, 'recoverableitemspurges')?.totalCount;
    await post(sim, deleteItems([id ?? ''], 'HardDelete'));
    expect(sim.store.folderByDistinguished(ADMIN, 'recoverableitemspurges')?.totalCount).toBe(purges);
    expect(sim.store.locate(id ?? '')).toBeUndefined();
    sim.store.setRetention(ADMIN, { singleItemRecovery: true });
  });

  it('answers one message per id in order: gone ids ErrorItemNotFound, the rest proceed', async () => {
    const ids = sim.store.seedItems(work, 4);
    await post(sim, deleteItems([ids[1] ?? ''], 'HardDelete'));
    const answer = await post(sim, deleteItems(ids, 'SoftDelete'));
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(['NoError', 'ErrorItemNotFound', 'NoError', 'NoError']);
    expect(sim.store.itemCount(work)).toBe(0);
  });

  it('id errors: malformed, unparseable ChangeKey, stale ChangeKey accepted, folder id as item id', async () => {
    const [a, b] = sim.store.seedItems(work, 2);
    const staleKey = sim.store.folderByDistinguished(ADMIN, 'inbox')?.changeKey ?? '';
    const answer = await post(
      sim,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${iid('AAAA==')}${iid(a ?? '', 'XXX')}${iid(b ?? '', staleKey)}${iid(work)}<t:ItemId Id=""/></m:ItemIds></m:DeleteItem>`,
    );
    expect(codes(answer.text)).toEqual([
      'ErrorInvalidIdMalformed',
      'ErrorInvalidChangeKey',
      'NoError',
      'ErrorCannotUseFolderIdForItemId',
      'ErrorInvalidIdEmpty',
    ]);
    expect(sim.store.locate(a ?? '')?.folderId).toBe(work);
  });

  it('requires SendMeetingCancellations for calendar items and AffectedTaskOccurrences for tasks', async () => {
    const [meeting] = sim.store.seedItems(work, 1, { itemClass: 'IPM.Appointment' });
    const [todo] = sim.store.seedItems(work, 1, { itemClass: 'IPM.Task' });
    expect(codes((await post(sim, deleteItems([meeting ?? '', todo ?? ''], 'HardDelete'))).text)).toEqual([
      'ErrorSendMeetingCancellationsRequired',
      'ErrorAffectedTaskOccurrencesRequired',
    ]);
    const ok = await post(
      sim,
      deleteItems([meeting ?? '', todo ?? ''], 'HardDelete', ' SendMeetingCancellations="SendToNone" AffectedTaskOccurrences="AllOccurrences"'),
    );
    expect(codes(ok.text)).toEqual(['NoError', 'NoError']);
  });

  it('a batch-stopping error turns every later item into Warning/ErrorBatchProcessingStopped', async () => {
    const ids = sim.store.seedItems(work, 4);
    sim.setFaults({ seed: 7, itemErrorRates: { ErrorAccessDenied: 1 } });
    const answer = await post(sim, deleteItems(ids, 'HardDelete'));
    expect(messages(answer.text).map((m) => `${m.cls}/${m.code}`)).toEqual([
      'Error/ErrorAccessDenied',
      'Warning/ErrorBatchProcessingStopped',
      'Warning/ErrorBatchProcessingStopped',
      'Warning/ErrorBatchProcessingStopped',
    ]);
    expect(sim.store.itemCount(work)).toBe(4);
  });

  it('rejects a missing or unknown DeleteType as a schema violation, leaving everything in place', async () => {
    const ids = sim.store.seedItems(work, 1);
    const answer = await post(sim, deleteItems(ids, 'Shred'));
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorSchemaValidation');
    expect(sim.store.itemCount(work)).toBe(1);
  });
});

describe('other mailboxes', () => {
  it("answers another mailbox's item id without rights as not found (the batch goes on), or per the foreignIdWithoutRights switch", async () => {
    const [bobs] = sim.store.seedItems(sim.store.folderByDistinguished('bob@contoso.com', 'inbox')?.id ?? '', 1);
    const [alices] = sim.store.seedItems(sim.store.folderByDistinguished('alice@contoso.com', 'inbox')?.id ?? '', 1);
    const asAlice = (ids: string[]) => post(sim, deleteItems(ids, 'HardDelete'), { user: 'alice@contoso.com' });
    sim.setSwitches({ foreignIdWithoutRights: 'ErrorAccessDenied' });
    expect(codes((await asAlice([bobs ?? '', alices ?? ''])).text)).toEqual(['ErrorAccessDenied', 'ErrorBatchProcessingStopped']);
    sim.setSwitches({ foreignIdWithoutRights: 'notFound' });
    expect(codes((await asAlice([bobs ?? '', alices ?? ''])).text)).toEqual(['ErrorItemNotFound', 'NoError']);
    // The admin has FullAccess to every mailbox.
    expect(codes((await post(sim, deleteItems([bobs ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
  });
});

describe('archive mailbox', () => {
  it("deletes archive items into the archive's own Deleted Items and dumpster", async () => {
    const archiveInbox = sim.store.folderByDistinguished(ADMIN, 'archiveinbox');
    const [a, b, c] = sim.store.seedItems(archiveInbox?.id ?? '', 3);
    await post(sim, deleteItems([a ?? ''], 'MoveToDeletedItems'));
    await post(sim, deleteItems([b ?? ''], 'SoftDelete'));
    await post(sim, deleteItems([c ?? ''], 'HardDelete'));
    const where = (name: string) =>
      sim.store
        .folderItems(sim.store.folderByDistinguished(ADMIN, name)?.id ?? '')
        .filter((i) => i.lastActiveParentEntryId === archiveInbox?.sourceKey && i.subject.startsWith('Seeded')).length;
    expect(where('archivedeleteditems')).toBe(1);
    expect(where('archiverecoverableitemsdeletions')).toBe(1);
    expect(where('archiverecoverableitemspurges')).toBe(1);
  });
});

describe('recovery round trip', () => {
  it('a soft-deleted item goes home by matching LastActiveParentEntryId with source keys from FindFolder Deep', async () => {
    const home = sim.store.createFolder(work, 'Home');
    const [id] = sim.store.seedItems(home.id, 1, { subject: 'bring me back' });
    await post(sim, deleteItems([id ?? ''], 'SoftDelete'));
    const deletions = sim.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions')?.id ?? '';
    const found = await post(
      sim,
      findItem(
        fid(deletions),
        page(1000, 0),
        restriction(
          '<t:IsEqualTo><t:FieldURI FieldURI="item:Subject"/><t:FieldURIOrConstant><t:Constant Value="bring me back"/></t:FieldURIOrConstant></t:IsEqualTo>',
        ),
        'IdOnly',
        LAPEI_PROP,
      ),
    );
    const [deleted] = itemIds(found.text);
    const key = /PropertyTag="0x348a" PropertyType="Binary"\/><t:Value>([^<]+)</.exec(found.text)?.[1];
    const folders = await post(
      sim,
      `<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:ExtendedFieldURI PropertyTag="0x65E0" PropertyType="Binary"/></t:AdditionalProperties></m:FolderShape><m:ParentFolderIds>${dist('msgfolderroot')}</m:ParentFolderIds></m:FindFolder>`,
    );
    const homeId = [
      ...folders.text.matchAll(
        /<t:FolderId Id="([^"]+)"[^>]*\/><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x65e0" PropertyType="Binary"\/><t:Value>([^<]+)</g,
      ),
    ].find((m) => m[2] === key)?.[1];
    expect(homeId).toBe(home.id);
    const moved = await post(sim, moveItems([deleted?.id ?? ''], fid(homeId ?? '')));
    const [back] = itemIds(moved.text);
    expect(sim.store.locate(back?.id ?? '')?.folderId).toBe(home.id);
  });

  it('dumpster items point at real folders through LastActiveParentEntryId, some at deleted ones', async () => {
    const deletions = sim.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions')?.id ?? '';
    const answer = await post(sim, findItem(fid(deletions), page(1000, 0), '', 'IdOnly', LAPEI_PROP));
    const keys = [...answer.text.matchAll(/PropertyTag="0x348a" PropertyType="Binary"\/><t:Value>([^<]+)</g)].map((m) => m[1] ?? '');
    expect(keys.length).toBe(itemIds(answer.text).length);
    const exists = await post(sim, findItem(fid(deletions), page(1, 0), restriction(`<t:Exists>${LAPEI_PROP}</t:Exists>`)));
    expect(rootFolder(exists.text)?.total).toBe(sim.store.itemCount(deletions));
    const homes = keys.map((k) => sim.store.folderBySourceKey(k));
    expect(homes.some((h) => h === undefined)).toBe(true);
    expect(homes.some((h) => h?.distinguished === 'inbox')).toBe(true);
  });
});
