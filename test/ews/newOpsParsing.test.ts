// Parsers of MoveFolder, CopyFolder, UpdateItem, ConvertId, ResolveNames, ExpandDL and the
// reading pane's GetItem over real-shaped fixtures (shapes from the operation references and the
// schema): results in input order, codes as values, escaped text decoded, unusable answers refused.
import { describe, expect, it } from 'vitest';
import {
  convertIdOperation,
  copyFolderOperation,
  EwsError,
  expandDLOperation,
  getItemDetailsOperation,
  moveFolderOperation,
  resolveNamesOperation,
  updateItemOperation,
} from '../../electron/ews';
import { changeKey, failure, itemId, opResponse, parseWith, success } from './soapFixtures';

const FOLDER_ID = 'AAMkADAwATM0MDAAMS1hYjE3LTQAAAAAAQEAAA==';
const FOLDER_CK = 'AQAAABYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const mailbox = (name: string, address: string, type: string) =>
  `<t:Mailbox><t:Name>${name}</t:Name><t:EmailAddress>${address}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>${type}</t:MailboxType></t:Mailbox>`;

describe('MoveFolder / CopyFolder', () => {
  it('reads the folder id of each success and keeps errors as values, in order', () => {
    const body = opResponse(
      'MoveFolder',
      success('MoveFolder', `<m:Folders><t:Folder><t:FolderId Id="${FOLDER_ID}" ChangeKey="${FOLDER_CK}"/></t:Folder></m:Folders>`) +
        failure('MoveFolder', 'ErrorMoveDistinguishedFolder', 'Cannot move distinguished folder.', { payload: '<m:Folders/>' }),
    );
    const results = parseWith(moveFolderOperation, { folders: [{ id: FOLDER_ID }, { distinguished: 'inbox' }], to: { distinguished: 'inbox' } }, body);
    expect(results[0]).toMatchObject({ ok: true, value: { id: FOLDER_ID, changeKey: FOLDER_CK } });
    expect(results[1]?.ok).toBe(false);
    expect(results[1]?.status.responseCode).toBe('ErrorMoveDistinguishedFolder');
  });

  it('reads a copied CalendarFolder, and refuses a message count that does not match the inputs', () => {
    const body = opResponse(
      'CopyFolder',
      success('CopyFolder', `<m:Folders><t:CalendarFolder><t:FolderId Id="NEW" ChangeKey="CK"/></t:CalendarFolder></m:Folders>`),
    );
    expect(parseWith(copyFolderOperation, { folders: [{ id: FOLDER_ID }], to: { distinguished: 'inbox' } }, body)[0]).toMatchObject({
      ok: true,
      value: { id: 'NEW' },
    });
    expect(() => parseWith(copyFolderOperation, { folders: [{ id: 'a' }, { id: 'b' }], to: { distinguished: 'inbox' } }, body)).toThrow(EwsError);
  });
});

describe('UpdateItem', () => {
  it('reads the new ChangeKey and the conflict count; ErrorIrresolvableConflict is a value', () => {
    const body = opResponse(
      'UpdateItem',
      success(
        'UpdateItem',
        `<m:Items><t:Message><t:ItemId Id="${itemId(1)}" ChangeKey="${changeKey}"/></t:Message></m:Items><m:ConflictResults><t:Count>0</t:Count></m:ConflictResults>`,
      ) +
        failure('UpdateItem', 'ErrorIrresolvableConflict', 'The change key passed in the request does not match the current change key for the item.', {
          payload: '<m:Items/>',
        }),
    );
    const results = parseWith(
      updateItemOperation,
      {
        conflictResolution: 'NeverOverwrite',
        updates: [
          { item: { id: itemId(1) }, isRead: true },
          { item: { id: itemId(2), changeKey }, isRead: true },
        ],
      },
      body,
    );
    expect(results[0]).toMatchObject({ ok: true, value: { id: { id: itemId(1), changeKey }, conflicts: 0 } });
    expect(results[1]?.status.responseCode).toBe('ErrorIrresolvableConflict');
  });

  it('builds SetItemField/DeleteItemField with escaped category names, and refuses an update that changes nothing', () => {
    const body = updateItemOperation.buildBody({
      conflictResolution: 'AutoResolve',
      suppressReadReceipts: true,
      updates: [
        { item: { id: 'a"<b', changeKey: 'c&d' }, isRead: false, categories: ['R&D', '<x>'] },
        { item: { id: 'e' }, categories: null },
      ],
    });
    expect(body).toContain('ConflictResolution="AutoResolve" MessageDisposition="SaveOnly" SuppressReadReceipts="true"');
    expect(body).toContain('<t:ItemId Id="a&quot;&lt;b" ChangeKey="c&amp;d"/>');
    expect(body).toContain('<t:IsRead>false</t:IsRead>');
    expect(body).toContain('<t:Categories><t:String>R&amp;D</t:String><t:String>&lt;x&gt;</t:String></t:Categories>');
    expect(body).toContain('<t:DeleteItemField><t:FieldURI FieldURI="item:Categories"/></t:DeleteItemField>');
    expect(() => updateItemOperation.buildBody({ conflictResolution: 'AutoResolve', updates: [{ item: { id: 'a' } }] })).toThrow(EwsError);
    expect(() => updateItemOperation.buildBody({ conflictResolution: 'Whatever' as 'AutoResolve', updates: [{ item: { id: 'a' }, isRead: true }] })).toThrow(
      EwsError,
    );
  });
});

describe('ConvertId', () => {
  it('reads m:AlternateId (xsi:type AlternateIdType) and per-id errors without one', () => {
    const body = opResponse(
      'ConvertId',
      success('ConvertId', `<m:AlternateId xsi:type="t:AlternateIdType" Format="HexEntryId" Id="00000000ABCD" Mailbox="alice@contoso.com" IsArchive="true"/>`) +
        failure('ConvertId', 'ErrorInvalidIdMalformed', 'Id is malformed.'),
    );
    const request = {
      destinationFormat: 'HexEntryId' as const,
      ids: [
        { format: 'EwsId' as const, id: 'x', mailbox: 'alice@contoso.com' },
        { format: 'EwsId' as const, id: 'y', mailbox: 'alice@contoso.com' },
      ],
    };
    const results = parseWith(convertIdOperation, request, body);
    expect(results[0]).toMatchObject({ ok: true, value: { format: 'HexEntryId', id: '00000000ABCD', mailbox: 'alice@contoso.com', isArchive: true } });
    expect(results[1]?.status.responseCode).toBe('ErrorInvalidIdMalformed');
    expect(() => convertIdOperation.buildBody({ destinationFormat: 'Base64' as 'EwsId', ids: request.ids })).toThrow(EwsError);
  });
});

describe('ResolveNames', () => {
  it('one match: resolved, with contact data and entities decoded', () => {
    const body = opResponse(
      'ResolveNames',
      success(
        'ResolveNames',
        `<m:ResolutionSet TotalItemsInView="1" IncludesLastItemInRange="true"><t:Resolution>${mailbox('O&apos;Brien &amp; Co', 'ob@contoso.com', 'Mailbox')}<t:Contact><t:DisplayName>O&apos;Brien &amp; Co</t:DisplayName><t:GivenName>Pat</t:GivenName><t:EmailAddresses><t:Entry Key="EmailAddress1">SMTP:ob@contoso.com</t:Entry></t:EmailAddresses><t:ContactSource>ActiveDirectory</t:ContactSource><t:Surname>O'Brien</t:Surname></t:Contact></t:Resolution></m:ResolutionSet>`,
      ),
    );
    const result = parseWith(resolveNamesOperation, { entry: 'ob' }, body);
    expect(result.outcome).toBe('resolved');
    expect(result.totalItemsInView).toBe(1);
    expect(result.candidates[0]?.mailbox).toMatchObject({ name: "O'Brien & Co", emailAddress: 'ob@contoso.com', mailboxType: 'Mailbox' });
    expect(result.candidates[0]?.contact).toMatchObject({
      givenName: 'Pat',
      surname: "O'Brien",
      emailAddresses: ['SMTP:ob@contoso.com'],
      source: 'ActiveDirectory',
    });
  });

  it('ambiguous: the Warning still yields every candidate; none: no candidates', () => {
    const set = `<m:ResolutionSet TotalItemsInView="2" IncludesLastItemInRange="true"><t:Resolution>${mailbox('Alice', 'alice@contoso.com', 'Mailbox')}</t:Resolution><t:Resolution>${mailbox('All Staff', 'all-staff@contoso.com', 'PublicDL')}</t:Resolution></m:ResolutionSet>`;
    const ambiguous = parseWith(
      resolveNamesOperation,
      { entry: 'al' },
      opResponse(
        'ResolveNames',
        failure('ResolveNames', 'ErrorNameResolutionMultipleResults', 'Multiple results were found.', { responseClass: 'Warning', payload: set }),
      ),
    );
    expect(ambiguous.outcome).toBe('ambiguous');
    expect(ambiguous.status.responseClass).toBe('Warning');
    expect(ambiguous.candidates.map((c) => c.mailbox.mailboxType)).toEqual(['Mailbox', 'PublicDL']);
    const none = parseWith(
      resolveNamesOperation,
      { entry: 'zz' },
      opResponse('ResolveNames', failure('ResolveNames', 'ErrorNameResolutionNoResults', 'No results were found.')),
    );
    expect(none).toMatchObject({ outcome: 'none', candidates: [] });
  });

  it('reads at most 100 candidates and refuses a blank entry before sending', () => {
    const many = Array.from({ length: 150 }, (_, i) => `<t:Resolution>${mailbox(`U${i}`, `u${i}@contoso.com`, 'Mailbox')}</t:Resolution>`).join('');
    const result = parseWith(
      resolveNamesOperation,
      { entry: 'u' },
      opResponse(
        'ResolveNames',
        failure('ResolveNames', 'ErrorNameResolutionMultipleResults', 'Multiple.', {
          responseClass: 'Warning',
          payload: `<m:ResolutionSet TotalItemsInView="150" IncludesLastItemInRange="true">${many}</m:ResolutionSet>`,
        }),
      ),
    );
    expect(result.candidates).toHaveLength(100);
    expect(result.totalItemsInView).toBe(150);
    expect(() => resolveNamesOperation.buildBody({ entry: '  ' })).toThrow(EwsError);
    expect(resolveNamesOperation.buildBody({ entry: 'a<b' })).toContain(
      'ReturnFullContactData="true" SearchScope="ActiveDirectory"><m:UnresolvedEntry>a&lt;b</m:UnresolvedEntry>',
    );
  });
});

describe('ExpandDL', () => {
  it('reads the members and paging attributes; no group is a value', () => {
    const body = opResponse(
      'ExpandDL',
      success(
        'ExpandDL',
        `<m:DLExpansion TotalItemsInView="2" IncludesLastItemInRange="true">${mailbox('Alice', 'alice@contoso.com', 'Mailbox')}${mailbox('Sales', 'sales@contoso.com', 'PublicDL')}</m:DLExpansion>`,
      ),
    );
    const result = parseWith(expandDLOperation, { address: 'all-staff@contoso.com' }, body);
    expect(result.ok && result.value).toMatchObject({
      totalItemsInView: 2,
      includesLastItemInRange: true,
      members: [{ emailAddress: 'alice@contoso.com' }, { mailboxType: 'PublicDL' }],
    });
    const none = parseWith(
      expandDLOperation,
      { address: 'x@contoso.com' },
      opResponse('ExpandDL', failure('ExpandDL', 'ErrorNameResolutionNoResults', 'No results were found.')),
    );
    expect(none.ok).toBe(false);
    expect(none.status.responseCode).toBe('ErrorNameResolutionNoResults');
  });
});

describe('GetItem details (reading pane)', () => {
  it('reads headers, recipients, categories, retention tag, LastActiveParentEntryId and the body', () => {
    const item =
      `<t:Message><t:ItemId Id="${itemId(3)}" ChangeKey="${changeKey}"/><t:ParentFolderId Id="${FOLDER_ID}" ChangeKey="${FOLDER_CK}"/><t:ItemClass>IPM.Note</t:ItemClass>` +
      `<t:Subject>Q3 &lt;draft&gt;</t:Subject><t:Body BodyType="HTML" IsTruncated="false">&lt;p&gt;Hi &amp; bye&lt;/p&gt;</t:Body><t:DateTimeReceived>2025-10-30T08:00:00Z</t:DateTimeReceived><t:Size>4321</t:Size>` +
      `<t:Categories><t:String>Red &amp; Blue</t:String><t:String>Plain</t:String></t:Categories><t:Importance>High</t:Importance><t:DateTimeSent>2025-10-30T07:59:58Z</t:DateTimeSent>` +
      `<t:LastModifiedTime>2025-10-31T09:00:00Z</t:LastModifiedTime>` +
      `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3019" PropertyType="Binary"/><t:Value>AAECAwQFBgcICQoLDA0ODw==</t:Value></t:ExtendedProperty>` +
      `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x348a" PropertyType="Binary"/><t:Value>c291cmNla2V5</t:Value></t:ExtendedProperty>` +
      `<t:ToRecipients>${mailbox('Bob', 'bob@contoso.com', 'Mailbox')}${mailbox('Carol', 'carol@contoso.com', 'Mailbox')}</t:ToRecipients><t:CcRecipients>${mailbox('Dan', 'dan@contoso.com', 'OneOff')}</t:CcRecipients>` +
      `<t:From>${mailbox('Alice', 'alice@contoso.com', 'Mailbox')}</t:From><t:InternetMessageId>&lt;abc@contoso.com&gt;</t:InternetMessageId><t:IsRead>false</t:IsRead></t:Message>`;
    const body = opResponse(
      'GetItem',
      success('GetItem', `<m:Items>${item}</m:Items>`) +
        failure('GetItem', 'ErrorItemNotFound', 'The specified object was not found in the store.', { payload: '<m:Items/>' }),
    );
    const [found, missing] = parseWith(getItemDetailsOperation, { items: [{ id: itemId(3) }, { id: itemId(4) }], bodyType: 'HTML' }, body);
    expect(found?.ok && found.value).toMatchObject({
      kind: 'Message',
      subject: 'Q3 <draft>',
      parentFolderId: FOLDER_ID,
      from: { name: 'Alice', address: 'alice@contoso.com' },
      to: [{ address: 'bob@contoso.com' }, { address: 'carol@contoso.com' }],
      cc: [{ name: 'Dan' }],
      dateTimeSent: '2025-10-30T07:59:58Z',
      dateTimeReceived: '2025-10-30T08:00:00Z',
      lastModifiedTime: '2025-10-31T09:00:00Z',
      internetMessageId: '<abc@contoso.com>',
      importance: 'High',
      categories: ['Red & Blue', 'Plain'],
      isRead: false,
      size: 4321,
      retentionTag: 'AAECAwQFBgcICQoLDA0ODw==',
      lastActiveParentEntryId: 'c291cmNla2V5',
      body: { type: 'HTML', content: '<p>Hi & bye</p>', truncated: false },
    });
    expect(missing?.status.responseCode).toBe('ErrorItemNotFound');
  });

  it('asks for the body type given, and refuses another', () => {
    expect(getItemDetailsOperation.buildBody({ items: [{ id: 'a' }], bodyType: 'Text' })).toContain(
      '<t:BaseShape>IdOnly</t:BaseShape><t:BodyType>Text</t:BodyType>',
    );
    expect(() => getItemDetailsOperation.buildBody({ items: [{ id: 'a' }], bodyType: 'Best' as 'Text' })).toThrow(EwsError);
  });
});
