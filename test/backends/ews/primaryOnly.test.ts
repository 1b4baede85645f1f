// A mailbox opened for its primary only (a job over many mailboxes that searches primaries): the
// sign-in sends the mailbox-root check and no archive check, and the session refuses the archive
// part, saying why. Opened as usual, the archive is looked for and found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxSession } from '../../../electron/backends/ews/session';
import type { ConnectionParams } from '../../../electron/backends/port';
import { DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../../electron/sim';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    users: [
      { smtp: 'admin@contoso.com', name: 'Admin', password: DEMO_PASSWORD, canImpersonate: true, hasArchive: false },
      { smtp: 'alice@contoso.com', name: 'Alice', password: DEMO_PASSWORD, hasArchive: true },
    ],
    seed: 'empty',
    throttling: false,
  });
});
afterAll(async () => {
  await sim.close();
});

/** Opens alice's mailbox as the admin; returns the session and the GetFolder requests' folders. */
async function open(primaryOnly: boolean): Promise<{ session: MailboxSession; getFolders: string[] }> {
  const getFolders: string[] = [];
  const params: ConnectionParams = {
    url: sim.url,
    authKind: 'basic',
    user: 'admin@contoso.com',
    secret: DEMO_PASSWORD,
    impersonate: 'alice@contoso.com',
    demo: false,
    ...(primaryOnly ? { primaryOnly } : {}),
  };
  const opened = await MailboxSession.open(params, {
    onExchange: (r) => {
      if (r.operation === 'GetFolder') getFolders.push(/DistinguishedFolderId Id="(\w+)"/.exec(r.requestXml)?.[1] ?? '?');
    },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return { session: opened.session as MailboxSession, getFolders };
}

describe('primaryOnly sign-in', () => {
  it('checks the mailbox root only, and the session refuses the archive with the reason', async () => {
    const { session, getFolders } = await open(true);
    try {
      expect(getFolders).toEqual(['msgfolderroot']);
      expect(session.info.hasArchive).toBe(false);
      expect(session.info.mailboxAccess).toBe('impersonation');
      expect(() => session.jobBackend({ smtp: 'alice@contoso.com', part: 'archive' })).toThrow('alice@contoso.com was opened for its primary mailbox only.');
      await expect(session.listFolders('archive')).rejects.toThrow('opened for its primary mailbox only');
      // The primary works as usual.
      expect((await session.listFolders('primary')).some((f) => f.displayName === 'Inbox')).toBe(true);
    } finally {
      session.close();
    }
  });

  it('without it the archive is looked for and found', async () => {
    const { session, getFolders } = await open(false);
    try {
      expect(getFolders).toEqual(['msgfolderroot', 'archivemsgfolderroot']);
      expect(session.info.hasArchive).toBe(true);
      expect(() => session.jobBackend({ smtp: 'alice@contoso.com', part: 'archive' })).not.toThrow();
    } finally {
      session.close();
    }
  });
});
