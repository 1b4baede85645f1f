// Recipients and the root's special folders over HTTP (issue 9 gaps 4–5): GetItem returns
// ToRecipients/CcRecipients (derived for demo items, as given for CreateItem ones) in the schema's
// order, Default included, the reading pane's exact shape included; AllProperties and FindItem carry
// DisplayTo/DisplayCc; FindItem still refuses the lists. Reminders is a search folder; GetFolder
// on System answers per the systemFolderGetFolder switch. Every response is schema-validated.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { itemDetailsShape } from '../../electron/ews/operations/getItemDetails';
import { DEFAULT_SWITCHES, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import { ADMIN, codes, dist, fid, findFolder, findItem, getFolder, iid, itemIds, messages, post } from './helpers';

let sim: RunningSimulator;
const docs: NamedDocument[] = [];
const OWNER = { name: 'Contoso Admin', address: ADMIN };

beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.02, bulkItems: 0, throttling: false });
});
afterAll(() => sim.close());
beforeEach(() => sim.setSwitches({ systemFolderGetFolder: DEFAULT_SWITCHES.systemFolderGetFolder }));

async function call(name: string, body: string): Promise<string> {
  const answer = await post(sim, body);
  expect(answer.status, name).toBe(200);
  docs.push({ name, xml: answer.text });
  return answer.text;
}

const getItem = (ids: string[], shape: string): string => `<m:GetItem>${shape}<m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`;
const baseShape = (base: string, props = ''): string =>
  `<m:ItemShape><t:BaseShape>${base}</t:BaseShape>${props ? `<t:AdditionalProperties>${props}</t:AdditionalProperties>` : ''}</m:ItemShape>`;
const RECIPIENT_PROPS = '<t:FieldURI FieldURI="message:ToRecipients"/><t:FieldURI FieldURI="message:CcRecipients"/>';

interface Person {
  name: string;
  address: string;
}
/** The people of one recipient list element in one item's XML. */
function list(xml: string, element: string): Person[] {
  const inner = new RegExp(`<t:${element}>([\\s\\S]*?)</t:${element}>`).exec(xml)?.[1] ?? '';
  return [...inner.matchAll(/<t:Name>([^<]*)<\/t:Name><t:EmailAddress>([^<]*)<\/t:EmailAddress>/g)].map((m) => ({ name: m[1] ?? '', address: m[2] ?? '' }));
}
const itemsOf = (xml: string): string[] => [...xml.matchAll(/<t:Message>[\s\S]*?<\/t:Message>/g)].map((m) => m[0]);
const inboxIds = async (): Promise<string[]> => itemIds((await post(sim, findItem(dist('inbox')))).text).map((i) => i.id);

describe('recipients', () => {
  it('GetItem with the reading pane shape: To is the owner, every fourth item has one Cc, lists before From', async () => {
    const ids = (await inboxIds()).slice(0, 12);
    const answer = await call('GetItem reading-pane shape', getItem(ids, itemDetailsShape('HTML')));
    expect(codes(answer)).toEqual(ids.map(() => 'NoError'));
    const items = itemsOf(answer);
    for (const item of items) {
      expect(list(item, 'ToRecipients')).toEqual([OWNER]);
      expect(item.indexOf('<t:ToRecipients>')).toBeLessThan(item.indexOf('<t:From>'));
    }
    const withCc = items.filter((i) => i.includes('<t:CcRecipients>'));
    expect(withCc.length).toBeGreaterThan(0);
    expect(withCc.length).toBeLessThan(items.length);
    for (const item of withCc) {
      const [cc] = list(item, 'CcRecipients');
      expect(cc?.address).not.toBe(ADMIN);
      expect(item.indexOf('<t:ToRecipients>')).toBeLessThan(item.indexOf('<t:CcRecipients>'));
    }
  });

  it('is stable: asked twice, and after a move (same origin), the lists are the same', async () => {
    const ids = (await inboxIds()).slice(0, 8);
    const first = await call('GetItem recipients 1', getItem(ids, baseShape('IdOnly', RECIPIENT_PROPS)));
    const second = await call('GetItem recipients 2', getItem(ids, baseShape('IdOnly', RECIPIENT_PROPS)));
    const lists = (xml: string) => itemsOf(xml).map((i) => [list(i, 'ToRecipients'), list(i, 'CcRecipients')]);
    expect(lists(second)).toEqual(lists(first));
    const moved = await call(
      'MoveItem to Deleted Items',
      `<m:MoveItem><m:ToFolderId>${dist('deleteditems')}</m:ToFolderId><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:MoveItem>`,
    );
    const after = await call(
      'GetItem recipients after move',
      getItem(
        itemIds(moved).map((i) => i.id),
        baseShape('IdOnly', RECIPIENT_PROPS),
      ),
    );
    expect(lists(after)).toEqual(lists(first));
  });

  it('Default carries them; AllProperties adds DisplayTo/DisplayCc matching the lists', async () => {
    const ids = (await inboxIds()).slice(0, 8);
    const byDefault = await call('GetItem Default recipients', getItem(ids, baseShape('Default')));
    expect(itemsOf(byDefault).every((i) => list(i, 'ToRecipients').length === 1)).toBe(true);
    const all = await call('GetItem AllProperties recipients', getItem(ids, baseShape('AllProperties')));
    for (const item of itemsOf(all)) {
      expect(/<t:DisplayTo>([^<]*)<\/t:DisplayTo>/.exec(item)?.[1]).toBe(
        list(item, 'ToRecipients')
          .map((p) => p.name)
          .join('; '),
      );
      const displayCc = /<t:DisplayCc>([^<]*)<\/t:DisplayCc>/.exec(item)?.[1] ?? '';
      expect(displayCc).toBe(
        list(item, 'CcRecipients')
          .map((p) => p.name)
          .join('; '),
      );
    }
  });

  it('mail the owner sent went to someone else', async () => {
    const [id] = sim.store.seedItems(sim.store.folderByDistinguished(ADMIN, 'sentitems')?.id ?? '', 1, { from: { name: OWNER.name, address: ADMIN } });
    const answer = await call('GetItem sent by owner', getItem([id ?? ''], baseShape('IdOnly', RECIPIENT_PROPS)));
    const to = list(itemsOf(answer)[0] ?? '', 'ToRecipients');
    expect(to).toHaveLength(1);
    expect(to[0]?.address).not.toBe(ADMIN);
  });

  it('CreateItem keeps the lists it was given, and none when it was given none', async () => {
    const message = (subject: string, lists: string): string =>
      `<t:Message><t:Subject>${subject}</t:Subject>${lists}<t:From><t:Mailbox><t:Name>Lee Gu</t:Name><t:EmailAddress>lee.gu@contoso.com</t:EmailAddress></t:Mailbox></t:From></t:Message>`;
    const box = (name: string, address: string) => `<t:Mailbox><t:Name>${name}</t:Name><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox>`;
    const created = await call(
      'CreateItem with recipients',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${dist('drafts')}</m:SavedItemFolderId><m:Items>` +
        message(
          'given',
          `<t:ToRecipients>${box('Sara Davis', 'sara.davis@fabrikam.com')}${box('Bob Kelly', 'bob@contoso.com')}</t:ToRecipients><t:CcRecipients>${box('Carol Diaz', 'carol@contoso.com')}</t:CcRecipients>`,
        ) +
        message('none given', '') +
        '</m:Items></m:CreateItem>',
    );
    const ids = itemIds(created).map((i) => i.id);
    const answer = await call('GetItem created recipients', getItem(ids, baseShape('IdOnly', `${RECIPIENT_PROPS}<t:FieldURI FieldURI="item:DisplayTo"/>`)));
    const [given, none] = itemsOf(answer);
    expect(list(given ?? '', 'ToRecipients')).toEqual([
      { name: 'Sara Davis', address: 'sara.davis@fabrikam.com' },
      { name: 'Bob Kelly', address: 'bob@contoso.com' },
    ]);
    expect(list(given ?? '', 'CcRecipients')).toEqual([{ name: 'Carol Diaz', address: 'carol@contoso.com' }]);
    expect(given).toContain('<t:DisplayTo>Sara Davis; Bob Kelly</t:DisplayTo>');
    expect(none).not.toContain('<t:ToRecipients>');
    expect(none).not.toContain('<t:CcRecipients>');
  });

  it('FindItem returns DisplayTo/DisplayCc when asked and still refuses the lists', async () => {
    const display = '<t:FieldURI FieldURI="item:DisplayTo"/><t:FieldURI FieldURI="item:DisplayCc"/>';
    const found = await call('FindItem DisplayTo/DisplayCc', findItem(dist('inbox'), undefined, '', 'IdOnly', display));
    expect(found).toContain(`<t:DisplayTo>${OWNER.name}</t:DisplayTo>`);
    expect(found).not.toContain('<t:ToRecipients>');
    const refused = await call('FindItem ToRecipients', findItem(dist('inbox'), undefined, '', 'IdOnly', RECIPIENT_PROPS));
    expect(codes(refused)).toEqual(['ErrorInvalidPropertyForOperation']);
  });

  it('associated items have no recipients', async () => {
    const fai = await post(
      sim,
      `<m:FindItem Traversal="Associated"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds>${dist('inbox')}</m:ParentFolderIds></m:FindItem>`,
    );
    const ids = itemIds(fai.text).map((i) => i.id);
    const answer = await call('GetItem FAI AllProperties', getItem(ids, baseShape('AllProperties')));
    expect(answer).not.toContain('<t:ToRecipients>');
    expect(answer).toContain('<t:DisplayTo></t:DisplayTo>');
  });
});

describe('system folders under root', () => {
  const rootFolders = async (): Promise<string> =>
    call('FindFolder root', findFolder(dist('root'), 'Shallow', '', '<t:FieldURI FieldURI="folder:FolderClass"/>'));
  const idOf = (xml: string, name: string): string =>
    new RegExp(
      `<t:FolderId Id="([^"]+)"[^>]*/>(?:<t:ParentFolderId[^>]*/>)?(?:<t:FolderClass>[^<]*</t:FolderClass>)?<t:DisplayName>${name}</t:DisplayName>`,
    ).exec(xml)?.[1] ?? '';

  it('Reminders is a search folder: listed and got as t:SearchFolder, cannot be emptied', async () => {
    const listed = await rootFolders();
    expect(listed).toMatch(
      /<t:SearchFolder><t:FolderId [^>]*\/>(<t:ParentFolderId[^>]*\/>)?<t:FolderClass>Outlook.Reminder<\/t:FolderClass><t:DisplayName>Reminders<\/t:DisplayName>/,
    );
    const id = idOf(listed, 'Reminders');
    const got = await call('GetFolder Reminders', getFolder(fid(id)));
    expect(got).toContain('<t:SearchFolder>');
    const emptied = await call(
      'EmptyFolder Reminders',
      `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="false"><m:FolderIds>${fid(id)}</m:FolderIds></m:EmptyFolder>`,
    );
    expect(codes(emptied)).toEqual(['ErrorCannotEmptyFolder']);
  });

  it('GetFolder on System is ErrorAccessDenied and stops the batch; FindFolder still lists it', async () => {
    const listed = await rootFolders();
    const system = idOf(listed, 'System');
    expect(system).not.toBe('');
    const answer = await call('GetFolder System then Inbox', getFolder(`${fid(system)}${dist('inbox')}`));
    expect(messages(answer).map((m) => [m.cls, m.code])).toEqual([
      ['Error', 'ErrorAccessDenied'],
      ['Warning', 'ErrorBatchProcessingStopped'],
    ]);
    expect(messages(answer)[0]?.text).toContain('Not allowed to access Non IPM folder.');
  });

  it('with the switch at allow, GetFolder on System succeeds', async () => {
    sim.setSwitches({ systemFolderGetFolder: 'allow' });
    const system = idOf(await rootFolders(), 'System');
    const answer = await call('GetFolder System allowed', getFolder(fid(system)));
    expect(codes(answer)).toEqual(['NoError']);
    expect(answer).toContain('<t:DisplayName>System</t:DisplayName>');
  });
});

describe.skipIf(!schemaAvailable)('schema', () => {
  it('every response above validates against the EWS schemas', async () => {
    expect(docs.length).toBeGreaterThan(15);
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
});
