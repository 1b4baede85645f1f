// `run --action collect:MAILBOX/FOLDER` as an admin runs it (the real binary against the simulator):
// every hit of every mailbox copied into one folder of the collection mailbox, a subfolder per
// source, the sources untouched; the mailboxes opened with the account's own FullAccess (delegate
// access), which the per-mailbox rows show; a malformed collect action is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { cliEnv, ofType, runCli } from './support';

let sim: RunningSimulator;
let dir: string;
const SUBJECT = 'Board minutes (confidential)';
const SEEDED: Record<string, number> = { 'alice@contoso.com': 4, 'bob@contoso.com': 2 };

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'cli-collect-'));
  for (const [smtp, n] of Object.entries(SEEDED)) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.store.seedItems(inbox.id, n, { subject: SUBJECT });
    sim.store.seedItems(inbox.id, 3, { subject: 'Lunch' });
  }
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collect', () => {
  it('copies the hits of every mailbox into the collection mailbox, one subfolder per source', async () => {
    const env = cliEnv(sim.url, dir);
    const r = await runCli(
      ['run', '--mailbox', 'alice@contoso.com,bob@contoso.com', '--subject', 'Board minutes', '--action', 'collect:carol@contoso.com/Case 7'],
      env,
    ).result;
    expect(r.code).toBe(0);
    expect(ofType(r.events, 'summary')[0]).toMatchObject({ state: 'completed', counts: { done: 6, failed: 0 } });
    expect(ofType(r.events, 'mailbox').map((m) => [m.mailbox, m.access, m.done])).toEqual([
      ['alice@contoso.com', 'delegate', 4],
      ['bob@contoso.com', 'delegate', 2],
    ]);
    for (const [smtp, n] of Object.entries(SEEDED)) {
      const copies = sim.store.folderByPath('carol@contoso.com', `Case 7/${smtp}`);
      expect(sim.store.folderItems(copies?.id ?? '').map((i) => i.subject)).toEqual(Array.from({ length: n }, () => SUBJECT));
      expect(sim.store.folderItems(sim.store.folderByDistinguished(smtp, 'inbox')?.id ?? '')).toHaveLength(n + 3);
    }
  }, 60_000);

  it('refuses a collect action without a mailbox address', async () => {
    const r = await runCli(['run', '--mailbox', 'alice@contoso.com', '--subject', 'x', '--action', 'collect:Case 7'], cliEnv(sim.url, dir)).result;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/collect:MAILBOX\[\/FOLDER\]/);
  }, 30_000);
});
