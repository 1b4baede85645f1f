// The EWS client against the embedded simulator over real HTTP: every operation, every
// semantic rule the app depends on, every fault surfacing as the typed error callers expect.
// The two sides were written independently from Microsoft's docs, so each checks the other;
// at the end every request the client sent and every SOAP response the simulator answered in
// this file is validated against the official schemas in one call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, BearerAuth, EwsClient, EwsError, type EwsResult, type ExchangeRecord, type ItemRow } from '../../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { schemaAvailable, schemaSkipReason, validateEnvelopeBodies } from '../support/schema';

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';

let sim: RunningSimulator;
const records: ExchangeRecord[] = [];
const clients: EwsClient[] = [];

function client(options: { user?: string; password?: string; impersonate?: string; timeoutMs?: number; token?: string } = {}): EwsClient {
  const c = new EwsClient({
    url: sim.url,
    auth: options.token ? new BearerAuth(options.token) : new BasicAuth(options.user ?? DEMO_ADMIN, options.password ?? DEMO_PASSWORD),
    impersonate: options.impersonate,
    timeoutMs: options.timeoutMs ?? 10_000,
    onExchange: (r) => records.push(r),
  });
  clients.push(c);
  return c;
}

function ok<T>(result: EwsResult<T> | undefined): T {
  if (!result) throw new Error('missing result');
  if (!result.ok) throw new Error(`expected success, got ${result.status.responseCode}: ${result.status.messageText ?? ''}`);
  return result.value;
}

async function expectEwsError(promise: Promise<unknown>): Promise<EwsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EwsError);
    return error as EwsError;
  }
  throw new Error('expected an EwsError');
}

function folderOf(user: string, name: string) {
  const f = sim.store.folderByDistinguished(user, name);
  if (!f) throw new Error(`no ${name} for ${user}`);
  return f;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false, bearerTokens: { 'token-for-alice': ALICE } });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await sim?.close();
});

describe('folders', () => {
  it('lists the IPM tree with source keys, and never the dumpster, from msgfolderroot', async () => {
    const [result] = await client().findFolder({ parents: [{ distinguished: 'msgfolderroot' }], traversal: 'Deep', includeDistinguishedId: true });
    const folders = ok(result).folders;
    const names = folders.map((f) => f.displayName);
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Deleted Items', 'Sent Items', 'Drafts']));
    expect(names).not.toContain('Recoverable Items');
    expect(names).not.toContain('Deletions');
    const inbox = folders.find((f) => f.displayName === 'Inbox');
    expect(inbox?.sourceKey).toBe(folderOf(DEMO_ADMIN, 'inbox').sourceKey);
    expect(inbox?.totalCount).toBe(0);
  });

  it('reaches every dumpster folder, primary and archive, by distinguished id', async () => {
    const names = [
      'recoverableitemsroot',
      'recoverableitemsdeletions',
      'recoverableitemsversions',
      'recoverableitemspurges',
      'recoverableitemsdiscoveryholds',
      'archivemsgfolderroot',
      'archivedeleteditems',
      'archiverecoverableitemsroot',
      'archiverecoverableitemsdeletions',
      'archiverecoverableitemsversions',
      'archiverecoverableitemspurges',
      'archiverecoverableitemsdiscoveryholds',
    ] as const;
    const results = await client().getFolder({ folders: names.map((distinguished) => ({ distinguished })), includeDistinguishedId: true });
    expect(results).toHaveLength(names.length);
    results.forEach((r, i) => {
      const folder = ok(r);
      expect(folder?.id).toBe(folderOf(DEMO_ADMIN, names[i] ?? '').id);
    });
    const [fromRoot] = await client().findFolder({ parents: [{ distinguished: 'root' }], traversal: 'Shallow' });
    expect(ok(fromRoot).folders.map((f) => f.displayName)).toContain('Recoverable Items');
  });

  it('creates folders, refuses a duplicate name, and deletes a folder to Deleted Items or outright', async () => {
    const c = client();
    const [created] = await c.createFolder({ parent: { distinguished: 'inbox' }, folders: [{ displayName: 'Projects & <Plans>' }] });
    const projects = ok(created);
    if (!projects) throw new Error('CreateFolder returned no folder id');
    expect(sim.store.folder(projects.id)?.displayName).toBe('Projects & <Plans>');
    const [duplicate] = await c.createFolder({ parent: { distinguished: 'inbox' }, folders: [{ displayName: 'Projects & <Plans>' }] });
    expect(duplicate?.ok).toBe(false);
    expect(duplicate?.status.responseCode).toBe('ErrorFolderExists');

    const [toDeleted] = await c.deleteFolder({ folders: [{ id: projects.id }], deleteType: 'MoveToDeletedItems' });
    ok(toDeleted);
    expect(sim.store.folder(projects.id)?.parentId).toBe(folderOf(DEMO_ADMIN, 'deleteditems').id);

    const [hard] = await c.deleteFolder({ folders: [{ id: projects.id }], deleteType: 'HardDelete' });
    ok(hard);
    expect(sim.store.folder(projects.id)).toBeUndefined();
    const [gone] = await c.getFolder({ folders: [{ id: projects.id }] });
    expect(gone?.status.responseCode).toBe('ErrorItemNotFound');

    const [distinguished] = await c.deleteFolder({ folders: [{ distinguished: 'inbox' }], deleteType: 'HardDelete' });
    expect(distinguished?.status.responseCode).toBe('ErrorDeleteDistinguishedFolder');
  });

  it('refuses to soft-delete a folder before sending anything', async () => {
    const before = records.length;
    const error = await expectEwsError(client().deleteFolder({ folders: [{ distinguished: 'inbox' }], deleteType: 'SoftDelete' as unknown as 'HardDelete' }));
    expect(error.kind).toBe('invalid-request');
    expect(records.length).toBe(before);
  });
});

describe('items', () => {
  it('creates items with hostile subjects that come back intact', async () => {
    const hostile = ['<b>bold</b> & "quoted" \'single\'', '</t:Subject></t:Message><t:Message>', ']]> &amp; &lt;'];
    const c = client();
    const created = await c.createItem({
      folder: { distinguished: 'drafts' },
      messages: hostile.map((subject, i) => ({
        subject,
        from: { name: 'Mallory <m>', address: 'mallory@example.com' },
        receivedAt: `2026-01-0${i + 1}T10:00:00Z`,
      })),
    });
    expect(created).toHaveLength(3);
    const ids = created.map((r) => ok(r)).map((id) => ({ id: id?.id ?? '' }));
    const fetched = await c.getItem({ items: ids });
    expect(fetched.map((r) => ok(r)?.subject)).toEqual(hostile);
    expect(
      sim.store
        .folderItems(folderOf(DEMO_ADMIN, 'drafts').id)
        .map((i) => i.subject)
        .sort(),
    ).toEqual([...hostile].sort());
  });

  it('pages through a folder 1000 at a time with correct offsets, totals and last-page flag', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Paging');
    sim.store.seedItems(folder.id, 2500, { subject: (i) => `Newsletter ${i}`, received: '2026-06-01T00:00:00Z', receivedStepSeconds: 60 });
    const pages: { count: number; offset: number | undefined; total: number | undefined; last: boolean }[] = [];
    for await (const page of client().findAllItems({ folder: { id: folder.id } })) {
      const value = ok(page);
      pages.push({ count: value.items.length, offset: value.indexedPagingOffset, total: value.totalItemsInView, last: value.includesLastItemInRange });
    }
    expect(pages).toEqual([
      { count: 1000, offset: 1000, total: 2500, last: false },
      { count: 1000, offset: 2000, total: 2500, last: false },
      { count: 500, offset: 2500, total: 2500, last: true },
    ]);
    const past = ok(await client().findItem({ folder: { id: folder.id }, page: { offset: 5000, maxEntries: 10 } }));
    expect(past.items).toHaveLength(0);
    expect(past.includesLastItemInRange).toBe(true);
  });

  it('sorts and filters by subject, sender, received range and item class', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Filtering');
    sim.store.seedItems(folder.id, 30, {
      subject: (i) => `Invoice ${String(i).padStart(2, '0')}`,
      from: { name: 'Billing Dept', address: 'billing@fabrikam.com' },
      received: '2026-03-31T00:00:00Z',
      receivedStepSeconds: 86_400,
    });
    sim.store.seedItems(folder.id, 20, {
      subject: (i) => `Meeting ${i}`,
      itemClass: 'IPM.Appointment',
      from: { name: 'Dana', address: 'dana@contoso.com' },
      received: '2026-03-31T12:00:00Z',
      receivedStepSeconds: 86_400,
    });
    const c = client();
    const find = async (filter: Parameters<EwsClient['findItem']>[0]['filter']) =>
      ok(await c.findItem({ folder: { id: folder.id }, page: { offset: 0, maxEntries: 1000 }, filter })).items;

    expect(await find({ subjectContains: 'invoice' })).toHaveLength(30);
    expect(await find({ senderContains: 'DANA' })).toHaveLength(20);
    expect(await find({ itemClass: 'IPM.Appointment' })).toHaveLength(20);
    const march = await find({ receivedFrom: '2026-03-20T00:00:00Z', receivedBefore: '2026-03-25T00:00:00Z' });
    expect(march.length).toBe(10);
    for (const item of march) {
      expect(item.dateTimeReceived && item.dateTimeReceived >= '2026-03-20T00:00:00Z' && item.dateTimeReceived < '2026-03-25T00:00:00Z').toBe(true);
    }
    expect(await find({ subjectContains: 'invoice', senderContains: 'dana' })).toHaveLength(0);

    const sorted = ok(await c.findItem({ folder: { id: folder.id }, page: { offset: 0, maxEntries: 5 }, sort: [{ field: 'Subject', order: 'Ascending' }] }));
    expect(sorted.items.map((i) => i.subject)).toEqual(['Invoice 00', 'Invoice 01', 'Invoice 02', 'Invoice 03', 'Invoice 04']);
    expect(sorted.totalItemsInView).toBe(50);
  });

  it('deletes three ways into the documented folders, stamping the original folder and keeping the ChangeKey', async () => {
    const source = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'To clean');
    const ids = sim.store.seedItems(source.id, 3, { subject: (i) => `Delete me ${i}` });
    const changeKeys = ids.map((id) => sim.store.locate(id)?.item.changeKey);
    const c = client();
    const modes = ['MoveToDeletedItems', 'SoftDelete', 'HardDelete'] as const;
    const expected = ['deleteditems', 'recoverableitemsdeletions', 'recoverableitemspurges'];
    for (const [i, mode] of modes.entries()) {
      const subject = `Delete me ${i}`;
      const [result] = await c.deleteItem({ items: [{ id: ids[i] ?? '' }], deleteType: mode });
      ok(result);
      expect(sim.store.locate(ids[i] ?? '')).toBeUndefined();
      const landed = sim.store.folderItems(folderOf(DEMO_ADMIN, expected[i] ?? '').id).find((item) => item.subject === subject);
      expect(landed, `${mode} lands in ${expected[i]}`).toBeDefined();
      expect(landed?.lastActiveParentEntryId).toBe(source.sourceKey);
      if (mode !== 'HardDelete') expect(landed?.changeKey).toBe(changeKeys[i]);
    }
  });

  it('answers ErrorItemNotFound per gone item while the rest of the batch proceeds, in input order', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Batch');
    const ids = sim.store.seedItems(folder.id, 4);
    const c = client();
    ok((await c.deleteItem({ items: [{ id: ids[1] ?? '' }], deleteType: 'HardDelete' }))[0]);
    const results = await c.deleteItem({ items: ids.map((id) => ({ id })), deleteType: 'SoftDelete' });
    expect(results.map((r) => (r.ok ? 'ok' : r.status.responseCode))).toEqual(['ok', 'ErrorItemNotFound', 'ok', 'ok']);
    expect(sim.store.itemCount(folder.id)).toBe(0);

    const malformed = await c.deleteItem({ items: [{ id: 'AAAA' }], deleteType: 'HardDelete' });
    expect(malformed[0]?.status.responseCode).toBe('ErrorInvalidIdMalformed');
  });

  it("moves and copies with new ids; a moved item's old id no longer resolves", async () => {
    const from = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Move source');
    const to = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Move target');
    const [a, b] = sim.store.seedItems(from.id, 2, { subject: (i) => `Item ${i}` });
    const c = client();
    const [moved] = await c.moveItem({ items: [{ id: a ?? '' }], to: { id: to.id } });
    const newId = ok(moved).newId?.id ?? '';
    expect(newId).not.toBe(a);
    expect(sim.store.locate(newId)?.folderId).toBe(to.id);
    expect(sim.store.locate(a ?? '')).toBeUndefined();
    const [again] = await c.moveItem({ items: [{ id: a ?? '' }], to: { id: to.id } });
    expect(again?.status.responseCode).toBe('ErrorItemNotFound');

    const [copied] = await c.copyItem({ items: [{ id: b ?? '' }], to: { id: to.id } });
    const copyId = ok(copied).newId?.id ?? '';
    expect(copyId).not.toBe(b);
    expect(sim.store.locate(b ?? '')?.folderId).toBe(from.id);
    expect(sim.store.locate(copyId)?.folderId).toBe(to.id);
    const [toGone] = await c.moveItem({ items: [{ id: b ?? '' }], to: { id: from.id.slice(0, -8) + 'AAAAAAA=' } });
    expect(toGone?.ok).toBe(false);
  });

  it('supports the recover-to-original recipe: LastActiveParentEntryId matches a folder source key', async () => {
    const home = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Home');
    const ids = sim.store.seedItems(home.id, 5, { subject: (i) => `Recover ${i}` });
    const c = client();
    await c.deleteItem({ items: ids.map((id) => ({ id })), deleteType: 'SoftDelete' });
    const [tree] = await c.findFolder({ parents: [{ distinguished: 'msgfolderroot' }], traversal: 'Deep' });
    const bySourceKey = new Map(ok(tree).folders.map((f) => [f.sourceKey, f.id]));
    const deletions = ok(
      await c.findItem({
        folder: { distinguished: 'recoverableitemsdeletions' },
        page: { offset: 0, maxEntries: 1000 },
        filter: { subjectContains: 'Recover ' },
      }),
    );
    expect(deletions.items).toHaveLength(5);
    for (const item of deletions.items) expect(bySourceKey.get(item.lastActiveParentEntryId)).toBe(home.id);
    const moved = await c.moveItem({ items: deletions.items.map((i: ItemRow) => ({ id: i.id })), to: { id: home.id } });
    expect(moved.every((r) => r.ok)).toBe(true);
    expect(sim.store.itemCount(home.id)).toBe(5);
  });

  it('empties folders with each DeleteType and honours DeleteSubFolders', async () => {
    const c = client();
    const parent = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Empty me');
    const child = sim.store.createFolder(parent.id, 'Child');
    sim.store.seedItems(parent.id, 7);
    sim.store.seedItems(child.id, 2);
    const purgesBefore = sim.store.itemCount(folderOf(DEMO_ADMIN, 'recoverableitemsdeletions').id);
    ok((await c.emptyFolder({ folders: [{ id: parent.id }], deleteType: 'SoftDelete', deleteSubFolders: false }))[0]);
    expect(sim.store.itemCount(parent.id)).toBe(0);
    expect(sim.store.folder(child.id)).toBeDefined();
    expect(sim.store.itemCount(folderOf(DEMO_ADMIN, 'recoverableitemsdeletions').id)).toBe(purgesBefore + 7);
    ok((await c.emptyFolder({ folders: [{ id: parent.id }], deleteType: 'HardDelete', deleteSubFolders: true }))[0]);
    expect(sim.store.folder(child.id)).toBeUndefined();
  });
});

describe('auth and impersonation', () => {
  it('rejects a wrong password as an auth error', async () => {
    const error = await expectEwsError(client({ password: 'wrong' }).getFolder({ folders: [{ distinguished: 'inbox' }] }));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
  });

  it('accepts a configured bearer token', async () => {
    const [result] = await client({ token: 'token-for-alice' }).getFolder({ folders: [{ distinguished: 'inbox' }] });
    expect(ok(result)?.id).toBe(folderOf(ALICE, 'inbox').id);
  });

  it('impersonates only where granted', async () => {
    const [asAlice] = await client({ impersonate: ALICE }).getFolder({ folders: [{ distinguished: 'inbox' }] });
    expect(ok(asAlice)?.id).toBe(folderOf(ALICE, 'inbox').id);
    const [other] = await client().getFolder({ folders: [{ distinguished: 'inbox', mailbox: BOB }] });
    expect(ok(other)?.id).toBe(folderOf(BOB, 'inbox').id);
    const denied = await expectEwsError(client({ user: ALICE, impersonate: BOB }).getFolder({ folders: [{ distinguished: 'inbox' }] }));
    expect(denied.kind).toBe('fault');
    expect(denied.responseCode).toBe('ErrorImpersonateUserDenied');
  });
});

describe('faults and throttling surface as typed errors', () => {
  const cases = [
    { kind: 'http503', expected: 'http', retryable: true },
    // Whether to resend after a server fault or a cut-off answer is the engine's call (a
    // non-idempotent move must be verified first), so the client makes no promise there.
    { kind: 'internalErrorFault', expected: 'fault', retryable: undefined },
    { kind: 'connectionReset', expected: 'network', retryable: true },
    { kind: 'noAnswer', expected: 'timeout', retryable: true },
    { kind: 'malformedXml', expected: 'malformed', retryable: undefined },
    { kind: 'htmlLoginPage', expected: 'html', retryable: false },
  ] as const;
  for (const { kind, expected, retryable } of cases) {
    it(`${kind} → ${expected}`, async () => {
      sim.setFaults({ rates: { [kind]: 1 } });
      try {
        const error = await expectEwsError(client({ timeoutMs: 400 }).getFolder({ folders: [{ distinguished: 'inbox' }] }));
        expect(error.kind).toBe(expected);
        if (retryable !== undefined) expect(error.retryable).toBe(retryable);
        expect(error.message.length).toBeGreaterThan(10);
      } finally {
        sim.setFaults({ rates: { [kind]: 0 } });
      }
    });
  }

  it('a lost response is a network error although the change was applied', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Lost');
    const [id] = sim.store.seedItems(folder.id, 1);
    sim.setFaults({ rates: { lostResponse: 1 } });
    try {
      const error = await expectEwsError(client().deleteItem({ items: [{ id: id ?? '' }], deleteType: 'HardDelete' }));
      expect(error.kind).toBe('network');
    } finally {
      sim.setFaults({ rates: { lostResponse: 0 } });
    }
    expect(sim.store.locate(id ?? '')).toBeUndefined();
  });

  it('injected per-item errors come back as values next to successes', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Per item');
    const ids = sim.store.seedItems(folder.id, 20);
    sim.setFaults({ itemErrorRates: { ErrorInternalServerError: 0.4 }, seed: 7 });
    try {
      const results = await client().deleteItem({ items: ids.map((id) => ({ id })), deleteType: 'SoftDelete' });
      expect(results).toHaveLength(20);
      const codes = results.map((r) => r.status.responseCode);
      expect(codes).toContain('NoError');
      expect(codes).toContain('ErrorInternalServerError');
      results.forEach((r, i) => {
        if (!r.ok) expect(sim.store.locate(ids[i] ?? '')?.folderId).toBe(folder.id);
        else expect(sim.store.locate(ids[i] ?? '')).toBeUndefined();
      });
    } finally {
      sim.setFaults({ itemErrorRates: { ErrorInternalServerError: 0 } });
    }
  });

  it('a batch-stopping error makes every later item a Warning ErrorBatchProcessingStopped', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Stopped');
    const ids = sim.store.seedItems(folder.id, 10);
    sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0.3 }, seed: 3 });
    try {
      const results = await client().deleteItem({ items: ids.map((id) => ({ id })), deleteType: 'SoftDelete' });
      const first = results.findIndex((r) => r.status.responseCode === 'ErrorAccessDenied');
      expect(first).toBeGreaterThanOrEqual(0);
      for (const r of results.slice(first + 1)) {
        expect(r.status.responseCode).toBe('ErrorBatchProcessingStopped');
        expect(r.status.responseClass).toBe('Warning');
      }
      expect(sim.store.itemCount(folder.id)).toBe(ids.length - first);
    } finally {
      sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0 } });
    }
  });

  it('a spent budget answers ErrorServerBusy with BackOffMilliseconds', async () => {
    const folder = sim.store.createFolder(folderOf(DEMO_ADMIN, 'inbox').id, 'Busy');
    const ids = sim.store.seedItems(folder.id, 40);
    sim.setThrottling({ enabled: true, itemCostMs: 1, burstMs: 20, rechargeMsPerSecond: 10, maxConcurrency: 27, batchBudgetMs: 60_000 });
    sim.resetThrottling();
    try {
      const c = client({ timeoutMs: 5_000 });
      await c.deleteItem({ items: ids.slice(0, 30).map((id) => ({ id })), deleteType: 'SoftDelete' });
      const error = await expectEwsError(c.deleteItem({ items: ids.slice(30).map((id) => ({ id })), deleteType: 'SoftDelete' }));
      expect(error.kind).toBe('fault');
      expect(error.responseCode).toBe('ErrorServerBusy');
      expect(error.backOffMs).toBeGreaterThan(0);
      expect(error.retryable).toBe(true);
    } finally {
      sim.setThrottling(false);
      sim.resetThrottling();
    }
  });

  it('a request beyond the concurrency cap answers ErrorExceededConnectionCount while the others carry on', async () => {
    sim.setThrottling({ enabled: true, maxConcurrency: 2, itemCostMs: 0, burstMs: 1e9, rechargeMsPerSecond: 1e9 });
    sim.setFaults({ requestLatencyMs: 300 });
    try {
      const c = client();
      const calls = Array.from({ length: 4 }, () =>
        c.getFolder({ folders: [{ distinguished: 'inbox' }] }).then(
          () => 'ok',
          (e: unknown) => e,
        ),
      );
      const outcomes = await Promise.all(calls);
      const refused = outcomes.filter((o): o is EwsError => o instanceof EwsError);
      expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(2);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const e of refused) expect(e.responseCode).toBe('ErrorExceededConnectionCount');
    } finally {
      sim.setFaults({ requestLatencyMs: 0 });
      sim.setThrottling(false);
      sim.resetThrottling();
    }
  });
});

describe('schema conformance of this whole conversation', () => {
  it.skipIf(!schemaAvailable)('every request sent and every SOAP response received validates against the EWS schemas', async () => {
    const docs = records.flatMap((r, i) => {
      const out = [{ name: `request ${i} ${r.operation}`, xml: r.requestXml }];
      // Injected HTML pages, 503 bodies and cut-off XML are not SOAP by design; everything else must be.
      if (r.responseXml && /<(\w+:)?Envelope[\s>]/.test(r.responseXml) && /<\/(\w+:)?Envelope>\s*$/.test(r.responseXml)) {
        out.push({ name: `response ${i} ${r.operation} (HTTP ${r.status ?? '?'})`, xml: r.responseXml });
      }
      return out;
    });
    expect(docs.length).toBeGreaterThan(60);
    expect(docs.some((d) => d.xml.includes('Fault>'))).toBe(true);
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
  if (!schemaAvailable) it.skip(schemaSkipReason, () => undefined);
});
