// The Graph source of a Graph connection (service/mailboxSource.ts graphMailboxSource) over a
// scripted connector registered as the app registers the real one: one sign-in for every mailbox
// and the directory, made on first need; a refused sign-in is each mailbox's answer and is tried
// again on the next need; close ends the source it opened, and nothing opens after it.
import { afterEach, describe, expect, it } from 'vitest';
import { registerBackend, type GraphConnector, type MailboxBackend, type MailboxesOpening, type MailboxSource } from '../../electron/backends/port';
import { graphMailboxSource } from '../../electron/service/mailboxSource';
import type { GraphConnectionSettings } from '../../shared/ipc';

const SETTINGS: GraphConnectionSettings = { tenantId: 'contoso.onmicrosoft.com', clientId: 'app', signIn: 'delegated', mailbox: 'admin@contoso.com' };

function scriptedConnector(answers: Array<'ok' | 'refused'>) {
  const log: string[] = [];
  const sources: Array<MailboxSource & { closed: boolean }> = [];
  const connector: GraphConnector = {
    kind: 'graph',
    testConnection: async () => ({ ok: true, steps: [] }),
    open: async () => ({ ok: false, error: { kind: 'unavailable', message: 'not in this test' } }),
    openMailboxes: async (settings): Promise<MailboxesOpening> => {
      log.push(`sign in ${settings.mailbox}`);
      if (answers.shift() === 'refused') return { ok: false, error: { kind: 'auth', message: 'Not signed in to Microsoft Graph on this computer.' } };
      const source = {
        kind: 'graph' as const,
        closed: false,
        open: async (mailbox: string) => {
          log.push(`open ${mailbox}`);
          return { ok: true as const, session: { info: { mailbox } } as unknown as MailboxBackend };
        },
        openDirectory: async () => ({ ok: false as const, reason: 'no directory in this test' }),
        close: () => {
          source.closed = true;
        },
      };
      sources.push(source);
      return { ok: true, source };
    },
    signOut: async () => undefined,
    cancelSignIn: () => false,
    close: () => undefined,
  };
  return { connector, log, sources };
}

let unregister: (() => void) | undefined;
afterEach(() => {
  unregister?.();
  unregister = undefined;
});

describe('graphMailboxSource', () => {
  it('signs in once, on first need, for every mailbox and the directory', async () => {
    const fake = scriptedConnector(['ok']);
    unregister = registerBackend(fake.connector);
    const source = graphMailboxSource(SETTINGS);
    expect(fake.log).toEqual([]);
    const opened = await Promise.all([source.open('alice@contoso.com'), source.open('bob@contoso.com')]);
    expect(opened.map((o) => o.ok)).toEqual([true, true]);
    expect(await source.openDirectory()).toEqual({ ok: false, reason: 'no directory in this test' });
    expect(fake.log).toEqual(['sign in admin@contoso.com', 'open alice@contoso.com', 'open bob@contoso.com']);
    source.close();
    await Promise.resolve();
    await Promise.resolve();
    expect(fake.sources[0]?.closed).toBe(true);
    expect(await source.open('carol@contoso.com')).toMatchObject({ ok: false, error: { message: 'This sign-in was closed.' } });
    expect(fake.log).toHaveLength(3);
  });

  it("gives a refused sign-in as each mailbox's answer and tries again on the next need", async () => {
    const fake = scriptedConnector(['refused', 'refused', 'ok']);
    unregister = registerBackend(fake.connector);
    const source = graphMailboxSource(SETTINGS);
    expect(await source.open('alice@contoso.com')).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'Not signed in to Microsoft Graph on this computer.' },
    });
    expect(await source.openDirectory()).toEqual({ ok: false, reason: 'Not signed in to Microsoft Graph on this computer.' });
    expect(await source.open('alice@contoso.com')).toMatchObject({ ok: true });
    expect(fake.log).toEqual(['sign in admin@contoso.com', 'sign in admin@contoso.com', 'sign in admin@contoso.com', 'open alice@contoso.com']);
    source.close();
  });

  it('answers in words when no Graph backend is registered', async () => {
    const source = graphMailboxSource(SETTINGS);
    expect(await source.open('alice@contoso.com')).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringMatching(/No graph backend/) as unknown as string },
    });
  });
});
