// The command line as an admin runs it: the real binary against the simulator's demo users and
// groups. Refusals and exit codes, the search preview as JSON lines, a dry run that changes nothing,
// a run with its report (CSV with the mailbox column), --shard and report --merge; folders.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { cliEnv, ofType, runCli } from './support';

let sim: RunningSimulator;
let dir: string;
const PHISH = 'Your mailbox is full - act now';
const SEEDED: Record<string, number> = { 'alice@contoso.com': 3, 'bob@contoso.com': 1, 'carol@contoso.com': 2 };

const hitsIn = (smtp: string, folder: string): number => {
  const f = sim.store.folderByDistinguished(smtp, folder);
  return [...sim.store.folderItems(f?.id ?? '')].filter((i) => i.subject === PHISH).length;
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'cli-'));
  for (const [smtp, n] of Object.entries(SEEDED)) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    const junk = sim.store.folderByDistinguished(smtp, 'junkemail');
    if (!inbox || !junk) throw new Error(`no folders for ${smtp}`);
    sim.store.seedItems(inbox.id, n, { subject: PHISH, from: { name: 'IT Helpdesk', address: 'helpdesk@phish.example' }, size: 2048 });
    sim.store.seedItems(junk.id, 1, { subject: PHISH, from: { name: 'IT Helpdesk', address: 'helpdesk@phish.example' }, size: 2048 });
    sim.store.seedItems(inbox.id, 4, { subject: 'Quarterly figures' });
  }
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('refusals', () => {
  it('refuses a password argument, a missing secret without a terminal, and an unknown option (exit 2)', async () => {
    const env = cliEnv(sim.url, dir);
    const withPassword = await runCli(['search', '--mailbox', 'alice@contoso.com', '--subject', 'x', '--password', 'hunter2'], env).result;
    expect(withPassword.code).toBe(2);
    expect(withPassword.stderr).toMatch(/SWEEPER_PASSWORD/);
    expect(withPassword.stderr).not.toMatch(/hunter2/);
    const noSecret = await runCli(['connect'], cliEnv(sim.url, dir, { SWEEPER_PASSWORD: undefined })).result;
    expect(noSecret.code).toBe(2);
    expect(ofType(noSecret.events, 'error')[0]?.message).toMatch(/SWEEPER_PASSWORD/);
    expect((await runCli(['search', '--mailbox', 'a@b.c', '--sujbect', 'x'], env).result).code).toBe(2);
    // A search without a filter would match everything: refused.
    expect((await runCli(['search', '--mailbox', 'alice@contoso.com'], env).result).code).toBe(2);
  }, 60_000);

  it('says a wrong password is a failed sign-in (exit 3)', async () => {
    const r = await runCli(['connect'], cliEnv(sim.url, dir, { SWEEPER_PASSWORD: 'wrong' })).result;
    expect(r.code).toBe(3);
    expect(ofType(r.events, 'connect')[0]?.ok).toBe(false);
  }, 30_000);
});

describe('search, run and report', () => {
  const env = (): NodeJS.ProcessEnv => cliEnv(sim.url, dir);
  const mailboxArgs = ['--group', 'all-staff@contoso.com', '--mailbox', 'ghost@contoso.com', '--subject', 'mailbox is full', '--sender', 'phish.example'];

  it('previews per mailbox as JSON lines; the unknown mailbox is listed with its reason (exit 1)', async () => {
    const r = await runCli(['search', ...mailboxArgs], env()).result;
    expect(r.code).toBe(1);
    const previews = ofType(r.events, 'preview');
    const byMailbox = Object.fromEntries(previews.map((p) => [p.mailbox, p.hits]));
    expect(byMailbox).toEqual({ 'alice@contoso.com': 4, 'bob@contoso.com': 2, 'carol@contoso.com': 3, 'ghost@contoso.com': 0 });
    const ghost = previews.find((p) => p.mailbox === 'ghost@contoso.com');
    expect(ghost?.state).toBe('unreachable');
    expect(String(ghost?.reason)).toMatch(/ghost@contoso.com/);
    expect(ofType(r.events, 'summary')[0]).toMatchObject({ hits: 9, mailboxes: 4, unreachable: 1 });
    // Only the inbox: the junk mail folder's copies are not counted.
    const inboxOnly = await runCli(['search', ...mailboxArgs, '--folders', 'inbox'], env()).result;
    expect(ofType(inboxOnly.events, 'summary')[0]).toMatchObject({ hits: 6 });
  }, 60_000);

  it('runs a delete as a dry run without --yes: nothing changes (exit 0)', async () => {
    const r = await runCli(['run', '--group', 'all-staff@contoso.com', '--subject', 'mailbox is full', '--action', 'softdelete'], env()).result;
    expect(r.code).toBe(0);
    expect(ofType(r.events, 'dryRun')[0]).toMatchObject({ hits: 9 });
    expect(ofType(r.events, 'job')).toHaveLength(0);
    expect(hitsIn('alice@contoso.com', 'inbox')).toBe(3);
    expect(r.stderr).toMatch(/Dry run/);
  }, 60_000);

  it('soft-deletes every hit with --yes, and reports per mailbox and per item with the mailbox column', async () => {
    const r = await runCli(['run', '--group', 'all-staff@contoso.com', '--subject', 'mailbox is full', '--action', 'softdelete', '--yes'], env()).result;
    expect(r.stderr).toBe(r.stderr.replace(/Sweeper-Demo/g, ''));
    expect(r.code).toBe(0);
    const id = String(ofType(r.events, 'job')[0]?.multiJobId);
    const summary = ofType(r.events, 'summary')[0];
    expect(summary).toMatchObject({ state: 'completed', total: 9 });
    expect((summary?.counts as Record<string, number>).done).toBe(9);
    expect(ofType(r.events, 'mailbox').map((m) => [m.mailbox, m.state, m.done])).toEqual([
      ['alice@contoso.com', 'done', 4],
      ['bob@contoso.com', 'done', 2],
      ['carol@contoso.com', 'done', 3],
    ]);
    for (const smtp of Object.keys(SEEDED)) {
      expect(hitsIn(smtp, 'inbox') + hitsIn(smtp, 'junkemail')).toBe(0);
      expect(hitsIn(smtp, 'recoverableitemsdeletions')).toBe((SEEDED[smtp] ?? 0) + 1);
    }
    const csv = await runCli(['report', id, '--format', 'csv'], env()).result;
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^"mailbox","jobId","user","action","itemId","subject"/);
    expect(lines.slice(1).filter((l) => l.startsWith('"bob@contoso.com"'))).toHaveLength(2);
    const perMailbox = await runCli(['report', id, '--mailboxes'], env()).result;
    expect(ofType(perMailbox.events, 'mailbox')).toHaveLength(3);
    const jobs = await runCli(['jobs'], env()).result;
    expect(ofType(jobs.events, 'job').find((j) => j.multiJobId === id)).toMatchObject({ state: 'completed', done: 9 });
  }, 60_000);

  it("splits the list with --shard deterministically and joins the shards' reports with report --merge", async () => {
    const inbox = (smtp: string): string => sim.store.folderByDistinguished(smtp, 'inbox')?.id ?? '';
    for (const smtp of ['admin@contoso.com', 'alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'])
      sim.store.seedItems(inbox(smtp), 2, { subject: 'Shard test' });
    const list = join(dir, 'list.csv');
    writeFileSync(
      list,
      'DisplayName,PrimarySmtpAddress\nCarol,carol@contoso.com\nAdmin,admin@contoso.com\nBob,BOB@contoso.com\nAlice,alice@contoso.com\nBob again,bob@contoso.com\n',
    );
    const shards: Awaited<ReturnType<typeof runCli>['result']>[] = [];
    for (const s of ['0/2', '1/2']) {
      const r = await runCli(['run', '--mailboxes-file', list, '--subject', 'Shard test', '--action', 'move:junkemail', '--shard', s], env()).result;
      expect(r.code).toBe(0);
      shards.push(r);
    }
    const mailboxesOf = (r: (typeof shards)[number]): string[] => ofType(r.events, 'mailbox').map((m) => String(m.mailbox).toLowerCase());
    expect(mailboxesOf(shards[0]!)).toEqual(['admin@contoso.com', 'bob@contoso.com']);
    expect(mailboxesOf(shards[1]!)).toEqual(['alice@contoso.com', 'carol@contoso.com']);
    const files = shards.map((r, i) => {
      const path = join(dir, `shard-${i}.csv`);
      const out = spawnSync(
        process.execPath,
        [join(__dirname, '../../electron/cli/bin.cjs'), 'report', String(ofType(r.events, 'job')[0]?.multiJobId), '--out', path],
        { env: env() },
      );
      expect(out.status).toBe(0);
      return path;
    });
    const merged = join(dir, 'merged.csv');
    const m = await runCli(['report', '--merge', ...files, files[0]!, '--out', merged], env()).result;
    expect(m.code).toBe(0);
    expect(m.stderr).toMatch(/8 rows from 3 reports \(4 duplicate rows left out\)/);
    const rows = readFileSync(merged, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(9);
    expect(new Set(rows.slice(1).map((l) => l.split(',')[0])).size).toBe(4);
  }, 90_000);

  it('runs as `npx mailbox-sweeper` (the package bin)', () => {
    const r = spawnSync('npx', ['--offline', 'mailbox-sweeper', '--help'], { cwd: join(__dirname, '../..'), encoding: 'utf8', env: { ...process.env } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/mailbox-sweeper — search and clean many Exchange mailboxes/);
  }, 60_000);
});

describe('folders', () => {
  it('lists one mailbox over EWS (impersonated) with counts; every dumpster folder opens, none is marked', async () => {
    const r = await runCli(['folders', '--mailbox', 'carol@contoso.com'], cliEnv(sim.url, dir)).result;
    expect(r.code, r.stderr).toBe(0);
    const byName = new Map(ofType(r.events, 'folder').map((f) => [String(f.wellKnown ?? f.path), f]));
    const inbox = sim.store.folderByDistinguished('carol@contoso.com', 'inbox');
    expect(byName.get('inbox')).toMatchObject({ area: 'ipm', items: [...sim.store.folderItems(inbox?.id ?? '')].length });
    for (const name of ['recoverableitemsdeletions', 'recoverableitemsversions', 'recoverableitemspurges']) {
      expect(byName.get(name), name).toMatchObject({ area: 'recoverable' });
      expect(typeof byName.get(name)?.items, name).toBe('number');
      expect(byName.get(name)?.note, name).toBeUndefined();
    }
  });
});
