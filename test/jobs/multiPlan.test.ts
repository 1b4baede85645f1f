// A mailbox's plan in a job over many (jobs/multiPlan.ts) against the simulator: the first folder
// with hits is counted with its listing's first page, held for its job; later folders with a
// one-row count. And a whole job over mailboxes: each mailbox's folder is listed once (the plan's
// page is the job's first page), the sign-in is asked for the primary only, every hit is deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { forwardingBackend, type JobBackend, type ListItemsRequest } from '../../electron/jobs/backend';
import { AccountGate, defaultBackoffOptions, realClock } from '../../electron/jobs/backoff';
import { listingRequest, LIST_PAGE_SIZE } from '../../electron/jobs/keysetListing';
import { FirstPageHolder } from '../../electron/jobs/multiFirstPage';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { planMailbox } from '../../electron/jobs/multiPlan';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import type { EwsClient } from '../../electron/ews';
import type { MultiMailboxSearchSpec } from '../../shared/domain';
import { ewsBackend } from './simHarness';
import { tempDir } from './helpers';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;
const clients: EwsClient[] = [];
const folderIds = new Map<string, { inbox: string; finance: string }>();

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ dir, cleanup } = tempDir('multi-plan-'));
  // alice: hits in the inbox and its subfolder; bob: none in the inbox, some in the subfolder.
  for (const [smtp, inInbox] of [
    ['alice@contoso.com', 30],
    ['bob@contoso.com', 0],
  ] as const) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    const finance = sim.store.createFolder(inbox.id, 'Finance');
    sim.store.seedItems(inbox.id, inInbox, { subject: (i) => `plan ${i}` });
    sim.store.seedItems(finance.id, 5, { subject: (i) => `plan sub ${i}` });
    sim.store.seedItems(inbox.id, 7, { subject: (i) => `other ${i}` });
    folderIds.set(smtp, { inbox: inbox.id, finance: finance.id });
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
  cleanup();
});

/** The mailbox's primary backend, recording every listing request it sends. */
function counted(smtp: string): { backend: JobBackend; listed: ListItemsRequest[] } {
  const { backend: inner, client } = ewsBackend(sim.url, { smtp, part: 'primary' });
  clients.push(client);
  const listed: ListItemsRequest[] = [];
  const backend: JobBackend = {
    ...forwardingBackend(inner),
    accountKey: `test|as:${smtp}`,
    listItems: (req, signal) => (listed.push(req), inner.listItems(req, signal)),
  };
  return { backend, listed };
}

const ctx = () => ({
  gate: new AccountGate(realClock, defaultBackoffOptions, Math.random),
  limits: { maxAttempts: 3, timeoutMs: 5_000 },
  signal: new AbortController().signal,
});
const search: Pick<MultiMailboxSearchSpec, 'folders' | 'dumpster' | 'filter'> = {
  folders: { kind: 'wellKnown', names: ['inbox'], subfolders: true },
  dumpster: false,
  filter: { subjectContains: 'plan' },
};
const noDestination = { in: () => Promise.resolve(undefined) };
const signal = new AbortController().signal;

describe('planMailbox', () => {
  it('counts the first folder with hits with its first listing page and holds it; later folders get a one-row count', async () => {
    const { backend, listed } = counted('alice@contoso.com');
    const firstPage = new FirstPageHolder();
    const served = firstPage.serve(backend);
    const planned = await planMailbox('alice@contoso.com', search, [{ part: 'primary', backend: served, firstPage, ctx: ctx() }], noDestination);
    const ids = folderIds.get('alice@contoso.com');
    expect(planned.map((f) => [f.folderId, f.hits])).toEqual([
      [ids?.inbox, 30],
      [ids?.finance, 5],
    ]);
    expect(listed.map((r) => [r.folderId, r.max, r.order])).toEqual([
      [ids?.inbox, LIST_PAGE_SIZE, 'receivedDesc'],
      [ids?.finance, 1, undefined],
    ]);
    // The job's first listing of the inbox is answered from the held page: nothing more is sent.
    const page = await served.listItems(listingRequest({ folderId: ids?.inbox ?? '', filter: search.filter }, { skip: 0 }), signal);
    expect(page.rows).toHaveLength(30);
    expect(page.rows.every((r) => r.subject.startsWith('plan '))).toBe(true);
    expect(listed).toHaveLength(2);
  });

  it('a first folder without hits holds nothing: the next one is asked for its page', async () => {
    const { backend, listed } = counted('bob@contoso.com');
    const firstPage = new FirstPageHolder();
    const planned = await planMailbox(
      'bob@contoso.com',
      search,
      [{ part: 'primary', backend: firstPage.serve(backend), firstPage, ctx: ctx() }],
      noDestination,
    );
    const ids = folderIds.get('bob@contoso.com');
    expect(planned.map((f) => [f.folderId, f.hits])).toEqual([[ids?.finance, 5]]);
    expect(listed.map((r) => [r.folderId, r.max])).toEqual([
      [ids?.inbox, LIST_PAGE_SIZE],
      [ids?.finance, LIST_PAGE_SIZE],
    ]);
    expect(firstPage.holding).toBe(true);
  });
});

describe('a job over mailboxes', () => {
  it("lists each mailbox's folder once, opens primaries only and deletes every hit", async () => {
    const listedBy = new Map<string, ListItemsRequest[]>();
    const asked: { smtp: string; primaryOnly: boolean | undefined }[] = [];
    const opener: MailboxOpener = {
      open(smtp, options) {
        asked.push({ smtp, primaryOnly: options?.primaryOnly });
        return Promise.resolve({
          ok: true,
          hasArchive: false,
          backendFor: () => {
            const { backend, listed } = counted(smtp);
            listedBy.set(smtp, listed);
            return backend;
          },
        });
      },
    };
    const engine = new MultiJobEngine({ dataDir: dir, user: 'admin@contoso.com', opener, parallelMailboxes: 2, engine: { progressIntervalMs: 5 } });
    const handle = await engine.start({
      search: {
        mailboxes: ['alice@contoso.com', 'bob@contoso.com'],
        parts: 'primary',
        folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
        dumpster: false,
        filter: { subjectContains: 'plan' },
      },
      action: { kind: 'delete', mode: 'HardDelete' },
    });
    const summary = await handle.done;
    expect(summary.state).toBe('completed');
    expect(summary.counts.done).toBe(30);
    expect(asked).toEqual([
      { smtp: 'alice@contoso.com', primaryOnly: true },
      { smtp: 'bob@contoso.com', primaryOnly: true },
    ]);
    // alice: the plan's page served her job (30 rows, one page); bob: the empty inbox's page only.
    expect(listedBy.get('alice@contoso.com')).toHaveLength(1);
    expect(listedBy.get('bob@contoso.com')).toHaveLength(1);
    const inbox = folderIds.get('alice@contoso.com')?.inbox ?? '';
    expect(sim.store.folderItems(inbox).filter((i) => i.subject.startsWith('plan ')).length).toBe(0);
    expect(sim.store.folderItems(inbox).length).toBe(7);
  });
});
