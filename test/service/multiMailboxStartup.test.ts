// What a job over many mailboxes asks each mailbox before acting (issue 11), through the service
// and the real EWS sign-in against the simulator: primaries only, no archive check and one listing
// of the inbox (the plan's page is the job's first); an unknown mailbox is still listed with its
// reason; with the archive asked for, the archive is checked and its hits acted on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { createMultiMailboxService, type MultiMailboxService } from '../../electron/service/multiMailbox';
import type { MultiJobSpec } from '../../shared/domain';

let sim: RunningSimulator;
let dir: string;
let service: MultiMailboxService;
/** Every request sent: operation, the mailbox it acts as, and the well-known folder it names (if any). */
const sent: { op: string; as: string; folder: string | undefined }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'multi-startup-'));
  for (const smtp of ['alice@contoso.com', 'bob@contoso.com']) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    const archiveInbox = sim.store.folderByDistinguished(smtp, 'archiveinbox');
    if (!inbox || !archiveInbox) throw new Error(`no inbox or archive for ${smtp}`);
    sim.store.seedItems(inbox.id, 12, { subject: 'startup hit' });
    sim.store.seedItems(inbox.id, 3, { subject: 'keep me' });
    sim.store.seedItems(archiveInbox.id, 4, { subject: 'startup hit archived' });
  }
  service = createMultiMailboxService({
    dataDir: dir,
    connection: { url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, demo: false },
    environment: {
      onExchange: (r) =>
        sent.push({
          op: r.operation,
          as: /<t:PrimarySmtpAddress>([^<]+)</.exec(r.requestXml)?.[1] ?? 'account',
          folder: /DistinguishedFolderId Id="(\w+)"/.exec(r.requestXml)?.[1],
        }),
    },
    engine: { progressIntervalMs: 10 },
  });
});
afterAll(async () => {
  service.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (mailboxes: string[], parts: 'primary' | 'both'): MultiJobSpec => ({
  search: {
    mailboxes,
    parts,
    folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
    dumpster: false,
    filter: { subjectContains: 'startup hit' },
  },
  action: { kind: 'delete', mode: 'SoftDelete' },
});

describe('start-up requests of a job over many mailboxes', () => {
  it('primaries only: no archive check, the inbox listed once, the unknown mailbox listed with its reason', async () => {
    sent.length = 0;
    const summary = await (await service.start(spec(['alice@contoso.com', 'ghost@contoso.com'], 'primary'))).done;
    expect(summary.counts.done).toBe(12);
    expect(summary.mailboxes.find((m) => m.mailbox === 'ghost@contoso.com')).toMatchObject({ state: 'unreachable', reason: expect.stringMatching(/\S/) });
    const alice = sent.filter((s) => s.as === 'alice@contoso.com');
    expect(alice.filter((s) => s.folder?.startsWith('archive'))).toEqual([]);
    const beforeFirstAction = alice.slice(
      0,
      alice.findIndex((s) => s.op === 'DeleteItem'),
    );
    expect(beforeFirstAction.map((s) => `${s.op} ${s.folder ?? ''}`)).toEqual(['GetFolder msgfolderroot', 'GetFolder inbox', 'FindItem ']);
    expect(sim.store.folderItems(sim.store.folderByDistinguished('alice@contoso.com', 'inbox')?.id ?? '').map((i) => i.subject)).toEqual([
      'keep me',
      'keep me',
      'keep me',
    ]);
  });

  it('with the archive: the archive is checked, searched and its hits deleted too', async () => {
    sent.length = 0;
    const summary = await (await service.start(spec(['bob@contoso.com'], 'both'))).done;
    expect(summary.counts.done).toBe(16);
    expect(sent.some((s) => s.as === 'bob@contoso.com' && s.op === 'GetFolder' && s.folder === 'archivemsgfolderroot')).toBe(true);
    expect(sim.store.folderItems(sim.store.folderByDistinguished('bob@contoso.com', 'archiveinbox')?.id ?? '')).toEqual([]);
  });
});
