// `npm run sim` prints exactly the endpoint and credentials as its first three lines, and the
// endpoint answers with those credentials.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../electron/sim/cliArgs';
import { basic, envelope, dist } from './helpers';

const repoRoot = path.resolve(__dirname, '..', '..');

describe('CLI', () => {
  it('prints the endpoint, user and password first, and serves them', async () => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['electron/sim/cli.ts', '--seed', 'empty', '--items', '100', '--latency-ms', '1'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines: string[] = [];
      const reader = createInterface({ input: child.stdout });
      await new Promise<void>((resolve, reject) => {
        reader.on('line', (line) => {
          lines.push(line);
          if (lines.length === 3) resolve();
        });
        child.on('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      expect(lines[0]).toMatch(/^EWS endpoint: http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
      expect(lines[1]).toBe('user: admin@contoso.com');
      expect(lines[2]).toBe('password: Sweeper-Demo-1!');
      const url = (lines[0] ?? '').slice('EWS endpoint: '.length);
      const body = envelope(
        `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:ParentFolderIds>${dist('inbox')}</m:ParentFolderIds></m:FindFolder>`,
      );
      const answer = await fetch(url, {
        method: 'POST',
        headers: { authorization: basic('admin@contoso.com', 'Sweeper-Demo-1!'), 'content-type': 'text/xml' },
        body,
      });
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('<t:DisplayName>Bulk notifications</t:DisplayName><t:TotalCount>100</t:TotalCount>');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('parses fault and throttling flags', () => {
    const options = parseCliArgs([
      '--port',
      '8080',
      '--items',
      '1000000',
      '--http503',
      '0.1',
      '--item-server-busy',
      '0.2',
      '--max-concurrency',
      '10',
      '--fault-seed',
      '9',
      '--folder-soft-delete',
      'dumpster',
    ]);
    expect(options).toMatchObject({
      port: 8080,
      bulkItems: 1_000_000,
      faults: { seed: 9, rates: { http503: 0.1 }, itemErrorRates: { ErrorServerBusy: 0.2 } },
      throttling: { maxConcurrency: 10 },
      switches: { folderSoftDelete: 'dumpster' },
    });
    expect(parseCliArgs(['--no-throttle'])).toMatchObject({ throttling: false });
    expect(() => parseCliArgs(['--bogus'])).toThrow('unknown flag');
  });

  it('parses the retention switches, and no longer knows --hard-delete-to-purges (retention is per mailbox now)', () => {
    expect(parseCliArgs(['--purges-under-sir', 'purge', '--ri-full-error', 'ErrorQuotaExceeded'])).toMatchObject({
      switches: { purgesUnderSingleItemRecovery: 'purge', recoverableItemsFullError: 'ErrorQuotaExceeded' },
    });
    expect(() => parseCliArgs(['--purges-under-sir', 'maybe'])).toThrow('refuse or purge');
    expect(() => parseCliArgs(['--hard-delete-to-purges', 'true'])).toThrow('unknown flag');
  });
});
