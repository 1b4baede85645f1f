import { expect, test } from '../support/harness';

test('the page refuses to navigate away, run inline script or reach the network', async ({ page, harness }) => {
  const appUrl = page.url();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'none'");

  // The app shows no outside links (it would only refuse them), so one is put into the page to
  // check the guard: a link to another site is not followed.
  expect(await page.getByRole('link').count()).toBe(0);
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = 'https://learn.microsoft.com/exchange/';
    link.textContent = 'An outside link';
    document.querySelector('main')?.append(link);
  });
  await page.getByRole('link', { name: 'An outside link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'does not open other sites' })).toBeVisible();
  expect(page.url()).toBe(appUrl);

  // The CSP: no inline script, no network from the page.
  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  const fetchBlocked = await page.evaluate(async (url) => {
    try {
      await fetch(url);
      return false;
    } catch {
      return true;
    }
  }, harness.sim.url);
  expect(fetchBlocked).toBe(true);
  await expect(page.getByRole('heading', { name: 'Connect to Exchange' })).toBeVisible();
});
