// Message actions over HTTP: move (a new id; the old one answers 404), copy, DELETE (to Deleted
// Items), permanentDelete (to Purges), a soft delete as a move to recoverableitemsdeletions, and
// the mailbox rules shared with the EWS front (a hold keeps Purges).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, ALICE, call } from './helpers';

const BOB = 'bob@contoso.com';

let sim: RunningGraphSimulator;
let token: string;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false }, throttling: false });
  token = sim.mintAccessToken({ user: ADMIN });
});
afterAll(() => sim.close());

async function seedOne(subject: string, user = ADMIN): Promise<string> {
  const inbox = sim.ews.store.folderByDistinguished(user, 'inbox');
  sim.ews.store.seedItems(inbox?.id ?? '', 1, { subject });
  const page = await call(sim, `/users/${user}/mailFolders/inbox/messages?$top=1000&$select=subject`, { token: sim.mintAccessToken() });
  return page.body.value.find((m: { subject: string }) => m.subject === subject).id;
}

describe('Graph message actions', () => {
  it('moves a message: 201 with the new id and folder; the old id is ErrorItemNotFound', async () => {
    const id = await seedOne('to move');
    const moved = await call(sim, `/me/messages/${id}/move`, { method: 'POST', token, body: { destinationId: 'drafts' } });
    expect(moved.status).toBe(201);
    expect(moved.body.id).not.toBe(id);
    expect(moved.body.parentFolderId).toBe((await call(sim, `/me/mailFolders/drafts`, { token })).body.id);
    const old = await call(sim, `/me/messages/${id}`, { token });
    expect(old.status).toBe(404);
    expect(old.body.error).toMatchObject({ code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' });
    const again = await call(sim, `/me/messages/${id}/move`, { method: 'POST', token, body: { destinationId: 'inbox' } });
    expect(again.status).toBe(404);
  });

  it('copies a message, leaving the original', async () => {
    const id = await seedOne('to copy');
    const copy = await call(sim, `/me/mailFolders/inbox/messages/${id}/copy`, { method: 'POST', token, body: { destinationId: 'sentitems' } });
    expect(copy.status).toBe(201);
    expect((await call(sim, `/me/messages/${id}`, { token })).status).toBe(200);
    expect((await call(sim, `/me/messages/${copy.body.id}`, { token })).body.subject).toBe('to copy');
  });

  it('refuses a move without destinationId or to an unknown folder name', async () => {
    const id = await seedOne('bad move');
    expect((await call(sim, `/me/messages/${id}/move`, { method: 'POST', token, body: {} })).status).toBe(400);
    const purges = await call(sim, `/me/messages/${id}/move`, { method: 'POST', token, body: { destinationId: 'recoverableitemspurges' } });
    expect(purges.status).toBe(400);
    expect(purges.body.error.code).toBe('ErrorInvalidIdMalformed');
  });

  it('DELETE moves to Deleted Items (204), stamped with the source folder', async () => {
    const id = await seedOne('to delete');
    const answer = await call(sim, `/me/messages/${id}`, { method: 'DELETE', token });
    expect(answer.status).toBe(204);
    const deleted = sim.ews.store.folderItems(sim.ews.store.folderByDistinguished(ADMIN, 'deleteditems')?.id ?? '');
    const item = deleted.find((i) => i.subject === 'to delete');
    expect(item?.lastActiveParentEntryId).toBe(sim.ews.store.folderByDistinguished(ADMIN, 'inbox')?.sourceKey);
    expect((await call(sim, `/me/messages/${id}`, { method: 'DELETE', token })).status).toBe(404);
  });

  it('DELETE of a message already in Deleted Items soft-deletes it into Deletions (the EWS rule, switch moveToDeletedItemsInDeletedItems)', async () => {
    const id = await seedOne('twice deleted');
    await call(sim, `/me/messages/${id}`, { method: 'DELETE', token });
    const inDeleted = await call(sim, `/me/mailFolders/deleteditems/messages?$top=100&$select=subject`, { token });
    const again = inDeleted.body.value.find((m: { subject: string }) => m.subject === 'twice deleted').id;
    expect((await call(sim, `/me/messages/${again}`, { method: 'DELETE', token })).status).toBe(204);
    const deletions = sim.ews.store.folderItems(sim.ews.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions')?.id ?? '');
    expect(deletions.find((i) => i.subject === 'twice deleted')?.lastActiveParentEntryId).toBe(
      sim.ews.store.folderByDistinguished(ADMIN, 'deleteditems')?.sourceKey,
    );
  });

  it('permanentDelete puts the message into Purges (204) even without single item recovery', async () => {
    const id = await seedOne('to purge', BOB);
    expect(sim.ews.store.retention(BOB)).toMatchObject({ singleItemRecovery: false, litigationHold: false, inPlaceHold: false });
    const answer = await call(sim, `/users/${BOB}/messages/${id}/permanentDelete`, { method: 'POST', token: sim.mintAccessToken() });
    expect(answer.status).toBe(204);
    const purges = sim.ews.store.folderItems(sim.ews.store.folderByDistinguished(BOB, 'recoverableitemspurges')?.id ?? '');
    expect(purges.map((i) => i.subject)).toContain('to purge');
  });

  it('with permanentDelete: hardDelete and no SIR or hold the message is gone', async () => {
    sim.setSwitches({ permanentDelete: 'hardDelete' });
    try {
      const id = await seedOne('gone for good', BOB);
      expect((await call(sim, `/users/${BOB}/messages/${id}/permanentDelete`, { method: 'POST', token: sim.mintAccessToken() })).status).toBe(204);
      const purges = sim.ews.store.folderItems(sim.ews.store.folderByDistinguished(BOB, 'recoverableitemspurges')?.id ?? '');
      expect(purges.map((i) => i.subject)).not.toContain('gone for good');
    } finally {
      sim.setSwitches({ permanentDelete: 'purges' });
    }
  });

  it('soft-deletes as a move to recoverableitemsdeletions, stamping LastActiveParentEntryId', async () => {
    const id = await seedOne('soft');
    const moved = await call(sim, `/me/messages/${id}/move`, { method: 'POST', token, body: { destinationId: 'recoverableitemsdeletions' } });
    expect(moved.status).toBe(201);
    const expand = `$expand=singleValueExtendedProperties($filter=id eq 'Binary 0x348A')`;
    const got = await call(sim, `/me/messages/${moved.body.id}?$select=subject&${expand}`, { token });
    expect(got.body.singleValueExtendedProperties).toEqual([{ id: 'Binary 0x348A', value: sim.ews.store.folderByDistinguished(ADMIN, 'inbox')?.sourceKey }]);
  });

  it('keeps Purges under a hold: moving out of it is refused with ErrorCannotDeleteObject (403)', async () => {
    const id = await seedOne('held', ALICE);
    const purged = await call(sim, `/users/${ALICE}/messages/${id}/permanentDelete`, {
      method: 'POST',
      token: sim.mintAccessToken({ permissions: ['Mail.ReadWrite'] }),
    });
    expect(purged.status).toBe(204);
    sim.ews.store.setRetention(ALICE, { litigationHold: true });
    const purges = sim.ews.store.folderByDistinguished(ALICE, 'recoverableitemspurges');
    const dumpster = await call(sim, `/users/${ALICE}/mailFolders/recoverableitemsdeletions`, { token: sim.mintAccessToken() });
    expect(dumpster.status).toBe(200);
    sim.setSwitches({ dumpsterFolders: 'all' });
    try {
      const app = sim.mintAccessToken();
      const root = await call(sim, `/users/${ALICE}/mailFolders/${dumpster.body.parentFolderId}/childFolders?$top=20`, { token: app });
      const purgesId = root.body.value.find((f: { displayName: string }) => f.displayName === 'Purges').id;
      const listed = await call(sim, `/users/${ALICE}/mailFolders/${purgesId}/messages`, { token: app });
      expect(listed.body.value).toHaveLength(purges?.totalCount ?? -1);
      const refused = await call(sim, `/users/${ALICE}/messages/${listed.body.value[0].id}/move`, {
        method: 'POST',
        token: app,
        body: { destinationId: 'inbox' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('ErrorCannotDeleteObject');
    } finally {
      sim.setSwitches({ dumpsterFolders: 'deletionsOnly' });
      sim.ews.store.setRetention(ALICE, { litigationHold: false });
    }
  });

  it('refuses a delete into a full Recoverable Items folder with the inner code (507), moving nothing', async () => {
    const id = await seedOne('no room', BOB);
    sim.ews.store.setRetention(BOB, { extraDumpsterBytes: { primary: 31 * 1024 ** 3 } });
    try {
      const app = sim.mintAccessToken();
      const refused = await call(sim, `/users/${BOB}/messages/${id}/move`, {
        method: 'POST',
        token: app,
        body: { destinationId: 'recoverableitemsdeletions' },
      });
      expect(refused.status).toBe(507);
      expect(refused.body.error.code).toBe('ErrorQuotaExceededOnDelete');
      expect((await call(sim, `/users/${BOB}/messages/${id}`, { token: app })).status).toBe(200);
      // Deleted Items is not the dumpster: DELETE still works.
      expect((await call(sim, `/users/${BOB}/messages/${id}`, { method: 'DELETE', token: app })).status).toBe(204);
    } finally {
      sim.ews.store.setRetention(BOB, { extraDumpsterBytes: { primary: 0 } });
    }
  });

  it('does not show messages of Purges by id while dumpsterFolders is deletionsOnly', async () => {
    const app = sim.mintAccessToken();
    const id = await seedOne('hidden later', BOB);
    sim.setSwitches({ dumpsterFolders: 'all' });
    let purgedId: string;
    try {
      const deletions = await call(sim, `/users/${BOB}/mailFolders/recoverableitemsdeletions`, { token: app });
      const root = await call(sim, `/users/${BOB}/mailFolders/${deletions.body.parentFolderId}/childFolders?$top=20`, { token: app });
      const purges = root.body.value.find((f: { displayName: string }) => f.displayName === 'Purges').id;
      const moved = await call(sim, `/users/${BOB}/messages/${id}/move`, { method: 'POST', token: app, body: { destinationId: purges } });
      expect(moved.status).toBe(201);
      purgedId = moved.body.id;
      expect((await call(sim, `/users/${BOB}/messages/${purgedId}`, { token: app })).status).toBe(200);
    } finally {
      sim.setSwitches({ dumpsterFolders: 'deletionsOnly' });
    }
    expect((await call(sim, `/users/${BOB}/messages/${purgedId}`, { token: app })).status).toBe(404);
  });

  it('refuses another user’s mailbox to a delegated token without .Shared and FullAccess', async () => {
    const aliceToken = sim.mintAccessToken({ user: ALICE, permissions: ['Mail.ReadWrite'] });
    const denied = await call(sim, `/users/${ADMIN}/mailFolders/inbox`, { token: aliceToken });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ErrorAccessDenied');
    const adminShared = sim.mintAccessToken({ user: ADMIN, permissions: ['Mail.ReadWrite', 'Mail.ReadWrite.Shared'] });
    expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token: adminShared })).status).toBe(200);
    expect((await call(sim, `/users/${ALICE}/mailFolders/inbox`, { token: sim.mintAccessToken({ user: ADMIN }) })).status).toBe(403);
  });
});
