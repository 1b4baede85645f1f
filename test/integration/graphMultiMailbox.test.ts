// A job over many mailboxes over Microsoft Graph: one app-only sign-in (a generated certificate)
// opens every mailbox; the directory over Graph (/users, /groups, transitiveMembers) chooses them;
// the preview and a soft delete run over three mailboxes, one of them unknown, and the result is
// checked over EWS on the same store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificate } from '../../electron/sim/tls';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { COLLECT_OVER_GRAPH, openGraphMailboxes, type ManyMailboxesSignIn } from '../../electron/graphSignIn/manyMailboxes';
import { createMultiMailboxService, type MultiMailboxService } from '../../electron/service/multiMailbox';
import type { ItemFilter, MultiMailboxSearchSpec } from '../../shared/domain';
import { reversibleSecretStore } from '../service/helpers';
import { ewsBackend } from '../jobs/simHarness';

const DAEMON = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const MAIL_ONLY = '8b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const SHIPPED = new Date('2031-03-01T12:00:00Z');
const FILTER: ItemFilter = { receivedAfter: '2031-01-01T00:00:00Z', receivedBefore: '2032-01-01T00:00:00Z' };
const HITS: Record<string, number> = { 'alice@contoso.com': 4, 'bob@contoso.com': 7 };
const UNKNOWN = 'nobody@contoso.com';

let sim: RunningGraphSimulator;
let dir: string;
let files: { cert: string; key: string };

const signIn = (clientId: string): ManyMailboxesSignIn => ({
  tenantId: sim.tenantId,
  clientId,
  authorityUrl: sim.authority,
  graphUrl: sim.graphUrl,
  signIn: 'appOnly',
  certificate: { certificatePath: files.cert, privateKeyPath: files.key },
});

async function service(clientId = DAEMON): Promise<MultiMailboxService> {
  const opened = await openGraphMailboxes(
    { dataDir: dir, secrets: reversibleSecretStore(), openUrl: () => Promise.reject(new Error('no browser in app-only')), ca: sim.certificatePem ?? '' },
    signIn(clientId),
  );
  if (!opened.ok) throw new Error(opened.error.message);
  return createMultiMailboxService({ dataDir: dir, mailboxes: opened.source, user: `app ${clientId}`, engine: { progressIntervalMs: 10 } });
}

beforeAll(async () => {
  const daemon = await generateCertificate([]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    apps: [
      { clientId: DAEMON, applicationPermissions: ['Mail.ReadWrite', 'User.Read.All', 'GroupMember.Read.All'], certificates: [daemon.cert] },
      { clientId: MAIL_ONLY, applicationPermissions: ['Mail.ReadWrite'], certificates: [daemon.cert] },
    ],
  });
  dir = await mkdtemp(join(tmpdir(), 'graph-multi-'));
  files = { cert: join(dir, 'app.pem'), key: join(dir, 'app.key') };
  await Promise.all([writeFile(files.cert, daemon.cert), writeFile(files.key, daemon.key)]);
  for (const [smtp, count] of Object.entries(HITS)) {
    const inbox = sim.ews.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.ews.store.seedItems(inbox.id, count, { subject: (i) => `shipped ${i}`, received: SHIPPED, receivedStepSeconds: 60 });
    sim.ews.store.seedItems(inbox.id, 3, { subject: 'kept' });
  }
});

afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('choosing mailboxes over Graph', () => {
  it('expands a group through its nested group with transitiveMembers, resolves names and addresses, and lists what it could not use', async () => {
    const multi = await service();
    try {
      const picked = await multi.selectMailboxes({
        groups: ['all-staff@contoso.com', 'no-such-group@contoso.com'],
        names: ['Help', 'alice@contoso.com', 'Zed'],
      });
      expect(picked.mailboxes.map((m) => m.toLowerCase()).sort()).toEqual([
        'alice@contoso.com',
        'bob@contoso.com',
        'carol@contoso.com',
        'helpdesk@contoso.com',
      ]);
      expect(picked.problems).toEqual([
        { entry: 'Zed', reason: expect.stringMatching(/No mailbox or group/) as unknown as string },
        { entry: 'no-such-group@contoso.com', reason: 'no-such-group@contoso.com is not a group the directory knows.' },
      ]);
      // Type-ahead: users and groups whose name or address starts with the text.
      expect((await multi.suggest('Sa')).map((e) => [e.kind, e.smtp])).toEqual([['group', 'sales@contoso.com']]);
      const many = (await multi.suggest('a')).map((e) => e.smtp);
      expect(many).toHaveLength(3);
      expect(many).toEqual(expect.arrayContaining(['alice@contoso.com', 'all-staff@contoso.com', 'admin@contoso.com']));
    } finally {
      multi.close();
    }
  });

  it('names the permission when the app may not read the directory', async () => {
    const multi = await service(MAIL_ONLY);
    try {
      const picked = await multi.selectMailboxes({ groups: ['all-staff@contoso.com'] });
      expect(picked.mailboxes).toEqual([]);
      expect(picked.problems[0]?.reason).toMatch(/Authorization_RequestDenied.*GroupMember\.Read\.All/);
    } finally {
      multi.close();
    }
  });
});

describe('search and soft delete over Graph', () => {
  const spec = (): MultiMailboxSearchSpec => ({
    mailboxes: ['alice@contoso.com', UNKNOWN, 'bob@contoso.com'],
    parts: 'primary',
    folders: { kind: 'allMail' },
    dumpster: false,
    filter: FILTER,
  });

  it('previews each mailbox (the unknown one with its reason), soft-deletes the hits, and EWS sees them in Deletions', async () => {
    const multi = await service();
    try {
      const preview = await multi.search(spec());
      expect(preview.map((p) => [p.mailbox, p.state, p.hits])).toEqual([
        ['alice@contoso.com', 'searched', 4],
        [UNKNOWN, 'unreachable', 0],
        ['bob@contoso.com', 'searched', 7],
      ]);
      expect(preview[1]?.reason).toMatch(/no Exchange Online mailbox nobody@contoso\.com/i);

      const handle = await multi.start({ search: spec(), action: { kind: 'delete', mode: 'SoftDelete' } });
      const summary = await handle.done;
      expect(summary.state).toBe('completed');
      expect(summary.counts).toMatchObject({ done: 11, failed: 0, unknown: 0 });
      const byMailbox = Object.fromEntries(summary.mailboxes.map((m) => [m.mailbox, [m.state, m.counts.done]]));
      expect(byMailbox).toEqual({ 'alice@contoso.com': ['done', 4], [UNKNOWN]: ['unreachable', 0], 'bob@contoso.com': ['done', 7] });
    } finally {
      multi.close();
    }

    // Over EWS on the same store: the hits are in Recoverable Items\Deletions, the rest stayed in the Inbox.
    for (const [smtp, count] of Object.entries(HITS)) {
      const ews = ewsBackend(sim.ews.url, { smtp, part: 'primary' });
      try {
        const signal = new AbortController().signal;
        const deletions = await ews.backend.listItems({ folderId: 'recoverableitemsdeletions', filter: {}, offset: 0, max: 100 }, signal);
        const inbox = await ews.backend.listItems({ folderId: 'inbox', filter: {}, offset: 0, max: 100 }, signal);
        expect(deletions.rows.map((r) => r.subject).sort(), smtp).toEqual(Array.from({ length: count }, (_, i) => `shipped ${i}`).sort());
        expect(
          inbox.rows.map((r) => r.subject),
          smtp,
        ).toEqual(['kept', 'kept', 'kept']);
      } finally {
        ews.client.close();
      }
    }
  });

  it('refuses a collect job in words (Graph copies within one mailbox)', async () => {
    const multi = await service();
    try {
      const handle = await multi.start({
        search: { ...spec(), mailboxes: ['alice@contoso.com'] },
        action: { kind: 'collect', mailbox: 'admin@contoso.com', folder: 'Evidence' },
      });
      const summary = await handle.done;
      expect(summary.mailboxes.find((m) => m.mailbox === 'alice@contoso.com')?.reason ?? '').toContain(COLLECT_OVER_GRAPH.slice(0, 40));
    } finally {
      multi.close();
    }
  });
});
