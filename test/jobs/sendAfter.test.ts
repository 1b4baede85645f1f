// A job started with `sendAfter` (JobEngine.start): it opens its journal and plans while the
// caller's record is saved, sends its first batch only once that is done, and fails without sending
// anything when it could not be saved. A job over many mailboxes passes the save of the mailbox's
// plan: with fsyncs made slow, the manifest on disk already holds the mailbox's folders at its first
// delete.
import { promises as fsp } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { journalPath, readJournal } from '../../electron/jobs/journal';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { listMultiJobDirs, readManifest, type ManifestMailbox } from '../../electron/jobs/multiManifest';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import type { JobSpec } from '../../shared/domain';
import { FakeBackend } from './fakeBackend';
import { makeEngine, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('send-after-')));
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const spec: JobSpec = {
  mailbox: { part: 'primary' },
  action: { kind: 'delete', mode: 'HardDelete' },
  target: { kind: 'query', folderId: 'inbox', filter: { subjectContains: 'hit' } },
};

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve = (): void => undefined;
  let reject = (_e: Error): void => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function recordKinds(file: string): Promise<string[]> {
  const kinds: string[] = [];
  for await (const rec of readJournal(file)) kinds.push(rec.t);
  return kinds;
}

describe('JobEngine.start with sendAfter', () => {
  it('plans into its journal meanwhile and sends nothing until the record is saved', async () => {
    const fb = new FakeBackend();
    fb.addItems('inbox', 300, (i) => ({ subject: `hit ${i}` }));
    const saved = deferred();
    const job = await makeEngine(dir, fb).start(spec, { sendAfter: saved.promise });
    const file = journalPath(dir, job.jobId);
    // Planning goes on: the plan and the 'planned' record reach the journal before anything is sent.
    for (let i = 0; i < 200 && !(await recordKinds(file)).includes('planned'); i++) await new Promise((r) => setTimeout(r, 5));
    const kinds = await recordKinds(file);
    expect(kinds).toContain('plan');
    expect(kinds).toContain('planned');
    expect(kinds).not.toContain('intent');
    expect(fb.calls).toHaveLength(0);
    saved.resolve();
    const result = await job.done;
    expect(result).toMatchObject({ state: 'completed', counts: { done: 300 } });
  });

  it('fails without sending anything when the record could not be saved', async () => {
    const fb = new FakeBackend();
    fb.addItems('inbox', 50, (i) => ({ subject: `hit ${i}` }));
    const saved = deferred();
    const job = await makeEngine(dir, fb).start(spec, { sendAfter: saved.promise });
    saved.reject(new Error('ENOSPC: no space left on device'));
    const result = await job.done;
    expect(result.state).toBe('failed');
    expect(result.error).toBe('not started: ENOSPC: no space left on device');
    expect(result.counts).toMatchObject({ done: 0, notAttempted: 50 });
    expect(fb.calls).toHaveLength(0);
  });
});

describe('a job over many mailboxes', () => {
  it("has each mailbox's plan in the manifest on disk before the mailbox's first delete", async () => {
    // A slow manifest save (its file's fsync; the journals use fdatasync, their folder fsync is left
    // quick): without sendAfter a mailbox's job would send before its plan is on disk.
    const probe = await fsp.open(dir, 'r');
    const proto = Object.getPrototypeOf(probe) as fsp.FileHandle;
    await probe.close();
    const sync = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: fsp.FileHandle) {
      if (!(await this.stat()).isDirectory()) await new Promise((r) => setTimeout(r, 150));
      await sync.call(this);
    });
    const mailboxes = ['alice@contoso.com', 'bob@contoso.com'];
    const atFirstDelete = new Map<string, ManifestMailbox | undefined>();
    const opener: MailboxOpener = {
      open: async (smtp) => {
        const fb = new FakeBackend();
        fb.addItems('inbox', 40, (i) => ({ subject: `hit ${i}` }));
        const deleteItems = fb.deleteItems.bind(fb);
        fb.deleteItems = async (ids, mode, signal) => {
          if (!atFirstDelete.has(smtp)) {
            const [jobDir] = await listMultiJobDirs(dir);
            atFirstDelete.set(smtp, jobDir === undefined ? undefined : (await readManifest(jobDir))?.mailboxes[smtp]);
          }
          return deleteItems(ids, mode, signal);
        };
        return { ok: true, access: 'impersonation', hasArchive: false, backendFor: () => fb };
      },
    };
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, parallelMailboxes: 2, engine: { progressIntervalMs: 5 } });
    const handle = await engine.start({
      search: {
        mailboxes,
        parts: 'primary',
        folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
        dumpster: false,
        filter: { subjectContains: 'hit' },
      },
      action: { kind: 'delete', mode: 'HardDelete' },
    });
    const summary = await handle.done;
    expect(summary.state).toBe('completed');
    expect(summary.counts.done).toBe(80);
    for (const smtp of mailboxes) {
      const m = atFirstDelete.get(smtp);
      expect(m?.state, `${smtp}: the manifest on disk at its first delete`).toBe('running');
      expect(m?.folders?.map((f) => [f.folderId, f.hits])).toEqual([['inbox', 40]]);
    }
  });
});
