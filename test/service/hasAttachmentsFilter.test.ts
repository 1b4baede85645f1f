// The "has attachments" filter (issue 11) end to end: through the service's listing (the EWS
// restriction IsEqualTo item:HasAttachments, evaluated by the simulator), a query job over the
// matches only, a search over many mailboxes, and the command line's --has-attachments.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { createMultiMailboxService } from '../../electron/service/multiMailbox';
import type { ItemFilter } from '../../shared/domain';
import { cliEnv, ofType, runCli } from '../cli/support';
import { createRig, type ServiceRig } from './helpers';

let sim: RunningSimulator;
let rig: ServiceRig;
let folderId: string;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'has-attachments-'));
  for (const smtp of [DEMO_ADMIN, 'alice@contoso.com']) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    const folder = sim.store.createFolder(inbox.id, 'Attachments');
    if (smtp === DEMO_ADMIN) folderId = folder.id;
    sim.store.seedItems(folder.id, 4, { subject: (i) => `with file ${i}`, hasAttachments: true });
    sim.store.seedItems(folder.id, 3, { subject: (i) => `plain ${i}`, hasAttachments: false });
  }
  rig = await createRig();
  const connected = await rig.service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
  if (!connected.ok) throw new Error(connected.error.message);
}, 30_000);
afterAll(async () => {
  await rig.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function subjectsWhere(filter: ItemFilter): Promise<string[]> {
  const page = await rig.service.listItems({ folderId, offset: 0, max: 1000, filter });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.subject).sort();
}

describe('has attachments', () => {
  it('lists only the items with (or without) attachments, alone or with another condition', async () => {
    expect(await subjectsWhere({ hasAttachments: true })).toEqual(['with file 0', 'with file 1', 'with file 2', 'with file 3']);
    expect(await subjectsWhere({ hasAttachments: false })).toEqual(['plain 0', 'plain 1', 'plain 2']);
    expect(await subjectsWhere({ hasAttachments: true, subjectContains: 'file 2' })).toEqual(['with file 2']);
  });

  it('previews every mailbox with the filter', async () => {
    const service = createMultiMailboxService({
      dataDir: dir,
      connection: { url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, demo: false },
    });
    try {
      const rows = await service.search({
        mailboxes: [DEMO_ADMIN, 'alice@contoso.com'],
        parts: 'primary',
        folders: { kind: 'allMail' },
        dumpster: false,
        filter: { hasAttachments: true },
      });
      expect(rows.map((r) => [r.mailbox, r.hits])).toEqual([
        [DEMO_ADMIN, 4],
        ['alice@contoso.com', 4],
      ]);
    } finally {
      service.close();
    }
  });

  it('is the command line’s --has-attachments', async () => {
    const r = await runCli(
      ['search', '--mailbox', 'alice@contoso.com', '--has-attachments', '--subject', 'with file', '--format', 'jsonl'],
      cliEnv(sim.url, dir),
    ).result;
    expect(r.code).toBe(0);
    expect(ofType(r.events, 'preview')[0]).toMatchObject({ mailbox: 'alice@contoso.com', hits: 4 });
    const without = await runCli(['search', '--mailbox', 'alice@contoso.com', '--subject', 'plain', '--has-attachments'], cliEnv(sim.url, dir)).result;
    expect(ofType(without.events, 'preview')[0]).toMatchObject({ hits: 0 });
  }, 60_000);
});
