// One mailbox, two protocols: what Graph deletes, EWS sees in Deletions (with the
// LastActiveParentEntryId of the folder it came from), and the Graph id of a message is not its EWS id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { post } from '../sim/helpers';
import { ADMIN, call } from './helpers';

let ews: RunningSimulator;
let graph: RunningGraphSimulator;

beforeAll(async () => {
  ews = await startSimulator({ seed: 'empty', throttling: false });
  graph = await startGraphSimulator({ simulator: ews, throttling: false });
});
afterAll(async () => {
  await graph.close();
  await ews.close();
});

const FIND_IN_DELETIONS =
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/><t:ExtendedFieldURI PropertyTag="0x348A" PropertyType="Binary"/></t:AdditionalProperties></m:ItemShape>' +
  '<m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="recoverableitemsdeletions"/></m:ParentFolderIds></m:FindItem>';

describe('Graph and EWS on one mailbox', () => {
  it('a message soft-deleted over Graph shows in Deletions over EWS, with its home folder’s source key', async () => {
    const inbox = ews.store.folderByDistinguished(ADMIN, 'inbox');
    const [ewsId] = ews.store.seedItems(inbox?.id ?? '', 1, { subject: 'Quarterly numbers' });
    const token = graph.mintAccessToken({ user: ADMIN });
    const listed = await call(graph, `/me/mailFolders/inbox/messages?$select=subject`, { token });
    const graphId = listed.body.value[0].id as string;
    expect(graphId).not.toBe(ewsId);

    const before = await post(ews, FIND_IN_DELETIONS);
    expect(before.text).not.toContain('Quarterly numbers');
    const moved = await call(graph, `/me/messages/${graphId}/move`, { method: 'POST', token, body: { destinationId: 'recoverableitemsdeletions' } });
    expect(moved.status).toBe(201);

    const after = await post(ews, FIND_IN_DELETIONS);
    expect(after.status).toBe(200);
    expect(after.text).toContain('<t:Subject>Quarterly numbers</t:Subject>');
    expect(after.text).toContain(`<t:Value>${inbox?.sourceKey}</t:Value>`);
    // The EWS id from before the delete no longer resolves over EWS either.
    expect(ews.store.locate(ewsId ?? '')).toBeUndefined();
  });

  it('a message deleted over EWS answers 404 over Graph', async () => {
    const inbox = ews.store.folderByDistinguished(ADMIN, 'inbox');
    const [ewsId] = ews.store.seedItems(inbox?.id ?? '', 1, { subject: 'EWS deletes me' });
    const token = graph.mintAccessToken({ user: ADMIN });
    const listed = await call(graph, `/me/mailFolders/inbox/messages?$select=subject`, { token });
    const graphId = listed.body.value.find((m: { subject: string }) => m.subject === 'EWS deletes me').id as string;
    const deleted = await post(ews, `<m:DeleteItem DeleteType="SoftDelete"><m:ItemIds><t:ItemId Id="${ewsId}"/></m:ItemIds></m:DeleteItem>`);
    expect(deleted.text).toContain('ResponseClass="Success"');
    const gone = await call(graph, `/me/messages/${graphId}`, { token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ErrorItemNotFound');
  });
});
