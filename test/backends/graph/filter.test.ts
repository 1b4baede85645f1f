// The quick and advanced filters over Graph, against the Graph simulator: what the adapter sends
// ($filter with contains(), the receivedDateTime lead for newest first) lists exactly the items
// the EWS side would, for the read side (GraphMailbox) and the job side (GraphJobBackend); a filter
// Graph cannot apply is named in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphMailbox } from '../../../electron/backends/graph/mailbox';
import type { ItemFilter } from '../../../shared/domain';
import { ADMIN, newFolder, never, startRig, type GraphRig } from './support';

let rig: GraphRig;
let mailbox: GraphMailbox;
let folder: string;
let folderEws: string;

beforeAll(async () => {
  rig = await startRig();
  mailbox = new GraphMailbox(rig.graph.client, {
    info: { url: rig.sim.graphUrl, mailbox: ADMIN, demo: false, hasArchive: false },
    actor: ADMIN,
    signedInUser: ADMIN,
  });
  const f = await newFolder(rig, 'Filter test');
  folder = f.graph;
  folderEws = f.ews;
  const store = rig.sim.ews.store;
  const megan = { name: 'Megan Bowen', address: 'megan@contoso.com' };
  const alex = { name: 'Alex Wilber', address: 'alex@fabrikam.com' };
  store.seedItems(f.ews, 3, { subject: (i) => `Quarterly report ${i}`, from: megan, received: '2025-03-01T00:00:00Z', receivedStepSeconds: 3600 });
  store.seedItems(f.ews, 1, { subject: 'Lunch 0', from: alex, isRead: true, received: '2025-02-01T01:00:00Z' });
  store.seedItems(f.ews, 1, { subject: 'Lunch 1', from: alex, isRead: false, received: '2025-02-01T00:00:00Z' });
  store.seedItems(f.ews, 1, { subject: "It's a REPORT", from: alex, received: '2025-01-01T00:00:00Z', itemClass: 'IPM.Appointment' });
});
afterAll(async () => {
  await rig.close();
});

const subjects = async (filter: ItemFilter): Promise<string[]> =>
  (await mailbox.listItems({ folderId: folder, offset: 0, max: 100, filter })).rows.map((r) => r.subject);

describe('filters over Graph (adapter against the simulator)', () => {
  it('"Subject contains" and "Sender contains" list the matching items, newest first, ignoring case', async () => {
    expect(await subjects({ subjectContains: 'report' })).toEqual(['Quarterly report 0', 'Quarterly report 1', 'Quarterly report 2', "It's a REPORT"]);
    expect(await subjects({ subjectContains: "it's" })).toEqual(["It's a REPORT"]);
    expect(await subjects({ senderContains: 'FABRIKAM' })).toEqual(['Lunch 0', 'Lunch 1', "It's a REPORT"]);
    expect(await subjects({ subjectContains: 'report', senderContains: 'fabrikam.com' })).toEqual(["It's a REPORT"]);
    expect(await subjects({ subjectContains: 'nothing like this' })).toEqual([]);
  });

  it('with the advanced filters: received dates, item type (the extended-property lambda), read state', async () => {
    expect(await subjects({ subjectContains: 'report', receivedBefore: '2025-02-15T00:00:00Z' })).toEqual(["It's a REPORT"]);
    expect(await subjects({ subjectContains: 'report', itemClass: 'IPM.Note' })).toEqual(['Quarterly report 0', 'Quarterly report 1', 'Quarterly report 2']);
    expect(await subjects({ itemClass: 'IPM.Appointment' })).toEqual(["It's a REPORT"]);
    // Read and unread split the matches between them, as the store holds them.
    const read = await subjects({ subjectContains: 'lunch', read: 'read' });
    const unread = await subjects({ subjectContains: 'lunch', read: 'unread' });
    const stored = rig.sim.ews.store.folderItems(folderEws).filter((i) => i.subject.startsWith('Lunch'));
    expect(read.sort()).toEqual(
      stored
        .filter((i) => i.isRead)
        .map((i) => i.subject)
        .sort(),
    );
    expect(unread.sort()).toEqual(
      stored
        .filter((i) => !i.isRead)
        .map((i) => i.subject)
        .sort(),
    );
  });

  it('the job side pages the same matches newest first ($orderby led by receivedDateTime in $filter)', async () => {
    const page = await rig.backend.listItems({ folderId: folder, filter: { subjectContains: 'report' }, offset: 0, max: 2, order: 'receivedDesc' }, never());
    expect(page.rows.map((r) => r.subject)).toEqual(['Quarterly report 0', 'Quarterly report 1']);
    expect(page).toMatchObject({ total: 4, last: false });
    const next = await rig.backend.listItems({ folderId: folder, filter: { subjectContains: 'report' }, offset: 2, max: 2, order: 'receivedDesc' }, never());
    expect(next.rows.map((r) => r.subject)).toEqual(['Quarterly report 2', "It's a REPORT"]);
    expect(next.last).toBe(true);
  });

  it('names the filter Graph cannot apply: refused contains() (switch filterFunctions), and "has categories"', async () => {
    rig.sim.setSwitches({ filterFunctions: 'refused' });
    try {
      await expect(subjects({ subjectContains: 'report' })).rejects.toThrow(
        'Microsoft Graph cannot apply the "Subject contains" filter on this mailbox (ErrorInvalidUrlQueryFilter): clear it, or use an EWS connection for it.',
      );
      await expect(subjects({ subjectContains: 'a', senderContains: 'b' })).rejects.toThrow(/the "Subject contains" and "Sender contains" filters/);
      await expect(
        rig.backend.listItems({ folderId: folder, filter: { senderContains: 'x' }, offset: 0, max: 10, order: 'receivedDesc' }, never()),
      ).rejects.toMatchObject({ kind: 'fatal', code: 'FilterUnavailableOverGraph', message: expect.stringContaining('"Sender contains"') });
      // Comparisons still work under the switch.
      expect(await subjects({ receivedBefore: '2025-01-02T00:00:00Z' })).toEqual(["It's a REPORT"]);
    } finally {
      rig.sim.setSwitches({ filterFunctions: 'supported' });
    }
    await expect(subjects({ hasCategories: true })).rejects.toThrow(/"has categories" is not available over Microsoft Graph/);
  });
});
