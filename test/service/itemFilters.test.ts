// Item filters on the new properties and the reading pane's details, through the service against
// the real simulator: each filter field narrows the listing to exactly the matching items, rows
// carry the new columns, a query job with the new filters acts on matching items only, and
// getItemDetails returns headers, both body formats, retention tag and origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { ItemFilter, ItemRow } from '../../shared/domain';
import { codes, itemIds, post } from '../sim/helpers';
import { createRig, type ServiceRig } from './helpers';

let sim: RunningSimulator;
let rig: ServiceRig;
let folderId: string;
/** Subject → id of the test items (subjects are unique). */
const ids = new Map<string, string>();
let deletedBetween: { after: string; before: string };

const POLICY_TAG = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex').toString('base64');
const HOSTILE_HTML =
  '<html><body><p>Quarterly <b>numbers</b></p><script>alert(1)</script><img src="http://tracker.invalid/p.gif" onerror="alert(2)"></body></html>';

function message(subject: string, props: { received: string; categories?: string[]; importance?: string; read?: boolean; html?: string }): string {
  const categories = props.categories ? `<t:Categories>${props.categories.map((c) => `<t:String>${c}</t:String>`).join('')}</t:Categories>` : '';
  const importance = props.importance ? `<t:Importance>${props.importance}</t:Importance>` : '';
  const body =
    props.html === undefined
      ? '<t:Body BodyType="Text">Plain body line</t:Body>'
      : `<t:Body BodyType="HTML">${props.html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</t:Body>`;
  return (
    `<t:Message><t:Subject>${subject}</t:Subject>${body}${categories}${importance}` +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E06" PropertyType="SystemTime"/><t:Value>${props.received}</t:Value></t:ExtendedProperty>` +
    // PR_MESSAGE_FLAGS: read (1) or unread (0), never unsent: a received message, not a draft.
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E07" PropertyType="Integer"/><t:Value>${props.read === false ? 0 : 1}</t:Value></t:ExtendedProperty>` +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3019" PropertyType="Binary"/><t:Value>${POLICY_TAG}</t:Value></t:ExtendedProperty>` +
    '<t:From><t:Mailbox><t:Name>Sara Davis</t:Name><t:EmailAddress>sara.davis@fabrikam.com</t:EmailAddress></t:Mailbox></t:From>' +
    '</t:Message>'
  );
}

const ITEMS: Array<[string, Parameters<typeof message>[1]]> = [
  ['F1 red high unread', { received: '2024-03-01T10:00:00Z', categories: ['Red'], importance: 'High', read: false }],
  ['F2 plain read', { received: '2024-03-02T10:00:00Z' }],
  ['F3 low unread', { received: '2024-03-03T10:00:00Z', importance: 'Low', read: false }],
  ['F4 two categories', { received: '2024-03-04T10:00:00Z', categories: ['Blue', 'Project X'] }],
  ['F5 hostile html', { received: '2024-03-05T10:00:00Z', html: HOSTILE_HTML, importance: 'High' }],
];

async function create(folder: string, items: typeof ITEMS): Promise<void> {
  const xml = `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:FolderId Id="${folder}"/></m:SavedItemFolderId><m:Items>${items.map(([s, p]) => message(s, p)).join('')}</m:Items></m:CreateItem>`;
  const answer = await post(sim, xml);
  expect(codes(answer.text)).toEqual(items.map(() => 'NoError'));
  itemIds(answer.text).forEach(({ id }, i) => ids.set(items[i]?.[0] ?? '', id));
}

async function softDelete(subjects: string[]): Promise<void> {
  const xml = `<m:DeleteItem DeleteType="SoftDelete"><m:ItemIds>${subjects.map((s) => `<t:ItemId Id="${ids.get(s)}"/>`).join('')}</m:ItemIds></m:DeleteItem>`;
  expect(codes((await post(sim, xml)).text)).toEqual(subjects.map(() => 'NoError'));
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.02, throttling: false });
  const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
  if (!inbox) throw new Error('no inbox');
  folderId = sim.store.createFolder(inbox.id, 'Filter tests').id;
  await create(folderId, ITEMS);
  await create(folderId, [
    ['D1 deleted early', { received: '2024-01-01T10:00:00Z' }],
    ['D2 deleted early', { received: '2024-01-02T10:00:00Z' }],
    ['D3 deleted late', { received: '2024-01-03T10:00:00Z' }],
  ]);
  // LastModifiedTime has whole seconds: the two deletes are more than a second apart.
  await softDelete(['D1 deleted early', 'D2 deleted early']);
  await wait(1100);
  const middle = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  await wait(1100);
  await softDelete(['D3 deleted late']);
  deletedBetween = { after: middle, before: new Date(Date.now() + 60_000).toISOString() };
  rig = await createRig();
  const connected = await rig.service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
  if (!connected.ok) throw new Error(connected.error.message);
}, 30_000);

afterAll(async () => {
  await rig.close();
  await sim.close();
});

async function subjectsWhere(filter: ItemFilter, folder = folderId): Promise<string[]> {
  const page = await rig.service.listItems({ folderId: folder, offset: 0, max: 1000, filter });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.subject).sort();
}

async function testRows(): Promise<Map<string, ItemRow>> {
  const page = await rig.service.listItems({ folderId, offset: 0, max: 1000 });
  return new Map(page.rows.map((r) => [r.subject, r]));
}

describe('item filters on the new properties', () => {
  it('rows carry read state, importance (when not Normal), categories and LastModifiedTime', async () => {
    const rows = await testRows();
    expect(rows.get('F1 red high unread')).toMatchObject({ isRead: false, importance: 'High', hasCategories: true });
    const plain = rows.get('F2 plain read');
    expect(plain).toMatchObject({ isRead: true });
    expect(plain?.importance).toBeUndefined();
    expect(plain?.hasCategories).toBeUndefined();
    expect(plain?.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(rows.get('F3 low unread')?.importance).toBe('Low');
  });

  it('filters by read state, categories and importance', async () => {
    expect(await subjectsWhere({ read: 'unread' })).toEqual(['F1 red high unread', 'F3 low unread']);
    expect(await subjectsWhere({ read: 'read' })).toEqual(['F2 plain read', 'F4 two categories', 'F5 hostile html']);
    expect(await subjectsWhere({ hasCategories: true })).toEqual(['F1 red high unread', 'F4 two categories']);
    expect(await subjectsWhere({ hasCategories: false })).toEqual(['F2 plain read', 'F3 low unread', 'F5 hostile html']);
    expect(await subjectsWhere({ importance: 'High' })).toEqual(['F1 red high unread', 'F5 hostile html']);
    expect(await subjectsWhere({ importance: 'Normal' })).toEqual(['F2 plain read', 'F4 two categories']);
    expect(await subjectsWhere({ importance: 'High', read: 'unread', hasCategories: true })).toEqual(['F1 red high unread']);
  });

  it('filters by sent date', async () => {
    // The simulator sends each message a few minutes before it arrives: the day boundary decides.
    expect(await subjectsWhere({ sentAfter: '2024-03-03T00:00:00Z', sentBefore: '2024-03-05T00:00:00Z' })).toEqual(['F3 low unread', 'F4 two categories']);
    expect(await subjectsWhere({ sentBefore: '2024-03-02T00:00:00Z' })).toEqual(['F1 red high unread']);
  });

  it('filters by exact Message-ID', async () => {
    const details = await rig.service.getItemDetails({ itemId: ids.get('F4 two categories') ?? '', body: 'text' });
    expect(details.messageId).toMatch(/^<.+@.+>$/);
    expect(await subjectsWhere({ messageId: details.messageId ?? '' })).toEqual(['F4 two categories']);
    expect(await subjectsWhere({ messageId: '<nobody@nowhere>' })).toEqual([]);
  });

  it('filters Deletions by deleted date (LastModifiedTime) and sorts by it', async () => {
    const inDeletions = (subjects: string[]) => subjects.filter((s) => s.startsWith('D'));
    expect(inDeletions(await subjectsWhere({ deletedAfter: deletedBetween.after, deletedBefore: deletedBetween.before }, 'recoverableitemsdeletions'))).toEqual(
      ['D3 deleted late'],
    );
    expect(inDeletions(await subjectsWhere({ deletedBefore: deletedBetween.after, subjectContains: 'deleted' }, 'recoverableitemsdeletions'))).toEqual([
      'D1 deleted early',
      'D2 deleted early',
    ]);
    const newestFirst = await rig.service.listItems({
      folderId: 'recoverableitemsdeletions',
      offset: 0,
      max: 1000,
      sort: { field: 'lastModified', direction: 'desc' },
      filter: { subjectContains: 'deleted' },
    });
    expect(newestFirst.rows[0]?.subject).toBe('D3 deleted late');
    const times = newestFirst.rows.map((r) => Date.parse(r.lastModified ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('a query job over the new filters acts on the matching items only', async () => {
    const { jobId } = await rig.service.startJob({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'MoveToDeletedItems' },
      target: { kind: 'query', folderId, filter: { read: 'unread', importance: 'Low' } },
    });
    const finished = await rig.finished(jobId);
    expect(finished.counts.done).toBe(1);
    const left = [...(await testRows()).keys()].sort();
    expect(left).toEqual(['F1 red high unread', 'F2 plain read', 'F4 two categories', 'F5 hostile html']);
    const located = sim.store.locate(ids.get('F3 low unread') ?? '');
    expect(located).toBeUndefined();
    const inDeletedItems = await subjectsWhere({ subjectContains: 'F3 low' }, 'deleteditems');
    expect(inDeletedItems).toEqual(['F3 low unread']);
  });
});

describe('item details (reading pane)', () => {
  it('returns headers, size, importance, categories, retention tag and the text body', async () => {
    const details = await rig.service.getItemDetails({ itemId: ids.get('F1 red high unread') ?? '', body: 'text' });
    expect(details).toMatchObject({
      subject: 'F1 red high unread',
      itemClass: 'IPM.Note',
      from: { name: 'Sara Davis', address: 'sara.davis@fabrikam.com' },
      // Created without recipients, the item has none (demo items get derived To/Cc lists).
      to: [],
      cc: [],
      received: '2024-03-01T10:00:00Z',
      importance: 'High',
      categories: ['Red'],
      isRead: false,
      retentionTag: POLICY_TAG,
      parentFolderId: folderId,
      body: { format: 'text', content: 'Plain body line', truncated: false },
    });
    expect(details.size).toBeGreaterThan(0);
    expect(Date.parse(details.sent ?? '')).toBeLessThan(Date.parse('2024-03-01T10:00:00Z'));
  });

  it('returns an HTML body as stored when asked, and as text otherwise', async () => {
    const id = ids.get('F5 hostile html') ?? '';
    const html = await rig.service.getItemDetails({ itemId: id, body: 'html' });
    expect(html.body?.format).toBe('html');
    expect(html.body?.content).toContain('<script>');
    const text = await rig.service.getItemDetails({ itemId: id, body: 'text' });
    expect(text.body?.format).toBe('text');
    expect(text.body?.content).toContain('Quarterly numbers');
  });

  it('a deleted item names the folder it came from', async () => {
    const deletions = sim.store.folderByDistinguished(DEMO_ADMIN, 'recoverableitemsdeletions');
    const item = sim.store.folderItems(deletions?.id ?? '').find((i) => i.subject === 'D3 deleted late');
    const details = await rig.service.getItemDetails({ itemId: item?.id ?? '', body: 'text' });
    expect(details.lastActiveParentEntryId).toBe(sim.store.folder(folderId)?.sourceKey);
    expect(details.lastModified).toMatch(/Z$/);
  });

  it('says so when the item is gone', async () => {
    await expect(rig.service.getItemDetails({ itemId: ids.get('F3 low unread') ?? '', body: 'text' })).rejects.toThrow(/no longer exists/);
  });
});
