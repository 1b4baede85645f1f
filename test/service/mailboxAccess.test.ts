// Opening another user's mailbox against the simulator: the connect picks impersonation when the
// account has the right, delegate access (FullAccess) when it has only that, and otherwise says
// which right to grant; jobs then work in the chosen mode, in the other user's mailbox.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_HELPDESK, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { testConnection } from '../../electron/backends/ews/connectionTest';
import type { FolderInfo } from '../../shared/domain';
import type { ConnectRequest } from '../../shared/ipc';
import { createRig, type ServiceRig } from './helpers';

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';
let sim: RunningSimulator;
let rig: ServiceRig | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const request = (user: string, other?: string): ConnectRequest => ({
  url: sim.url,
  authKind: 'basic',
  user,
  secret: DEMO_PASSWORD,
  ...(other === undefined ? {} : { impersonate: other }),
});

function byDistinguished(folders: FolderInfo[], name: string): FolderInfo {
  const found = folders.find((folder) => folder.distinguishedId === name);
  if (!found) throw new Error(`no ${name} in the tree`);
  return found;
}

describe('connecting to another mailbox', () => {
  it("helpdesk (FullAccess to Alice, no impersonation) gets delegate access, and a job runs in Alice's mailbox", async () => {
    rig = await createRig();
    const { service } = rig;
    const result = await service.connect(request(DEMO_HELPDESK, ALICE));
    expect(result.ok && result.session).toMatchObject({ mailbox: ALICE, mailboxAccess: 'delegate', hasArchive: true });

    const folders = await service.listFolders({ part: 'primary' });
    expect(byDistinguished(folders, 'inbox').id).toBe(sim.store.folderByDistinguished(ALICE, 'inbox')?.id);
    expect(byDistinguished(folders, 'recoverableitemsdeletions').id).toBe(sim.store.folderByDistinguished(ALICE, 'recoverableitemsdeletions')?.id);
    const page = await service.listItems({ folderId: 'inbox', offset: 0, max: 10 });
    expect(page.total).toBe(sim.store.itemCount(sim.store.folderByDistinguished(ALICE, 'inbox')?.id ?? ''));

    const aliceDeletions = sim.store.folderByDistinguished(ALICE, 'recoverableitemsdeletions')?.id ?? '';
    const helpdeskDeletions = sim.store.folderByDistinguished(DEMO_HELPDESK, 'recoverableitemsdeletions')?.id ?? '';
    const before = { alice: sim.store.itemCount(aliceDeletions), helpdesk: sim.store.itemCount(helpdeskDeletions) };
    const ids = sim.store.folderItems(sim.store.folderByDistinguished(ALICE, 'inbox')?.id ?? '', { limit: 3 }).map((item) => item.id);
    const { jobId } = await service.startJob({
      mailbox: { smtp: ALICE, part: 'primary' },
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids },
    });
    expect((await rig.finished(jobId)).counts.done).toBe(3);
    for (const id of ids) expect(sim.store.locate(id)).toBeUndefined();
    expect(sim.store.itemCount(aliceDeletions)).toBe(before.alice + 3);
    expect(sim.store.itemCount(helpdeskDeletions)).toBe(before.helpdesk);
    expect((await service.listJobs()).jobs[0]?.user).toBe(`${DEMO_HELPDESK} on ${ALICE} (delegate access)`);

    // Delegate access on the wire: X-AnchorMailbox, never an ExchangeImpersonation header.
    const trace = await service.getTrace();
    expect(trace.length).toBeGreaterThan(3);
    const afterProbe = trace.slice(2);
    expect(afterProbe.every((entry) => !entry.requestXml.includes('ExchangeImpersonation'))).toBe(true);
    expect(
      afterProbe.every((entry) => Object.entries(entry.requestHeaders).some(([name, value]) => name.toLowerCase() === 'x-anchormailbox' && value === ALICE)),
    ).toBe(true);
  });

  it('admin (impersonation and FullAccess) gets impersonation', async () => {
    rig = await createRig();
    const result = await rig.service.connect(request(DEMO_ADMIN, ALICE));
    expect(result.ok && result.session).toMatchObject({ mailbox: ALICE, mailboxAccess: 'impersonation' });
    const trace = await rig.service.getTrace();
    expect(trace.every((entry) => entry.requestXml.includes('<t:ExchangeImpersonation>'))).toBe(true);
  });

  it('the own mailbox needs neither right and names no mode', async () => {
    rig = await createRig();
    const result = await rig.service.connect(request(DEMO_HELPDESK));
    expect(result.ok && result.session.mailbox).toBe(DEMO_HELPDESK);
    expect(result.ok && 'mailboxAccess' in result.session).toBe(false);
  });

  it('helpdesk to Bob fails with the clear error: neither right, and the cmdlet for each', async () => {
    rig = await createRig();
    const result = await rig.service.connect(request(DEMO_HELPDESK, BOB));
    if (result.ok) throw new Error('expected the connect to fail');
    expect(result.error.kind).toBe('impersonation');
    expect(result.error.message).toContain(`${DEMO_HELPDESK} may not open ${BOB}: it has neither the ApplicationImpersonation role nor FullAccess`);
    expect(result.error.message).toContain(`New-ManagementRoleAssignment -Role ApplicationImpersonation -User ${DEMO_HELPDESK}`);
    expect(result.error.message).toContain(`Add-MailboxPermission -Identity ${BOB} -User ${DEMO_HELPDESK} -AccessRights FullAccess`);
  });

  it('Test connection names the mode it found', async () => {
    const delegate = await testConnection({ url: sim.url, authKind: 'basic', user: DEMO_HELPDESK, secret: DEMO_PASSWORD, impersonate: ALICE, demo: false });
    const step = delegate.steps.find((s) => s.name === 'Mailbox access');
    expect(step).toMatchObject({ outcome: 'ok' });
    expect(step?.detail).toMatch(/^Delegate access: .*FullAccess to alice@contoso\.com/);
    expect(delegate.steps.find((s) => s.name === 'Recoverable Items')?.outcome).toBe('ok');
    const refused = await testConnection({ url: sim.url, authKind: 'basic', user: DEMO_HELPDESK, secret: DEMO_PASSWORD, impersonate: BOB, demo: false });
    expect(refused.ok).toBe(false);
    expect(refused.steps.find((s) => s.name === 'Sign in and open the mailbox')?.detail).toMatch(/neither the ApplicationImpersonation role nor FullAccess/);
  });

  it('with Recoverable Items refused to delegates (switch), Test connection says why and what to do', async () => {
    sim.setSwitches({ delegateRecoverableItems: 'ErrorAccessDenied' });
    try {
      const result = await testConnection({ url: sim.url, authKind: 'basic', user: DEMO_HELPDESK, secret: DEMO_PASSWORD, impersonate: ALICE, demo: false });
      expect(result.steps.find((s) => s.name === 'Recoverable Items')).toMatchObject({ outcome: 'failed' });
      expect(result.steps.find((s) => s.name === 'Recoverable Items')?.detail).toMatch(/ErrorAccessDenied.*delegate access.*ApplicationImpersonation/);
    } finally {
      sim.setSwitches({ delegateRecoverableItems: 'open' });
    }
  });
});
