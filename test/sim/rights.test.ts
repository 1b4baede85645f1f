// Rights over HTTP (electron/sim/rights.ts): ApplicationImpersonation counts only with the
// ExchangeImpersonation header; delegate access (t:Mailbox, or that mailbox's ids) needs
// FullAccess; what the caller may not open reads as ErrorItemNotFound / ErrorFolderNotFound and
// the batch goes on ("Handling delegation-related errors in EWS in Exchange"); a change of what the
// caller may only read is ErrorAccessDenied. Autodiscover answers by the same rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import {
  basic,
  codes,
  deleteItems,
  dist,
  fault,
  fid,
  findFolder,
  findItem,
  folderIds,
  getFolder,
  iid,
  itemIds,
  messages,
  moveItems,
  PASSWORD,
  post,
} from './helpers';

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';
const HELPDESK = 'helpdesk@contoso.com';
/** ApplicationImpersonation only: no mailbox rights of its own. */
const SERVICE = 'svc@contoso.com';
/** Read-only access to Bob's mailbox. */
const AUDITOR = 'auditor@contoso.com';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    seed: 'empty',
    throttling: false,
    users: [
      ...DEMO_USERS,
      { smtp: SERVICE, name: 'Sweeper Service', password: PASSWORD, canImpersonate: true },
      { smtp: AUDITOR, name: 'Auditor', password: PASSWORD, readAccessTo: [BOB] },
    ],
  });
});
afterAll(() => sim.close());

const folderOf = (user: string, name: string): string => sim.store.folderByDistinguished(user, name)?.id ?? '';
const seed = (user: string, name = 'inbox'): string => sim.store.seedItems(folderOf(user, name), 1)[0] ?? '';
const getItems = (ids: string[]): string =>
  `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds>${ids.map((id) => iid(id)).join('')}</m:ItemIds></m:GetItem>`;
const emptyFolder = (ref: string): string =>
  `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="false"><m:FolderIds>${ref}</m:FolderIds></m:EmptyFolder>`;

describe('demo users', () => {
  it('admin has impersonation and FullAccess to all; helpdesk FullAccess to Alice only', () => {
    const users = sim.store.users();
    expect(users.find((u) => u.smtp === 'admin@contoso.com')).toMatchObject({ canImpersonate: true, fullAccessTo: '*' });
    expect(users.find((u) => u.smtp === HELPDESK)).toMatchObject({ name: 'Help Desk', canImpersonate: false, fullAccessTo: [ALICE] });
  });
});

describe('impersonation', () => {
  it('needs the ExchangeImpersonation header: without it the right grants nothing', async () => {
    const without = await post(sim, getFolder(dist('inbox', BOB)), { user: SERVICE });
    expect(codes(without.text)).toEqual(['ErrorFolderNotFound']);
    const own = await post(sim, getFolder(dist('inbox')), { user: SERVICE });
    expect(folderIds(own.text)).toEqual([folderOf(SERVICE, 'inbox')]);
    const withHeader = await post(sim, getFolder(dist('inbox') + dist('inbox', BOB)), { user: SERVICE, impersonate: BOB });
    expect(codes(withHeader.text)).toEqual(['NoError', 'NoError']);
    expect(folderIds(withHeader.text)).toEqual([folderOf(BOB, 'inbox'), folderOf(BOB, 'inbox')]);
  });

  it('refuses the header from an account without the right, even one with FullAccess: ErrorImpersonateUserDenied fault', async () => {
    const answer = await post(sim, getFolder(dist('inbox')), { user: HELPDESK, impersonate: ALICE });
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorImpersonateUserDenied');
  });
});

describe('delegate access (FullAccess)', () => {
  it('helpdesk opens Alice by t:Mailbox (primary and archive), not Bob', async () => {
    const answer = await post(sim, getFolder(dist('inbox', ALICE) + dist('archiveinbox', ALICE) + dist('inbox', BOB)), { user: HELPDESK });
    expect(codes(answer.text)).toEqual(['NoError', 'NoError', 'ErrorFolderNotFound']);
    expect(folderIds(answer.text)).toEqual([folderOf(ALICE, 'inbox'), folderOf(ALICE, 'archiveinbox')]);
  });

  it('helpdesk reads and changes items of Alice by their ids', async () => {
    const item = seed(ALICE);
    expect(codes((await post(sim, getItems([item]), { user: HELPDESK })).text)).toEqual(['NoError']);
    const found = await post(sim, findItem(dist('inbox', ALICE)), { user: HELPDESK });
    expect(itemIds(found.text).map((i) => i.id)).toContain(item);
    expect(codes((await post(sim, deleteItems([item], 'SoftDelete'), { user: HELPDESK })).text)).toEqual(['NoError']);
    expect(sim.store.locate(item)).toBeUndefined();
  });
});

describe('no access: not found, and the batch goes on', () => {
  it("GetItem of Bob's item is ErrorItemNotFound, the next item still answers", async () => {
    const bobs = seed(BOB);
    const alices = seed(ALICE);
    const answer = await post(sim, getItems([bobs, alices]), { user: HELPDESK });
    expect(messages(answer.text).map((m) => `${m.cls}/${m.code}`)).toEqual(['Error/ErrorItemNotFound', 'Success/NoError']);
  });

  it("GetFolder, FindFolder and FindItem on Bob's folders are ErrorFolderNotFound", async () => {
    const bobInbox = folderOf(BOB, 'inbox');
    const folders = await post(sim, getFolder(fid(bobInbox) + dist('inbox', ALICE)), { user: HELPDESK });
    expect(codes(folders.text)).toEqual(['ErrorFolderNotFound', 'NoError']);
    expect(codes((await post(sim, findFolder(fid(bobInbox)), { user: HELPDESK })).text)).toEqual(['ErrorFolderNotFound']);
    expect(codes((await post(sim, findItem(dist('inbox', BOB)), { user: HELPDESK })).text)).toEqual(['ErrorFolderNotFound']);
  });

  it("a delete of Bob's item reads as not found too, and changes nothing", async () => {
    const bobs = seed(BOB);
    const alices = seed(ALICE);
    const answer = await post(sim, deleteItems([bobs, alices], 'HardDelete'), { user: HELPDESK });
    expect(codes(answer.text)).toEqual(['ErrorItemNotFound', 'NoError']);
    expect(sim.store.locate(bobs)).toBeDefined();
  });
});

describe('read-only access: changes are ErrorAccessDenied', () => {
  it("the auditor reads Bob's items but may not delete, move or empty", async () => {
    const bobs = seed(BOB);
    expect(codes((await post(sim, getItems([bobs]), { user: AUDITOR })).text)).toEqual(['NoError']);
    const own = seed(AUDITOR);
    // ErrorAccessDenied stops the batch (ResponseCode reference, ErrorBatchProcessingStopped).
    const deleted = await post(sim, deleteItems([bobs, own], 'HardDelete'), { user: AUDITOR });
    expect(messages(deleted.text).map((m) => `${m.cls}/${m.code}`)).toEqual(['Error/ErrorAccessDenied', 'Warning/ErrorBatchProcessingStopped']);
    expect(codes((await post(sim, moveItems([bobs], dist('deleteditems', BOB)), { user: AUDITOR })).text)).toEqual(['ErrorAccessDenied']);
    expect(codes((await post(sim, moveItems([own], dist('inbox', BOB)), { user: AUDITOR })).text)).toEqual(['ErrorAccessDenied']);
    expect(codes((await post(sim, emptyFolder(dist('inbox', BOB)), { user: AUDITOR })).text)).toEqual(['ErrorAccessDenied']);
    expect(sim.store.locate(bobs)?.distinguished).toBe('inbox');
    expect(sim.store.locate(own)).toBeDefined();
    // Copying out reads the source only: allowed.
    expect(codes((await post(sim, moveItems([bobs], dist('inbox'), 'CopyItem'), { user: AUDITOR })).text)).toEqual(['NoError']);
  });

  it('a gone item is still ErrorItemNotFound for a change', async () => {
    const bobs = seed(BOB);
    await post(sim, deleteItems([bobs], 'HardDelete'), { user: BOB });
    expect(codes((await post(sim, deleteItems([bobs], 'HardDelete'), { user: AUDITOR })).text)).toEqual(['ErrorItemNotFound']);
  });
});

describe('switches', () => {
  it('foreignIdWithoutRights ErrorAccessDenied answers no access with ErrorAccessDenied, which stops the batch', async () => {
    sim.setSwitches({ foreignIdWithoutRights: 'ErrorAccessDenied' });
    try {
      const answer = await post(sim, getFolder(dist('inbox', BOB) + dist('inbox', ALICE)), { user: HELPDESK });
      expect(codes(answer.text)).toEqual(['ErrorAccessDenied', 'ErrorBatchProcessingStopped']);
    } finally {
      sim.setSwitches({ foreignIdWithoutRights: 'notFound' });
    }
  });

  it('delegateRecoverableItems: open by default; refused only to a delegate, never under impersonation', async () => {
    const dumpster = getFolder(dist('recoverableitemsroot', ALICE) + dist('recoverableitemsdeletions', ALICE) + dist('inbox', ALICE));
    expect(codes((await post(sim, dumpster, { user: HELPDESK })).text)).toEqual(['NoError', 'NoError', 'NoError']);
    const deleted = seed(ALICE, 'recoverableitemsdeletions');
    sim.setSwitches({ delegateRecoverableItems: 'ErrorAccessDenied' });
    try {
      expect(codes((await post(sim, dumpster, { user: HELPDESK })).text)).toEqual([
        'ErrorAccessDenied',
        'ErrorBatchProcessingStopped',
        'ErrorBatchProcessingStopped',
      ]);
      expect(codes((await post(sim, getItems([deleted]), { user: HELPDESK })).text)).toEqual(['ErrorAccessDenied']);
      expect(codes((await post(sim, dumpster, { impersonate: ALICE })).text)).toEqual(['NoError', 'NoError', 'NoError']);
      expect(codes((await post(sim, dumpster, { user: ALICE })).text)).toEqual(['NoError', 'NoError', 'NoError']);
    } finally {
      sim.setSwitches({ delegateRecoverableItems: 'open' });
    }
  });
});

describe('Autodiscover follows the same rule', () => {
  const lookup = (address: string): string =>
    `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
  const ask = async (caller: string, address: string): Promise<string> => {
    const response = await fetch(sim.autodiscoverUrl, {
      method: 'POST',
      headers: { authorization: basic(caller, PASSWORD), 'content-type': 'text/xml' },
      body: lookup(address),
    });
    const text = await response.text();
    return /<ErrorCode>(\d+)<\/ErrorCode>/.exec(text)?.[1] ?? (text.includes('<EwsUrl>') ? 'settings' : 'other');
  };

  it('answers settings for mailboxes the caller may open (own, FullAccess, read access, impersonation), 500 otherwise', async () => {
    expect(await ask(HELPDESK, ALICE)).toBe('settings');
    expect(await ask(HELPDESK, BOB)).toBe('500');
    expect(await ask(HELPDESK, HELPDESK)).toBe('settings');
    expect(await ask(AUDITOR, BOB)).toBe('settings');
    expect(await ask(SERVICE, BOB)).toBe('settings');
    expect(await ask(ALICE, BOB)).toBe('500');
  });
});
