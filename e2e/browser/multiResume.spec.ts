// A job over many mailboxes cut short by quitting the app: the service is stopped the way
// resume.spec.ts stops it for one mailbox's job (disposed, then a new one on the same data folder),
// the page reloaded and signed in again; the Many mailboxes screen lists the job as interrupted,
// Resume finishes it, and the simulator's store shows every hit moved exactly once.
import type { Page } from '@playwright/test';
import { connectAsAdmin, expect, test } from '../support/harness';
import type { RunningSimulator } from '../../electron/sim';

const MAILBOXES = ['admin@contoso.com', 'alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];
const PER_MAILBOX = 300;
const SUBJECT = 'Quarterly figures draft';

function hitsIn(sim: RunningSimulator, user: string, name: string): number {
  const folder = sim.store.folderByDistinguished(user, name);
  if (!folder) throw new Error(`no ${name} for ${user}`);
  return sim.store.folderItems(folder.id).filter((i) => i.subject.startsWith(SUBJECT)).length;
}

const total = (sim: RunningSimulator, name: string): number => MAILBOXES.reduce((n, user) => n + hitsIn(sim, user, name), 0);

async function searchAndSoftDelete(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Many mailboxes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Many mailboxes' });
  await dialog.getByLabel('Mailboxes (addresses, one a line, or a CSV export)').fill(MAILBOXES.join('\n'));
  await dialog.getByRole('button', { name: 'Add mailboxes' }).click();
  await expect(dialog.getByRole('list', { name: 'Chosen mailboxes' }).getByRole('listitem')).toHaveCount(MAILBOXES.length);
  await dialog.getByRole('radio', { name: 'These folders' }).check();
  await dialog.getByRole('button', { name: 'Next: filters' }).click();
  await dialog.getByLabel('Subject contains').fill(SUBJECT);
  await dialog.getByRole('button', { name: `Search ${MAILBOXES.length} mailboxes` }).click();
  await expect(dialog.getByRole('status')).toContainText(`${MAILBOXES.length} of ${MAILBOXES.length} mailboxes searched: 1,200 hits`, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Next: action' }).click();
  await dialog.getByRole('button', { name: `Soft delete 1,200 items in ${MAILBOXES.length} mailboxes` }).click();
}

test('a job over many mailboxes cut short by quitting shows as interrupted and resumes to the end, every hit once', async ({ page, harness }) => {
  const { sim } = harness;
  for (const user of MAILBOXES) {
    const inbox = sim.store.folderByDistinguished(user, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${user}`);
    sim.store.seedItems(inbox.id, PER_MAILBOX, { subject: (i) => `${SUBJECT} ${i + 1}` });
  }
  const before = total(sim, 'recoverableitemsdeletions');
  await connectAsAdmin(page, sim);
  // Slow items, so the job is still running when the app quits.
  sim.setFaults({ itemLatencyMs: 15 });
  await searchAndSoftDelete(page);
  await expect.poll(() => total(sim, 'recoverableitemsdeletions') - before, { timeout: 30_000 }).toBeGreaterThan(0);

  // Quit and start again: batches in flight are answered and journalled, the rest waits.
  await harness.restartService();
  const leftAtQuit = total(sim, 'inbox');
  expect(leftAtQuit).toBeGreaterThan(0);
  expect(leftAtQuit).toBeLessThan(MAILBOXES.length * PER_MAILBOX);
  // Nothing moves while the app is closed.
  await page.waitForTimeout(300);
  expect(total(sim, 'inbox')).toBe(leftAtQuit);
  sim.setFaults({ itemLatencyMs: 0 });
  await page.reload();
  await connectAsAdmin(page, sim);

  await page.getByRole('button', { name: 'Many mailboxes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Many mailboxes' });
  const earlier = dialog.getByRole('table', { name: 'Earlier jobs' });
  const row = earlier.getByRole('row').nth(1);
  await expect(row).toContainText('Interrupted');
  await expect(dialog.getByRole('note')).toContainText('1 job stopped before the end');
  await row.getByRole('button', { name: 'Resume' }).click();
  const job = page.getByRole('region', { name: 'Many-mailbox job' });
  await expect(job.getByRole('status')).toContainText('Finished (completed)', { timeout: 60_000 });
  await expect(job.getByRole('status')).toContainText('1,200 of 1,200 items');
  await expect(job.getByRole('table', { name: 'Items not done' })).toHaveCount(0);

  // Every hit moved exactly once: none left, none twice.
  for (const user of MAILBOXES) {
    expect(hitsIn(sim, user, 'inbox'), user).toBe(0);
    expect(hitsIn(sim, user, 'recoverableitemsdeletions'), user).toBe(PER_MAILBOX);
  }
  expect(total(sim, 'recoverableitemsdeletions') - before).toBe(MAILBOXES.length * PER_MAILBOX);
  // The job list says so too.
  await job.getByRole('button', { name: 'New search' }).click();
  await expect(earlier.getByRole('row').nth(1)).toContainText('Completed');
  await expect(earlier.getByRole('button', { name: 'Resume' })).toHaveCount(0);
});
