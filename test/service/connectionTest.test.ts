// Test connection against the real simulator: every step in order with its outcome, the first
// failing step stopping the rest (shown as skipped), and no secret in any step's text.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offeredSchemes, testConnection } from '../../electron/service/connectionTest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('testConnection', () => {
  it('walks every step against a working server', async () => {
    const result = await testConnection({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, impersonate: 'alice@contoso.com', demo: false });
    expect(result.steps.map((step) => [step.name.replace(/:.*| to .*/, ''), step.outcome])).toEqual([
      ['DNS', 'ok'],
      ['TCP connection', 'ok'],
      ['TLS certificate', 'skipped'],
      ['Sign-in schemes offered', 'ok'],
      ['Sign in and open the mailbox', 'ok'],
      ['Exchange version', 'ok'],
      ['Impersonation', 'ok'],
      ['Recoverable Items', 'ok'],
    ]);
    expect(result.ok).toBe(true);
    expect(result.steps.find((step) => step.name === 'Sign-in schemes offered')?.detail).toMatch(/Offered: .*Basic/);
    expect(result.steps.find((step) => step.name === 'Exchange version')?.detail).toBe('Exchange 15.2.2562.17');
    expect(result.steps.find((step) => step.name === 'Recoverable Items')?.detail).toMatch(/Deletions holds \d+ item/);
    expect(JSON.stringify(result)).not.toContain(DEMO_PASSWORD);
  });

  it('says the sign-in failed and skips what depends on it', async () => {
    const result = await testConnection({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: 'wrong-password', demo: false });
    expect(result.ok).toBe(false);
    const signIn = result.steps.find((step) => step.name === 'Sign in and open the mailbox');
    expect(signIn?.outcome).toBe('failed');
    expect(signIn?.detail).toMatch(/401/);
    expect(result.steps.slice(-3).map((step) => step.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(JSON.stringify(result)).not.toContain('wrong-password');
  });

  it('stops at TCP when nothing listens', async () => {
    const port = await closedPort();
    const result = await testConnection({ url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, demo: false });
    expect(result.steps[1]).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/refused/) });
    expect(result.steps.slice(2).every((step) => step.outcome === 'skipped')).toBe(true);
  });

  it('reports a name that does not resolve', async () => {
    const result = await testConnection(
      { url: 'https://mail.contoso.invalid/EWS/Exchange.asmx', authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, demo: false },
      { resolve: () => Promise.reject(new Error('mail.contoso.invalid could not be resolved (ENOTFOUND).')) },
    );
    expect(result.steps[0]).toMatchObject({ name: 'DNS: mail.contoso.invalid', outcome: 'failed' });
  });

  it('refuses bad fields before any traffic', async () => {
    const result = await testConnection({ url: sim.url, authKind: 'password', user: '', secret: DEMO_PASSWORD, demo: false });
    expect(result.steps).toEqual([{ name: 'Address and sign-in fields', outcome: 'failed', detail: expect.stringMatching(/user name/), ms: 0 }]);
  });

  it('reads scheme names from WWW-Authenticate values', () => {
    expect(offeredSchemes(['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"', 'Bearer authorization_uri="x"'])).toEqual(['Negotiate', 'NTLM', 'Basic', 'Bearer']);
  });
});
