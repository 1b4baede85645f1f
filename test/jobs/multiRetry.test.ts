// "Retry failed across all" against the simulator: a multi-job whose items partly failed (some with
// a retryable error, one with a final one) and one of whose mailboxes could not be opened is retried
// as a new multi-job: only the retryable items and the unopened mailbox are worked, the final error
// is counted and left, the children's journals name the jobs they retry, and a retry with nothing
// left starts nothing. The plan's query mode and the interrupted-job refusal are checked on their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { ManifestWriter, multiJobDir, readManifest } from '../../electron/jobs/multiManifest';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import { isRetried, retryTarget } from '../../electron/jobs/multiRetry';
import { readHeader, journalPath } from '../../electron/jobs/journal';
import { forwardingBackend, type ItemResult, type JobBackend } from '../../electron/jobs/backend';
import type { EwsClient } from '../../electron/ews';
import type { MultiJobSpec } from '../../shared/domain';
import { mkdirSync } from 'node:fs';
import { ewsBackend } from './simHarness';
import { tempDir } from './helpers';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const clients: EwsClient[] = [];
const USERS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];
/** Refused once each with a retryable error, then moved. */
const failOnce = new Set<string>();
/** Refused every time with a final error. */
const failAlways = new Set<string>();
/** Mailboxes the opener cannot open (yet). */
const closed = new Set<string>(['carol@contoso.com']);

/** The real backend, with chosen items refused the way Exchange refuses them per item. */
function refusing(inner: JobBackend): JobBackend {
  return {
    ...forwardingBackend(inner),
    async moveItems(ids, to, signal) {
      const passed = ids.filter((id) => !failOnce.has(id) && !failAlways.has(id));
      const moved = passed.length === 0 ? [] : await inner.moveItems(passed, to, signal);
      let next = 0;
      return ids.map((id): ItemResult => {
        if (failAlways.has(id)) return { status: 'error', code: 'ErrorAccessDenied', message: 'Access is denied.', retryable: false };
        if (failOnce.delete(id))
          return { status: 'error', code: 'ErrorMailboxStoreUnavailable', message: 'The mailbox store is unavailable.', retryable: true };
        return moved[next++] ?? { status: 'error', code: 'NoAnswer', message: 'no answer', retryable: true };
      });
    },
  };
}

const opener: MailboxOpener = {
  async open(smtp) {
    if (closed.has(smtp)) return { ok: false, reason: `${smtp} is not reachable right now` };
    return {
      ok: true,
      access: 'impersonation',
      hasArchive: false,
      backendFor: (part) => {
        const { backend, client } = ewsBackend(sim.url, { smtp, part });
        clients.push(client);
        return refusing(backend);
      },
    };
  },
};

const spec: MultiJobSpec = {
  search: {
    mailboxes: USERS,
    parts: 'primary',
    folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
    dumpster: false,
    filter: { subjectContains: 'retry target' },
  },
  action: { kind: 'move', toFolder: 'junkemail' },
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ dir, cleanup } = tempDir('multi-retry-'));
  for (const smtp of USERS) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    const ids = sim.store.seedItems(inbox.id, 10, { subject: (i) => `retry target ${i}` });
    if (smtp === 'alice@contoso.com') {
      failOnce.add(ids[1] ?? '').add(ids[2] ?? '');
      failAlways.add(ids[3] ?? '');
    }
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
  cleanup();
});

const inJunk = (smtp: string): number => sim.store.folderItems(sim.store.folderByDistinguished(smtp, 'junkemail')?.id ?? '').length;

describe('retry failed across all', () => {
  it('retries the retryable items and the mailbox never opened; final errors are counted and left', async () => {
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, engine: { progressIntervalMs: 5 } });
    const first = await (await engine.start(spec)).done;
    expect(first.counts).toMatchObject({ done: 17, failed: 3 });
    expect(first.mailboxes.map((m) => m.state)).toEqual(['done', 'done', 'unreachable']);

    closed.clear();
    const { handle, plan } = await engine.retry(first.multiJobId);
    expect(plan).toMatchObject({ items: 2, finalErrors: 1, unknownCopies: 0, foldersAgain: 0, mailboxesAgain: ['carol@contoso.com'] });
    expect(plan.spec.search.mailboxes).toEqual(['alice@contoso.com', 'carol@contoso.com']);
    expect(handle).toBeDefined();
    const second = await handle!.done;
    expect(second.state).toBe('completed');
    expect(second.counts).toMatchObject({ done: 12, failed: 0 });
    expect(second.mailboxes.map((m) => [m.mailbox, m.state, m.counts.done])).toEqual([
      ['alice@contoso.com', 'done', 2],
      ['carol@contoso.com', 'done', 10],
    ]);
    expect(inJunk('alice@contoso.com')).toBe(9);
    expect(inJunk('carol@contoso.com')).toBe(10);

    // The new job is journalled like any: its summary names the job it retries, and alice's child
    // journal names the child job whose items it retries and holds exactly those ids.
    const listed = await engine.summary(handle!.multiJobId);
    expect(listed.retryOf).toBe(first.multiJobId);
    expect(listed.title).toMatch(/^Retry of multi-/);
    const manifest = await readManifest(multiJobDir(dir, handle!.multiJobId));
    const aliceFolder = manifest?.mailboxes['alice@contoso.com']?.folders?.[0];
    expect(aliceFolder?.retry).toMatchObject({ mode: 'ids', jobId: first.mailboxes[0]?.jobIds[0] });
    const childId = second.mailboxes[0]?.jobIds[0] ?? '';
    const header = await readHeader(journalPath(multiJobDir(dir, handle!.multiJobId), childId));
    expect(header?.retryOf).toBe(first.mailboxes[0]?.jobIds[0]);
    expect(header?.spec.target).toMatchObject({ kind: 'ids', folderId: aliceFolder?.folderId });
    expect(header?.spec.target.kind === 'ids' ? header.spec.target.ids : []).toHaveLength(2);

    // What is left is a final error: a retry of the retry has nothing to do; the first job's final error is still there.
    const again = await engine.retry(handle!.multiJobId);
    expect(again.handle).toBeUndefined();
    expect(again.plan.items).toBe(0);
    const third = await engine.retry(first.multiJobId);
    expect(third.plan).toMatchObject({ items: 2, finalErrors: 1 });
    const rerun = await third.handle!.done;
    // The two items already moved by the first retry answer "not found" now, and carol's inbox has
    // no hit left: nothing is moved twice.
    expect(rerun.counts.done).toBe(0);
    expect(rerun.counts.alreadyGone + rerun.counts.failed).toBe(2);
    expect(inJunk('alice@contoso.com')).toBe(9);
  });

  it('refuses an interrupted job (resume it instead) and an unknown one', async () => {
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener });
    const id = 'multi-20260101T000000000Z-0badc0de';
    const jobDir = multiJobDir(dir, id);
    mkdirSync(jobDir, { recursive: true });
    const now = new Date().toISOString();
    await new ManifestWriter(jobDir, { v: 1, multiJobId: id, createdAt: now, updatedAt: now, user: 'x', spec, mailboxes: {} }).save();
    await expect(engine.retry(id)).rejects.toThrow(/interrupted: resume it/);
    await expect(engine.retry('multi-nothing')).rejects.toThrow(/No multi-mailbox job/);
  });
});

describe('what a retry takes', () => {
  it('retries retryable failures, not attempted and unknown items; never final errors, nor unknown copies', () => {
    expect(isRetried({ k: 'failed', retryable: true }, false)).toBe(true);
    expect(isRetried({ k: 'failed', retryable: false }, false)).toBe(false);
    expect(isRetried({ k: 'failed' }, false)).toBe(false);
    expect(isRetried({ k: 'notAttempted' }, true)).toBe(true);
    expect(isRetried({ k: 'unknown' }, false)).toBe(true);
    expect(isRetried({ k: 'unknown' }, true)).toBe(false);
    expect(isRetried({ k: 'done' }, false)).toBe(false);
    expect(isRetried({ k: 'alreadyGone' }, false)).toBe(false);
  });

  it('a folder whose job did not complete is searched again, minus every item its job settled', async () => {
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener });
    const source = (await engine.list()).find((j) => j.retryOf === undefined && j.counts.failed === 3);
    expect(source).toBeDefined();
    const alice = source!.mailboxes[0]!;
    const sourceDir = multiJobDir(dir, source!.multiJobId);
    const manifest = await readManifest(sourceDir);
    const folder = manifest!.mailboxes['alice@contoso.com']!.folders![0]!;
    const target = await retryTarget(sourceDir, { ...folder, retry: { jobId: alice.jobIds[0]!, mode: 'query' } }, spec);
    expect(target).toMatchObject({ kind: 'query', folderId: folder.folderId, filter: spec.search.filter });
    // 7 done and 1 final error are excluded; the 2 retryable ones are left to the query.
    expect(target.kind === 'query' ? target.excludeIds : undefined).toHaveLength(8);
  });
});
