// Every request shape the client can emit, validated against Microsoft's schemas in one call:
// the soap:Body child of each envelope, plus the header elements as standalone documents.
import { describe, expect, it } from 'vitest';
import {
  BasicAuth,
  DISTINGUISHED_FOLDER_IDS,
  EwsClient,
  copyItemOperation,
  createFolderOperation,
  createItemOperation,
  deleteFolderOperation,
  deleteItemOperation,
  emptyFolderOperation,
  findFolderOperation,
  findItemOperation,
  getFolderOperation,
  getItemOperation,
  impersonationXml,
  moveItemOperation,
  requestServerVersionXml,
  EXCHANGE_VERSIONS,
  TYPES_NS,
  type EwsOperation,
  type FolderRef,
  type ItemFilter,
} from '../../electron/ews';
import { extractBodyChild, schemaAvailable, schemaSkipReason, validateDocuments, type NamedDocument } from '../support/schema';

const plain = new EwsClient({ url: 'https://mail.contoso.com/EWS/Exchange.asmx', auth: new BasicAuth('a', 'b') });
const impersonating = new EwsClient({
  url: 'https://mail.contoso.com/EWS/Exchange.asmx',
  auth: new BasicAuth('a', 'b'),
  impersonate: 'bob@contoso.com',
  serverVersion: 'Exchange2016',
});
/** Delegate access (FullAccess): no impersonation header; every well-known folder names the mailbox. */
const delegating = new EwsClient({
  url: 'https://mail.contoso.com/EWS/Exchange.asmx',
  auth: new BasicAuth('a', 'b'),
  delegate: 'alice@contoso.com',
  serverVersion: 'Exchange2016',
});
const inAlice = (
  name: 'msgfolderroot' | 'archivemsgfolderroot' | 'recoverableitemsroot' | 'recoverableitemsdeletions' | 'deleteditems' | 'inbox',
): FolderRef => ({ distinguished: name, mailbox: 'alice@contoso.com' });

const item = { id: 'AAMkADAwATM0MDAAMS1hYjE3LTQ=', changeKey: 'CQAAABYAAAD' };
const folders: FolderRef[] = [
  { id: 'AAMkADAwATM0MDAAMS1hYjE3LTQAAAAAAQEAAA==' },
  { id: 'AAMkADAwATM0MDAAMS1hYjE3LTQAAAAAAQEAAA==', changeKey: 'AQAAABYAAAA' },
  { distinguished: 'recoverableitemsdeletions' },
  { distinguished: 'archivemsgfolderroot', mailbox: 'carol@contoso.com' },
];
const filters: ItemFilter[] = [
  { subjectContains: 'invoice' },
  { senderContains: 'alice' },
  { receivedFrom: '2024-01-01T00:00:00Z' },
  { receivedBefore: new Date('2024-02-01T00:00:00Z') },
  { itemClass: 'IPM.Note' },
  { subjectContains: 'a', senderContains: 'b', receivedFrom: '2024-01-01T00:00:00Z', receivedBefore: '2024-02-01T00:00:00Z', itemClass: 'IPM.Note' },
  // The reading-pane filters (issue 9 §2): each on its own, then all together.
  { modifiedFrom: '2024-05-01T00:00:00Z' },
  { modifiedBefore: '2024-05-02T00:00:00Z' },
  { sentFrom: '2024-01-01T00:00:00Z' },
  { sentBefore: '2024-02-01T00:00:00Z' },
  { internetMessageId: '<abc.1@contoso.com>' },
  { isRead: false },
  { hasCategories: true },
  { hasCategories: false },
  { importance: 'High' },
  // "Has attachments" (issue 11): on its own, negated, and with another condition.
  { hasAttachments: true },
  { hasAttachments: false },
  { hasAttachments: true, subjectContains: 'contract' },
  {
    modifiedFrom: '2024-05-01T00:00:00Z',
    modifiedBefore: '2024-05-02T00:00:00Z',
    sentFrom: '2024-01-01T00:00:00Z',
    sentBefore: '2024-02-01T00:00:00Z',
    internetMessageId: '<a&b@c>',
    isRead: true,
    hasCategories: false,
    importance: 'Low',
  },
];

function requests(): NamedDocument[] {
  const docs: NamedDocument[] = [];
  const add = <Req, Res>(op: EwsOperation<Req, Res>, label: string, req: Req, client = plain) =>
    docs.push({ name: `${op.name} ${label}`, xml: client.buildRequest(op, req) });
  add(getFolderOperation, 'all folder id forms', { folders });
  add(getFolderOperation, 'with distinguished id', { folders, includeDistinguishedId: true }, impersonating);
  for (const traversal of ['Shallow', 'Deep'] as const) {
    add(findFolderOperation, traversal, { parents: folders, traversal });
    add(findFolderOperation, `${traversal} paged`, {
      parents: [{ distinguished: 'root' }],
      traversal,
      page: { offset: 2000, maxEntries: 1000 },
      includeDistinguishedId: true,
    });
  }
  add(findItemOperation, 'plain page', { folder: { distinguished: 'inbox' }, page: { offset: 0, maxEntries: 1000 } });
  filters.forEach((filter, i) =>
    add(findItemOperation, `filter ${i}`, {
      folder: folders[i % folders.length] ?? { distinguished: 'inbox' },
      page: { offset: 1000, maxEntries: 500 },
      filter,
    }),
  );
  add(
    findItemOperation,
    'sorted + filtered',
    {
      folder: { distinguished: 'deleteditems', mailbox: 'bob@contoso.com' },
      page: { offset: 0, maxEntries: 1 },
      filter: filters[5],
      sort: [
        { field: 'DateTimeReceived', order: 'Descending' },
        { field: 'Subject', order: 'Ascending' },
        { field: 'From', order: 'Ascending' },
        { field: 'Size', order: 'Descending' },
        { field: 'ItemClass', order: 'Ascending' },
        { field: 'HasAttachments', order: 'Ascending' },
        { field: 'LastModifiedTime', order: 'Descending' },
      ],
    },
    impersonating,
  );
  add(getItemOperation, 'two ids', { items: [item, { id: 'X' }] });
  add(createItemOperation, 'minimal', { folder: { distinguished: 'inbox' }, messages: [{ subject: 's' }] });
  add(createItemOperation, 'full', {
    folder: folders[0] ?? { distinguished: 'inbox' },
    messages: [
      {
        subject: 'Full',
        itemClass: 'IPM.Note.Custom',
        from: { name: 'Alice', address: 'alice@contoso.com' },
        receivedAt: '2023-05-06T07:08:09Z',
        body: { type: 'HTML', content: '<p>hi</p>' },
        isRead: true,
      },
      { subject: 'Text', from: { address: 'x@y.z' }, body: { type: 'Text', content: 'plain' } },
    ],
  });
  add(moveItemOperation, 'to distinguished', { items: [item, item], to: { distinguished: 'recoverableitemsdeletions' } });
  add(copyItemOperation, 'to folder id', { items: [item], to: folders[1] ?? { distinguished: 'inbox' } }, impersonating);
  for (const deleteType of ['MoveToDeletedItems', 'SoftDelete', 'HardDelete'] as const) {
    add(deleteItemOperation, deleteType, { items: [item, { id: 'Y' }], deleteType });
    add(emptyFolderOperation, `${deleteType} with subfolders`, { folders, deleteType, deleteSubFolders: true });
    add(emptyFolderOperation, `${deleteType} without subfolders`, { folders: [{ distinguished: 'deleteditems' }], deleteType, deleteSubFolders: false });
  }
  for (const deleteType of ['MoveToDeletedItems', 'HardDelete'] as const) add(deleteFolderOperation, deleteType, { folders, deleteType });
  add(createFolderOperation, 'with and without class', {
    parent: { distinguished: 'msgfolderroot' },
    folders: [{ displayName: 'A' }, { displayName: 'B', folderClass: 'IPF.Note' }],
  });
  add(getFolderOperation, 'every distinguished id', { folders: DISTINGUISHED_FOLDER_IDS.map((d) => ({ distinguished: d })) });
  // The requests a delegate-access session sends (backends/ews/signInProbe.ts, session.ts, jobBackend.ts).
  add(
    getFolderOperation,
    'delegate: roots',
    {
      folders: [inAlice('msgfolderroot'), inAlice('archivemsgfolderroot'), inAlice('recoverableitemsroot'), inAlice('recoverableitemsdeletions')],
      includeDistinguishedId: true,
    },
    delegating,
  );
  add(
    findFolderOperation,
    'delegate: Deep paged',
    { parents: [inAlice('msgfolderroot')], traversal: 'Deep', page: { offset: 0, maxEntries: 1000 }, includeDistinguishedId: true },
    delegating,
  );
  add(
    findItemOperation,
    'delegate: page',
    { folder: inAlice('inbox'), page: { offset: 0, maxEntries: 1000 }, sort: [{ field: 'DateTimeReceived', order: 'Descending' }] },
    delegating,
  );
  add(moveItemOperation, 'delegate: to Deletions', { items: [item], to: inAlice('recoverableitemsdeletions') }, delegating);
  add(deleteItemOperation, 'delegate: by id', { items: [item], deleteType: 'SoftDelete' }, delegating);
  add(emptyFolderOperation, 'delegate: Deleted Items', { folders: [inAlice('deleteditems')], deleteType: 'HardDelete', deleteSubFolders: false }, delegating);
  return docs;
}

function headerDocs(): NamedDocument[] {
  const ns = `xmlns:t="${TYPES_NS}"`;
  const standalone = (xml: string) => xml.replace(/^<(t:\w+)/, `<$1 ${ns}`);
  return [
    ...EXCHANGE_VERSIONS.map((v) => ({ name: `RequestServerVersion ${v}`, xml: standalone(requestServerVersionXml(v)) })),
    { name: 'ExchangeImpersonation', xml: standalone(impersonationXml('bob@contoso.com')) },
  ];
}

describe.skipIf(!schemaAvailable)('request shapes against the EWS schemas', () => {
  it('validates every request body and header element in one validator call', async () => {
    const bodies = requests();
    const headers = headerDocs();
    // A deliberately broken body rides along so a vacuous pass (nothing validated) shows up.
    const broken = plain
      .buildRequest(deleteItemOperation, { items: [item], deleteType: 'HardDelete' })
      .replace('DeleteType="HardDelete"', 'DeleteType="Shred"');
    const violations = await validateDocuments([
      ...bodies.map((d) => ({ name: d.name, xml: extractBodyChild(d.xml) })),
      ...headers,
      { name: 'broken control', xml: extractBodyChild(broken) },
    ]);
    expect(violations.filter((v) => v.name !== 'broken control')).toEqual([]);
    expect(violations.some((v) => v.name === 'broken control')).toBe(true);
    expect(bodies.length).toBeGreaterThan(30);
    expect(impersonating.buildRequest(deleteItemOperation, { items: [item], deleteType: 'HardDelete' })).toContain('<t:ExchangeImpersonation>');
    const delegated = bodies.filter((d) => d.name.includes('delegate:'));
    expect(delegated).toHaveLength(6);
    for (const doc of delegated) expect(doc.xml).not.toContain('ExchangeImpersonation');
    expect(delegated.filter((d) => d.xml.includes('<t:DistinguishedFolderId')).every((d) => !/<t:DistinguishedFolderId Id="\w+"\/>/.test(d.xml))).toBe(true);
  });
});

if (!schemaAvailable) {
  describe('request shapes against the EWS schemas', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
