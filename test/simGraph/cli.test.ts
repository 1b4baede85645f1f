// electron/simGraph/cli.ts prints the EWS simulator's three lines unchanged, then the Graph
// endpoint and the authority; both serve the same mailboxes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../electron/simGraph';
import { basic, envelope } from '../sim/helpers';
import { pkcePair } from './helpers';

const repoRoot = path.resolve(__dirname, '..', '..');

describe('Graph simulator CLI', () => {
  it('prints the EWS lines first, then Graph and the authority, which sign in and serve the same mailbox', async () => {
    const child = spawn(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      ['electron/simGraph/cli.ts', '--seed', 'empty', '--items', '7', '--auto-approve', 'admin@contoso.com'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const lines: string[] = [];
      const reader = createInterface({ input: child.stdout });
      await new Promise<void>((resolve, reject) => {
        reader.on('line', (line) => {
          lines.push(line);
          if (lines.length === 5) resolve();
        });
        child.on('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      expect(lines[0]).toMatch(/^EWS endpoint: http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
      expect(lines[1]).toBe('user: admin@contoso.com');
      expect(lines[2]).toBe('password: Sweeper-Demo-1!');
      expect(lines[3]).toMatch(/^Graph endpoint: http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
      const authority = /^authority: (\S+) \(client id ([0-9a-f-]+), tenant [0-9a-f-]+\)$/.exec(lines[4] ?? '');
      expect(authority?.[2]).toBe(DEMO_CLIENT_ID);
      const graphUrl = (lines[3] ?? '').slice('Graph endpoint: '.length);

      const { verifier, challenge } = pkcePair();
      const redirect = 'http://localhost:40001/';
      const authorize = `${authority?.[1]}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DEMO_CLIENT_ID, response_type: 'code', redirect_uri: redirect, scope: 'Mail.ReadWrite', code_challenge: challenge, code_challenge_method: 'S256' })}`;
      const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
      const tokens = (await (
        await fetch(`${authority?.[1]}/oauth2/v2.0/token`, {
          method: 'POST',
          body: new URLSearchParams({ client_id: DEMO_CLIENT_ID, grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier }),
        })
      ).json()) as { access_token: string };
      const folders = (await (
        await fetch(`${graphUrl}/me/mailFolders/inbox/childFolders`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
      ).json()) as { value: Array<{ displayName: string; totalItemCount: number }> };
      expect(folders.value).toEqual([expect.objectContaining({ displayName: 'Bulk notifications', totalItemCount: 7 })]);

      const ews = await fetch((lines[0] ?? '').slice('EWS endpoint: '.length), {
        method: 'POST',
        headers: { authorization: basic('admin@contoso.com', 'Sweeper-Demo-1!'), 'content-type': 'text/xml' },
        body: envelope(
          '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
        ),
      });
      expect(ews.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
