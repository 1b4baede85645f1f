// The real command line over Microsoft Graph: --backend graph, app-only with a generated
// certificate against the Graph simulator's authority (its self-signed certificate trusted through
// NODE_EXTRA_CA_CERTS, as an admin behind an inspecting proxy would), a group expanded over Graph,
// a dry run, then a soft delete over three mailboxes (one unknown), checked over EWS on the same store;
// connect (the connection test per mailbox: token, mailbox, permissions) and folders over Graph.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificate } from '../../electron/sim/tls';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ewsBackend } from '../jobs/simHarness';
import { ofType, runCli } from './support';

const DAEMON = '9c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
/** An app registration granted only the directory permissions (no Mail.ReadWrite). */
const DIRECTORY_ONLY = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
/** Granted mail and users but not group members (GroupMember.Read.All). */
const NO_GROUPS = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
const HITS: Record<string, number> = { 'alice@contoso.com': 3, 'bob@contoso.com': 5 };
const UNKNOWN = 'nobody@contoso.com';

let sim: RunningGraphSimulator;
let dir: string;
let files: { cert: string; key: string; ca: string; strangerCert: string; strangerKey: string };

beforeAll(async () => {
  const daemon = await generateCertificate([]);
  // A certificate no app registration holds: its sign-in is refused.
  const stranger = await generateCertificate([]);
  sim = await startGraphSimulator({
    tls: true,
    simulatorOptions: { seed: 'empty', throttling: false },
    apps: [
      { clientId: DAEMON, applicationPermissions: ['Mail.ReadWrite', 'User.Read.All', 'GroupMember.Read.All'], certificates: [daemon.cert] },
      { clientId: DIRECTORY_ONLY, applicationPermissions: ['User.Read.All', 'GroupMember.Read.All'], certificates: [daemon.cert] },
      { clientId: NO_GROUPS, applicationPermissions: ['Mail.ReadWrite', 'User.Read.All'], certificates: [daemon.cert] },
    ],
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-graph-'));
  files = {
    cert: join(dir, 'app.pem'),
    key: join(dir, 'app.key'),
    ca: join(dir, 'sim-ca.pem'),
    strangerCert: join(dir, 'stranger.pem'),
    strangerKey: join(dir, 'stranger.key'),
  };
  await Promise.all([
    writeFile(files.cert, daemon.cert),
    writeFile(files.key, daemon.key),
    writeFile(files.ca, sim.certificatePem ?? ''),
    writeFile(files.strangerCert, stranger.cert),
    writeFile(files.strangerKey, stranger.key),
  ]);
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

describe('connect and folders over Microsoft Graph', () => {
  it('connect tests each mailbox through the Graph connector: token, folders, Deletions; an unknown mailbox is named (exit 1)', async () => {
    const r = await runCli(['connect', ...GRAPH(), '--mailbox', `alice@contoso.com,${UNKNOWN}`], env()).result;
    expect(r.code, r.stderr).toBe(1);
    const alice = ofType(r.events, 'check').filter((c) => c.mailbox === 'alice@contoso.com');
    expect(alice.map((c) => [c.step, c.outcome])).toEqual([
      ['Sign-in authority', 'ok'],
      ['Sign-in', 'ok'],
      ['Mailbox folders', 'ok'],
      ['Recoverable Items', 'ok'],
    ]);
    expect(alice[1]?.detail).toContain(DAEMON);
    const rows = Object.fromEntries(ofType(r.events, 'mailbox').map((m) => [m.mailbox, m]));
    expect(rows['alice@contoso.com']).toMatchObject({ ok: true, access: 'app-only', deletions: 'opens' });
    expect(rows[UNKNOWN]).toMatchObject({ ok: false });
    expect(String(rows[UNKNOWN]?.reason)).toMatch(/no Exchange Online mailbox/i);
    expect(r.stderr).toContain(`${UNKNOWN}: Mailbox folders failed:`);
  });

  it('connect says which permission is missing (exit 1), a certificate no app holds fails the sign-in (exit 3), and no --mailbox is refused (exit 2)', async () => {
    const noMail = await runCli(['connect', ...GRAPH(), '--mailbox', 'alice@contoso.com'], env({ SWEEPER_CLIENT_ID: DIRECTORY_ONLY })).result;
    expect(noMail.code, noMail.stderr).toBe(1);
    const folders = ofType(noMail.events, 'check').find((c) => c.step === 'Mailbox folders');
    expect(folders?.outcome).toBe('failed');
    expect(String(folders?.detail)).toMatch(/Mail\.ReadWrite/);

    const stranger = await runCli(
      ['connect', ...GRAPH(), '--mailbox', 'alice@contoso.com,bob@contoso.com'],
      env({ SWEEPER_CERT: files.strangerCert, SWEEPER_KEY: files.strangerKey }),
    ).result;
    expect(stranger.code, stranger.stderr).toBe(3);
    expect(ofType(stranger.events, 'connect')[0]).toMatchObject({ ok: false, backend: 'graph', step: 'Sign-in' });
    // The sign-in failed for the first mailbox: the second is not tried (it would fail the same way).
    expect(new Set(ofType(stranger.events, 'check').map((c) => c.mailbox))).toEqual(new Set(['alice@contoso.com']));

    const none = await runCli(['connect', ...GRAPH()], env()).result;
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs --mailbox/);
  });

  it('connect checks the directory permissions: granted is ok; a missing one is a warning, or a failure with --group (exit 1)', async () => {
    const granted = await runCli(['connect', ...GRAPH(), '--mailbox', 'alice@contoso.com'], env()).result;
    expect(granted.code, granted.stderr).toBe(0);
    const ok = ofType(granted.events, 'check').find((c) => c.step === 'Directory (names, --group)');
    expect(ok).toMatchObject({ outcome: 'ok', detail: expect.stringMatching(/User\.Read\.All and GroupMember\.Read\.All/) as unknown as string });

    const warned = await runCli(['connect', ...GRAPH(), '--mailbox', 'alice@contoso.com'], env({ SWEEPER_CLIENT_ID: NO_GROUPS })).result;
    expect(warned.code, warned.stderr).toBe(0);
    const warning = ofType(warned.events, 'check').find((c) => c.step === 'Directory (names, --group)');
    expect(warning?.outcome).toBe('warning');
    expect(String(warning?.detail)).toMatch(/not granted the application permission GroupMember\.Read\.All/);
    expect(String(warning?.detail)).not.toMatch(/User\.Read\.All/);
    expect(warned.stderr).toContain('Directory:');

    const needed = await runCli(
      ['connect', ...GRAPH(), '--mailbox', 'alice@contoso.com', '--group', 'sales@contoso.com'],
      env({ SWEEPER_CLIENT_ID: NO_GROUPS }),
    ).result;
    expect(needed.code, needed.stderr).toBe(1);
    expect(ofType(needed.events, 'check').find((c) => c.step === 'Directory (names, --group)')?.outcome).toBe('failed');
    // The mailbox itself opened: only the directory failed.
    expect(ofType(needed.events, 'mailbox')[0]).toMatchObject({ mailbox: 'alice@contoso.com', ok: true });
  });

  it('folders lists the tree Graph sees with counts; Versions, Purges and DiscoveryHolds are "EWS only"; no archive', async () => {
    const inbox = sim.ews.store.folderByDistinguished('carol@contoso.com', 'inbox');
    if (!inbox) throw new Error('no inbox for carol');
    sim.ews.store.seedItems(inbox.id, 4, { subject: 'counted' });
    const r = await runCli(['folders', ...GRAPH(), '--mailbox', 'carol@contoso.com'], env()).result;
    expect(r.code, r.stderr).toBe(0);
    const rows = ofType(r.events, 'folder');
    const byName = new Map(rows.map((f) => [String(f.wellKnown ?? f.path), f]));
    expect(byName.get('inbox')).toMatchObject({ items: 4, area: 'ipm' });
    expect(byName.get('recoverableitemsdeletions')).toMatchObject({ area: 'recoverable' });
    expect(typeof byName.get('recoverableitemsdeletions')?.items).toBe('number');
    for (const name of ['recoverableitemsversions', 'recoverableitemspurges', 'recoverableitemsdiscoveryholds']) {
      const row = byName.get(name);
      expect(row, name).toMatchObject({ note: 'EWS only', area: 'recoverable' });
      expect(row?.items, name).toBeUndefined();
      expect(String(row?.unavailableReason)).toMatch(/^EWS only/);
    }

    const archive = await runCli(['folders', ...GRAPH(), '--mailbox', 'carol@contoso.com', '--part', 'archive'], env()).result;
    expect(archive.code).toBe(2);
    expect(archive.stderr).toMatch(/In-Place Archive/);
    const unknown = await runCli(['folders', ...GRAPH(), '--mailbox', UNKNOWN], env()).result;
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no Exchange Online mailbox/i);
  });
});
