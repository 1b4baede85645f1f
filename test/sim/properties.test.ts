// Item properties over HTTP: what CreateItem stores and GetItem/FindItem return (LastModifiedTime,
// DateTimeCreated/Sent, IsRead, IsDraft, Importance, Categories, InternetMessageId, Body in each
// BodyType, PR_ENTRYID, PR_MESSAGE_SIZE, PolicyTag, PidLidSpamOriginalFolder), the restrictions and
// sorts the app's filters need, FindItem refusing a body, the demo seed's content, and every
// response validated against the EWS schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import { ADMIN, codes, deleteItems, dist, fid, findItem, iid, itemIds, messages, moveItems, post, subjects, unescapeXml } from './helpers';

let sim: RunningSimulator;
const docs: NamedDocument[] = [];

beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.05, bulkItems: 0, throttling: false });
});
afterAll(() => sim.close());

async function call(name: string, body: string): Promise<string> {
  const answer = await post(sim, body);
  expect(answer.status, name).toBe(200);
  docs.push({ name, xml: answer.text });
  return answer.text;
}

const POLICY_TAG = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64');
const SPAM_PATH = '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="34204" PropertyType="Binary"/>';
const EXTENDED =
  '<t:ExtendedFieldURI PropertyTag="0x0FFF" PropertyType="Binary"/><t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Integer"/>' +
  `<t:ExtendedFieldURI PropertyTag="0x3019" PropertyType="Binary"/>${SPAM_PATH}`;

const field = (uri: string): string => `<t:FieldURI FieldURI="${uri}"/>`;
const restriction = (expr: string): string => `<m:Restriction>${expr}</m:Restriction>`;
const compare = (op: string, uri: string, value: string): string =>
  `<t:${op}>${field(uri)}<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:${op}>`;
const sortBy = (uri: string, order: 'Ascending' | 'Descending'): string =>
  `<m:SortOrder><t:FieldOrder Order="${order}">${field(uri)}</t:FieldOrder></m:SortOrder>`;
const text = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<t:${name}(?: [^>]*)?>([^<]*)</t:${name}>`, 'g'))].map((m) => unescapeXml(m[1] ?? ''));
const extendedValue = (xml: string, attrs: string): string | undefined => new RegExp(`<t:ExtendedFieldURI ${attrs}/><t:Value>([^<]*)</t:Value>`).exec(xml)?.[1];

function getItem(ids: string[], base = 'AllProperties', extra = ''): string {
  return `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape>${extra}</m:ItemShape><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`;
}

function createMessage(folder: string, subject: string, inner: string, disposition = 'SaveOnly'): string {
  return `<m:CreateItem MessageDisposition="${disposition}"><m:SavedItemFolderId>${folder}</m:SavedItemFolderId><m:Items><t:Message><t:Subject>${subject}</t:Subject>${inner}</t:Message></m:Items></m:CreateItem>`;
}

/** A received-looking message (PR_MESSAGE_FLAGS read, not unsent) with every stored property set. */
function importedMessage(subject: string, received: string, flags = 1): string {
  return (
    '<t:Body BodyType="Text">Line one &amp; more\nLine two</t:Body>' +
    '<t:Categories><t:String>Red category</t:String><t:String>Project X</t:String></t:Categories>' +
    '<t:Importance>High</t:Importance>' +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E06" PropertyType="SystemTime"/><t:Value>${received}</t:Value></t:ExtendedProperty>` +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E07" PropertyType="Integer"/><t:Value>${flags}</t:Value></t:ExtendedProperty>` +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3019" PropertyType="Binary"/><t:Value>${POLICY_TAG}</t:Value></t:ExtendedProperty>` +
    `<t:ExtendedProperty>${SPAM_PATH}<t:Value>${POLICY_TAG}</t:Value></t:ExtendedProperty>` +
    '<t:From><t:Mailbox><t:Name>Sara Davis</t:Name><t:EmailAddress>sara.davis@fabrikam.com</t:EmailAddress></t:Mailbox></t:From>'
  );
}

function workFolder(name: string): string {
  const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  return sim.store.createFolder(inbox, name).id;
}

describe('stored and derived properties', () => {
  it('GetItem AllProperties returns what CreateItem stored, in schema order, with derived dates and Message-ID', async () => {
    const folder = workFolder('Props A');
    const created = await call(
      'CreateItem full',
      createMessage(fid(folder), 'RE: Quarterly numbers', importedMessage('RE: Quarterly numbers', '2025-03-04T10:00:00Z')),
    );
    const [id] = itemIds(created);
    const got = await call('GetItem AllProperties', getItem([id?.id ?? ''], 'AllProperties', `<t:AdditionalProperties>${EXTENDED}</t:AdditionalProperties>`));
    expect(codes(got)).toEqual(['NoError']);
    expect(text(got, 'Body')).toEqual(['Line one & more\nLine two']);
    expect(got).toContain('<t:Body BodyType="Text" IsTruncated="false">');
    expect(got).toContain('<t:Categories><t:String>Red category</t:String><t:String>Project X</t:String></t:Categories>');
    expect(text(got, 'Importance')).toEqual(['High']);
    expect(text(got, 'IsDraft')).toEqual(['false']);
    expect(text(got, 'IsRead')).toEqual(['true']);
    expect(text(got, 'IsAssociated')).toEqual(['false']);
    expect(text(got, 'DateTimeReceived')).toEqual(['2025-03-04T10:00:00Z']);
    expect(text(got, 'DateTimeCreated')).toEqual(['2025-03-04T10:00:00Z']);
    const [sent] = text(got, 'DateTimeSent');
    expect(Date.parse(sent ?? '')).toBeLessThan(Date.parse('2025-03-04T10:00:00Z'));
    // Created just now, though delivered in March.
    expect(Date.now() - Date.parse(text(got, 'LastModifiedTime')[0] ?? '')).toBeLessThan(60_000);
    expect(text(got, 'ConversationTopic')).toEqual(['Quarterly numbers']);
    const [messageId] = text(got, 'InternetMessageId');
    expect(messageId).toMatch(/^<[0-9A-Z]+\.[0-9A-Z]+@fabrikam\.com>$/);
    // The order types.xsd requires (ItemType's elements, then MessageType's).
    const order = [
      'Subject',
      'Sensitivity',
      'Body',
      'DateTimeReceived',
      'Size',
      'Categories',
      'Importance',
      'IsDraft',
      'DateTimeSent',
      'DateTimeCreated',
      'HasAttachments',
      'ExtendedProperty',
      'LastModifiedTime',
      'IsAssociated',
      'From',
      'InternetMessageId',
      'IsRead',
    ];
    const positions = order.map((name) => got.search(new RegExp(`<t:${name}[ >]`)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Extended properties: PR_ENTRYID is the entry id inside the EwsId (after its 43-byte header).
    const entryId = Buffer.from(id?.id ?? '', 'base64')
      .subarray(43)
      .toString('base64');
    expect(extendedValue(got, 'PropertyTag="0xfff" PropertyType="Binary"')).toBe(entryId);
    expect(extendedValue(got, 'PropertyTag="0xe08" PropertyType="Integer"')).toBe(text(got, 'Size')[0]);
    expect(extendedValue(got, 'PropertyTag="0x3019" PropertyType="Binary"')).toBe(POLICY_TAG);
    expect(extendedValue(got, 'DistinguishedPropertySetId="Common" PropertyId="34204" PropertyType="Binary"')).toBe(POLICY_TAG);
  });

  it('GetItem converts the body to the BodyType asked for; Default includes the body', async () => {
    const folder = workFolder('Props B');
    const [id] = itemIds(await call('CreateItem body', createMessage(fid(folder), 'Body test', importedMessage('Body test', '2025-05-01T08:00:00Z'))));
    const html = await call(
      'GetItem HTML',
      getItem([id?.id ?? ''], 'IdOnly', '<t:BodyType>HTML</t:BodyType><t:AdditionalProperties><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties>'),
    );
    expect(html).toContain('<t:Body BodyType="HTML" IsTruncated="false">');
    expect(text(html, 'Body')[0]).toContain('Line one &amp; more<br>Line two');
    const dflt = await call('GetItem Default', getItem([id?.id ?? ''], 'Default'));
    expect(dflt).toContain('<t:Body BodyType="Text"');
    // A demo item: HTML stored, so Best gives HTML and Text gives the plain text.
    const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
    const [demo] = itemIds(
      await call(
        'FindItem demo inbox',
        findItem(fid(inbox), '<m:IndexedPageItemView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>', '', 'Default'),
      ),
    );
    const best = await call('GetItem demo Best', getItem([demo?.id ?? ''], 'Default'));
    const [subject] = subjects(best);
    expect(best).toContain('<t:Body BodyType="HTML" IsTruncated="false">');
    const plain = await call(
      'GetItem demo Text',
      getItem([demo?.id ?? ''], 'IdOnly', '<t:BodyType>Text</t:BodyType><t:AdditionalProperties><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties>'),
    );
    expect(text(plain, 'Body')[0]).toContain(`Re: ${subject ?? ''}`);
    expect(text(plain, 'Body')[0]).not.toContain('<div>');
  });

  it('FindItem never returns a body: AllProperties leaves it out, asking for it is ErrorInvalidPropertyForOperation', async () => {
    const folder = workFolder('Props C');
    await call('CreateItem find', createMessage(fid(folder), 'Find me', importedMessage('Find me', '2025-05-02T08:00:00Z')));
    const all = await call('FindItem AllProperties', findItem(fid(folder), undefined, '', 'AllProperties', EXTENDED));
    expect(codes(all)).toEqual(['NoError']);
    expect(all).not.toContain('<t:Body');
    expect(all).toContain('<t:InternetMessageId>');
    expect(all).toContain('PropertyTag="0xe08"');
    for (const uri of ['item:Body', 'item:TextBody', 'item:MimeContent', 'message:ToRecipients']) {
      const refused = await call(`FindItem ${uri}`, findItem(fid(folder), undefined, '', 'IdOnly', field(uri)));
      expect(messages(refused).map((m) => [m.cls, m.code])).toEqual([['Error', 'ErrorInvalidPropertyForOperation']]);
    }
  });

  it('SaveOnly makes a draft without DateTimeSent; the Sent Items copy is not a draft', async () => {
    const folder = workFolder('Props D');
    const [draft] = itemIds(await call('CreateItem draft', createMessage(fid(folder), 'Unsent', '')));
    const [sentCopy] = itemIds(await call('CreateItem sent', createMessage(dist('sentitems'), 'Went out', '', 'SendAndSaveCopy')));
    const got = await call(
      'GetItem drafts',
      getItem(
        [draft?.id ?? '', sentCopy?.id ?? ''],
        'IdOnly',
        '<t:AdditionalProperties><t:FieldURI FieldURI="item:IsDraft"/><t:FieldURI FieldURI="item:DateTimeSent"/></t:AdditionalProperties>',
      ),
    );
    expect(text(got, 'IsDraft')).toEqual(['true', 'false']);
    expect(text(got, 'DateTimeSent')).toHaveLength(1);
  });
});

describe('restrictions and sort on the new properties', () => {
  it('LastModifiedTime finds what was deleted in a time window; the Message-ID survives the move', async () => {
    const folder = workFolder('Props E');
    const ids = sim.store.seedItems(folder, 6, { subject: (i) => `deleted-window-${i}`, received: '2024-01-10T00:00:00Z' });
    const before = await call(
      'GetItem ids',
      getItem(ids.slice(0, 3), 'IdOnly', '<t:AdditionalProperties><t:FieldURI FieldURI="message:InternetMessageId"/></t:AdditionalProperties>'),
    );
    const messageIds = text(before, 'InternetMessageId');
    expect(new Set(messageIds).size).toBe(3);
    const start = new Date(Date.now() - 2_000).toISOString();
    await call('DeleteItem window', deleteItems(ids.slice(0, 3), 'MoveToDeletedItems'));
    const deleted = sim.store.folderByDistinguished(ADMIN, 'deleteditems')?.id ?? '';
    const window = await call(
      'FindItem deleted between',
      findItem(
        fid(deleted),
        undefined,
        restriction(
          `<t:And>${compare('IsGreaterThanOrEqualTo', 'item:LastModifiedTime', start)}${compare('IsLessThan', 'item:LastModifiedTime', new Date(Date.now() + 60_000).toISOString())}</t:And>`,
        ),
        'Default',
        field('item:LastModifiedTime'),
      ),
    );
    expect(subjects(window).sort()).toEqual(['deleted-window-0', 'deleted-window-1', 'deleted-window-2']);
    // A soft delete into the dumpster stamps it too.
    await call('DeleteItem soft', deleteItems(ids.slice(3), 'SoftDelete'));
    const deletions = await call(
      'FindItem deletions window',
      findItem(dist('recoverableitemsdeletions'), undefined, restriction(compare('IsGreaterThanOrEqualTo', 'item:LastModifiedTime', start)), 'Default'),
    );
    // (The demo seed's own folder-tree deletion at start-up may fall in the window too.)
    expect(
      subjects(deletions)
        .filter((x) => x.startsWith('deleted-window'))
        .sort(),
    ).toEqual(['deleted-window-3', 'deleted-window-4', 'deleted-window-5']);
    const [first] = messageIds;
    const exact = await call(
      'FindItem Message-ID',
      findItem(fid(deleted), undefined, restriction(compare('IsEqualTo', 'message:InternetMessageId', first ?? '')), 'Default'),
    );
    expect(subjects(exact)).toEqual(['deleted-window-0']);
    // Moving it back home keeps the Message-ID.
    const moved = await call(
      'MoveItem home',
      moveItems(
        itemIds(exact).map((i) => i.id),
        fid(folder),
      ),
    );
    const home = await call(
      'GetItem moved',
      getItem(
        itemIds(moved).map((i) => i.id),
        'IdOnly',
        '<t:AdditionalProperties><t:FieldURI FieldURI="message:InternetMessageId"/></t:AdditionalProperties>',
      ),
    );
    expect(text(home, 'InternetMessageId')).toEqual([first]);
  });

  it('DateTimeSent, IsRead, Importance and Categories restrict; by default Categories cannot be sorted on', async () => {
    const folder = workFolder('Props F');
    await call('CreateItem high', createMessage(fid(folder), 'Important one', importedMessage('Important one', '2025-02-01T12:00:00Z')));
    await call(
      'CreateItem unread',
      createMessage(
        fid(folder),
        'Plain unread',
        '<t:Importance>Low</t:Importance><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E07" PropertyType="Integer"/><t:Value>0</t:Value></t:ExtendedProperty><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E06" PropertyType="SystemTime"/><t:Value>2025-06-01T12:00:00Z</t:Value></t:ExtendedProperty>',
      ),
    );
    const find = async (name: string, expr: string, sort = ''): Promise<string[]> =>
      subjects(await call(name, findItem(fid(folder), undefined, `${expr ? restriction(expr) : ''}${sort}`, 'Default')));
    expect(
      await find(
        'sent between',
        `<t:And>${compare('IsGreaterThan', 'item:DateTimeSent', '2025-01-31T00:00:00Z')}${compare('IsLessThan', 'item:DateTimeSent', '2025-02-02T00:00:00Z')}</t:And>`,
      ),
    ).toEqual(['Important one']);
    expect(await find('unread', compare('IsEqualTo', 'message:IsRead', 'false'))).toEqual(['Plain unread']);
    expect(await find('high', compare('IsEqualTo', 'item:Importance', 'High'))).toEqual(['Important one']);
    expect(await find('above low', compare('IsGreaterThan', 'item:Importance', 'Low'))).toEqual(['Important one']);
    expect(await find('has categories', `<t:Exists>${field('item:Categories')}</t:Exists>`)).toEqual(['Important one']);
    expect(await find('category equal', compare('IsEqualTo', 'item:Categories', 'project x'))).toEqual(['Important one']);
    expect(
      await find(
        'category contains',
        `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${field('item:Categories')}<t:Constant Value="red"/></t:Contains>`,
      ),
    ).toEqual(['Important one']);
    expect(await find('not draft', compare('IsEqualTo', 'item:IsDraft', 'false'))).toHaveLength(2);
    expect(await find('importance sort', '', sortBy('item:Importance', 'Ascending'))).toEqual(['Plain unread', 'Important one']);
    expect(await find('sent sort', '', sortBy('item:DateTimeSent', 'Descending'))).toEqual(['Plain unread', 'Important one']);
    expect(await find('modified sort', '', sortBy('item:LastModifiedTime', 'Ascending'))).toHaveLength(2);
    const bad = await call('sort categories', findItem(fid(folder), undefined, sortBy('item:Categories', 'Ascending')));
    expect(codes(bad)).toEqual(['ErrorUnsupportedPathForSortGroup']);
    const badImportance = await call('bad importance', findItem(fid(folder), undefined, restriction(compare('IsEqualTo', 'item:Importance', 'Urgent'))));
    expect(codes(badImportance)).toEqual(['ErrorInvalidValueForProperty']);
  });

  it('with the multiValuedSort switch at firstValue, Categories sort by their first value', async () => {
    const other = await startSimulator({ seed: 'empty', throttling: false, switches: { multiValuedSort: 'firstValue' } });
    try {
      const inbox = other.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
      for (const [subject, category] of [
        ['b', 'Blue'],
        ['none', ''],
        ['a', 'Amber'],
      ] as const) {
        const categories = category ? `<t:Categories><t:String>${category}</t:String></t:Categories>` : '';
        await post(other, createMessage(fid(inbox), subject, categories));
      }
      const sorted = await post(other, findItem(fid(inbox), undefined, sortBy('item:Categories', 'Ascending'), 'Default'));
      expect(codes(sorted.text)).toEqual(['NoError']);
      expect(subjects(sorted.text)).toEqual(['none', 'a', 'b']);
    } finally {
      await other.close();
    }
  });

  it('restricts on PR_MESSAGE_SIZE, PolicyTag and PidLidSpamOriginalFolder', async () => {
    const junk = sim.store.folderByDistinguished(ADMIN, 'junkemail');
    const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
    const withSpam = await call(
      'FindItem spam origin',
      findItem(fid(junk?.id ?? ''), undefined, restriction(`<t:Exists>${SPAM_PATH}</t:Exists>`), 'IdOnly', SPAM_PATH),
    );
    expect(itemIds(withSpam)).toHaveLength(junk?.totalCount ?? -1);
    // The value is Inbox's entry id (EwsId bytes after the 43-byte header), by GUID or by set name.
    expect(extendedValue(withSpam, 'DistinguishedPropertySetId="Common" PropertyId="34204" PropertyType="Binary"')).toBe(
      Buffer.from(inbox, 'base64').subarray(43).toString('base64'),
    );
    const byGuid = '<t:ExtendedFieldURI PropertySetId="00062008-0000-0000-C000-000000000046" PropertyId="34204" PropertyType="Binary"/>';
    expect(itemIds(await call('FindItem spam by guid', findItem(fid(junk?.id ?? ''), undefined, restriction(`<t:Exists>${byGuid}</t:Exists>`))))).toHaveLength(
      junk?.totalCount ?? -1,
    );
    const hr = sim.store.folderByPath(ADMIN, 'HR & Benefits');
    const tagged = await call(
      'FindItem policy tag',
      findItem(fid(hr?.id ?? ''), undefined, restriction(`<t:Exists><t:ExtendedFieldURI PropertyTag="0x3019" PropertyType="Binary"/></t:Exists>`)),
    );
    expect(itemIds(tagged)).toHaveLength(hr?.totalCount ?? -1);
    const big = await call(
      'FindItem size',
      findItem(
        fid(inbox),
        undefined,
        restriction(
          `<t:IsGreaterThan><t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Integer"/><t:FieldURIOrConstant><t:Constant Value="1000000"/></t:FieldURIOrConstant></t:IsGreaterThan>`,
        ),
        'IdOnly',
        field('item:Size'),
      ),
    );
    expect(text(big, 'Size').every((s) => Number(s) > 1_000_000)).toBe(true);
  });
});

describe('demo seed content', () => {
  it('has drafts, unread mail, categories, importance and dumpster items modified after they arrived', async () => {
    const props = ['item:IsDraft', 'item:Categories', 'item:Importance', 'message:IsRead', 'item:LastModifiedTime', 'item:DateTimeReceived']
      .map(field)
      .join('');
    const drafts = await call('FindItem demo drafts', findItem(dist('drafts'), undefined, '', 'IdOnly', props));
    expect(new Set(text(drafts, 'IsDraft'))).toEqual(new Set(['true']));
    expect(drafts).not.toContain('<t:DateTimeSent>');
    const inbox = await call('FindItem demo inbox props', findItem(dist('inbox'), undefined, '', 'IdOnly', props));
    expect(text(inbox, 'IsRead')).toContain('false');
    expect(inbox).toContain('<t:Categories>');
    expect(new Set(text(inbox, 'Importance')).size).toBeGreaterThan(1);
    const dumpster = await call('FindItem demo deletions', findItem(dist('recoverableitemsdeletions'), undefined, '', 'IdOnly', props));
    const received = text(dumpster, 'DateTimeReceived').map(Date.parse);
    const modified = text(dumpster, 'LastModifiedTime').map(Date.parse);
    expect(modified.length).toBe(received.length);
    expect(modified.every((m, i) => m >= (received[i] ?? Infinity))).toBe(true);
    expect(modified.some((m, i) => m > (received[i] ?? Infinity))).toBe(true);
  });
});

describe.skipIf(!schemaAvailable)('schema', () => {
  it('every response above validates against the EWS schemas', async () => {
    expect(docs.length).toBeGreaterThan(20);
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
});
