// The command line's parts without a server: arguments (secrets refused), --shard, the job file and
// filter flags, output formats, report merging and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, parseShard, UsageError } from '../../electron/cli/args';
import { exitFor } from '../../electron/cli/context';
import { connectionFrom } from '../../electron/cli/credentials';
import { jobFrom, parseAction, requireFilter } from '../../electron/cli/jobSpec';
import { csvCell, formatFrom, renderTable } from '../../electron/cli/output';
import { merge, parseCsv, readReport } from '../../electron/cli/reportMerge';

const dir = mkdtempSync(join(tmpdir(), 'cli-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('arguments', () => {
  it('parses the command, positionals, repeatable lists and booleans; refuses unknown flags and secrets', () => {
    const a = parseArgs(['run', 'x', '--mailbox', 'a@x.com,b@x.com', '--mailbox=c@x.com', '--yes', '--subject', 'Hello there']);
    expect(a.command).toBe('run');
    expect(a.positional).toEqual(['x']);
    expect(a.lists.get('mailbox')).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
    expect(a.booleans.has('yes')).toBe(true);
    expect(a.strings.get('subject')).toBe('Hello there');
    expect(() => parseArgs(['run', '--colour'])).toThrow(/Unknown option --colour/);
    expect(() => parseArgs(['run', '--token=abc'])).toThrow(/SWEEPER_PASSWORD or SWEEPER_TOKEN/);
    expect(() => parseArgs(['run', '--subject'])).toThrow(/needs a value/);
    expect(() => parseArgs(['run', '--yes=1'])).toThrow(/takes no value/);
  });

  it('reads --shard INDEX/COUNT (0-based, as a Kubernetes completion index)', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['4/4', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(UsageError);
  });

  it('takes the secret from the environment or a prompt, never a flag; refuses without either', async () => {
    const args = parseArgs(['connect', '--url', 'https://mail.x.com/EWS/Exchange.asmx', '--user', 'admin@x.com']);
    expect((await connectionFrom(args, { env: { SWEEPER_PASSWORD: 'pw' } })).secret).toBe('pw');
    expect((await connectionFrom(args, { env: {}, promptSecret: async (q) => `typed for ${q}` })).secret).toBe('typed for Password for admin@x.com: ');
    await expect(connectionFrom(args, { env: {} })).rejects.toThrow(/SWEEPER_PASSWORD/);
    const token = await connectionFrom(parseArgs(['connect', '--url', 'https://mail.x.com/EWS/Exchange.asmx']), { env: { SWEEPER_TOKEN: 'tok' } });
    expect([token.authKind, token.secret]).toEqual(['bearer', 'tok']);
  });
});

describe('job spec', () => {
  it('builds the search from flags: filters (dates as ISO), scope, action, shard', () => {
    const job = jobFrom(
      parseArgs([
        'run',
        '--mailbox',
        'a@x.com',
        '--subject',
        'Invoice',
        '--received-after',
        '2026-03-01',
        '--folders',
        'inbox,junkemail',
        '--subfolders',
        '--dumpster',
        '--part',
        'both',
        '--action',
        'move:junkemail',
        '--shard',
        '0/2',
      ]),
    );
    expect(job.search).toEqual({
      parts: 'both',
      folders: { kind: 'wellKnown', names: ['inbox', 'junkemail'], subfolders: true },
      dumpster: true,
      filter: { subjectContains: 'Invoice', receivedAfter: '2026-03-01T00:00:00.000Z' },
    });
    expect(job.action).toEqual({ kind: 'move', toFolder: 'junkemail' });
    expect(job.sources.text).toBe('a@x.com');
    expect(job.shard).toEqual({ index: 0, count: 2 });
    expect(() => jobFrom(parseArgs(['run', '--received-after', 'last tuesday']))).toThrow(/ISO 8601/);
  });

  it('reads a JSON job file (flags win) and names the field of a mistake', () => {
    writeFileSync(join(dir, 'list.txt'), 'b@x.com\n');
    const file = join(dir, 'job.json');
    writeFileSync(
      file,
      JSON.stringify({
        mailboxes: ['a@x.com'],
        mailboxesFile: 'list.txt',
        groups: ['all@x.com'],
        folders: 'all',
        filter: { senderContains: 'evil', subjectContains: 'old' },
        action: { kind: 'delete', mode: 'HardDelete' },
      }),
    );
    const job = jobFrom(parseArgs(['run', '--job', file, '--subject', 'new']));
    expect(job.sources).toEqual({ text: 'a@x.com\nb@x.com\n', groups: ['all@x.com'] });
    expect(job.search.filter).toEqual({ senderContains: 'evil', subjectContains: 'new' });
    expect(job.search.folders).toEqual({ kind: 'allMail' });
    expect(job.action).toEqual({ kind: 'delete', mode: 'HardDelete' });
    writeFileSync(file, JSON.stringify({ filter: { subjectContain: 'x' } }));
    expect(() => jobFrom(parseArgs(['run', '--job', file]))).toThrow(/filter/);
  });

  it('names actions and refuses an empty filter', () => {
    expect(parseAction('softdelete')).toEqual({ kind: 'delete', mode: 'SoftDelete' });
    expect(parseAction('recover')).toEqual({ kind: 'recover', fallbackFolder: 'inbox' });
    expect(() => parseAction('move')).toThrow(/move:FOLDER/);
    expect(parseAction('collect:discovery@contoso.com/Case 42/Mail')).toEqual({ kind: 'collect', mailbox: 'discovery@contoso.com', folder: 'Case 42/Mail' });
    expect(parseAction('collect:discovery@contoso.com')).toEqual({ kind: 'collect', mailbox: 'discovery@contoso.com', folder: 'Mailbox Sweeper collection' });
    expect(() => parseAction('collect:discovery@contoso.com/ ')).toThrow(/collect:MAILBOX/);
    expect(() => parseAction('collect')).toThrow(/collect:MAILBOX/);
    expect(jobFrom(parseArgs(['search', '--has-attachments'])).search.filter).toEqual({ hasAttachments: true });
    expect(() => requireFilter({})).toThrow(/No filter/);
  });
});

describe('output and reports', () => {
  it('chooses the format by terminal or flag, quotes CSV cells and defuses formulas', () => {
    expect(formatFrom(parseArgs(['jobs']), { stdout: Object.assign(process.stdout, {}), stderr: process.stderr })).toBe(
      process.stdout.isTTY ? 'table' : 'jsonl',
    );
    expect(formatFrom(parseArgs(['jobs', '--format', 'json']), { stdout: process.stdout, stderr: process.stderr })).toBe('jsonl');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(
      renderTable(
        ['a', 'bb'],
        [
          [1, 'x'],
          [22, undefined],
        ],
      ),
    ).toBe('a   bb\n--  --\n1   x\n22\n');
  });

  it('merges CSV and JSON-lines reports: union of columns, duplicates dropped and counted', () => {
    const csv = '"mailbox","jobId","itemId","subject","outcome"\r\n"a@x.com","j1","i1","Hi, ""you""\nthere","done"\r\n';
    expect(parseCsv(csv)[1]).toEqual(['a@x.com', 'j1', 'i1', 'Hi, "you"\nthere', 'done']);
    const first = readReport('a.csv', csv);
    const second = readReport(
      'b.jsonl',
      '{"type":"item","mailbox":"b@x.com","jobId":"j2","itemId":"i9","outcome":"failed","code":"ErrorAccessDenied"}\n{"type":"summary"}\n',
    );
    const merged = merge([first, second, first]);
    expect(merged.rows).toHaveLength(2);
    expect(merged.duplicates).toBe(1);
    expect(merged.columns).toEqual(['mailbox', 'jobId', 'itemId', 'subject', 'outcome', 'code']);
    expect(() => readReport('c.csv', '"a","b"\r\n"1","2"\r\n')).toThrow(/not a report/);
  });

  it('maps a finished job to exit codes', () => {
    const counts = { done: 3, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
    const ok = { mailbox: 'a@x.com', state: 'done' as const, counts, total: 3, jobIds: [] };
    expect(exitFor({ state: 'completed', counts, mailboxes: [ok] })).toBe(0);
    expect(exitFor({ state: 'completed', counts: { ...counts, failed: 1 }, mailboxes: [ok] })).toBe(1);
    expect(exitFor({ state: 'completed', counts, mailboxes: [ok, { ...ok, state: 'unreachable' }] })).toBe(1);
    expect(exitFor({ state: 'failed', counts, mailboxes: [ok] })).toBe(3);
  });
});
