// The IPC binding: every method is bound, validated and sender-checked before the service sees it.
import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../../shared/domain';
import { invokeChannel, sweeperMethods, type MethodArg, type SweeperHandlers, type SweeperMethod } from '../../shared/ipc';
import { bindIpc, createWindowEmitter, IpcRejection, isTrustedSender, type InvokeEventLike } from '../../electron/ipcHandlers';
import { isAppUrl } from '../../electron/windowSecurity';
import { FakeIpcMain, FOREIGN_EVENTS, TRUSTED_EVENT } from './fakeIpcMain';

const spec: JobSpec = {
  mailbox: { part: 'primary' },
  action: { kind: 'delete', mode: 'SoftDelete' },
  target: { kind: 'ids', ids: ['AAMkAD1', 'AAMkAD2'], folderId: 'F1' },
};

/** One well-formed argument per method (typed: the compiler checks each against the contract). */
const validArgs: { [M in SweeperMethod]: MethodArg<M> } = {
  listProfiles: undefined,
  deleteProfile: { profileId: 'p1' },
  connect: { url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin@contoso.com', secret: 'pw', saveAs: 'Contoso' },
  connectProfile: { profileId: 'p1' },
  openDemo: undefined,
  signOut: undefined,
  cancelSignIn: undefined,
  autodiscover: { email: 'admin@contoso.com', authKind: 'password', user: 'admin@contoso.com', secret: 'pw', allowHosts: ['mail.fabrikam.com'] },
  getTrace: undefined,
  clearTrace: undefined,
  testConnection: { url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'password', user: 'CONTOSO\\admin', secret: 'pw', schemes: ['ntlm'] },
  disconnect: undefined,
  listFolders: { part: 'archive' },
  listItems: {
    folderId: 'F1',
    offset: 0,
    max: 200,
    sort: { field: 'received', direction: 'desc' },
    filter: { subjectContains: 'invoice', receivedAfter: '2024-01-01T00:00:00Z' },
  },
  getItemDetails: { itemId: 'AAMkAD1', body: 'html' },
  dryRun: spec,
  startJob: { ...spec, target: { kind: 'query', folderId: 'F1', filter: { senderContains: 'noreply' }, excludeIds: ['AAMkAD3'] } },
  pauseJob: { jobId: 'job-1' },
  resumeJob: { jobId: 'job-1' },
  cancelJob: { jobId: 'job-1' },
  listJobs: undefined,
  jobReport: { jobId: 'job-1', outcomes: ['failed', 'unknown'], offset: 0, max: 100 },
  retryFailed: { jobId: 'job-1' },
  resumeInterrupted: { jobId: 'job-1' },
  deleteJob: { jobId: 'job-1' },
  exportReport: { jobId: 'job-1', format: 'csv' },
  deleteFolder: { folderId: 'F1', mode: 'HardDelete' },
  restoreFolder: { part: 'primary', folderId: 'F1', toFolderId: 'msgfolderroot' },
  dumpsterHealth: { smtp: 'alice@contoso.com' },
  // The many-mailbox methods: test/ipc/multiMailboxValidation.test.ts refuses their malformed arguments.
  multiChooseMailboxes: { text: 'alice@contoso.com\nbob@contoso.com', groups: ['all-staff@contoso.com'], names: ['Carol'] },
  multiSuggestNames: { query: 'car' },
  multiDirectoryAccess: undefined,
  multiAllowDirectory: undefined,
  multiSearch: {
    searchId: 's1',
    spec: { mailboxes: ['alice@contoso.com'], parts: 'both', folders: { kind: 'allMail' }, dumpster: true, filter: { subjectContains: 'Invoice' } },
  },
  multiCancelSearch: { searchId: 's1' },
  multiHits: { mailbox: 'alice@contoso.com', part: 'primary', folderId: 'F1', filter: {}, offset: 0, max: 50 },
  multiStartJob: {
    search: {
      mailboxes: ['alice@contoso.com'],
      parts: 'primary',
      folders: { kind: 'wellKnown', names: ['inbox'], subfolders: true },
      dumpster: false,
      filter: {},
    },
    action: { kind: 'delete', mode: 'SoftDelete' },
  },
  multiCancelJob: { multiJobId: 'multi-1' },
  multiResumeJob: { multiJobId: 'multi-1' },
  multiListJobs: undefined,
  multiJobSummary: { multiJobId: 'multi-1' },
  multiJobReport: { multiJobId: 'multi-1', mailbox: 'alice@contoso.com', outcomes: ['failed'], offset: 0, max: 100 },
  multiRetryFailed: { multiJobId: 'multi-1' },
  multiExportReport: { multiJobId: 'multi-1', format: 'csv' },
};

const noArgumentMethods = new Set<SweeperMethod>([
  'listProfiles',
  'openDemo',
  'signOut',
  'cancelSignIn',
  'multiDirectoryAccess',
  'multiAllowDirectory',
  'disconnect',
  'listJobs',
  'getTrace',
  'clearTrace',
  'multiListJobs',
]);

/** Shapes no method accepts (for methods without an argument: anything but undefined). */
const malformedForEveryMethod: readonly unknown[] = [null, 42, 'sweeper', ['list'], { __unexpected: true }, () => 1];

/** Arguments that look nearly right but break one rule each. */
const malformedByMethod: { [M in SweeperMethod]?: readonly unknown[] } = {
  deleteProfile: [{ profileId: '' }, { profileId: 7 }, { profileId: 'p1', extra: 1 }],
  connect: [
    { ...validArgs.connect, url: 'javascript:alert(1)' },
    { ...validArgs.connect, url: 'not a url' },
    { ...validArgs.connect, authKind: 'ntlm' },
    { ...validArgs.connect, secret: '' },
    { ...validArgs.connect, secret: 'x'.repeat(20_000) },
    { ...validArgs.connect, impersonate: 'not-an-address' },
    { ...validArgs.connect, url: 'https://admin:Secret1@mail.contoso.com/EWS/Exchange.asmx' },
    { ...validArgs.connect, schemes: [] },
    { ...validArgs.connect, schemes: ['kerberos'] },
    { ...validArgs.connect, trustCertificate: 'not a fingerprint' },
    { ...validArgs.connect, proxy: { url: 'socks5://proxy:1080' } },
    { ...validArgs.connect, proxy: { url: 'http://proxy:8080', extra: true } },
  ],
  connectProfile: [{ profileId: 'p1', secret: 5 }],
  listFolders: [{ part: 'secondary' }, {}],
  listItems: [
    { ...validArgs.listItems, max: 5000 },
    { ...validArgs.listItems, max: 0 },
    { ...validArgs.listItems, offset: -1 },
    { ...validArgs.listItems, offset: 1.5 },
    { ...validArgs.listItems, sort: { field: 'body', direction: 'asc' } },
    { ...validArgs.listItems, filter: { receivedAfter: 'yesterday' } },
    { ...validArgs.listItems, filter: { bodyContains: 'x' } },
    { ...validArgs.listItems, filter: { deletedAfter: 'last week' } },
    { ...validArgs.listItems, filter: { sentBefore: 20240101 } },
    { ...validArgs.listItems, filter: { messageId: '' } },
    { ...validArgs.listItems, filter: { messageId: '<a@b>\u0000' } },
    { ...validArgs.listItems, filter: { messageId: 'x'.repeat(2000) } },
    { ...validArgs.listItems, filter: { read: 'seen' } },
    { ...validArgs.listItems, filter: { read: true } },
    { ...validArgs.listItems, filter: { hasCategories: 'yes' } },
    { ...validArgs.listItems, filter: { importance: 'Urgent' } },
    { ...validArgs.listItems, sort: { field: 'deleted', direction: 'asc' } },
  ],
  getItemDetails: [
    { itemId: '', body: 'text' },
    { itemId: 'AAMkAD1' },
    { itemId: 'AAMkAD1', body: 'mime' },
    { itemId: 'AAMkAD1', body: 'text', folderId: 'F1' },
    { itemId: 7, body: 'text' },
  ],
  dryRun: [
    { ...spec, action: { kind: 'explode' } },
    { ...spec, action: { kind: 'delete', mode: 'Shred' } },
    { ...spec, target: { kind: 'ids', ids: [''] } },
    { ...spec, target: { kind: 'ids', ids: ['AAMkAD1'], folderId: '' } },
    { ...spec, mailbox: { part: 'primary', smtp: 'nobody' } },
    { ...spec, sneaky: true },
  ],
  startJob: [
    { ...spec, target: { kind: 'ids', ids: 'AAMkAD1' } },
    { action: spec.action, target: spec.target },
  ],
  pauseJob: [{ jobId: '' }, { job: 'job-1' }],
  jobReport: [
    { jobId: 'job-1', offset: 0, max: 100, outcomes: ['exploded'] },
    { jobId: 'job-1', offset: 0, max: 1001 },
  ],
  exportReport: [{ jobId: 'job-1', format: 'xlsx' }],
  deleteFolder: [{ folderId: 'F1', mode: 'SoftDelete' }],
  restoreFolder: [
    { part: 'primary', folderId: 'F1' },
    { part: 'primary', folderId: 'F1', toFolderId: '' },
    { part: 'other', folderId: 'F1', toFolderId: 'F2' },
    { part: 'primary', folderId: 'F1', toFolderId: 'F2', name: 'x' },
  ],
  dumpsterHealth: [{ smtp: 'not an address' }, { smtp: 5 }, { smtp: 'alice@contoso.com', part: 'archive' }, undefined],
};

function recordingHandlers(): { handlers: SweeperHandlers; calls: { method: SweeperMethod; arg: unknown }[] } {
  const calls: { method: SweeperMethod; arg: unknown }[] = [];
  const handlers = {} as Record<SweeperMethod, (arg: unknown) => Promise<unknown>>;
  for (const method of sweeperMethods) {
    handlers[method] = async (arg: unknown) => {
      calls.push({ method, arg });
      return { answeredBy: method };
    };
  }
  return { handlers: handlers as unknown as SweeperHandlers, calls };
}

function bindWithTrust(): { ipc: FakeIpcMain; calls: { method: SweeperMethod; arg: unknown }[]; unbind: () => void } {
  const ipc = new FakeIpcMain();
  const { handlers, calls } = recordingHandlers();
  const unbind = bindIpc<InvokeEventLike>(ipc, handlers, (event) => isTrustedSender(event, { webContentsId: 1, isAppUrl }));
  return { ipc, calls, unbind };
}

describe('bindIpc', () => {
  it('binds exactly one channel per contract method', () => {
    const { ipc } = bindWithTrust();
    expect([...ipc.handlers.keys()].sort()).toEqual(sweeperMethods.map(invokeChannel).sort());
  });

  it('passes a valid argument from the app window through to the handler', async () => {
    const { ipc, calls } = bindWithTrust();
    for (const method of sweeperMethods) {
      await expect(ipc.invoke(invokeChannel(method), TRUSTED_EVENT, validArgs[method])).resolves.toEqual({ answeredBy: method });
    }
    expect(calls.map((call) => call.method)).toEqual([...sweeperMethods]);
    expect(calls.find((call) => call.method === 'listItems')?.arg).toEqual(validArgs.listItems);
  });

  it('rejects malformed arguments for every method without reaching the handler', async () => {
    const { ipc, calls } = bindWithTrust();
    let rejections = 0;
    for (const method of sweeperMethods) {
      const bad = [...malformedForEveryMethod, ...(malformedByMethod[method] ?? []), ...(noArgumentMethods.has(method) ? [{}, ''] : [undefined])];
      for (const arg of bad) {
        const call = ipc.invoke(invokeChannel(method), TRUSTED_EVENT, arg);
        await expect(call, `${method} with ${String(JSON.stringify(arg))}`).rejects.toThrow(IpcRejection);
        await expect(ipc.invoke(invokeChannel(method), TRUSTED_EVENT, arg)).rejects.toThrow(`Invalid argument for ${method}`);
        rejections += 1;
      }
    }
    expect(calls).toEqual([]);
    expect(rejections).toBeGreaterThan(sweeperMethods.length * malformedForEveryMethod.length);
  });

  it('names the offending field in the rejection', async () => {
    const { ipc } = bindWithTrust();
    await expect(ipc.invoke(invokeChannel('listItems'), TRUSTED_EVENT, { ...validArgs.listItems, max: 5000 })).rejects.toThrow(/max:/);
    await expect(ipc.invoke(invokeChannel('connect'), TRUSTED_EVENT, { ...validArgs.connect, url: 'javascript:alert(1)' })).rejects.toThrow(
      /url: expected an http\(s\) URL/,
    );
  });

  it('passes every item filter field, in a listing and in a query job', async () => {
    const { ipc, calls } = bindWithTrust();
    const filter = {
      deletedAfter: '2024-05-01T00:00:00.000Z',
      deletedBefore: '2024-05-02',
      sentAfter: '2024-01-01T00:00:00+02:00',
      sentBefore: '2024-02-01T00:00:00Z',
      messageId: '<abc.123@contoso.com>',
      read: 'unread',
      hasCategories: false,
      importance: 'High',
    } as const;
    await ipc.invoke(invokeChannel('listItems'), TRUSTED_EVENT, { ...validArgs.listItems, sort: { field: 'lastModified', direction: 'asc' }, filter });
    await ipc.invoke(invokeChannel('startJob'), TRUSTED_EVENT, { ...spec, target: { kind: 'query', folderId: 'F1', filter } });
    expect(calls.map((c) => c.arg)).toEqual([
      { ...validArgs.listItems, sort: { field: 'lastModified', direction: 'asc' }, filter },
      { ...spec, target: { kind: 'query', folderId: 'F1', filter } },
    ]);
  });

  it('refuses every method from a foreign sender, even with a valid argument', async () => {
    const { ipc, calls } = bindWithTrust();
    for (const { what, event } of FOREIGN_EVENTS) {
      for (const method of sweeperMethods) {
        await expect(ipc.invoke(invokeChannel(method), event, validArgs[method]), `${method} from ${what}`).rejects.toThrow(
          `Refused ${method}: the call did not come from the Mailbox Sweeper window.`,
        );
      }
    }
    expect(calls).toEqual([]);
  });

  it('checks the sender before the argument, so a foreign page learns nothing about the schemas', async () => {
    const { ipc } = bindWithTrust();
    const foreign = FOREIGN_EVENTS[0]?.event;
    if (foreign === undefined) throw new Error('no foreign event');
    await expect(ipc.invoke(invokeChannel('listItems'), foreign, { max: 'lots' })).rejects.toThrow(/^Refused listItems/);
  });

  it('unbinding removes every channel', () => {
    const { ipc, unbind } = bindWithTrust();
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('isTrustedSender', () => {
  const window = { webContentsId: 1, isAppUrl };
  it('trusts only the app window showing the app page', () => {
    expect(isTrustedSender(TRUSTED_EVENT, window)).toBe(true);
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: { url: 'app://sweeper/nested/page.html#x' } }, window)).toBe(true);
    for (const { event } of FOREIGN_EVENTS) expect(isTrustedSender(event, window)).toBe(false);
  });

  it('trusts nobody while there is no window', () => {
    expect(isTrustedSender(TRUSTED_EVENT, undefined)).toBe(false);
  });
});

describe('createWindowEmitter', () => {
  it('sends each event on its channel to the live window and drops it otherwise', () => {
    const sent: { channel: string; payload: unknown }[] = [];
    let destroyed = false;
    const sink = { isDestroyed: () => destroyed, send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
    let target: typeof sink | undefined = sink;
    const emit = createWindowEmitter(() => target);
    emit('jobsChanged', undefined);
    emit('jobProgress', { kind: 'planning', jobId: 'job-1', found: 3 });
    destroyed = true;
    emit('jobsChanged', undefined);
    target = undefined;
    emit('jobsChanged', undefined);
    expect(sent).toEqual([
      { channel: 'sweeper-event:jobsChanged', payload: undefined },
      { channel: 'sweeper-event:jobProgress', payload: { kind: 'planning', jobId: 'job-1', found: 3 } },
    ]);
  });
});
