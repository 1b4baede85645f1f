// The planning strategies, one per kind of target, and planJob's choice between them: what each
// plans (seqs, subjects, folders), how pages are released, and where a resumed plan starts.
import { describe, expect, it } from 'vitest';
import { defaultBackoffOptions, AccountGate, realClock } from '../../electron/jobs/backoff';
import type { PlannedItem } from '../../electron/jobs/journal';
import { LIST_PAGE_SIZE } from '../../electron/jobs/keysetListing';
import { planJob, type PlanContext, type PlanPageInfo } from '../../electron/jobs/planner';
import { planEmptyFolder, planIdList, planQuery, PlanWriter } from '../../electron/jobs/planTargets';
import { FIND_ITEM_PAGE_LIMIT } from '../../shared/paging';
import type { JobSpec } from '../../shared/domain';
import { FakeBackend } from './fakeBackend';

const mailbox = { part: 'primary' } as const;

function context(fb: FakeBackend, signal = new AbortController().signal): PlanContext {
  return {
    backend: fb,
    gate: new AccountGate(realClock, { ...defaultBackoffOptions, baseMs: 1, maxMs: 5 }, () => 0.5),
    limits: { maxAttempts: 3, timeoutMs: 10_000 },
    signal,
  };
}

/** A sink that keeps every page, and the found counts it was told. */
function recorder(): {
  pages: { items: PlannedItem[]; info?: PlanPageInfo }[];
  found: number[];
  sink: (items: PlannedItem[], info?: PlanPageInfo) => Promise<void>;
  onFound: (n: number) => void;
} {
  const pages: { items: PlannedItem[]; info?: PlanPageInfo }[] = [];
  const found: number[] = [];
  return { pages, found, sink: async (items, info) => void pages.push({ items, ...(info ? { info } : {}) }), onFound: (n) => void found.push(n) };
}

describe('planning strategies', () => {
  it('a listing page is the FindItem page limit', () => {
    expect(LIST_PAGE_SIZE).toBe(FIND_ITEM_PAGE_LIMIT);
  });

  it('emptyFolder plans the folder itself as the one item, released only when planning ends', async () => {
    const fb = new FakeBackend();
    fb.addFolder('junk', 'Junk');
    const r = recorder();
    const ctx = context(fb);
    const n = await planEmptyFolder(
      { kind: 'emptyFolder', folderId: 'junk', mode: 'HardDelete', deleteSubFolders: false },
      ctx,
      new PlanWriter(0, ctx, r.sink, r.onFound, undefined),
    );
    expect(n).toBe(1);
    expect(r.pages).toEqual([{ items: [{ seq: 0, id: 'junk', subject: 'Junk', folderId: 'junk', size: 0 }] }]);
    expect(r.found).toEqual([1]);
  });

  it('an id list: one page per lookup chunk, in order, each released at once; ids that do not resolve are planned too', async () => {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', 300);
    const ids = [...items.map((i) => i.id), 'gone-1'];
    const r = recorder();
    const ctx = context(fb);
    const n = await planIdList({ kind: 'ids', ids, folderId: 'inbox' }, ctx, new PlanWriter(0, ctx, r.sink, r.onFound, undefined));
    expect(n).toBe(301);
    expect(r.pages.map((p) => [p.items.length, p.info?.released])).toEqual([
      [250, 250],
      [51, 301],
    ]);
    const all = r.pages.flatMap((p) => p.items);
    expect(all.map((p) => p.seq)).toEqual(Array.from({ length: 301 }, (_, i) => i));
    expect(all[0]).toMatchObject({ id: items[0]?.id, subject: items[0]?.subject, folderId: 'inbox', size: items[0]?.size });
    expect(all[300]).toEqual({ seq: 300, id: 'gone-1', subject: '', folderId: 'inbox', size: 0 });
  });

  it('an id list whose lookups cannot be sent (signed out) plans every id without a lookup, then fails with the reason', async () => {
    const fb = new FakeBackend();
    const ids = fb.addItems('inbox', 600).map((i) => i.id);
    // The first lookup is answered; the sign-in goes before the second.
    fb.requestFault = (req) => (req.op === 'get' && req.n > 1 ? { kind: 'fatal', neverSent: true } : undefined);
    const r = recorder();
    const ctx = context(fb);
    await expect(planIdList({ kind: 'ids', ids, folderId: 'inbox' }, ctx, new PlanWriter(0, ctx, r.sink, r.onFound, undefined))).rejects.toMatchObject({
      kind: 'fatal',
      code: 'NoAccessToken',
      neverSent: true,
    });
    const all = r.pages.flatMap((p) => p.items);
    expect(all.map((p) => p.id)).toEqual(ids);
    expect(all[0]?.subject).not.toBe('');
    expect(all[250]).toEqual({ seq: 250, id: ids[250], subject: '', folderId: 'inbox', size: 0 });
  });

  it('an id list resumed at its next id plans only the rest, with their own seqs', async () => {
    const fb = new FakeBackend();
    const ids = fb.addItems('inbox', 260).map((i) => i.id);
    const r = recorder();
    const ctx = context(fb);
    const n = await planIdList({ kind: 'ids', ids }, ctx, new PlanWriter(250, ctx, r.sink, r.onFound, undefined));
    expect(n).toBe(260);
    expect(r.pages.flatMap((p) => p.items).map((p) => [p.seq, p.id])).toEqual(ids.slice(250).map((id, k) => [250 + k, id]));
  });

  it('a query: listed page by page with a cursor, released up to the held last second, the rest at the end', async () => {
    const fb = new FakeBackend();
    fb.addItems('inbox', 1500);
    const r = recorder();
    const ctx = context(fb);
    const n = await planQuery({ kind: 'query', folderId: 'inbox', filter: {} }, ctx, new PlanWriter(0, ctx, r.sink, r.onFound, undefined));
    expect(n).toBe(1500);
    expect(r.pages.map((p) => p.items.length)).toEqual([1000, 500]);
    expect(r.pages.every((p) => p.info?.cursor !== undefined)).toBe(true);
    expect(r.pages.at(-1)?.info?.released).toBe(1500);
  });

  it('planJob picks the strategy by action and target', async () => {
    const fb = new FakeBackend();
    fb.addFolder('junk', 'Junk');
    const items = fb.addItems('junk', 3);
    const plan = async (spec: JobSpec): Promise<PlannedItem[]> => {
      const r = recorder();
      await planJob(spec, context(fb), r.sink);
      return r.pages.flatMap((p) => p.items);
    };
    const del = { kind: 'delete', mode: 'SoftDelete' } as const;
    expect(
      await plan({ mailbox, action: { kind: 'emptyFolder', folderId: 'junk', mode: 'SoftDelete', deleteSubFolders: false }, target: { kind: 'ids', ids: [] } }),
    ).toHaveLength(1);
    expect((await plan({ mailbox, action: del, target: { kind: 'ids', ids: [items[1]?.id ?? ''] } })).map((p) => p.id)).toEqual([items[1]?.id]);
    expect(await plan({ mailbox, action: del, target: { kind: 'query', folderId: 'junk', filter: {} } })).toHaveLength(3);
  });
});
