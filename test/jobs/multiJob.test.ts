// The multi-mailbox engine against the simulator, with mailboxes opened straight from the test
// harness: folder scopes (well-known with subfolders, all mail folders, the dumpster, the archive),
// gates per impersonated mailbox or per account, cancel, the manifest, shards and the pool.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { listMultiJobDirs, multiJobDir, readManifest } from '../../electron/jobs/multiManifest';
import { runPool, shardOf, type MailboxOpener } from '../../electron/jobs/multiPorts';
import { foldersToSearch, isMailFolder } from '../../electron/jobs/multiSearch';
import { AccountGate, defaultBackoffOptions, realClock } from '../../electron/jobs/backoff';
import type { EwsClient } from '../../electron/ews';
import type { MultiJobSpec } from '../../shared/domain';
import { ewsBackend } from './simHarness';
import { tempDir } from './helpers';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const clients: EwsClient[] = [];
const USERS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];

const opener: MailboxOpener = {
  async open(smtp) {
    if (!sim.store.users().some((u) => u.smtp === smtp)) return { ok: false, reason: `no mailbox ${smtp}` };
    return {
      ok: true,
      access: 'impersonation',
      hasArchive: true,
      backendFor: (part) => {
        const { backend, client } = ewsBackend(sim.url, { smtp, part });
        clients.push(client);
        return backend;
      },
    };
  },
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ dir, cleanup } = tempDir('multi-job-'));
  for (const smtp of USERS) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    const archiveInbox = sim.store.folderByDistinguished(smtp, 'archiveinbox');
    if (!inbox || !archiveInbox) throw new Error(`no folders for ${smtp}`);
    const sub = sim.store.createFolder(inbox.id, 'Finance');
    sim.store.seedItems(inbox.id, 30, { subject: (i) => `target ${i}` });
    sim.store.seedItems(sub.id, 5, { subject: (i) => `target sub ${i}` });
    sim.store.seedItems(archiveInbox.id, 4, { subject: (i) => `target archived ${i}` });
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
  cleanup();
});

const ctx = () => ({
  gate: new AccountGate(realClock, defaultBackoffOptions, Math.random),
  limits: { maxAttempts: 3, timeoutMs: 5_000 },
  signal: new AbortController().signal,
});

describe('folder scopes', () => {
  it('well-known folders with or without subfolders, all mail folders, the dumpster, the archive', async () => {
    const primary = ewsBackend(sim.url, { smtp: 'alice@contoso.com', part: 'primary' });
    const archive = ewsBackend(sim.url, { smtp: 'alice@contoso.com', part: 'archive' });
    clients.push(primary.client, archive.client);
    const names = async (
      b: typeof primary.backend,
      part: 'primary' | 'archive',
      scope: Parameters<typeof foldersToSearch>[2],
      dumpster = false,
    ): Promise<string[]> => (await foldersToSearch(b, part, scope, dumpster, ctx())).map((f) => f.displayName);
    expect(await names(primary.backend, 'primary', { kind: 'wellKnown', names: ['inbox'], subfolders: false })).toEqual(['Inbox']);
    expect(await names(primary.backend, 'primary', { kind: 'wellKnown', names: ['inbox'], subfolders: true }, true)).toEqual(
      ['Inbox', 'Finance', 'Recoverable Items Deletions'].map((n) => (n === 'Recoverable Items Deletions' ? expect.stringMatching(/Deletions/) : n)),
    );
    const all = await names(primary.backend, 'primary', { kind: 'allMail' });
    expect(all).toEqual(expect.arrayContaining(['Inbox', 'Finance', 'Deleted Items', 'Junk Email', 'Sent Items']));
    expect(all).not.toContain('Calendar');
    expect(all).not.toContain('Contacts');
    expect(await names(archive.backend, 'archive', { kind: 'wellKnown', names: ['inbox'], subfolders: false })).toHaveLength(1);
    expect(isMailFolder({ folderClass: 'IPF.Note.OutlookHomepage' })).toBe(true);
    expect(isMailFolder({ folderClass: 'IPF.Appointment' })).toBe(false);
  });
});

describe('a job over many mailboxes', () => {
  const spec = (mailboxes: string[], extra: Partial<MultiJobSpec['search']> = {}): MultiJobSpec => ({
    search: {
      mailboxes,
      parts: 'both',
      folders: { kind: 'wellKnown', names: ['inbox'], subfolders: true },
      dumpster: false,
      filter: { subjectContains: 'target' },
      ...extra,
    },
    action: { kind: 'move', toFolder: 'deleteditems' },
  });

  it('moves the hits of every part of every mailbox, one job per folder with hits; gates one per impersonated mailbox', async () => {
    const gates = new Map<string, AccountGate>();
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, gates, parallelMailboxes: 2, engine: { progressIntervalMs: 5 } });
    const handle = await engine.start(spec(['alice@contoso.com', 'bob@contoso.com', 'nobody@contoso.com']));
    const summary = await handle.done;
    expect(summary.state).toBe('completed');
    expect(summary.counts.done).toBe(2 * 39);
    const alice = summary.mailboxes.find((m) => m.mailbox === 'alice@contoso.com');
    expect(alice).toMatchObject({ state: 'done', total: 39 });
    expect(alice?.jobIds).toHaveLength(3);
    expect(summary.mailboxes.find((m) => m.mailbox === 'nobody@contoso.com')).toMatchObject({ state: 'unreachable', reason: 'no mailbox nobody@contoso.com' });
    // (The harness gives each part its own client, so its own account key; the mailbox is in every key.)
    const keyed = [...gates.keys()].map((k) => /\|as:(.+)$/.exec(k)?.[1]);
    expect(new Set(keyed)).toEqual(new Set(['alice@contoso.com', 'bob@contoso.com']));
    const manifest = await readManifest(multiJobDir(dir, handle.multiJobId));
    expect(manifest?.finished?.state).toBe('completed');
    expect(manifest?.mailboxes['alice@contoso.com']?.folders?.map((f) => [f.part, f.hits])).toEqual([
      ['primary', 30],
      ['primary', 5],
      ['archive', 4],
    ]);
    await expect(engine.resume(handle.multiJobId)).rejects.toThrow(/completed, not interrupted/);
    const rows = [];
    for await (const row of engine.rows(handle.multiJobId)) rows.push(row);
    expect(rows).toHaveLength(78);
    expect(new Set(rows.map((r) => r.mailbox))).toEqual(
      new Set(['alice@contoso.com', 'alice@contoso.com (archive)', 'bob@contoso.com', 'bob@contoso.com (archive)']),
    );
  });

  it('shares one gate per account when the caller pays (budgetOwner caller); cancel ends the rest as cancelled', async () => {
    const gates = new Map<string, AccountGate>();
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, gates, parallelMailboxes: 1, budgetOwner: 'caller' });
    const handle = await engine.start(spec(['carol@contoso.com', 'alice@contoso.com'], { parts: 'primary' }));
    handle.onProgress((p) => {
      if (p.mailbox?.state === 'running') handle.cancel();
    });
    const summary = await handle.done;
    expect(summary.state).toBe('cancelled');
    expect(summary.mailboxes.map((m) => m.state)).toEqual(['cancelled', 'cancelled']);
    expect([...gates.keys()].some((k) => k.includes('|as:'))).toBe(false);
    expect((await engine.list()).find((j) => j.multiJobId === handle.multiJobId)).toMatchObject({ state: 'cancelled', resumable: false });
  });

  it('a summary or list asked at any moment while a job runs and ends says running, then its final state, never interrupted', async () => {
    const inbox = sim.store.folderByDistinguished('carol@contoso.com', 'inbox');
    if (!inbox) throw new Error('no inbox');
    sim.store.seedItems(inbox.id, 40, { subject: (i) => `summary race ${i}` });
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, parallelMailboxes: 1 });
    const handle = await engine.start(spec(['carol@contoso.com'], { parts: 'primary', filter: { subjectContains: 'summary race' } }));
    let ended = false;
    const seen: string[] = [];
    const final = handle.done.then((s) => {
      ended = true;
      return s;
    });
    // Ask without pause until the job has ended and a few more times after, so some reads straddle its last save.
    for (let after = 0; after < 20; after += ended ? 1 : 0) {
      seen.push((await engine.summary(handle.multiJobId)).state);
      const listed = (await engine.list()).find((j) => j.multiJobId === handle.multiJobId);
      if (listed !== undefined) seen.push(listed.state);
    }
    expect((await final).state).toBe('completed');
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((s) => s !== 'running' && s !== 'completed')).toEqual([]);
    expect(seen.at(-1)).toBe('completed');
  });

  it('lists only readable manifests, newest first', async () => {
    const bogus = join(dir, 'multi', 'multi-00000000-bogus');
    mkdirSync(bogus, { recursive: true });
    writeFileSync(join(bogus, 'multi.json'), '{"v":2}');
    await expect(readManifest(bogus)).rejects.toThrow(/not a multi-mailbox job manifest/);
    const dirs = await listMultiJobDirs(dir);
    expect(dirs.at(-1)).toBe(bogus);
    const listed = await new MultiJobEngine({ dataDir: dir, user: 'x', opener }).list();
    expect(listed.length).toBe(dirs.length - 1);
  });
});

describe('shards and the pool', () => {
  it('splits a list deterministically (case and duplicates ignored, order irrelevant), covering it exactly once', () => {
    const list = ['d@x.com', 'A@x.com', 'c@x.com', 'b@x.com', 'a@x.com', 'e@x.com'];
    const shards = [0, 1, 2].map((i) => shardOf(list, i, 3));
    expect(shards).toEqual([['a@x.com', 'd@x.com'], ['b@x.com', 'e@x.com'], ['c@x.com']]);
    expect(shardOf([...list].reverse(), 1, 3)).toEqual(shards[1]);
    expect(() => shardOf(list, 3, 3)).toThrow(/INDEX/);
  });

  it('runs at most N at once and every item once', async () => {
    let open = 0;
    let most = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      open++;
      most = Math.max(most, open);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(n);
      open--;
    });
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
