// A phishing clean-up over the four demo mailboxes through "Many mailboxes": the same mail seeded
// into each Inbox, found by subject and sender, previewed per mailbox, soft-deleted everywhere.
// Bob's Recoverable Items stand at their quota (the simulator refuses every delete into a full
// dumpster per item, ErrorQuotaExceededOnDelete: EWS-FACTS §7), so his mailbox refuses its hits and
// the report says so; once room is made, "Retry failed" finishes his; then Alice's are recovered.
// Every step is checked in the simulator's store, not only on screen.
import type { Page } from '@playwright/test';
import { connectAsAdmin, expect, test } from '../support/harness';
import type { RunningSimulator } from '../../electron/sim';

const MAILBOXES = ['admin@contoso.com', 'alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];
const PER_MAILBOX = 3;
const SUBJECT = 'Urgent: verify your mailbox password';
const GB = 1024 ** 3;

function folderOf(sim: RunningSimulator, user: string, name: string) {
  const folder = sim.store.folderByDistinguished(user, name);
  if (!folder) throw new Error(`no ${name} for ${user}`);
  return folder;
}

function phishingIn(sim: RunningSimulator, user: string, name: string): number {
  return sim.store.folderItems(folderOf(sim, user, name).id).filter((i) => i.subject.startsWith(SUBJECT)).length;
}

async function waitForFinish(page: Page) {
  const job = page.getByRole('region', { name: 'Many-mailbox job' });
  await expect(job.getByRole('status')).toContainText('Finished (completed)', { timeout: 60_000 });
  return job;
}

test('phishing clean-up over four mailboxes: preview, soft delete, one mailbox refusing, retry, recover', async ({ page, harness }) => {
  const { sim } = harness;
  for (const user of MAILBOXES)
    sim.store.seedItems(folderOf(sim, user, 'inbox').id, PER_MAILBOX, {
      subject: (i) => `${SUBJECT} (${i + 1})`,
      from: { name: 'IT Security', address: 'security@phish.example' },
    });
  sim.store.setRetention('bob@contoso.com', { extraDumpsterBytes: { primary: 30 * GB } });

  await connectAsAdmin(page, sim);
  await page.getByRole('button', { name: 'Many mailboxes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Many mailboxes' });

  // Step 1: the four mailboxes and one name the directory does not know.
  await dialog.getByLabel('Mailboxes (addresses, one a line, or a CSV export)').fill([...MAILBOXES, 'Nobody Atall'].join('\n'));
  await dialog.getByRole('button', { name: 'Add mailboxes' }).click();
  await expect(dialog.getByRole('list', { name: 'Chosen mailboxes' }).getByRole('listitem')).toHaveCount(4);
  await expect(dialog.getByRole('list', { name: 'Entries not used' })).toContainText('Nobody Atall');
  await dialog.getByRole('radio', { name: 'These folders' }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Inbox' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Next: filters' }).click();

  // Step 2: subject and sender; one row per mailbox; Alice's hits shown.
  await dialog.getByLabel('Subject contains').fill('verify your mailbox password');
  await dialog.getByLabel('Sender contains').fill('phish.example');
  await dialog.getByRole('button', { name: 'Search 4 mailboxes' }).click();
  await expect(dialog.getByRole('status')).toContainText(`4 of 4 mailboxes searched: ${PER_MAILBOX * 4} hits`, { timeout: 30_000 });
  const preview = dialog.getByRole('table', { name: 'Hits per mailbox' });
  for (const user of MAILBOXES) await expect(preview.getByRole('row', { name: new RegExp(user) })).toContainText(`Searched${PER_MAILBOX}`);
  await preview
    .getByRole('row', { name: /alice@contoso\.com/ })
    .getByRole('button', { name: `Inbox: ${PER_MAILBOX}` })
    .click();
  const hits = dialog.getByRole('table', { name: 'Hits in alice@contoso.com, Inbox' });
  await expect(hits.getByRole('row', { name: new RegExp(SUBJECT.replace(/[.?]/g, '\\$&')) })).toHaveCount(PER_MAILBOX);
  await dialog.getByRole('button', { name: 'Next: action' }).click();

  // Step 3: soft delete everything; Bob's full dumpster refuses his three.
  await expect(dialog.getByRole('radio', { name: 'Soft delete (to Recoverable Items)' })).toBeChecked();
  await dialog.getByRole('button', { name: `Soft delete ${PER_MAILBOX * 4} items in 4 mailboxes` }).click();
  let job = await waitForFinish(page);
  const perMailbox = job.getByRole('table', { name: 'Progress per mailbox' });
  await expect(perMailbox.getByRole('row', { name: /bob@contoso\.com/ })).toContainText(`Done0${PER_MAILBOX}${PER_MAILBOX}`);
  const notDone = job.getByRole('table', { name: 'Items not done' });
  await expect(notDone.getByRole('row').filter({ hasText: 'bob@contoso.com' })).toHaveCount(PER_MAILBOX);
  await expect(notDone).toContainText('ErrorQuotaExceededOnDelete');
  await expect(notDone).not.toContainText('alice@contoso.com');
  for (const user of ['admin@contoso.com', 'alice@contoso.com', 'carol@contoso.com']) {
    expect(phishingIn(sim, user, 'inbox'), user).toBe(0);
    expect(phishingIn(sim, user, 'recoverableitemsdeletions'), user).toBe(PER_MAILBOX);
  }
  expect(phishingIn(sim, 'bob@contoso.com', 'inbox')).toBe(PER_MAILBOX);

  // The CSV names the mailbox of every item.
  await job.getByRole('button', { name: 'Export CSV' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Report saved to');
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(harness.savedPaths.at(-1) ?? '', 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]?.startsWith('"mailbox",')).toBe(true);
  expect(csv.filter((line) => line.startsWith('"bob@contoso.com",') && line.includes(',"failed",'))).toHaveLength(PER_MAILBOX);
  expect(csv).toHaveLength(1 + PER_MAILBOX * 4);

  // Room made in Bob's dumpster: retry what failed, across all mailboxes.
  sim.store.setRetention('bob@contoso.com', { extraDumpsterBytes: { primary: 0 } });
  await job.getByRole('button', { name: 'Retry failed' }).click();
  job = await waitForFinish(page);
  await expect(job.getByRole('status')).toContainText(`${PER_MAILBOX} of ${PER_MAILBOX} items`);
  expect(phishingIn(sim, 'bob@contoso.com', 'inbox')).toBe(0);
  expect(phishingIn(sim, 'bob@contoso.com', 'recoverableitemsdeletions')).toBe(PER_MAILBOX);

  // Alice's come back from Recoverable Items to her Inbox.
  await job.getByRole('button', { name: 'New search' }).click();
  for (const user of ['admin@contoso.com', 'bob@contoso.com', 'carol@contoso.com']) await dialog.getByRole('button', { name: `Remove ${user}` }).click();
  await dialog.getByRole('checkbox', { name: 'Inbox' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Recoverable Items (Deletions)' }).check();
  await dialog.getByRole('button', { name: 'Next: filters' }).click();
  await dialog.getByLabel('Subject contains').fill('verify your mailbox password');
  await dialog.getByRole('button', { name: 'Search 1 mailbox' }).click();
  await expect(dialog.getByRole('status')).toContainText(`1 of 1 mailbox searched: ${PER_MAILBOX} hits`, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Next: action' }).click();
  await dialog.getByRole('radio', { name: 'Recover to their original folders' }).check();
  await dialog.getByRole('button', { name: `Recover ${PER_MAILBOX} items in 1 mailbox` }).click();
  job = await waitForFinish(page);
  expect(phishingIn(sim, 'alice@contoso.com', 'inbox')).toBe(PER_MAILBOX);
  expect(phishingIn(sim, 'alice@contoso.com', 'recoverableitemsdeletions')).toBe(0);
  expect(phishingIn(sim, 'carol@contoso.com', 'recoverableitemsdeletions')).toBe(PER_MAILBOX);
});
