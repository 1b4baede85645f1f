// The reading pane (issue 9 §2): one selected item shows its headers and body; several selected
// ask for one; a hostile HTML body (script, remote image with onerror, meta refresh, remote
// stylesheet and background) is cleaned before it reaches a sandboxed, script-free, network-free
// frame: no request leaves the page (not even one the route would refuse: the page must not try),
// no dialog opens, nothing the script would log or change happens, and the pane says what it blocked.
import { BasicAuth, EwsClient } from '../../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, type RunningSimulator } from '../../electron/sim';
import { CONTENT_SECURITY_POLICY } from '../../electron/windowSecurity';
import { connectAsAdmin, dataRow, expect, grid, openFolder, test } from '../support/harness';
import { distinguishedFolder } from '../support/seeding';

const HOSTILE_HTML =
  '<html><head><meta http-equiv="refresh" content="0;url=http://tracker.invalid/refresh">' +
  '<link rel="stylesheet" href="http://tracker.invalid/style.css"></head>' +
  '<body><p>Quarterly <b>numbers</b> attached</p>' +
  '<script>console.log("script ran"); document.body.setAttribute("data-ran", "yes"); alert("script");</script>' +
  '<img src="http://tracker.invalid/pixel.gif" onerror="console.log(\'onerror ran\'); alert(\'onerror\')">' +
  '<div style="background: url(http://tracker.invalid/bg.png)">styled</div></body></html>';

async function seedPaneFolder(sim: RunningSimulator): Promise<void> {
  const inbox = distinguishedFolder(sim, 'inbox');
  const folder = sim.store.createFolder(inbox.id, 'Pane');
  const client = new EwsClient({ url: sim.url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD) });
  const from = { name: 'Sara Davis', address: 'sara.davis@fabrikam.com' };
  const results = await client.createItem({
    folder: { id: folder.id },
    messages: [
      {
        subject: 'Pane plain',
        from,
        receivedAt: '2025-10-02T09:00:00Z',
        body: { type: 'Text', content: 'Hello from the plain body.\nSecond line.' },
        isRead: true,
      },
      { subject: 'Pane hostile', from, receivedAt: '2025-10-01T09:00:00Z', body: { type: 'HTML', content: HOSTILE_HTML }, isRead: true },
    ],
  });
  client.close();
  if (!results.every((r) => r.ok)) throw new Error('could not seed the reading pane items');
}

test('one selected item shows its headers and body; several ask for one', async ({ page, harness }) => {
  await seedPaneFolder(harness.sim);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Pane');
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  await expect(pane).toContainText('Select one item to read it here.');

  await grid(page)
    .getByRole('row', { name: /Pane plain/ })
    .click();
  await expect(pane.getByRole('heading', { name: 'Pane plain' })).toBeVisible();
  const headers = pane.locator('dl.reading-headers');
  await expect(headers).toContainText('Sara Davis <sara.davis@fabrikam.com>');
  await expect(headers).toContainText('Received');
  await expect(headers).toContainText('Size');
  await expect(headers.locator('dt', { hasText: 'Message-ID' }).locator('xpath=following-sibling::dd[1]')).toHaveText(/^<.+@.+>$/);
  await expect(pane.getByLabel('Message body')).toHaveText('Hello from the plain body.\nSecond line.');

  await dataRow(page, 2).click({ modifiers: ['ControlOrMeta'] });
  await expect(pane).toContainText('Select one item to read it here.');
});

test('a deleted item names its original folder and when it was deleted', async ({ page, harness }) => {
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Deletions');
  await dataRow(page, 1).click();
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  const headers = pane.locator('dl.reading-headers');
  await expect(headers.locator('dt', { hasText: 'Deleted' })).toBeVisible();
  await expect(headers.locator('dt', { hasText: 'Original folder' })).toBeVisible();
  await expect(headers.locator('dt', { hasText: 'Original folder' }).locator('xpath=following-sibling::dd[1]')).not.toBeEmpty();
});

test('a hostile HTML body runs nothing and fetches nothing', async ({ page, harness }) => {
  await seedPaneFolder(harness.sim);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Pane');
  const origin = new URL(page.url()).origin;

  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  // The whole context: the page, its frames and anything they could open.
  page.context().on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => consoleLines.push(message.text()));
  // Anything bound for another origin is refused here as well, so even a miss could not fetch.
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );

  await grid(page)
    .getByRole('row', { name: /Pane hostile/ })
    .click();
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  await expect(pane.getByLabel('Message body')).toContainText('Quarterly numbers attached');
  await pane.getByRole('radio', { name: /HTML/ }).check();

  const frameElement = pane.locator('iframe');
  await expect(frameElement).toHaveAttribute('sandbox', '');
  await expect(frameElement).toHaveAttribute('title', 'Message body (HTML, sandboxed)');
  const frame = page.frameLocator('.reading-pane iframe');
  await expect(frame.locator('p')).toHaveText('Quarterly numbers attached');
  await expect(pane.getByRole('note')).toHaveText(
    'Remote content blocked: 1 image, 2 styles that load from elsewhere, 2 scripts, frames or other active content.',
  );
  // What reached the frame: a placeholder for the pixel, nothing that loads or runs.
  await expect(frame.locator('[data-blocked]')).toHaveText('Remote image blocked');
  await expect(frame.locator('img, link, script, meta[http-equiv="refresh"], [onerror], [style*="url("]')).toHaveCount(0);
  await expect(frame.locator('div', { hasText: 'styled' })).toBeVisible();
  // Time for a meta refresh, an onerror or a late image to act.
  await page.waitForTimeout(1500);

  expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  expect(requests).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(consoleLines.filter((line) => line.includes('ran'))).toEqual([]);
  await expect(frame.locator('body')).not.toHaveAttribute('data-ran', 'yes');
  // The frame still shows the message (the refresh did not navigate it away).
  await expect(frame.locator('p')).toHaveText('Quarterly numbers attached');
});

test("the desktop app's own CSP (frame-src 'none') still shows the sandboxed body", async ({ page, harness }) => {
  await seedPaneFolder(harness.sim);
  // The header electron/main.ts sends with every app:// page, added to the page served here.
  let served = 0;
  await page.route(/\/index\.html$/, async (route) => {
    served += 1;
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY } });
  });
  await page.reload();
  expect(served).toBe(1);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Pane');
  const elsewhere: string[] = [];
  const origin = new URL(page.url()).origin;
  page.context().on('request', (request) => {
    if (!request.url().startsWith(origin)) elsewhere.push(request.url());
  });
  await grid(page)
    .getByRole('row', { name: /Pane hostile/ })
    .click();
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  await pane.getByRole('radio', { name: /HTML/ }).check();
  await expect(page.frameLocator('.reading-pane iframe').locator('p')).toHaveText('Quarterly numbers attached');
  await page.waitForTimeout(500);
  expect(elsewhere).toEqual([]);
});
