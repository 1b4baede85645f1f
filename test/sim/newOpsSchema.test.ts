// Response schema conformance of MoveFolder, CopyFolder, UpdateItem, ConvertId, ResolveNames and
// ExpandDL: successes, per-item errors and the ambiguous-name Warning, validated against the
// official EWS schemas in one validator call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, schemaSkipReason, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import { ADMIN, dist, fid, iid, post } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(() => sim.close());

async function collect(): Promise<NamedDocument[]> {
  const docs: NamedDocument[] = [];
  const record = async (name: string, body: string): Promise<void> => {
    const answer = await post(sim, body);
    expect(answer.status, name).toBe(200);
    docs.push({ name, xml: answer.text });
  };
  const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  const work = sim.store.createFolder(inbox, 'Schema <&> work');
  sim.store.createFolder(work.id, 'sub');
  sim.store.createFolder(inbox, 'Contacts copy target', 'IPF.Contact');
  const [item, other] = sim.store.seedItems(work.id, 2, { subject: 'a < b' });
  const transfer = (op: string, to: string, refs: string) => `<m:${op}><m:ToFolderId>${to}</m:ToFolderId><m:FolderIds>${refs}</m:FolderIds></m:${op}>`;

  await record('CopyFolder', transfer('CopyFolder', dist('drafts'), fid(work.id) + dist('contacts')));
  await record('CopyFolder errors', transfer('CopyFolder', fid(work.id), fid(work.id) + fid('AAAA==')));
  await record('MoveFolder', transfer('MoveFolder', dist('deleteditems'), fid(work.id)));
  await record('MoveFolder errors', transfer('MoveFolder', dist('inbox'), dist('inbox') + fid(item ?? '')));
  const staleKey = sim.store.locate(item ?? '')?.item.changeKey ?? '';
  const set = (uri: string, value: string) => `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:Message>${value}</t:Message></t:SetItemField>`;
  const change = (id: string, updates: string) => `<t:ItemChange>${iid(id)}<t:Updates>${updates}</t:Updates></t:ItemChange>`;
  await record(
    'UpdateItem',
    `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly" SuppressReadReceipts="true"><m:ItemChanges>${change(item ?? '', set('message:IsRead', '<t:IsRead>true</t:IsRead>') + set('item:Categories', '<t:Categories><t:String>Red</t:String></t:Categories>'))}${change(other ?? '', '<t:DeleteItemField><t:FieldURI FieldURI="item:Categories"/></t:DeleteItemField>')}${change('AAAA==', set('message:IsRead', '<t:IsRead>true</t:IsRead>'))}</m:ItemChanges></m:UpdateItem>`,
  );
  await record(
    'UpdateItem conflict',
    `<m:UpdateItem ConflictResolution="NeverOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${item ?? ''}" ChangeKey="${staleKey}"/><t:Updates>${set('message:IsRead', '<t:IsRead>false</t:IsRead>')}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
  );
  await record(
    'ConvertId',
    `<m:ConvertId DestinationFormat="HexEntryId"><m:SourceIds><t:AlternateId Format="EwsId" Id="${inbox}" Mailbox="${ADMIN}" IsArchive="false"/><t:AlternateId Format="EwsId" Id="AAAA==" Mailbox="${ADMIN}"/><t:AlternateId Format="EwsId" Id="${inbox}" Mailbox="bad"/></m:SourceIds></m:ConvertId>`,
  );
  const resolve = (entry: string) => `<m:ResolveNames ReturnFullContactData="true"><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`;
  const contacts = sim.store.folderByDistinguished(ADMIN, 'contacts')?.id ?? '';
  sim.store.seedItems(contacts, 1, { subject: 'Bobby Tables', itemClass: 'IPM.Contact' });
  await record('ResolveNames one', resolve('alice'));
  await record('ResolveNames group', resolve('all-staff@contoso.com'));
  await record('ResolveNames ambiguous with a contact', resolve('bob'));
  await record('ResolveNames none', resolve('nobody-at-all'));
  const expand = (address: string) => `<m:ExpandDL><m:Mailbox><t:EmailAddress>${address}</t:EmailAddress></m:Mailbox></m:ExpandDL>`;
  await record('ExpandDL', expand('all-staff@contoso.com'));
  await record('ExpandDL none', expand('ghost@contoso.com'));
  return docs;
}

describe.skipIf(!schemaAvailable)('new operations: response schema conformance', () => {
  it('every response shape validates against the EWS schemas', async () => {
    const docs = await collect();
    const all = docs.map((d) => d.xml).join('\n');
    for (const code of [
      'ErrorMoveDistinguishedFolder',
      'ErrorMoveCopyFailed',
      'ErrorIrresolvableConflict',
      'ErrorInvalidSmtpAddress',
      'ErrorNameResolutionMultipleResults',
      'ErrorNameResolutionNoResults',
      'ErrorInvalidIdMalformed',
    ]) {
      expect(all.includes(code), code).toBe(true);
    }
    expect(all).toContain('ResponseClass="Warning"');
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
});

if (!schemaAvailable) {
  describe('new operations: response schema conformance', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
