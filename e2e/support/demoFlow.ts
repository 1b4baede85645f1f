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
  await tree.getByRole('treeitem', { name: /^Inbox, / }).first().click();
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

  await tree.getByRole('treeitem', { name: /^Deletions, / }).first().click();
  await window.getByRole('search', { name: 'Quick filter' }).getByLabel('Subject contains').fill(subject);
  const deleted = window.getByRole('grid', { name: 'Items in Deletions' }).getByRole('row', { name: new RegExp(escapeRegExp(subject)) }).first();
  await expect(deleted).toContainText('Inbox');
  // The quick filter applies after a short pause and reloads the view, which clears a selection
  // made before it: click until the selection holds.
  const actions = window.getByRole('toolbar', { name: 'Item actions' });
  await expect(async () => {
    await deleted.click();
    await expect(actions).toContainText('1 selected', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await actions.getByRole('button', { name: 'Recover…' }).click();
  await window.getByRole('dialog').getByRole('button', { name: 'Next: preview' }).click();
  await window.getByRole('dialog').getByRole('button', { name: /^Recover \d/ }).click();
  await expect(panel.getByRole('status')).toContainText('Finished', { timeout: 30_000 });

  await tree.getByRole('treeitem', { name: /^Inbox, / }).first().click();
  await window.getByRole('search', { name: 'Quick filter' }).getByLabel('Subject contains').fill(subject);
  await expect(window.getByRole('grid', { name: 'Items in Inbox' }).getByRole('row', { name: new RegExp(escapeRegExp(subject)) }).first()).toBeVisible();
}
