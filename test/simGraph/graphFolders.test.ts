// mailFolders, childFolders, well-known names (and the ones Graph does not have), folder ids and
// PR_SOURCE_KEY through singleValueExtendedProperties, unknown users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, call } from './helpers';

let sim: RunningGraphSimulator;
let token: string;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'demo', bulkItems: 30, demoScale: 0.05, throttling: false }, throttling: false });
  token = sim.mintAccessToken({ user: ADMIN, permissions: ['Mail.ReadWrite'] });
});
afterAll(() => sim.close());

describe('Graph mailFolders', () => {
  it('lists the folders under the top of the information store, ten a page with a nextLink', async () => {
    const first = await call(sim, `/users/${ADMIN}/mailFolders`, { token });
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(10);
    expect(first.body['@odata.nextLink']).toContain('$skip=10');
    const second = await call(sim, first.body['@odata.nextLink'], { token });
    const names = [...first.body.value, ...second.body.value].map((f: { displayName: string }) => f.displayName);
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Deleted Items', 'Sent Items', 'Drafts']));
    expect(names).not.toContain('Recoverable Items');
    const ewsTop = sim.ews.store.folderByDistinguished(ADMIN, 'msgfolderroot');
    expect(names).toHaveLength(sim.ews.store.childFolders(ewsTop?.id ?? '').length);
  });

  it('gets a folder by well-known name with counts, and the same folder by its Graph id', async () => {
    const inbox = await call(sim, `/users/${ADMIN}/mailFolders/inbox`, { token });
    expect(inbox.status).toBe(200);
    const ewsInbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    expect(inbox.body).toMatchObject({ displayName: 'Inbox', totalItemCount: ewsInbox?.totalCount, isHidden: false });
    expect(inbox.body.id).not.toBe(ewsInbox?.id);
    const byId = await call(sim, `/users/${ADMIN}/mailFolders/${inbox.body.id}`, { token });
    expect(byId.body.id).toBe(inbox.body.id);
    const upper = await call(sim, `/users/${ADMIN}/mailFolders/Inbox`, { token });
    expect(upper.body.id).toBe(inbox.body.id);
  });

  it('reaches Deletions by recoverableitemsdeletions; Versions, Purges, DiscoveryHolds are no Graph names', async () => {
    const deletions = await call(sim, `/me/mailFolders/recoverableitemsdeletions`, { token });
    expect(deletions.status).toBe(200);
    expect(deletions.body.displayName).toBe('Deletions');
    for (const name of ['recoverableitemsversions', 'recoverableitemspurges', 'recoverableitemsdiscoveryholds', 'recoverableitemsroot', 'nosuchfolder']) {
      const answer = await call(sim, `/me/mailFolders/${name}`, { token });
      expect(answer.status, name).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' });
    }
  });

  it('answers 404 ErrorItemNotFound for a Graph name whose folder this mailbox lacks (archive)', async () => {
    const answer = await call(sim, `/me/mailFolders/archive`, { token });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('ErrorItemNotFound');
  });

  it('hides the other dumpster folders by id unless the dumpsterFolders switch is all', async () => {
    const deletions = await call(sim, `/me/mailFolders/recoverableitemsdeletions`, { token });
    const root = await call(sim, `/me/mailFolders/${deletions.body.parentFolderId}/childFolders`, { token });
    expect(root.body.value.map((f: { displayName: string }) => f.displayName)).toEqual(['Deletions']);
    sim.setSwitches({ dumpsterFolders: 'all' });
    try {
      const all = await call(sim, `/me/mailFolders/${deletions.body.parentFolderId}/childFolders?$top=20`, { token });
      expect(all.body.value.map((f: { displayName: string }) => f.displayName)).toEqual(
        expect.arrayContaining(['Deletions', 'Versions', 'Purges', 'DiscoveryHolds']),
      );
    } finally {
      sim.setSwitches({ dumpsterFolders: 'deletionsOnly' });
    }
  });

  it('lists child folders and selects properties', async () => {
    const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
    const children = sim.ews.store.childFolders(inbox?.id ?? '');
    const answer = await call(sim, `/me/mailFolders/inbox/childFolders?$select=displayName&$top=50`, { token });
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((f: { displayName: string }) => f.displayName).sort()).toEqual(children.map((c) => c.displayName).sort());
    expect(Object.keys(answer.body.value[0]).sort()).toEqual(['displayName', 'id']);
  });

  it('returns PR_SOURCE_KEY (Binary 0x65E0) when expanded, equal to the EWS simulator source key', async () => {
    const answer = await call(sim, `/me/mailFolders?$top=50&$expand=singleValueExtendedProperties($filter=id eq 'Binary 0x65E0')`, { token });
    const inbox = answer.body.value.find((f: { displayName: string }) => f.displayName === 'Inbox');
    expect(inbox.singleValueExtendedProperties).toEqual([{ id: 'Binary 0x65E0', value: sim.ews.store.folderByDistinguished(ADMIN, 'inbox')?.sourceKey }]);
    const plain = await call(sim, `/me/mailFolders/inbox`, { token });
    expect(plain.body.singleValueExtendedProperties).toBeUndefined();
  });

  it('answers a malformed folder id with 400 and a removed folder id with 404', async () => {
    expect((await call(sim, `/me/mailFolders/AAMkAGI2TG93AAA=`, { token })).body.error.code).toBe('ErrorInvalidIdMalformed');
    const created = sim.ews.store.createFolder(sim.ews.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '', 'Short-lived');
    const list = await call(sim, `/me/mailFolders/inbox/childFolders?$top=50`, { token });
    const graphId = list.body.value.find((f: { displayName: string }) => f.displayName === 'Short-lived').id;
    sim.ews.store.removeFolder(created.id);
    const gone = await call(sim, `/me/mailFolders/${graphId}`, { token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ErrorItemNotFound');
  });

  it('names an unknown user ErrorInvalidUser, and reaches users by object id', async () => {
    const unknown = await call(sim, `/users/nobody@contoso.com/mailFolders`, { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'ErrorInvalidUser', message: "The requested user 'nobody@contoso.com' is invalid." });
    const { objectIdOf } = await import('../../electron/simGraph');
    const byOid = await call(sim, `/users/${objectIdOf({ smtp: ADMIN })}/mailFolders/inbox`, { token });
    expect(byOid.status).toBe(200);
  });
});
