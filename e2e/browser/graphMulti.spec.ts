// Many mailboxes on an Exchange Online (Microsoft Graph) connection: the admin connects over Graph
// with the delegated sign-in in the "system browser" once; the header offers "Many mailboxes…"
// because the service says this connection can do it; two mailboxes (the admin's FullAccess,
// Mail.ReadWrite.Shared) are previewed with their real sizes (PR_MESSAGE_SIZE over Graph, no
// longer 0) and the hits are soft-deleted, every step checked in the simulator's store.
import type { Page } from '@playwright/test';
import { DEMO_ADMIN } from '../../electron/sim';
import type { RunningSimulator } from '../../electron/sim';
import { fillGraphForm, signInInBrowser } from '../support/graphForm';
import { expect, screenshot, test } from '../support/harness';

test.use({ graph: true });

const SUBJECT = 'Quarterly bonus statement';
/** Hits per mailbox and the size of each (bytes): 3 × 40 KB and 5 × 20 KB. */
const SEEDED = { 'alice@contoso.com': { count: 3, size: 40 * 1024 }, 'bob@contoso.com': { count: 5, size: 20 * 1024 } } as const;

function folderOf(sim: RunningSimulator, user: string, name: string) {
  const folder = sim.store.folderByDistinguished(user, name);
  if (!folder) throw new Error(`no ${name} for ${user}`);
  return folder;
}

function hitsIn(sim: RunningSimulator, user: string, name: string): number {
  return sim.store.folderItems(folderOf(sim, user, name).id).filter((i) => i.subject.startsWith(SUBJECT)).length;
}

async function waitForFinish(page: Page) {
  const job = page.getByRole('region', { name: 'Many-mailbox job' });
  await expect(job.getByRole('status')).toContainText('Finished (completed)', { timeout: 60_000 });
  return job;
}

test('Many mailboxes over Graph: offered on the Graph connection, two mailboxes previewed with their sizes, hits soft-deleted', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const { sim, graph } = harness;
  if (graph === undefined) throw new Error('the harness started no Graph simulator');
  for (const [user, { count, size }] of Object.entries(SEEDED)) {
    sim.store.seedItems(folderOf(sim, user, 'inbox').id, count, { subject: (i) => `${SUBJECT} ${i + 1}`, size });
    sim.store.seedItems(folderOf(sim, user, 'inbox').id, 2, { subject: 'Lunch on Friday', size });
  }

  await fillGraphForm(page, graph, DEMO_ADMIN);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await signInInBrowser(graph);
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Many mailboxes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Many mailboxes' });

  // Step 1: the two mailboxes, their Inboxes.
  await dialog.getByLabel('Mailboxes (addresses, one a line, or a CSV export)').fill(Object.keys(SEEDED).join('\n'));
  await dialog.getByRole('button', { name: 'Add mailboxes' }).click();
  await expect(dialog.getByRole('list', { name: 'Chosen mailboxes' }).getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('radio', { name: 'These folders' }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Inbox' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Next: filters' }).click();

  // Step 2: the preview, one row per mailbox, with the hits' real sizes (3 × 40 KB, 5 × 20 KB).
  await dialog.getByLabel('Subject contains').fill(SUBJECT);
  await dialog.getByRole('button', { name: 'Search 2 mailboxes' }).click();
  await expect(dialog.getByRole('status')).toContainText('2 of 2 mailboxes searched: 8 hits (220 KB) in 2 mailboxes', { timeout: 30_000 });
  const preview = dialog.getByRole('table', { name: 'Hits per mailbox' });
  await expect(preview.getByRole('row', { name: /alice@contoso\.com/ })).toContainText('Searched3120 KB');
  await expect(preview.getByRole('row', { name: /bob@contoso\.com/ })).toContainText('Searched5100 KB');
  await preview
    .getByRole('row', { name: /bob@contoso\.com/ })
    .getByRole('button', { name: 'Inbox: 5' })
    .click();
  const hits = dialog.getByRole('table', { name: 'Hits in bob@contoso.com, Inbox' });
  await expect(hits.getByRole('row', { name: new RegExp(SUBJECT) })).toHaveCount(5);
  await expect(hits.getByRole('row', { name: new RegExp(SUBJECT) }).first()).toContainText('20 KB');
  await screenshot(page, 'graph-multi-01-preview');
  await dialog.getByRole('button', { name: 'Next: action' }).click();

  // Step 3: soft delete everything found; it lands in each mailbox's Recoverable Items.
  await expect(dialog.getByRole('radio', { name: 'Soft delete (to Recoverable Items)' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Soft delete 8 items in 2 mailboxes' }).click();
  const job = await waitForFinish(page);
  const perMailbox = job.getByRole('table', { name: 'Progress per mailbox' });
  await expect(perMailbox.getByRole('row', { name: /alice@contoso\.com/ })).toContainText('Done3');
  await expect(perMailbox.getByRole('row', { name: /bob@contoso\.com/ })).toContainText('Done5');
  await screenshot(page, 'graph-multi-02-done');
  for (const [user, { count }] of Object.entries(SEEDED)) {
    expect(hitsIn(sim, user, 'inbox'), user).toBe(0);
    expect(hitsIn(sim, user, 'recoverableitemsdeletions'), user).toBe(count);
    expect(
      sim.store.folderItems(folderOf(sim, user, 'inbox').id).filter((i) => i.subject === 'Lunch on Friday'),
      user,
    ).toHaveLength(2);
  }
  // One browser sign-in: the many-mailbox flow signed in again silently from the kept one.
  expect(graph.opened).toHaveLength(1);
});
