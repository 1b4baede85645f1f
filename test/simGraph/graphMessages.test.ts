// Message lists over HTTP: paging with $top/$skip and @odata.nextLink to the end, the 1000 cap,
// $select, $filter, $orderby (and Graph's rule for the two together), $count, single messages,
// and LastActiveParentEntryId through singleValueExtendedProperties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, call } from './helpers';

let sim: RunningGraphSimulator;
let token: string;
const BULK = 2_345;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'demo', bulkItems: BULK, demoScale: 0.05, throttling: false }, throttling: false });
  token = sim.mintAccessToken({ user: ADMIN });
});
afterAll(() => sim.close());

async function bulkFolderId(): Promise<string> {
  const list = await call(sim, `/me/mailFolders/inbox/childFolders?$top=50`, { token });
  return list.body.value.find((f: { displayName: string }) => f.displayName === 'Bulk notifications').id;
}

describe('Graph messages', () => {
  it('pages a folder to the end with @odata.nextLink, each message once, newest first', async () => {
    const folder = await bulkFolderId();
    let next: string | undefined = `/me/mailFolders/${folder}/messages?$top=1000&$select=subject,receivedDateTime`;
    const ids: string[] = [];
    const received: string[] = [];
    let pages = 0;
    while (next) {
      const page = await call(sim, next, { token });
      expect(page.status).toBe(200);
      ids.push(...page.body.value.map((m: { id: string }) => m.id));
      received.push(...page.body.value.map((m: { receivedDateTime: string }) => m.receivedDateTime));
      next = page.body['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(BULK);
    expect(new Set(ids).size).toBe(BULK);
    expect([...received].sort().reverse()).toEqual(received);
  });

  it('defaults to ten a page and refuses $top over 1000 (switch topAboveMax: clamp cuts it)', async () => {
    const folder = await bulkFolderId();
    const page = await call(sim, `/me/mailFolders/${folder}/messages`, { token });
    expect(page.body.value).toHaveLength(10);
    const over = await call(sim, `/me/mailFolders/${folder}/messages?$top=1001`, { token });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('ErrorInvalidArgument');
    sim.setSwitches({ topAboveMax: 'clamp' });
    try {
      const clamped = await call(sim, `/me/mailFolders/${folder}/messages?$top=5000&$select=id`, { token });
      expect(clamped.body.value).toHaveLength(1000);
    } finally {
      sim.setSwitches({ topAboveMax: 'error' });
    }
  });

  it('filters, counts and orders; $orderby must lead $filter', async () => {
    const folder = await bulkFolderId();
    const items = sim.ews.store.folderItems(sim.ews.store.folderByPath(ADMIN, 'Inbox/Bulk notifications')?.id ?? '', { offset: 0, limit: BULK });
    const unread = items.filter((i) => !i.isRead).length;
    const counted = await call(sim, `/me/mailFolders/${folder}/messages?$filter=isRead eq false&$count=true&$top=3&$select=isRead`, {
      token,
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(counted.status).toBe(200);
    expect(counted.body['@odata.count']).toBe(unread);
    expect(counted.body.value.every((m: { isRead: boolean }) => !m.isRead)).toBe(true);

    const cutoff = new Date(items[Math.floor(items.length / 2)]?.received ?? 0).toISOString();
    const asc = await call(
      sim,
      `/me/mailFolders/${folder}/messages?$filter=receivedDateTime ge ${cutoff} and isRead eq false&$orderby=receivedDateTime asc&$top=1000&$select=receivedDateTime,isRead`,
      { token },
    );
    expect(asc.status).toBe(200);
    const times = asc.body.value.map((m: { receivedDateTime: string }) => m.receivedDateTime);
    expect([...times].sort()).toEqual(times);
    expect(times.every((t: string) => t >= cutoff.replace('.000Z', 'Z'))).toBe(true);

    const inefficient = await call(sim, `/me/mailFolders/${folder}/messages?$filter=isRead eq false&$orderby=receivedDateTime desc`, { token });
    expect(inefficient.status).toBe(400);
    expect(inefficient.body.error.code).toBe('InefficientFilter');
    const bad = await call(sim, `/me/mailFolders/${folder}/messages?$filter=nosuch eq 1`, { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ErrorInvalidUrlQueryFilter');
  });

  it('gets one message with its fields; $select limits them; an unknown property is refused', async () => {
    const page = await call(sim, `/me/mailFolders/inbox/messages?$top=1`, { token });
    const listed = page.body.value[0];
    expect(listed).toMatchObject({
      subject: expect.any(String),
      importance: expect.stringMatching(/^(low|normal|high)$/),
      isRead: expect.any(Boolean),
      body: { contentType: 'html' },
    });
    const one = await call(sim, `/me/messages/${listed.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(listed.id);
    expect(one.body.parentFolderId).toBe((await call(sim, `/me/mailFolders/inbox`, { token })).body.id);
    const selected = await call(sim, `/me/messages/${listed.id}?$select=subject`, { token });
    expect(
      Object.keys(selected.body)
        .filter((k) => !k.startsWith('@'))
        .sort(),
    ).toEqual(['id', 'subject']);
    const unknown = await call(sim, `/me/messages/${listed.id}?$select=nosuch`, { token });
    expect(unknown.status).toBe(400);
    const malformed = await call(sim, `/me/messages/not-an-id`, { token });
    expect(malformed.body.error.code).toBe('ErrorInvalidIdMalformed');
  });

  it('returns LastActiveParentEntryId (Binary 0x348A) of deleted items as the source key of their folder', async () => {
    const expand = `$expand=singleValueExtendedProperties($filter=id eq 'Binary 0x348A')`;
    const page = await call(sim, `/me/mailFolders/recoverableitemsdeletions/messages?$top=50&${expand}`, { token });
    expect(page.status).toBe(200);
    expect(page.body.value.length).toBeGreaterThan(0);
    const ewsItems = sim.ews.store.folderItems(sim.ews.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions')?.id ?? '', { offset: 0, limit: 50 });
    const expected = ewsItems.map((i) => (i.lastActiveParentEntryId === undefined ? [] : [{ id: 'Binary 0x348A', value: i.lastActiveParentEntryId }]));
    expect(page.body.value.map((m: { singleValueExtendedProperties: unknown }) => m.singleValueExtendedProperties)).toEqual(expected);
  });

  it('lists the whole mailbox at /messages', async () => {
    const page = await call(sim, `/me/messages?$count=true&$top=1`, { token });
    const top = sim.ews.store.folderByDistinguished(ADMIN, 'msgfolderroot');
    const total = sim.ews.store
      .allFolders(ADMIN)
      .filter((f) => f.path.startsWith(top?.path ?? '?') && f.id !== top?.id)
      .reduce((n, f) => n + f.totalCount, 0);
    expect(page.body['@odata.count']).toBe(total + (top?.totalCount ?? 0));
  });
});
