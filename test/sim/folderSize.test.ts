// Folder sizes on the wire: PidTagMessageSizeExtended (0x0E08, Long) on folders is the sum of the
// folder's own items' sizes ([MS-OXCFOLD] 2.2.2.2.1.11); the Recoverable Items root also carries the
// extra dumpster bytes tests set, so the dumpster's folder sizes add up to the quota's figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, schemaSkipReason, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import { ADMIN, dist, findFolder, getFolder, post } from './helpers';

const SIZE_PROP = '<t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Long"/>';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.05, bulkItems: 0, throttling: false });
});
afterAll(() => sim.close());

/** FolderId → size from the answer's t:ExtendedProperty values. */
function sizes(xml: string): Map<string, number> {
  const out = new Map<string, number>();
  const re =
    /<t:(?:Folder|CalendarFolder|ContactsFolder|TasksFolder|SearchFolder)><t:FolderId Id="([^"]+)"[\s\S]*?<\/t:(?:Folder|CalendarFolder|ContactsFolder|TasksFolder|SearchFolder)>/g;
  for (const m of xml.matchAll(re)) {
    const value = /<t:ExtendedFieldURI PropertyTag="0xe08" PropertyType="Long"\/><t:Value>(\d+)<\/t:Value>/.exec(m[0]);
    if (value) out.set(m[1] ?? '', Number(value[1]));
  }
  return out;
}

function storeBytes(folderId: string): number {
  return sim.store.folderItems(folderId).reduce((sum, item) => sum + item.size, 0);
}

describe('folder size (0x0E08 Long)', () => {
  it("answers each dumpster folder's own item bytes, and the root's extra bytes", async () => {
    sim.store.setRetention(ADMIN, { extraDumpsterBytes: { primary: 5_000_000 } });
    const root = sim.store.folderByDistinguished(ADMIN, 'recoverableitemsroot');
    const answer = await post(sim, findFolder(dist('recoverableitemsroot'), 'Deep', '', SIZE_PROP));
    expect(answer.status).toBe(200);
    const found = sizes(answer.text);
    const children = sim.store.allFolders(ADMIN).filter((f) => f.inDumpster && f.id !== root?.id);
    expect(children.length).toBeGreaterThanOrEqual(4);
    for (const folder of children) expect(found.get(folder.id)).toBe(storeBytes(folder.id));
    const rootAnswer = sizes((await post(sim, getFolder(dist('recoverableitemsroot'), SIZE_PROP))).text);
    expect(rootAnswer.get(root?.id ?? '')).toBe(storeBytes(root?.id ?? '') + 5_000_000);
    // The sum is the figure the quota is checked against.
    const total = [...found.values(), ...rootAnswer.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(sim.store.retention(ADMIN).primary.bytes);
    sim.store.setRetention(ADMIN, { extraDumpsterBytes: { primary: 0 } });
  });

  it('follows the folder: bigger as items arrive', async () => {
    const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox');
    const work = sim.store.createFolder(inbox?.id ?? '', 'Size work');
    sim.store.seedItems(work.id, 3, { size: 1000 });
    const before = sizes((await post(sim, getFolder(`<t:FolderId Id="${work.id}"/>`, SIZE_PROP))).text).get(work.id);
    expect(before).toBe(3000);
    sim.store.seedItems(work.id, 2, { size: 500 });
    const after = sizes((await post(sim, getFolder(`<t:FolderId Id="${work.id}"/>`, SIZE_PROP))).text).get(work.id);
    expect(after).toBe(4000);
  });

  it('answers nothing for 0x0E08 asked as Integer on a folder (only the 64-bit form is modelled)', async () => {
    const answer = await post(sim, getFolder(dist('inbox'), '<t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Integer"/>'));
    expect(answer.text).not.toContain('PropertyTag="0xe08"');
  });
});

describe.skipIf(!schemaAvailable)('folder size: response schema conformance', () => {
  it('validates GetFolder and FindFolder answers carrying 0x0E08', async () => {
    const docs: NamedDocument[] = [
      { name: 'GetFolder size', xml: (await post(sim, getFolder(dist('recoverableitemsroot') + dist('archiverecoverableitemspurges'), SIZE_PROP))).text },
      { name: 'FindFolder Deep size', xml: (await post(sim, findFolder(dist('recoverableitemsroot'), 'Deep', '', SIZE_PROP))).text },
    ];
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
});

if (!schemaAvailable) {
  describe('folder size schema', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
