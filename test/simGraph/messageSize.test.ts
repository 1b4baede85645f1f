// PR_MESSAGE_SIZE over the Graph simulator: Graph's message resource has no size property, so a
// client expands singleValueExtendedProperties with id "Integer 0x0E08" (PidTagMessageSize,
// PtypInteger32); the value is decimal text equal to the store's item size (EWS's Size), on a list
// and on a single message, beside LastActiveParentEntryId when both are asked with `or`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, call } from './helpers';

let sim: RunningGraphSimulator;
let token: string;
let folderId: string;

const SIZE = "$expand=singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')";

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false }, throttling: false });
  token = sim.mintAccessToken({ user: ADMIN });
  const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
  if (!inbox) throw new Error('no inbox');
  const folder = sim.ews.store.createFolder(inbox.id, 'Sizes');
  folderId = folder.id;
  sim.ews.store.seedItems(folderId, 3, { subject: (i) => `sized ${i}`, size: 70_000 });
  sim.ews.store.seedItems(folderId, 2, { subject: (i) => `default ${i}` });
});
afterAll(() => sim.close());

async function graphFolderId(): Promise<string> {
  const list = await call(sim, `/me/mailFolders/inbox/childFolders?$top=50`, { token });
  return list.body.value.find((f: { displayName: string }) => f.displayName === 'Sizes').id;
}

type Listed = { subject: string; singleValueExtendedProperties: { id: string; value: string }[] };

describe('PR_MESSAGE_SIZE over Graph', () => {
  it("answers each listed message's size as decimal text, the store's size", async () => {
    const page = await call(sim, `/me/mailFolders/${await graphFolderId()}/messages?$top=10&$select=subject&${SIZE}`, { token });
    expect(page.status).toBe(200);
    const bySubject = new Map(sim.ews.store.folderItems(folderId).map((i) => [i.subject, i.size]));
    const listed = page.body.value as Listed[];
    expect(listed).toHaveLength(5);
    for (const m of listed) expect(m.singleValueExtendedProperties).toEqual([{ id: 'Integer 0x0E08', value: String(bySubject.get(m.subject)) }]);
    expect(listed.filter((m) => m.singleValueExtendedProperties[0]?.value === '70000')).toHaveLength(3);
    // The store's default size is not zero either: every message has one.
    expect(listed.every((m) => Number(m.singleValueExtendedProperties[0]?.value) > 0)).toBe(true);
  });

  it('answers it on a single message beside LastActiveParentEntryId, each id as asked', async () => {
    const page = await call(sim, `/me/mailFolders/${await graphFolderId()}/messages?$top=1&$select=id`, { token });
    const id = (page.body.value as { id: string }[])[0]?.id ?? '';
    const both = "$expand=singleValueExtendedProperties($filter=id eq 'Binary 0x348A' or id eq 'integer 0x0e08')";
    const one = await call(sim, `/me/messages/${id}?$select=subject&${both}`, { token });
    expect(one.status).toBe(200);
    const item = sim.ews.store.folderItems(folderId).find((i) => i.subject === one.body.subject);
    // Not deleted: no LastActiveParentEntryId, only the size (under the id as the request spelled it).
    expect(one.body.singleValueExtendedProperties).toEqual([{ id: 'integer 0x0e08', value: String(item?.size) }]);
  });

  it('gives nothing for the tag under another type (the id names the type too)', async () => {
    const wrongType = "$expand=singleValueExtendedProperties($filter=id eq 'Binary 0x0E08')";
    const page = await call(sim, `/me/mailFolders/${await graphFolderId()}/messages?$top=2&$select=id&${wrongType}`, { token });
    expect(page.status).toBe(200);
    expect((page.body.value as Listed[]).map((m) => m.singleValueExtendedProperties)).toEqual([[], []]);
  });
});
