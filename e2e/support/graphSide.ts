// The Microsoft Graph side of the browser harness: the Graph simulator and its OpenID authority
// on the SAME mailbox store as the EWS simulator, and the app's Graph sign-in (electron/graphSignIn)
// whose "system browser" is a second Playwright page in its own context (the authority's
// self-signed certificate accepted there, as an admin's browser would trust a real one). The test
// drives that page: the authority's sign-in form, then its form_post to MSAL's loopback listener.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { registerBackends } from '../../electron/backends';
import type { SecretStore } from '../../electron/service';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import type { RunningSimulator } from '../../electron/sim';

export interface GraphSide {
  sim: RunningGraphSimulator;
  /** Every address the app asked the system browser to open. */
  opened: string[];
  /** The next sign-in page the app opens in the "system browser". */
  nextSignInPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startGraphSide(ews: RunningSimulator, browser: Browser, dataDir: string, secrets: SecretStore): Promise<GraphSide> {
  const sim = await startGraphSimulator({ simulator: ews, tls: true, throttling: false });
  const opened: string[] = [];
  const pages: Page[] = [];
  const waiting: Array<(page: Page) => void> = [];
  let context: BrowserContext | undefined;
  const openUrl = async (url: string): Promise<void> => {
    opened.push(url);
    context ??= await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(url);
    const waiter = waiting.shift();
    if (waiter) waiter(page);
    else pages.push(page);
  };
  // Registered the way the app registers it (electron/main.ts), with the simulator's authority trusted.
  const unregister = registerBackends({ graph: { dataDir, secrets, openUrl, ca: sim.certificatePem ?? '', interactiveTimeoutMs: 30_000 } });
  return {
    sim,
    opened,
    nextSignInPage: () => {
      const ready = pages.shift();
      return ready ? Promise.resolve(ready) : new Promise<Page>((resolve) => waiting.push(resolve));
    },
    close: async () => {
      unregister();
      await context?.close();
      await sim.close();
    },
  };
}
