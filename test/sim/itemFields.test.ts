// Unit tests of the derived item properties (itemFields.ts), touchItem, the FAI seed (fai.ts)
// and the item writer's per-shape choices (itemShape.ts), on a store without HTTP.
import { describe, expect, it } from 'vitest';
import { seedAssociatedItems } from '../../electron/sim/fai';
import { dateTimeCreated, dateTimeSent, folderEntryId, internetMessageId, itemBody, itemEntryId } from '../../electron/sim/itemFields';
import { writeItem } from '../../electron/sim/itemShape';
import { isAssociated, lastModified, touchItem, type Folder } from '../../electron/sim/model';
import type { Shape } from '../../electron/sim/shapes';
import { Store } from '../../electron/sim/store';

function setup(): { store: Store; inbox: Folder; deleted: Folder; calendar: Folder } {
  const store = new Store([{ smtp: 'u@contoso.com', name: 'User One', password: 'x' }]);
  const mailbox = store.user('u@contoso.com')?.primary;
  const get = (name: string): Folder => {
    const f = mailbox?.byDistinguished.get(name);
    if (!f) throw new Error(name);
    return f;
  };
  return { store, inbox: get('inbox'), deleted: get('deleteditems'), calendar: get('calendar') };
}

const shape = (base: Shape['base'], fields: string[] = [], bodyType: Shape['bodyType'] = 'Best'): Shape => ({
  base,
  fields: new Set(fields),
  extended: [],
  bodyType,
});

describe('derived properties', () => {
  it('DateTimeSent, DateTimeCreated and InternetMessageId survive a move; LastModifiedTime does not', () => {
    const { store, inbox, deleted } = setup();
    const item = store.addItem(inbox, { subject: 'Hello', received: 1_700_000_000, from: { name: 'A', address: 'a@fabrikam.com' } });
    const sent = dateTimeSent(item);
    const id = internetMessageId(item);
    expect(sent).toBeLessThan(1_700_000_000);
    expect(dateTimeCreated(item)).toBe(1_700_000_000);
    expect(id).toMatch(/@fabrikam\.com>$/);
    expect(lastModified(item)).toBe(1_700_000_000);
    const moved = store.moveItem(item, deleted, { keepChangeKey: true });
    expect(moved.counter).not.toBe(item.counter);
    expect(internetMessageId(moved)).toBe(id);
    expect(dateTimeSent(moved)).toBe(sent);
    expect(Date.now() / 1000 - lastModified(moved)).toBeLessThan(5);
    const copy = store.copyItem(moved, inbox);
    expect(internetMessageId(copy)).toBe(id);
  });

  it('touchItem sets LastModifiedTime; drafts have no DateTimeSent', () => {
    const { store, inbox } = setup();
    const draft = store.addItem(inbox, { subject: 'Draft', received: 1_600_000_000, isDraft: true });
    expect(dateTimeSent(draft)).toBeUndefined();
    touchItem(draft, 1_650_000_000);
    expect(lastModified(draft)).toBe(1_650_000_000);
  });

  it('bodies: derived HTML with a text rendering; a stored Text body converts to HTML on request', () => {
    const { store, inbox } = setup();
    const demo = store.addItem(inbox, { subject: 'A & B', from: { name: 'Lee Gu', address: 'lee@contoso.com' } });
    expect(itemBody(demo, 'Best').type).toBe('HTML');
    expect(itemBody(demo, 'Best').text).toContain('A &amp; B');
    expect(itemBody(demo, 'Text').text).toContain('Re: A & B');
    const own = store.addItem(inbox, { subject: 'x', extras: { body: { type: 'Text', text: 'one <two>\nthree' } } });
    expect(itemBody(own, 'Best')).toEqual({ type: 'Text', text: 'one <two>\nthree' });
    expect(itemBody(own, 'HTML').text).toContain('one &lt;two&gt;<br>three');
    const html = store.addItem(inbox, { subject: 'x', extras: { body: { type: 'HTML', text: '<div>a &amp; b</div><div>c</div>' } } });
    expect(itemBody(html, 'Text').text).toBe('a & b\r\nc\r\n');
  });

  it('entry ids are the bytes after the EwsId header', () => {
    const { store, inbox } = setup();
    const item = store.addItem(inbox, { subject: 'x' });
    expect(itemEntryId(item)).toEqual(Buffer.from(store.itemId(item), 'base64').subarray(43));
    expect(itemEntryId(item)?.length).toBe(70);
    expect(folderEntryId(inbox).length).toBe(46);
  });
});

describe('FAI seed', () => {
  it('puts FAI items in the associated lists only', () => {
    const { store, inbox, calendar } = setup();
    const mailbox = inbox.mailbox;
    seedAssociatedItems(store, mailbox);
    expect(inbox.contents.count).toBe(0);
    expect(inbox.associated.count).toBe(4);
    expect(calendar.associated.count).toBe(3);
    expect(inbox.associated.all().every(isAssociated)).toBe(true);
    // Purging an FAI item takes it out of the associated list, not the contents.
    const [first] = inbox.associated.all();
    if (first) store.purgeItem(first);
    expect(inbox.associated.count).toBe(3);
    expect(inbox.contents.count).toBe(0);
  });
});

describe('item writer', () => {
  it('FindItem never writes a body; GetItem Default does; extended paths only when asked', () => {
    const { store, inbox } = setup();
    const item = store.addItem(inbox, { subject: 'S', categories: ['Red'], importance: 2 });
    expect(writeItem(store, item, shape('AllProperties'), { findView: true })).not.toContain('<t:Body');
    expect(writeItem(store, item, shape('Default'), { findView: false })).toContain('<t:Body BodyType="HTML"');
    expect(writeItem(store, item, shape('IdOnly', ['item:Body'], 'Text'), { findView: false })).toContain('<t:Body BodyType="Text"');
    const all = writeItem(store, item, shape('AllProperties'), { findView: false });
    expect(all).toContain('<t:Categories><t:String>Red</t:String></t:Categories><t:Importance>High</t:Importance>');
    expect(all).not.toContain('<t:ExtendedProperty>');
    expect(writeItem(store, item, shape('IdOnly'), { findView: true })).toMatch(/^<t:Message><t:ItemId [^>]+\/><\/t:Message>$/);
  });
});
