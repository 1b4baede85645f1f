// UpdateItem over HTTP: IsRead and Categories (what the app sends), Subject under a hold (copy-on-write
// into Versions), ChangeKey conflicts per ConflictResolution, and the per-item errors, in input order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, iid, itemIds, messages, post, subjects } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(() => sim.close());

const inboxId = (): string => sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
const field = (uri: string): string => `<t:FieldURI FieldURI="${uri}"/>`;
const setField = (uri: string, value: string, element = 'Message'): string =>
  `<t:SetItemField>${field(uri)}<t:${element}>${value}</t:${element}></t:SetItemField>`;
const deleteField = (uri: string): string => `<t:DeleteItemField>${field(uri)}</t:DeleteItemField>`;
const change = (idXml: string, updates: string): string => `<t:ItemChange>${idXml}<t:Updates>${updates}</t:Updates></t:ItemChange>`;
const updateItem = (changes: string, attrs = 'ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"'): string =>
  `<m:UpdateItem ${attrs}><m:ItemChanges>${changes}</m:ItemChanges></m:UpdateItem>`;
const getItem = (ids: string[]): string =>
  `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${field('item:Subject')}${field('item:Categories')}${field('message:IsRead')}${field('item:LastModifiedTime')}</t:AdditionalProperties></m:ItemShape><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`;
const categoriesXml = (names: string[]): string => `<t:Categories>${names.map((n) => `<t:String>${n}</t:String>`).join('')}</t:Categories>`;

describe('UpdateItem', () => {
  it('sets IsRead, keeps the id, bumps the ChangeKey and LastModifiedTime, and keeps the folder unread count right', async () => {
    const folder = sim.store.createFolder(inboxId(), 'Read state');
    const [a, b] = sim.store.seedItems(folder.id, 2, { isRead: false, subject: 'unread one' });
    const before = sim.store.locate(a ?? '')?.item;
    expect(sim.store.folder(folder.id)?.unreadCount).toBe(2);
    const answer = await post(
      sim,
      updateItem(
        change(iid(a ?? ''), setField('message:IsRead', '<t:IsRead>true</t:IsRead>')) +
          change(iid(b ?? ''), setField('message:IsRead', '<t:IsRead>false</t:IsRead>')),
      ),
    );
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(['NoError', 'NoError']);
    expect(answer.text).toContain('<m:ConflictResults><t:Count>0</t:Count></m:ConflictResults>');
    const [first] = itemIds(answer.text);
    expect(first?.id).toBe(a);
    expect(first?.changeKey).not.toBe(before?.changeKey);
    expect(sim.store.locate(a ?? '')?.item.isRead).toBe(true);
    expect(sim.store.folder(folder.id)?.unreadCount).toBe(1);
    const again = await post(sim, updateItem(change(iid(a ?? ''), setField('message:IsRead', '<t:IsRead>false</t:IsRead>'))));
    expect(codes(again.text)).toEqual(['NoError']);
    expect(sim.store.folder(folder.id)?.unreadCount).toBe(2);
    const read = await post(sim, getItem([a ?? '']));
    expect(read.text).toMatch(/<t:LastModifiedTime>\d{4}-\d\d-\d\dT/);
  });

  it('sets and clears Categories, names with XML special characters intact', async () => {
    const [id] = sim.store.seedItems(inboxId(), 1, { subject: 'to categorise' });
    const names = ['Red &amp; Blue', '&lt;Urgent&gt;', 'Plain'];
    expect(codes((await post(sim, updateItem(change(iid(id ?? ''), setField('item:Categories', categoriesXml(names)))))).text)).toEqual(['NoError']);
    const got = await post(sim, getItem([id ?? '']));
    expect(got.text).toContain(categoriesXml(names));
    expect(codes((await post(sim, updateItem(change(iid(id ?? ''), deleteField('item:Categories'))))).text)).toEqual(['NoError']);
    expect((await post(sim, getItem([id ?? '']))).text).not.toContain('<t:Categories>');
  });

  it('a stale ChangeKey: NeverOverwrite → ErrorIrresolvableConflict, AlwaysOverwrite → applied and counted, AutoResolve per switch', async () => {
    const [id] = sim.store.seedItems(inboxId(), 1, { isRead: false });
    const stale = sim.store.locate(id ?? '')?.item.changeKey ?? '';
    await post(sim, updateItem(change(iid(id ?? ''), setField('message:IsRead', '<t:IsRead>true</t:IsRead>'))));
    const setUnread = change(iid(id ?? '', stale), setField('message:IsRead', '<t:IsRead>false</t:IsRead>'));
    const never = await post(sim, updateItem(setUnread, 'ConflictResolution="NeverOverwrite" MessageDisposition="SaveOnly"'));
    expect(codes(never.text)).toEqual(['ErrorIrresolvableConflict']);
    expect(messages(never.text)[0]?.xml).toContain('<m:Items/>');
    expect(sim.store.locate(id ?? '')?.item.isRead).toBe(true);
    const current = sim.store.locate(id ?? '')?.item.changeKey ?? '';
    const fresh = await post(
      sim,
      updateItem(
        change(iid(id ?? '', current), setField('message:IsRead', '<t:IsRead>false</t:IsRead>')),
        'ConflictResolution="NeverOverwrite" MessageDisposition="SaveOnly"',
      ),
    );
    expect(codes(fresh.text)).toEqual(['NoError']);
    const always = await post(sim, updateItem(setUnread.replace('>false<', '>true<')));
    expect(codes(always.text)).toEqual(['NoError']);
    expect(always.text).toContain('<t:Count>1</t:Count>');
    const auto = await post(sim, updateItem(setUnread, 'ConflictResolution="AutoResolve" MessageDisposition="SaveOnly"'));
    expect(codes(auto.text)).toEqual(['NoError']);
    sim.setSwitches({ autoResolveStaleChangeKey: 'ErrorIrresolvableConflict' });
    try {
      const refused = await post(sim, updateItem(setUnread, 'ConflictResolution="AutoResolve" MessageDisposition="SaveOnly"'));
      expect(codes(refused.text)).toEqual(['ErrorIrresolvableConflict']);
    } finally {
      sim.setSwitches({ autoResolveStaleChangeKey: 'overwrite' });
    }
  });

  it('answers per item in input order: disposition missing, gone id, malformed id, read-only property, wrong property count, IsRead delete, append', async () => {
    const [id, gone] = sim.store.seedItems(inboxId(), 2);
    await post(sim, `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${iid(gone ?? '')}</m:ItemIds></m:DeleteItem>`);
    const isRead = setField('message:IsRead', '<t:IsRead>true</t:IsRead>');
    const noDisposition = await post(sim, updateItem(change(iid(id ?? ''), isRead), 'ConflictResolution="AlwaysOverwrite"'));
    expect(codes(noDisposition.text)).toEqual(['ErrorMessageDispositionRequired']);
    const answer = await post(
      sim,
      updateItem(
        change(iid(gone ?? ''), isRead) +
          change(iid('AAAA=='), isRead) +
          change(iid(id ?? ''), setField('item:DateTimeReceived', '<t:DateTimeReceived>2020-01-01T00:00:00Z</t:DateTimeReceived>')) +
          change(iid(id ?? ''), setField('message:IsRead', '<t:Subject>x</t:Subject>')) +
          change(iid(id ?? ''), deleteField('message:IsRead')) +
          change(iid(id ?? ''), `<t:AppendToItemField>${field('item:Categories')}<t:Message>${categoriesXml(['x'])}</t:Message></t:AppendToItemField>`) +
          change(iid(id ?? ''), isRead),
      ),
    );
    expect(codes(answer.text)).toEqual([
      'ErrorItemNotFound',
      'ErrorInvalidIdMalformed',
      'ErrorInvalidPropertySet',
      'ErrorIncorrectUpdatePropertyCount',
      'ErrorInvalidPropertyDelete',
      'ErrorInvalidPropertyAppend',
      'NoError',
    ]);
  });

  it('a subject edit under a litigation hold keeps the original in Versions; a read-state edit does not', async () => {
    const [id] = sim.store.seedItems(inboxId(), 1, { subject: 'Original subject' });
    sim.store.setRetention(ADMIN, { litigationHold: true });
    try {
      const versions = sim.store.folderByDistinguished(ADMIN, 'recoverableitemsversions')?.id ?? '';
      const before = sim.store.itemCount(versions);
      await post(sim, updateItem(change(iid(id ?? ''), setField('message:IsRead', '<t:IsRead>true</t:IsRead>'))));
      expect(sim.store.itemCount(versions)).toBe(before);
      const answer = await post(sim, updateItem(change(iid(id ?? ''), setField('item:Subject', '<t:Subject>Edited &amp; new</t:Subject>'))));
      expect(codes(answer.text)).toEqual(['NoError']);
      expect(sim.store.itemCount(versions)).toBe(before + 1);
      expect(sim.store.folderItems(versions).map((i) => i.subject)).toContain('Original subject');
      expect(subjects((await post(sim, getItem([id ?? '']))).text)).toEqual(['Edited & new']);
    } finally {
      sim.store.setRetention(ADMIN, { litigationHold: false });
    }
  });
});
