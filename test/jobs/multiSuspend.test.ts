// Quitting the app while a job over many mailboxes runs: suspend pauses its mailbox jobs (batches in
// flight answered and journalled), writes no end into the manifest and leaves every unfinished
// mailbox unfinished, so the job lists as interrupted and resumable; a new engine on the same folder
// (the app started again) resumes it, and every hit ends exactly once. Against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { multiJobDir, readManifest } from '../../electron/jobs/multiManifest';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import type { EwsClient } from '../../electron/ews';
import type { MultiJobProgress, MultiJobSpec } from '../../shared/domain';
import { ewsBackend } from './simHarness';
import { tempDir } from './helpers';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const clients: EwsClient[] = [];
const USERS = ['admin@contoso.com', 'alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];
const PER_MAILBOX = 400;

const opener: MailboxOpener = {
  async open(smtp) {
    return {
      ok: true,
      access: 'impersonation',
      hasArchive: false,
      backendFor: (part) => {
        const { backend, client } = ewsBackend(sim.url, { smtp, part });
        clients.push(client);
        return backend;
      },
    };
  },
};

const engine = (): MultiJobEngine =>
  new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, parallelMailboxes: 2, engine: { batch: { initial: 20, min: 10, max: 20 } } });

function targetsIn(smtp: string, name: string): number {
  const folder = sim.store.folderByDistinguished(smtp, name);
  if (!folder) throw new Error(`no ${name} for ${smtp}`);
  return sim.store.folderItems(folder.id).filter((i) => i.subject.startsWith('quit test')).length;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ dir, cleanup } = tempDir('multi-suspend-'));
  for (const smtp of USERS) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.store.seedItems(inbox.id, PER_MAILBOX, { subject: (i) => `quit test ${i}` });
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
  cleanup();
});

describe('a job over many mailboxes cut short by a quit', () => {
  it('is left interrupted by suspend, and a resume in a new engine ends every hit exactly once', async () => {
    const spec: MultiJobSpec = {
      search: {
        mailboxes: USERS,
        parts: 'primary',
        folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
        dumpster: false,
        filter: { subjectContains: 'quit test' },
      },
      action: { kind: 'delete', mode: 'SoftDelete' },
    };
    sim.setFaults({ itemLatencyMs: 5 });
    const first = engine();
    const handle = await first.start(spec);
    const events: MultiJobProgress[] = [];
    handle.onProgress((p) => events.push(p));
    await expect.poll(() => events.at(-1)?.counts.done ?? 0, { timeout: 20_000, interval: 10 }).toBeGreaterThan(0);
    await handle.suspend(5_000);
    const summary = await handle.done;
    expect(summary).toMatchObject({ state: 'interrupted', resumable: true });

    // Nothing more is sent once suspended; the manifest has no end and unstarted mailboxes wait.
    const moved = USERS.reduce((n, u) => n + targetsIn(u, 'recoverableitemsdeletions'), 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(USERS.reduce((n, u) => n + targetsIn(u, 'recoverableitemsdeletions'), 0)).toBe(moved);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(USERS.length * PER_MAILBOX);
    const manifest = await readManifest(multiJobDir(dir, handle.multiJobId));
    expect(manifest?.finished).toBeUndefined();
    expect(Object.values(manifest?.mailboxes ?? {}).some((m) => m.state === 'cancelled' || m.state === 'failed')).toBe(false);
    expect(Object.values(manifest?.mailboxes ?? {}).some((m) => m.state === 'pending')).toBe(true);
    expect(events.some((e) => e.state === 'cancelled')).toBe(false);

    // The app started again: a new engine lists it as interrupted and resumes it.
    sim.setFaults({ itemLatencyMs: 0 });
    const second = engine();
    expect((await second.list()).find((s) => s.multiJobId === handle.multiJobId)).toMatchObject({ state: 'interrupted', resumable: true });
    const resumed = await second.resume(handle.multiJobId);
    const end = await resumed.done;
    expect(end).toMatchObject({ state: 'completed', resumable: false, total: USERS.length * PER_MAILBOX });
    expect(end.counts).toMatchObject({ done: USERS.length * PER_MAILBOX, failed: 0, unknown: 0, notAttempted: 0 });
    for (const smtp of USERS) {
      expect(targetsIn(smtp, 'inbox'), smtp).toBe(0);
      expect(targetsIn(smtp, 'recoverableitemsdeletions'), smtp).toBe(PER_MAILBOX);
    }
    // One report row per item: none twice, none missing.
    const ids = new Set<string>();
    let rows = 0;
    for await (const row of second.rows(handle.multiJobId)) {
      rows++;
      ids.add(`${row.mailbox}|${row.itemId}`);
    }
    expect(rows).toBe(USERS.length * PER_MAILBOX);
    expect(ids.size).toBe(rows);
  });
});
