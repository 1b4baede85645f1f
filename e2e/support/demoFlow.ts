// The newcomer's first run, shared by the Electron suite and the browser suite: open the demo
// mailbox, soft-delete three Inbox items, find one in Recoverable Items/Deletions (its original
// folder shown as Inbox) and recover it to where it came from.
import { expect, type Page } from '@playwright/test';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function demoDeleteAndRecover(window: Page): Promise<void> {
  await window.getByRole('button', { name: 'Open demo mailbox' }).click();
  // The archive mailbox has folders of the same names; the primary mailbox's come first.
  const tree = window.getByRole('tree', { name: 'Folders' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  await tree
    .getByRole('treeitem', { name: /^Inbox, / })
    .first()
    .click();
  const grid = window.getByRole('grid', { name: 'Items in Inbox' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');

  const row = (position: number) => grid.locator(`[role="row"][aria-rowindex="${position + 1}"]`);
  await expect(row(1)).toHaveAttribute('aria-busy', 'false');
  const subject = (await row(1).locator('.cell-subject').textContent()) ?? '';
  expect(subject).not.toBe('');
  await row(1).click();
  await row(3).click({ modifiers: ['Shift'] });
  await window.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Soft delete' }).click();
  await window.getByRole('dialog').getByRole('button', { name: 'Soft delete 3 items' }).click();
  const panel = window.getByRole('region', { name: 'Job progress' });
  await expect(panel.getByRole('button', { name: 'View report' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('status')).toContainText('Finished');

  await tree
    .getByRole('treeitem', { name: /^Deletions, / })
    .first()
    .click();
  const deletions = window.getByRole('grid', { name: 'Items in Deletions' });
  await expect(deletions).toHaveAttribute('aria-busy', 'false');
  const filter = window.getByRole('search', { name: 'Quick filter' });
  await filter.getByLabel('Subject contains').fill(subject);
  // The quick filter applies after a short pause in typing and reloads the view, clearing any
  // selection made before it: wait until it is applied and the filtered view has loaded.
  await expect(filter.getByRole('status')).toHaveText('Filter active: 1 condition');
  await expect(deletions).toHaveAttribute('aria-busy', 'false');
  const deleted = deletions.getByRole('row', { name: new RegExp(escapeRegExp(subject)) }).first();
  await expect(deleted).toContainText('Inbox');
  const actions = window.getByRole('toolbar', { name: 'Item actions' });
  await deleted.click();
  await expect(actions).toContainText('1 selected');
  const dialog = window.getByRole('dialog', { name: /^Recover 1 item/ });
  await actions.getByRole('button', { name: 'Recover…' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Next: preview' }).click();
  await window
    .getByRole('dialog')
    .getByRole('button', { name: /^Recover \d/ })
    .click();
  await expect(panel.getByRole('status')).toContainText('Finished', { timeout: 30_000 });

  await tree
    .getByRole('treeitem', { name: /^Inbox, / })
    .first()
    .click();
  await window.getByRole('search', { name: 'Quick filter' }).getByLabel('Subject contains').fill(subject);
  await expect(
    window
      .getByRole('grid', { name: 'Items in Inbox' })
      .getByRole('row', { name: new RegExp(escapeRegExp(subject)) })
      .first(),
  ).toBeVisible();
}
