// Evidence collection over many mailboxes: the contract mail with attachments in Alice's and Bob's
// Inboxes is found with the has-attachments filter (the same subject without attachments is left
// alone), then copied into a folder of the admin's mailbox, one subfolder per source mailbox. The
// originals stay where they were. Every step is checked in the simulator's store.
import { connectAsAdmin, expect, test } from '../support/harness';
import type { RunningSimulator } from '../../electron/sim';

const SOURCES = ['alice@contoso.com', 'bob@contoso.com'];
const COLLECTOR = 'admin@contoso.com';
const SUBJECT = 'Supplier contract signed';
const WITH = 4;
const WITHOUT = 3;

function inboxOf(sim: RunningSimulator, user: string) {
  const inbox = sim.store.folderByDistinguished(user, 'inbox');
  if (!inbox) throw new Error(`no inbox for ${user}`);
  return inbox;
}

const contracts = (sim: RunningSimulator, folderId: string) => sim.store.folderItems(folderId).filter((i) => i.subject.startsWith(SUBJECT));

test('collect: hits with attachments in two mailboxes copied into a folder of a third, originals kept', async ({ page, harness }) => {
  const { sim } = harness;
  for (const user of SOURCES) {
    sim.store.seedItems(inboxOf(sim, user).id, WITH, { subject: (i) => `${SUBJECT} ${i + 1} (signed copy)`, hasAttachments: true });
    sim.store.seedItems(inboxOf(sim, user).id, WITHOUT, { subject: (i) => `${SUBJECT} ${i + 1} (reminder)`, hasAttachments: false });
  }

  await connectAsAdmin(page, sim);
  await page.getByRole('button', { name: 'Many mailboxes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Many mailboxes' });
  await dialog.getByLabel('Mailboxes (addresses, one a line, or a CSV export)').fill(SOURCES.join('\n'));
  await dialog.getByRole('button', { name: 'Add mailboxes' }).click();
  await expect(dialog.getByRole('list', { name: 'Chosen mailboxes' }).getByRole('listitem')).toHaveCount(SOURCES.length);
  await dialog.getByRole('radio', { name: 'These folders' }).check();
  await dialog.getByRole('button', { name: 'Next: filters' }).click();

  // The has-attachments filter among the many-mailbox filters: only the signed copies are hits.
  await dialog.getByLabel('Subject contains').fill(SUBJECT);
  await dialog.getByRole('combobox', { name: 'Attachments' }).selectOption({ label: 'Has attachments' });
  await dialog.getByRole('button', { name: 'Search 2 mailboxes' }).click();
  await expect(dialog.getByRole('status')).toContainText(`2 of 2 mailboxes searched: ${WITH * 2} hits`, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Next: action' }).click();

  // The collect action with its mailbox and folder; the button waits for both.
  await dialog.getByRole('radio', { name: 'Copy into a folder of another mailbox (evidence)' }).check();
  const mailbox = dialog.getByLabel('Collection mailbox');
  const folder = dialog.getByLabel('Collection folder');
  await expect(folder).toHaveValue('Evidence');
  await expect(dialog.getByRole('note')).toContainText('Enter the mailbox that receives the copies.');
  await mailbox.fill('Legal team');
  await expect(dialog.getByRole('note')).toContainText('is not a mailbox address');
  await mailbox.fill(COLLECTOR);
  await folder.fill('Case 7/2026');
  await expect(dialog.getByRole('note')).toContainText('no slashes');
  await folder.fill('Case 7');
  const start = dialog.getByRole('button', { name: `Copy to ${COLLECTOR} / Case 7 ${WITH * 2} items in 2 mailboxes` });
  await expect(start).toBeEnabled();
  await start.click();
  const job = page.getByRole('region', { name: 'Many-mailbox job' });
  await expect(job.getByRole('status')).toContainText('Finished (completed)', { timeout: 60_000 });
  await expect(job.getByRole('status')).toContainText(`${WITH * 2} of ${WITH * 2} items`);

  // In the store: one subfolder per source under the collection folder, the signed copies only;
  // the originals, with and without attachments, are still in each Inbox.
  const root = sim.store.folderByPath(COLLECTOR, 'Case 7');
  expect(root).toBeDefined();
  for (const user of SOURCES) {
    const sub = sim.store.folderByPath(COLLECTOR, `Case 7/${user}`);
    if (!sub) throw new Error(`no collection subfolder for ${user}`);
    const copies = contracts(sim, sub.id);
    expect(copies, user).toHaveLength(WITH);
    expect(copies.every((i) => i.hasAttachments && i.subject.endsWith('(signed copy)'))).toBe(true);
    expect(contracts(sim, inboxOf(sim, user).id), user).toHaveLength(WITH + WITHOUT);
  }
  expect(
    sim.store
      .childFolders(root?.id ?? '')
      .map((f) => f.displayName)
      .sort(),
  ).toEqual(SOURCES);
});
