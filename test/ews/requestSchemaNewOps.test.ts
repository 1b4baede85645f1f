// The request shapes of MoveFolder, CopyFolder, UpdateItem, ConvertId, ResolveNames, ExpandDL and
// the reading pane's GetItem, validated against Microsoft's schemas in one call (the soap:Body
// child of each envelope), with a broken control so a vacuous pass shows up.
import { describe, expect, it } from 'vitest';
import {
  BasicAuth,
  convertIdOperation,
  copyFolderOperation,
  EwsClient,
  expandDLOperation,
  getItemDetailsOperation,
  ID_FORMATS,
  moveFolderOperation,
  resolveNamesOperation,
  updateItemOperation,
  type EwsOperation,
  type FolderRef,
} from '../../electron/ews';
import { extractBodyChild, schemaAvailable, schemaSkipReason, validateDocuments, type NamedDocument } from '../support/schema';

const plain = new EwsClient({ url: 'https://mail.contoso.com/EWS/Exchange.asmx', auth: new BasicAuth('a', 'b') });
const impersonating = new EwsClient({
  url: 'https://mail.contoso.com/EWS/Exchange.asmx',
  auth: new BasicAuth('a', 'b'),
  impersonate: 'bob@contoso.com',
  serverVersion: 'Exchange2016',
});
const item = { id: 'AAMkADAwATM0MDAAMS1hYjE3LTQ=', changeKey: 'CQAAABYAAAD' };
const folders: FolderRef[] = [
  { id: 'AAMkADAwATM0MDAAMS1hYjE3LTQAAAAAAQEAAA==', changeKey: 'AQAAABYAAAA' },
  { distinguished: 'deleteditems' },
  { distinguished: 'archiveinbox', mailbox: 'carol@contoso.com' },
];

function requests(): NamedDocument[] {
  const docs: NamedDocument[] = [];
  const add = <Req, Res>(op: EwsOperation<Req, Res>, label: string, req: Req, client = plain) =>
    docs.push({ name: `${op.name} ${label}`, xml: client.buildRequest(op, req) });
  add(moveFolderOperation, 'to distinguished', { folders, to: { distinguished: 'inbox' } });
  add(copyFolderOperation, 'to folder id', { folders: [{ id: 'x' }], to: folders[0] ?? { distinguished: 'inbox' } }, impersonating);
  add(updateItemOperation, 'IsRead', {
    conflictResolution: 'NeverOverwrite',
    updates: [
      { item, isRead: true },
      { item: { id: 'y' }, isRead: false },
    ],
  });
  add(updateItemOperation, 'categories set, cleared, with IsRead', {
    conflictResolution: 'AlwaysOverwrite',
    suppressReadReceipts: true,
    updates: [
      { item, categories: ['Red & Blue', '<x>'] },
      { item, categories: null },
      { item, categories: [], isRead: true },
      { item, isRead: true, categories: ['A'] },
    ],
  });
  add(updateItemOperation, 'AutoResolve', { conflictResolution: 'AutoResolve', updates: [{ item, isRead: true }] }, impersonating);
  for (const format of ID_FORMATS) {
    add(convertIdOperation, `to ${format}`, {
      destinationFormat: format,
      ids: [
        { format: 'EwsId', id: item.id, mailbox: 'alice@contoso.com' },
        { format: 'HexEntryId', id: '00AB', mailbox: 'alice@contoso.com', isArchive: true },
      ],
    });
  }
  add(resolveNamesOperation, 'default', { entry: 'alice & <bob>' });
  for (const searchScope of ['ActiveDirectory', 'ActiveDirectoryContacts', 'Contacts', 'ContactsActiveDirectory'] as const) {
    add(resolveNamesOperation, searchScope, { entry: 'al', searchScope, returnFullContactData: false });
  }
  add(expandDLOperation, 'address', { address: 'all-staff@contoso.com' });
  add(getItemDetailsOperation, 'HTML', { items: [item, { id: 'z' }], bodyType: 'HTML' });
  add(getItemDetailsOperation, 'Text', { items: [item], bodyType: 'Text' }, impersonating);
  return docs;
}

describe.skipIf(!schemaAvailable)('new request shapes against the EWS schemas', () => {
  it('validates every request body in one validator call', async () => {
    const bodies = requests();
    const broken = plain
      .buildRequest(updateItemOperation, { conflictResolution: 'NeverOverwrite', updates: [{ item, isRead: true }] })
      .replace('ConflictResolution="NeverOverwrite"', 'ConflictResolution="Sometimes"');
    const violations = await validateDocuments([
      ...bodies.map((d) => ({ name: d.name, xml: extractBodyChild(d.xml) })),
      { name: 'broken control', xml: extractBodyChild(broken) },
    ]);
    expect(violations.filter((v) => v.name !== 'broken control')).toEqual([]);
    expect(violations.some((v) => v.name === 'broken control')).toBe(true);
    expect(bodies.length).toBeGreaterThan(15);
  });
});

if (!schemaAvailable) {
  describe('new request shapes against the EWS schemas', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
