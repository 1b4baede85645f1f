// Cancel for an EWS connect waiting on a server that never answers (an admin who typed the wrong
// host): a TCP server started here on 127.0.0.1 accepts the connection and reads the request but
// never answers. The connect screen says "Connecting to <host>…" with Cancel; Cancel ends the
// attempt at once as "Connection to <host> cancelled." (no error panel, nothing saved), the server
// sees its socket close; Test connection cancels the same way; then a connect to the simulator works.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { expect, screenshot, test } from '../support/harness';

let server: Server;
const open = new Set<Socket>();
let received = 0;
let host = '';

test.beforeAll(async () => {
  server = createServer((socket) => {
    open.add(socket);
    socket.on('data', (chunk) => (received += chunk.length));
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('Cancel ends an EWS connect and a Test connection waiting on a silent server; the next connect works', async ({ page, harness }) => {
  test.setTimeout(90_000);
  await page.getByLabel('EWS URL').fill(`http://${host}/EWS/Exchange.asmx`);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Save as a profile').check();
  await page.getByLabel('Profile name').fill('Wrong host');
  const before = received;
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  const waiting = page.getByRole('status').filter({ hasText: `Connecting to ${host}…` });
  await expect(waiting).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connecting…' })).toBeDisabled();
  await expect.poll(() => received).toBeGreaterThan(before);
  expect(open.size).toBeGreaterThan(0);
  await screenshot(page, 'ews-cancel-01-connecting');

  const started = Date.now();
  await waiting.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Connection to ${host} cancelled.` })).toBeVisible();
  // Far inside the 30 s the sign-in would wait: the cancel ended it.
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  // The transport's connection is closed, nothing was saved, no session is open.
  await expect.poll(() => open.size, { timeout: 2_000 }).toBe(0);
  expect((await harness.service.listProfiles()).profiles).toEqual([]);
  await expect(page.getByRole('tree', { name: 'Folders' })).toHaveCount(0);
  await screenshot(page, 'ews-cancel-02-cancelled');

  // Test connection waits on the same server (its scheme probe) and cancels the same way.
  await page.getByLabel('Save as a profile').uncheck();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const testing = page.getByRole('status').filter({ hasText: `Testing the connection to ${host}…` });
  await expect(testing).toBeVisible();
  await testing.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByText('The test was cancelled.', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeEnabled();
  await expect.poll(() => open.size, { timeout: 2_000 }).toBe(0);

  // A normal connect right after.
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('banner')).toContainText(DEMO_ADMIN);
});
