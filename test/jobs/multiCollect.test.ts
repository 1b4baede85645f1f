// Evidence collection over many mailboxes against the simulator: every hit copied into one folder of
// another mailbox (made if missing, one subfolder per source mailbox), the sources left as they
// were; the mailboxes opened with the account's own FullAccess (under impersonation the copy runs
// as the source's owner, who may not write to the collection mailbox: refused per item); copies
// whose answer was lost are looked for and never made twice; a second collection into the same
// folder finds its folders again; the collection mailbox is not searched as a source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { BasicAuth, EwsClient } from '../../electron/ews';
import { EwsJobBackend } from '../../electron/backends/ews/jobBackend';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { multiJobDir, readManifest } from '../../electron/jobs/multiManifest';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import { collectSubfolderName } from '../../electron/jobs/multiCollect';
import type { MailboxAccessMode, MultiJobSpec } from '../../shared/domain';
import { tempDir } from './helpers';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const clients: EwsClient[] = [];
const SOURCES = ['alice@contoso.com', 'bob@contoso.com'];
const COLLECTION = 'carol@contoso.com';
const asked: (MailboxAccessMode | undefined)[] = [];
/** CopyItem requests that got no answer (the simulator's lostResponse fault). */
let lostCopies = 0;

/** Opens as asked (delegate: the account's FullAccess), or always by impersonation when `force` says so. */
function opener(force?: MailboxAccessMode): MailboxOpener {
  return {
    async open(smtp, how) {
      asked.push(how?.access);
      const access = force ?? how?.access ?? 'impersonation';
      return {
        ok: true,
        access,
        hasArchive: true,
        backendFor: (part) => {
          const client = new EwsClient({
            url: sim.url,
            auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD),
            maxSockets: 16,
            ...(access === 'delegate' ? { delegate: smtp } : { impersonate: smtp }),
            onExchange: (r) => {
              if (r.operation === 'CopyItem' && r.responseXml === undefined) lostCopies++;
            },
          });
          clients.push(client);
          return new EwsJobBackend(client, { smtp, part });
        },
      };
    },
  };
}

const spec = (folder: string, mailboxes = SOURCES): MultiJobSpec => ({
  search: {
    mailboxes,
    parts: 'primary',
    folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
    dumpster: false,
    filter: { subjectContains: 'evidence' },
  },
  action: { kind: 'collect', mailbox: COLLECTION, folder },
});

/** Subjects of the items in a collection subfolder (by path under the collection mailbox's root). */
const collected = (folder: string, source: string): string[] => {
  const f = sim.store.folderByPath(COLLECTION, `${folder}/${collectSubfolderName(source, 'primary')}`);
  return f === undefined ? [] : sim.store.folderItems(f.id).map((i) => i.subject);
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ dir, cleanup } = tempDir('multi-collect-'));
  for (const smtp of [...SOURCES, COLLECTION]) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.store.seedItems(inbox.id, smtp === 'alice@contoso.com' ? 12 : 7, { subject: (i) => `evidence ${smtp} ${i}` });
    sim.store.seedItems(inbox.id, 3, { subject: (i) => `lunch ${i}` });
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
  cleanup();
});

describe('collect into another mailbox', () => {
  it('copies every hit into one subfolder per source mailbox of a folder it makes, with the account’s own rights', async () => {
    asked.length = 0;
    const engine = new MultiJobEngine({ dataDir: dir, user: DEMO_ADMIN, opener: opener(), engine: { progressIntervalMs: 5 } });
    const summary = await (await engine.start(spec('Case 42'))).done;
    expect(summary.state).toBe('completed');
    expect(summary.counts).toMatchObject({ done: 19, failed: 0, unknown: 0 });
    expect(summary.title).toBe(`Copy to ${COLLECTION} / Case 42: items matching the filter in 2 mailboxes`);
    expect(asked.every((a) => a === 'delegate')).toBe(true);
    expect(collected('Case 42', 'alice@contoso.com').sort()).toEqual(Array.from({ length: 12 }, (_, i) => `evidence alice@contoso.com ${i}`).sort());
    expect(collected('Case 42', 'bob@contoso.com')).toHaveLength(7);
    // Copies: the sources keep their items.
    expect(sim.store.folderItems(sim.store.folderByDistinguished('alice@contoso.com', 'inbox')?.id ?? '').length).toBe(15);
    const rows = [];
    for await (const row of engine.rows(summary.multiJobId)) rows.push(row);
    expect(rows.every((r) => r.outcome === 'done' && r.action.startsWith('Copy'))).toBe(true);

    // A second collection into the same folder finds the folders made the first time.
    const first = await readManifest(multiJobDir(dir, summary.multiJobId));
    const again = await (await engine.start(spec('case 42'))).done;
    const second = await readManifest(multiJobDir(dir, again.multiJobId));
    expect(second?.mailboxes['alice@contoso.com']?.folders?.[0]?.destinationId).toBe(first?.mailboxes['alice@contoso.com']?.folders?.[0]?.destinationId);
    expect(collected('Case 42', 'alice@contoso.com')).toHaveLength(24);
    expect(
      sim.store.childFolders(sim.store.folderByDistinguished(COLLECTION, 'msgfolderroot')?.id ?? '').filter((f) => /case 42/i.test(f.displayName)),
    ).toHaveLength(1);
  });

  it('is refused per item when the copy runs under impersonation (the source’s owner may not write there)', async () => {
    const engine = new MultiJobEngine({ dataDir: dir, user: DEMO_ADMIN, opener: opener('impersonation') });
    const summary = await (await engine.start(spec('Impersonated', ['bob@contoso.com']))).done;
    expect(summary.counts.done).toBe(0);
    expect(summary.counts.failed).toBe(7);
    const codes = new Set<string | undefined>();
    for await (const row of engine.rows(summary.multiJobId)) codes.add(row.code);
    expect([...codes]).toEqual(['ErrorToFolderNotFound']);
  });

  it('looks for copies whose answer was lost and never makes one twice', async () => {
    const engine = new MultiJobEngine({
      dataDir: dir,
      user: DEMO_ADMIN,
      opener: opener(),
      engine: { serverRequestLimitMs: 50, batch: { initial: 1, min: 1, max: 1 }, backoff: { baseMs: 1, maxMs: 5 } },
    });
    lostCopies = 0;
    sim.setFaults({ seed: 3, rates: { lostResponse: 0.35 } });
    const summary = await (await engine.start(spec('Lossy'))).done;
    sim.setFaults({ rates: { lostResponse: 0 } });
    expect(summary.state).toBe('completed');
    expect(summary.counts.done + summary.counts.unknown).toBe(19);
    for (const source of SOURCES) {
      const subjects = collected('Lossy', source);
      expect(new Set(subjects).size).toBe(subjects.length);
    }
    expect(collected('Lossy', 'alice@contoso.com').length + collected('Lossy', 'bob@contoso.com').length).toBeGreaterThanOrEqual(summary.counts.done);
    // Some copies did lose their answer, so the look-up was exercised.
    expect(lostCopies).toBeGreaterThan(0);
  });

  it('does not search the collection mailbox itself', async () => {
    const engine = new MultiJobEngine({ dataDir: dir, user: DEMO_ADMIN, opener: opener() });
    const summary = await (await engine.start(spec('Self', ['bob@contoso.com', COLLECTION]))).done;
    expect(summary.mailboxes.find((m) => m.mailbox === COLLECTION)).toMatchObject({
      state: 'done',
      total: 0,
      reason: expect.stringMatching(/collection mailbox/),
    });
    expect(summary.counts.done).toBe(7);
  });
});
