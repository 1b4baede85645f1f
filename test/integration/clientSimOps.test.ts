// The client's MoveFolder, CopyFolder, UpdateItem, ConvertId, ResolveNames, ExpandDL and
// reading-pane GetItem against the simulator over real HTTP. The two sides were written
// independently; every request and response of this file is schema-validated at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, EwsClient, type EwsResult, type ExchangeRecord } from '../../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { schemaAvailable, schemaSkipReason, validateEnvelopeBodies } from '../support/schema';

let sim: RunningSimulator;
let client: EwsClient;
const records: ExchangeRecord[] = [];

function ok<T>(result: EwsResult<T> | undefined): T {
  if (!result) throw new Error('missing result');
  if (!result.ok) throw new Error(`expected success, got ${result.status.responseCode}: ${result.status.messageText ?? ''}`);
  return result.value;
}

const folderId = (name: string): string => sim.store.folderByDistinguished(DEMO_ADMIN, name)?.id ?? '';

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  client = new EwsClient({ url: sim.url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), timeoutMs: 10_000, onExchange: (r) => records.push(r) });
});

afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('folders', () => {
  it('restores a folder tree from Deleted Items with MoveFolder: same id, contents along', async () => {
    const top = sim.store.createFolder(folderId('deleteditems'), 'Project <&> X');
    const sub = sim.store.createFolder(top.id, 'Sub');
    const items = sim.store.seedItems(sub.id, 3);
    const [moved, refused] = await client.moveFolder({ folders: [{ id: top.id }, { distinguished: 'inbox' }], to: { distinguished: 'inbox' } });
    expect(ok(moved)?.id).toBe(top.id);
    expect(ok(moved)?.changeKey).toBe(sim.store.folder(top.id)?.changeKey);
    expect(refused?.ok).toBe(false);
    expect(refused?.status.responseCode).toBe('ErrorMoveDistinguishedFolder');
    expect(sim.store.folder(sub.id)?.path).toBe('Top of Information Store/Inbox/Project <&> X/Sub');
    for (const id of items) expect(sim.store.locate(id)?.folderId).toBe(sub.id);
  });

  it('copies a folder tree with CopyFolder: new ids, the original stays', async () => {
    const top = sim.store.createFolder(folderId('inbox'), 'To copy');
    sim.store.seedItems(top.id, 2);
    const [copied] = await client.copyFolder({ folders: [{ id: top.id }], to: { distinguished: 'drafts' } });
    const id = ok(copied)?.id ?? '';
    expect(id).not.toBe(top.id);
    expect(sim.store.folder(id)).toMatchObject({ displayName: 'To copy', totalCount: 2 });
    expect(sim.store.itemCount(top.id)).toBe(2);
  });
});

describe('UpdateItem', () => {
  it('marks read and sets categories with special characters; a stale ChangeKey under NeverOverwrite is a value', async () => {
    const folder = sim.store.createFolder(folderId('inbox'), 'Updates');
    const [a, b] = sim.store.seedItems(folder.id, 2, { isRead: false });
    const keyA = sim.store.locate(a ?? '')?.item.changeKey ?? '';
    const results = await client.updateItem({
      conflictResolution: 'NeverOverwrite',
      suppressReadReceipts: true,
      updates: [
        { item: { id: a ?? '', changeKey: keyA }, isRead: true, categories: ['R&D', '<Urgent>'] },
        { item: { id: b ?? '' }, isRead: true },
      ],
    });
    const first = ok(results[0]);
    expect(first.id?.id).toBe(a);
    expect(first.id?.changeKey).not.toBe(keyA);
    expect(first.conflicts).toBe(0);
    expect(sim.store.folder(folder.id)?.unreadCount).toBe(0);
    const [details] = await client.getItemDetails({ items: [{ id: a ?? '' }], bodyType: 'Text' });
    expect(ok(details)?.categories).toEqual(['R&D', '<Urgent>']);
    expect(ok(details)?.isRead).toBe(true);

    const [stale] = await client.updateItem({ conflictResolution: 'NeverOverwrite', updates: [{ item: { id: a ?? '', changeKey: keyA }, isRead: false }] });
    expect(stale?.ok).toBe(false);
    expect(stale?.status.responseCode).toBe('ErrorIrresolvableConflict');
    const [cleared] = await client.updateItem({
      conflictResolution: 'AlwaysOverwrite',
      updates: [{ item: { id: a ?? '', changeKey: keyA }, categories: null }],
    });
    expect(ok(cleared).conflicts).toBe(1);
    const [after] = await client.getItemDetails({ items: [{ id: a ?? '' }], bodyType: 'Text' });
    expect(ok(after)?.categories).toEqual([]);
  });
});

describe('ConvertId', () => {
  it('EwsId → HexEntryId → EwsId round trip per id, errors in place', async () => {
    const [itemId] = sim.store.seedItems(folderId('inbox'), 1);
    const toHex = await client.convertId({
      destinationFormat: 'HexEntryId',
      ids: [
        { format: 'EwsId', id: itemId ?? '', mailbox: DEMO_ADMIN },
        { format: 'EwsId', id: 'AAAA==', mailbox: DEMO_ADMIN },
      ],
    });
    const hex = ok(toHex[0]);
    expect(hex?.format).toBe('HexEntryId');
    expect(hex?.id).toMatch(/^[0-9A-F]+$/);
    expect(toHex[1]?.status.responseCode).toBe('ErrorInvalidIdMalformed');
    const [back] = await client.convertId({ destinationFormat: 'EwsId', ids: [{ format: 'HexEntryId', id: hex?.id ?? '', mailbox: DEMO_ADMIN }] });
    expect(ok(back)?.id).toBe(itemId);
  });
});

describe('directory', () => {
  it('resolves one name, lists an ambiguous one, and says none', async () => {
    const one = await client.resolveNames({ entry: 'carol' });
    expect(one.outcome).toBe('resolved');
    expect(one.candidates[0]?.mailbox).toMatchObject({ name: 'Carol Diaz', emailAddress: 'carol@contoso.com', mailboxType: 'Mailbox' });
    expect(one.candidates[0]?.contact?.surname).toBe('Diaz');
    const many = await client.resolveNames({ entry: 'a' });
    expect(many.outcome).toBe('ambiguous');
    expect(many.candidates.map((c) => c.mailbox.emailAddress)).toEqual(['alice@contoso.com', 'all-staff@contoso.com', 'admin@contoso.com']);
    const none = await client.resolveNames({ entry: 'nobody here' });
    expect(none).toMatchObject({ outcome: 'none', candidates: [] });
  });

  it('expands a group one level and a nested group on request', async () => {
    const all = ok(await client.expandDL({ address: 'all-staff@contoso.com' }));
    expect(all.members.map((m) => [m.emailAddress, m.mailboxType])).toEqual([
      ['alice@contoso.com', 'Mailbox'],
      ['bob@contoso.com', 'Mailbox'],
      ['sales@contoso.com', 'PublicDL'],
    ]);
    const sales = ok(await client.expandDL({ address: all.members[2]?.emailAddress ?? '' }));
    expect(sales.members.map((m) => m.emailAddress)).toEqual(['carol@contoso.com']);
    const unknown = await client.expandDL({ address: 'ghost@contoso.com' });
    expect(unknown.ok).toBe(false);
    expect(unknown.status.responseCode).toBe('ErrorNameResolutionNoResults');
  });
});

describe('reading pane GetItem', () => {
  it('reads headers and the body in HTML and in Text', async () => {
    const [id] = sim.store.seedItems(folderId('inbox'), 1, {
      subject: 'Hello <there> & welcome',
      from: { name: 'Megan Bowen', address: 'megan.bowen@contoso.com' },
    });
    const [html] = await client.getItemDetails({ items: [{ id: id ?? '' }], bodyType: 'HTML' });
    const details = ok(html);
    expect(details).toMatchObject({ kind: 'Message', subject: 'Hello <there> & welcome', from: { name: 'Megan Bowen', address: 'megan.bowen@contoso.com' } });
    expect(details?.parentFolderId).toBe(folderId('inbox'));
    expect(details?.dateTimeReceived).toMatch(/Z$/);
    expect(details?.size).toBeGreaterThan(0);
    expect(details?.body?.type).toBe('HTML');
    const [text] = await client.getItemDetails({ items: [{ id: id ?? '' }], bodyType: 'Text' });
    expect(ok(text)?.body?.type).toBe('Text');
    const [gone] = await client.getItemDetails({ items: [{ id: 'AAAA==' }], bodyType: 'Text' });
    expect(gone?.status.responseCode).toBe('ErrorInvalidIdMalformed');
  });
});

describe('schema conformance of this conversation', () => {
  it.skipIf(!schemaAvailable)('every request sent and every response received validates against the EWS schemas', async () => {
    const docs = records.flatMap((r, i) => [
      { name: `request ${i} ${r.operation}`, xml: r.requestXml },
      ...(r.responseXml ? [{ name: `response ${i} ${r.operation} (HTTP ${r.status ?? '?'})`, xml: r.responseXml }] : []),
    ]);
    expect(docs.length).toBeGreaterThan(25);
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
  if (!schemaAvailable) it.skip(schemaSkipReason, () => undefined);
});
