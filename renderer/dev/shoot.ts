// DEVELOPMENT ONLY: screenshots of the renderer against devStubSweeper, light and dark, at
// 1280×800, into e2e/artifacts/dev/. Run: npm run build:renderer && npx tsx renderer/dev/shoot.ts
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { installDevStubSweeper } from './devStubSweeper';

const root = join(process.cwd(), 'out/renderer');
const outDir = join(process.cwd(), 'e2e/artifacts/dev');
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--no-first-run'] });
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    page.on('console', (m) => console.log(`[${scheme}] ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[${scheme}] pageerror: ${e.message}`));
    // tsx may wrap named functions in __name(); give the page a no-op one.
    await page.addInitScript({ content: `var __name = (f) => f; (${installDevStubSweeper.toString()})();` });
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await shoot(page, scheme);
    await page.close();
  }
  await browser.close();
  server.close();
}

async function shoot(page: Page, scheme: string): Promise<void> {
  const snap = (name: string): Promise<Buffer> => page.screenshot({ path: join(outDir, `${name}-${scheme}.png`) });
  await page.getByLabel('User name', { exact: true }).fill('admin@contoso.com');
  await page.getByLabel('Password', { exact: true }).fill('wrong');
  await page.getByLabel('EWS URL').fill('https://mail.contoso.com/EWS/Exchange.asmx');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('alert').waitFor();
  await snap('connect-error');
  await page.getByRole('button', { name: 'Open demo mailbox' }).click();
  await page.getByRole('grid').waitFor();
  await page.getByRole('row', { name: /#1 / }).first().waitFor();
  await page.getByRole('row', { name: /#2 / }).first().click();
  await page.getByRole('row', { name: /#6 / }).first().click({ modifiers: ['Shift'] });
  await snap('table');
  await page.getByRole('treeitem', { name: /^Bulk notifications/ }).click();
  await page.getByRole('row', { name: /#1 / }).first().waitFor();
  await page.getByRole('grid').press('Control+a');
  await snap('select-all');
  await page.getByRole('grid').press('End');
  await page.locator('[role="row"][aria-rowindex="100001"][aria-busy="false"]').waitFor();
  await snap('big-folder-end');
  await page.getByRole('treeitem', { name: /^Deletions/ }).click();
  await page.getByRole('row', { name: /#1 / }).first().waitFor();
  await page.getByRole('row', { name: /#3 / }).first().click();
  await page.getByRole('row', { name: /#3 / }).first().click({ button: 'right' });
  await snap('context-menu');
  await page.getByRole('menuitem', { name: /Recover/ }).click();
  await snap('recover-options');
  await page.getByRole('button', { name: 'Next: preview' }).click();
  await page.getByRole('region', { name: 'Dry-run summary' }).waitFor();
  await snap('dry-run');
  await page.getByRole('dialog').getByRole('button', { name: /^Recover \d/ }).click();
  await page.waitForTimeout(500);
  await snap('progress');
  await page.waitForTimeout(800);
  await page.getByRole('button', { name: 'View report' }).click();
  await page.getByRole('table', { name: 'Failed and unknown items' }).waitFor();
  await snap('results');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('treeitem', { name: /^Inbox/ }).click();
  await page.getByRole('row', { name: /#1 / }).first().waitFor();
  await page.getByRole('grid').press('Control+a');
  await page.getByRole('grid').press('Shift+Delete');
  await page.getByRole('region', { name: 'Dry-run summary' }).waitFor();
  await snap('hard-delete');
}

void main();
