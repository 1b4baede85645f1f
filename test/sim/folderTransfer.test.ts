// Unit tests, on a store without HTTP, of what MoveFolder and CopyFolder share (folderTransfer.ts).
// The operations themselves are tested over HTTP in folder-ops.test.ts.
import { describe, expect, it } from 'vitest';
import { RequestContext } from '../../electron/sim/context';
import { FaultInjector } from '../../electron/sim/faults';
import type { Folder, Mailbox } from '../../electron/sim/model';
import { NS_MESSAGES, NS_TYPES } from '../../electron/sim/namespaces';
import { copyFolderTree, folderPayload, readFolderTransfer, transferRefusal } from '../../electron/sim/ops/folderTransfer';
import { Store } from '../../electron/sim/store';
import { DEFAULT_SWITCHES, type SemanticSwitches } from '../../electron/sim/switches';
import { NO_THROTTLING, Throttle } from '../../electron/sim/throttle';
import { parseXml } from '../../electron/sim/xmlRead';

const SMTP = 'owner@contoso.com';

function setup(over: Partial<SemanticSwitches> = {}) {
  const store = new Store([{ smtp: SMTP, name: 'Owner One', password: 'x' }]);
  const user = store.user(SMTP);
  if (!user) throw new Error('no user');
  const throttle = new Throttle(NO_THROTTLING);
  const sim = { store, throttle, faults: new FaultInjector(), switches: { ...DEFAULT_SWITCHES, ...over } };
  const ctx = new RequestContext(
    sim,
    user,
    user,
    throttle.admit(SMTP, () => 0),
  );
  const d = (name: string, mailbox: Mailbox = user.primary): Folder => {
    const folder = store.distinguished(mailbox, name);
    if (!folder) throw new Error(`no ${name}`);
    return folder;
  };
  return { store, user, ctx, d };
}

describe('transferRefusal', () => {
  it('refuses a destination inside the folder, and a name the destination already has (any case)', () => {
    const { store, ctx, d } = setup();
    const top = store.createFolder(d('inbox'), 'Projects', undefined);
    const inside = store.createFolder(top, 'Inside', undefined);
    store.createFolder(d('deleteditems'), 'PROJECTS', undefined);
    expect(transferRefusal(ctx, top, inside, 'move')?.code).toBe('ErrorMoveCopyFailed');
    expect(transferRefusal(ctx, top, top, 'copy')?.code).toBe('ErrorMoveCopyFailed');
    expect(transferRefusal(ctx, top, d('deleteditems'), 'move')?.code).toBe('ErrorFolderExists');
    expect(transferRefusal(ctx, top, d('drafts'), 'move')).toBeUndefined();
  });

  it('a move back into its own parent meets only itself; a copy there meets the original', () => {
    const { store, ctx, d } = setup();
    const top = store.createFolder(d('inbox'), 'Projects', undefined);
    expect(transferRefusal(ctx, top, d('inbox'), 'move')).toBeUndefined();
    expect(transferRefusal(ctx, top, d('inbox'), 'copy')?.code).toBe('ErrorFolderExists');
  });

  it('another mailbox follows the crossMailboxFolderMoveCopy switch', () => {
    const refused = setup();
    const archive = refused.user.archive ?? refused.user.primary;
    const top = refused.store.createFolder(refused.d('inbox'), 'Projects', undefined);
    expect(transferRefusal(refused.ctx, top, refused.d('msgfolderroot', archive), 'move')?.code).toBe('ErrorCrossMailboxMoveCopy');
    const allowed = setup({ crossMailboxFolderMoveCopy: 'allow' });
    const other = allowed.store.createFolder(allowed.d('inbox'), 'Projects', undefined);
    const archiveTop = allowed.d('msgfolderroot', allowed.user.archive ?? allowed.user.primary);
    expect(transferRefusal(allowed.ctx, other, archiveTop, 'copy')).toBeUndefined();
  });
});

describe('copyFolderTree', () => {
  it('copies the subtree with its items and FAI items under new ids; the original is untouched', () => {
    const { store, ctx, d } = setup();
    const top = store.createFolder(d('inbox'), 'Projects', 'IPF.Note');
    const sub = store.createFolder(top, 'Sub', undefined);
    store.addItem(top, { subject: 'one' });
    store.addItem(top, { subject: 'rule', extras: { associated: true } });
    store.addItem(sub, { subject: 'two' });
    const copy = copyFolderTree(ctx, top, d('drafts'));
    expect(copy).not.toBe(top);
    expect(copy.parent).toBe(d('drafts'));
    expect(copy.displayName).toBe('Projects');
    expect(copy.folderClass).toBe('IPF.Note');
    expect(store.folderId(copy)).not.toBe(store.folderId(top));
    expect(copy.contents.count).toBe(1);
    expect(copy.associated.count).toBe(1);
    expect(copy.children.map((c) => [c.displayName, c.contents.count])).toEqual([['Sub', 1]]);
    expect(top.parent).toBe(d('inbox'));
    expect(top.contents.count + top.associated.count + sub.contents.count).toBe(3);
  });
});

describe('folderPayload', () => {
  it('names the folder by id and ChangeKey in its own element kind', () => {
    const { store, ctx, d } = setup();
    const calendar = store.createFolder(d('inbox'), 'Dates', 'IPF.Appointment');
    expect(folderPayload(ctx, calendar)).toBe(
      `<m:Folders><t:CalendarFolder><t:FolderId Id="${store.folderId(calendar)}" ChangeKey="${store.folderChangeKey(calendar)}"/></t:CalendarFolder></m:Folders>`,
    );
  });
});

describe('readFolderTransfer', () => {
  it('reads the destination and the folder references; an unknown destination is ErrorToFolderNotFound', () => {
    const { store, ctx, d } = setup();
    const top = store.createFolder(d('inbox'), 'Projects', undefined);
    const request = (to: string): string =>
      `<m:MoveFolder xmlns:m="${NS_MESSAGES}" xmlns:t="${NS_TYPES}"><m:ToFolderId>${to}</m:ToFolderId>` +
      `<m:FolderIds><t:FolderId Id="${store.folderId(top)}"/></m:FolderIds></m:MoveFolder>`;
    const found = readFolderTransfer(ctx, parseXml(request('<t:DistinguishedFolderId Id="drafts"/>')));
    expect(found.destination).toBe(d('drafts'));
    expect(found.sources).toHaveLength(1);
    const gone = store.createFolder(d('inbox'), 'Gone', undefined);
    const goneId = store.folderId(gone);
    store.removeFolderTree(gone);
    const missing = readFolderTransfer(ctx, parseXml(request(`<t:FolderId Id="${goneId}"/>`)));
    expect(missing.destination).toMatchObject({ code: 'ErrorToFolderNotFound' });
  });
});
