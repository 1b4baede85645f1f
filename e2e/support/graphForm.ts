// The Graph half of the connect form and the delegated sign-in in the "system browser", shared by
// the Graph specs (graphFlow.spec.ts, graphCancel.spec.ts).
import type { Page } from '@playwright/test';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { DEMO_CLIENT_ID } from '../../electron/simGraph';
import type { GraphSide } from './graphSide';
import { expect } from './harness';

/** Fills the Graph half of the connect form for the simulator's tenant and authority. */
export async function fillGraphForm(page: Page, graph: GraphSide, mailbox: string): Promise<void> {
  await page.getByRole('radio', { name: 'Exchange Online (Microsoft Graph)' }).check();
  await page.getByLabel('Tenant ID').fill(graph.sim.tenantId);
  await page.getByLabel('Application (client) ID').fill(DEMO_CLIENT_ID);
  await page.getByLabel('Mailbox to open').fill(mailbox);
  await page.locator('summary', { hasText: 'Advanced' }).click();
  await page.getByLabel('Sign-in authority').fill(graph.sim.authority);
  await page.getByLabel('Graph endpoint').fill(graph.sim.graphUrl);
}

/** Signs in on the authority's page the app opened in the "system browser". */
export async function signInInBrowser(graph: GraphSide): Promise<void> {
  const signIn = await graph.nextSignInPage();
  await expect(signIn.getByLabel('Email')).toHaveValue(DEMO_ADMIN);
  await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByText('Signed in to Mailbox Sweeper')).toBeVisible();
}
