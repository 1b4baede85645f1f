// Reading a many-mailbox job's manifest: what ManifestWriter writes reads back as it is; a missing
// one is undefined; a damaged one (not JSON, or JSON that is not a manifest) throws an error naming
// the file and the first problem, and the job list leaves it out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManifestWriter, multiJobDir, readManifest, type MultiManifest } from '../../electron/jobs/multiManifest';
import { MultiJobEngine } from '../../electron/jobs/multiJob';
import { checkManifest } from '../../electron/jobs/multiManifestSchema';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('multi-manifest-test-')));
afterEach(() => cleanup());

const opener: MailboxOpener = { open: () => Promise.resolve({ ok: false, reason: 'not used here' }) };

function manifest(multiJobId: string): MultiManifest {
  return {
    v: 1,
    multiJobId,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    user: 'admin@contoso.com',
    spec: {
      search: {
        mailboxes: ['alice@contoso.com', 'bob@contoso.com'],
        parts: 'primary',
        folders: { kind: 'allMail' },
        dumpster: false,
        filter: { subjectContains: 'payroll' },
      },
      action: { kind: 'delete', mode: 'SoftDelete' },
    },
    mailboxes: {
      'alice@contoso.com': { state: 'done', access: 'impersonation', folders: [{ part: 'primary', folderId: 'inbox-id', displayName: 'Inbox', hits: 3 }] },
      'bob@contoso.com': { state: 'unreachable', reason: 'No mailbox bob@contoso.com exists.' },
    },
    finished: { state: 'completed', at: '2026-12-01T10:01:00.000Z' },
  };
}

async function written(multiJobId: string): Promise<string> {
  const jobDir = multiJobDir(dir, multiJobId);
  mkdirSync(jobDir, { recursive: true });
  await new ManifestWriter(jobDir, manifest(multiJobId)).save();
  return jobDir;
}

describe('readManifest', () => {
  it('reads back what ManifestWriter wrote', async () => {
    const jobDir = await written('multi-1');
    const read = await readManifest(jobDir);
    expect(read).toEqual({ ...manifest('multi-1'), updatedAt: expect.any(String) as unknown });
  });

  it('is undefined when there is no manifest', async () => {
    await expect(readManifest(join(dir, 'nowhere'))).resolves.toBeUndefined();
  });

  it('names the file and the problem of a damaged manifest', async () => {
    const jobDir = await written('multi-2');
    const file = join(jobDir, 'multi.json');
    const good = JSON.parse(readFileSync(file, 'utf8')) as MultiManifest;

    writeFileSync(file, '{"v":1,"multiJobId":"multi-2","creat');
    await expect(readManifest(jobDir)).rejects.toThrow(`${file} is damaged: not valid JSON.`);

    writeFileSync(file, JSON.stringify({ ...good, mailboxes: { 'alice@contoso.com': { state: 'exploded' } } }));
    await expect(readManifest(jobDir)).rejects.toThrow(`${file} is damaged: not a multi-mailbox job manifest at mailboxes.alice@contoso.com.state`);

    const folders = [{ part: 'primary', folderId: 'inbox-id', displayName: 'Inbox', hits: -1 }];
    writeFileSync(file, JSON.stringify({ ...good, mailboxes: { 'alice@contoso.com': { state: 'done', folders } } }));
    await expect(readManifest(jobDir)).rejects.toThrow(/at mailboxes\.alice@contoso\.com\.folders\.0\.hits/);

    writeFileSync(file, JSON.stringify({ ...good, spec: { ...good.spec, search: { ...good.spec.search, mailboxes: 'everyone' } } }));
    await expect(readManifest(jobDir)).rejects.toThrow(/at spec\.search\.mailboxes/);
  });
});

describe('checkManifest', () => {
  it('lets fields it does not know pass, and refuses another version', () => {
    expect(checkManifest({ ...manifest('multi-3'), addedLater: { anything: true } })).toEqual({ ok: true });
    expect(checkManifest({ ...manifest('multi-3'), v: 2 })).toMatchObject({ ok: false, reason: expect.stringMatching(/at v:/) as unknown });
    expect(checkManifest([])).toMatchObject({ ok: false });
  });
});

describe('the multi-job list', () => {
  it('leaves out a damaged manifest and lists the others', async () => {
    await written('multi-4');
    const damaged = await written('multi-5');
    writeFileSync(join(damaged, 'multi.json'), JSON.stringify({ ...manifest('multi-5'), mailboxes: null }));
    const listed = await new MultiJobEngine({ dataDir: dir, user: 'x', opener }).list();
    expect(listed.map((job) => job.multiJobId)).toEqual(['multi-4']);
  });
});
