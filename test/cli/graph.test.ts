// The real command line over Microsoft Graph: --backend graph, app-only with a generated
// certificate against the Graph simulator's authority (its self-signed certificate trusted through
// NODE_EXTRA_CA_CERTS, as an admin behind an inspecting proxy would), a group expanded over Graph,
// a dry run, then a soft delete over three mailboxes (one unknown), checked over EWS on the same store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificate } from '../../electron/sim/tls';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ewsBackend } from '../jobs/simHarness';
import { ofType, runCli } from './support';

const DAEMON = '9c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
const HITS: Record<string, number> = { 'alice@contoso.com': 3, 'bob@contoso.com': 5 };
const UNKNOWN = 'nobody@contoso.com';

let sim: RunningGraphSimulator;
let dir: string;
let files: { cert: string; key: string; ca: string };

beforeAll(async () => {
  const daemon = await generateCertificate([]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    apps: [{ clientId: DAEMON, applicationPermissions: ['Mail.ReadWrite', 'User.Read.All', 'GroupMember.Read.All'], certificates: [daemon.cert] }],
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-graph-'));
  files = { cert: join(dir, 'app.pem'), key: join(dir, 'app.key'), ca: join(dir, 'sim-ca.pem') };
  await Promise.all([writeFile(files.cert, daemon.cert), writeFile(files.key, daemon.key), writeFile(files.ca, sim.certificatePem ?? '')]);
  for (const [smtp, count] of Object.entries(HITS)) {
    const inbox = sim.ews.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.ews.store.seedItems(inbox.id, count, { subject: (i) => `stale ${i}`, received: new Date('2030-06-01T00:00:00Z') });
    sim.ews.store.seedItems(inbox.id, 2, { subject: 'fresh' });
  }
});

afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SWEEPER_DATA_DIR: dir,
    SWEEPER_TENANT: sim.tenantId,
    SWEEPER_CLIENT_ID: DAEMON,
    SWEEPER_CERT: files.cert,
    SWEEPER_KEY: files.key,
    NODE_EXTRA_CA_CERTS: files.ca,
    ...extra,
  };
}

const GRAPH = (): string[] => ['--backend', 'graph', '--authority', sim.authority, '--graph-url', sim.graphUrl, '--format', 'jsonl'];
const FILTER = ['--received-after', '2030-01-01T00:00:00Z', '--received-before', '2031-01-01T00:00:00Z'];

describe('the command line over Microsoft Graph', () => {
  it('expands a group over Graph and previews its mailboxes (search)', async () => {
    const r = await runCli(['search', ...GRAPH(), '--group', 'sales@contoso.com', '--mailbox', 'alice@contoso.com', ...FILTER], env()).result;
    expect(r.code, r.stderr).toBe(0);
    const previews = ofType(r.events, 'preview').map((e) => [e.mailbox, e.state, e.hits]);
    expect(previews).toEqual(
      expect.arrayContaining([
        ['alice@contoso.com', 'searched', 3],
        ['carol@contoso.com', 'searched', 0],
      ]),
    );
  });

  it('runs a soft delete over three mailboxes (one unknown); EWS sees the hits in Deletions', async () => {
    const mailboxes = ['alice@contoso.com', UNKNOWN, 'bob@contoso.com'].join(',');
    const dry = await runCli(['run', ...GRAPH(), '--mailbox', mailboxes, ...FILTER, '--action', 'softdelete'], env()).result;
    expect(ofType(dry.events, 'dryRun')[0]).toMatchObject({ hits: 8 });

    const r = await runCli(['run', ...GRAPH(), '--mailbox', mailboxes, ...FILTER, '--action', 'softdelete', '--yes'], env()).result;
    // Partly failed: the unknown mailbox could not be opened; the others are done.
    expect(r.code, r.stderr).toBe(1);
    const rows = Object.fromEntries(ofType(r.events, 'mailbox').map((e) => [e.mailbox, [e.state, e.done]]));
    expect(rows).toEqual({ 'alice@contoso.com': ['done', 3], [UNKNOWN]: ['unreachable', 0], 'bob@contoso.com': ['done', 5] });
    expect(ofType(r.events, 'mailbox').find((e) => e.mailbox === UNKNOWN)?.reason).toMatch(/no Exchange Online mailbox/i);

    for (const [smtp, count] of Object.entries(HITS)) {
      const ews = ewsBackend(sim.ews.url, { smtp, part: 'primary' });
      try {
        const signal = new AbortController().signal;
        const deletions = await ews.backend.listItems({ folderId: 'recoverableitemsdeletions', filter: {}, offset: 0, max: 100 }, signal);
        const inbox = await ews.backend.listItems({ folderId: 'inbox', filter: {}, offset: 0, max: 100 }, signal);
        expect(deletions.rows, smtp).toHaveLength(count);
        expect(
          inbox.rows.map((row) => row.subject),
          smtp,
        ).toEqual(['fresh', 'fresh']);
      } finally {
        ews.client.close();
      }
    }
  });

  it('refuses EWS-only flags and a missing certificate in words, before any sign-in', async () => {
    const mixed = await runCli(['search', ...GRAPH(), '--budget-owner', 'caller', '--mailbox', 'alice@contoso.com', ...FILTER], env()).result;
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--budget-owner is EWS only/);
    const noKey = await runCli(['search', ...GRAPH(), '--mailbox', 'alice@contoso.com', ...FILTER], env({ SWEEPER_KEY: '' })).result;
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--key \(or SWEEPER_KEY\)/);
  });
});
