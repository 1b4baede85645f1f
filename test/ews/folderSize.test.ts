// The folder shape with a size (PR_MESSAGE_SIZE_EXTENDED 0x0E08, Long): the request validates
// against Microsoft's schemas, and the size is read back from a real-shaped answer (Exchange writes
// the tag as lowercase hex); a row without the property has no size.
import { describe, expect, it } from 'vitest';
import { BasicAuth, EwsClient, findFolderOperation, getFolderOperation } from '../../electron/ews';
import { extractBodyChild, schemaAvailable, schemaSkipReason, validateDocuments } from '../support/schema';
import { opResponse, parseWith, success } from './soapFixtures';

const client = new EwsClient({ url: 'https://mail.contoso.com/EWS/Exchange.asmx', auth: new BasicAuth('a', 'b'), impersonate: 'alice@contoso.com' });

describe('folder size in the folder shape', () => {
  it('asks for 0x0E08 as Long only when includeSize is set', () => {
    const withSize = client.buildRequest(getFolderOperation, { folders: [{ distinguished: 'recoverableitemsroot' }], includeSize: true });
    const without = client.buildRequest(getFolderOperation, { folders: [{ distinguished: 'recoverableitemsroot' }] });
    expect(withSize).toContain('<t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Long"/>');
    expect(without).not.toContain('0x0E08');
  });

  it('reads the size of each folder, and none where it is absent', () => {
    const folders =
      '<m:RootFolder IndexedPagingOffset="2" TotalItemsInView="2" IncludesLastItemInRange="true"><t:Folders>' +
      '<t:Folder><t:FolderId Id="PUR" ChangeKey="AQ"/><t:DisplayName>Purges</t:DisplayName><t:TotalCount>120</t:TotalCount>' +
      '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0xe08" PropertyType="Long"/><t:Value>32212254720</t:Value></t:ExtendedProperty></t:Folder>' +
      '<t:Folder><t:FolderId Id="VER" ChangeKey="AQ"/><t:DisplayName>Versions</t:DisplayName><t:TotalCount>0</t:TotalCount></t:Folder>' +
      '</t:Folders></m:RootFolder>';
    const [page] = parseWith(
      findFolderOperation,
      { parents: [{ distinguished: 'recoverableitemsroot' }], traversal: 'Deep', includeSize: true },
      opResponse('FindFolder', success('FindFolder', folders)),
    );
    expect(page?.ok).toBe(true);
    const rows = page?.ok ? page.value.folders : [];
    expect(rows.map((r) => [r.id, r.totalCount, r.sizeBytes])).toEqual([
      ['PUR', 120, 32_212_254_720],
      ['VER', 0, undefined],
    ]);
  });
});

describe.skipIf(!schemaAvailable)('folder size request shapes against the EWS schemas', () => {
  it('validates GetFolder and FindFolder with the size property', async () => {
    const docs = [
      {
        name: 'GetFolder size',
        xml: client.buildRequest(getFolderOperation, {
          folders: [{ distinguished: 'recoverableitemsroot', mailbox: 'alice@contoso.com' }],
          includeSize: true,
          includeDistinguishedId: true,
        }),
      },
      {
        name: 'FindFolder Deep size',
        xml: client.buildRequest(findFolderOperation, {
          parents: [{ distinguished: 'archiverecoverableitemsroot' }],
          traversal: 'Deep',
          page: { offset: 0, maxEntries: 1000 },
          includeSize: true,
          includeDistinguishedId: true,
        }),
      },
    ];
    const broken = { name: 'broken control', xml: docs[0]?.xml.replace('PropertyType="Long"', 'PropertyType="Huge"') ?? '' };
    const violations = await validateDocuments([...docs, broken].map((d) => ({ name: d.name, xml: extractBodyChild(d.xml) })));
    expect(violations.filter((v) => v.name !== 'broken control')).toEqual([]);
    expect(violations.some((v) => v.name === 'broken control')).toBe(true);
  });
});

if (!schemaAvailable) {
  describe('folder size request shapes against the EWS schemas', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
