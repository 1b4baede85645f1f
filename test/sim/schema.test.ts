// Response schema conformance: every response shape the simulator emits — successes of each
// operation, per-item errors, warnings, and faults of every code — validated against the
// official EWS schemas in ONE validator call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, schemaSkipReason, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import {
  ADMIN,
  deleteItems,
  dist,
  fault,
  fid,
  findFolder,
  findItem,
  getFolder,
  iid,
  itemIds,
  LAPEI_PROP,
  moveItems,
  post,
  SOURCE_KEY_PROP,
  type PostOptions,
} from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.02, bulkItems: 1200, throttling: false });
});
afterAll(() => sim.close());

const ALL_ITEM_PROPS = [
  'item:ParentFolderId',
  'item:ItemClass',
  'item:Subject',
  'item:DateTimeReceived',
  'item:Size',
  'item:HasAttachments',
  'message:From',
  'message:Sender',
  'message:IsRead',
]
  .map((f) => `<t:FieldURI FieldURI="${f}"/>`)
  .join('');
const ALL_FOLDER_PROPS = `<t:FieldURI FieldURI="folder:ParentFolderId"/><t:FieldURI FieldURI="folder:FolderClass"/><t:FieldURI FieldURI="folder:DistinguishedFolderId"/>${SOURCE_KEY_PROP}<t:ExtendedFieldURI PropertyTag="0x10f4" PropertyType="Boolean"/>`;

async function collect(): Promise<NamedDocument[]> {
  const docs: NamedDocument[] = [];
  const faultCodes = new Set<string>();
  const record = async (name: string, body: string, options: PostOptions = {}): Promise<string> => {
    const answer = await post(sim, body, options);
    if (answer.status === 500) faultCodes.add(fault(answer.text)?.code ?? 'unparsed');
    docs.push({ name, xml: answer.text });
    return answer.text;
  };
  const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  const work = sim.store.createFolder(inbox, 'Schema work').id;
  sim.store.seedItems(work, 3, { subject: 'a < b & ]]> </t:Subject>', from: { name: 'Ünïcødé "quoted"', address: 'x@example.com' }, hasAttachments: true });
  sim.store.seedItems(work, 1, { itemClass: 'IPM.Appointment' });
  sim.store.seedItems(work, 1, { itemClass: 'IPM.Contact' });
  sim.store.seedItems(work, 1, { itemClass: 'IPM.Task' });
  const deletions = sim.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions')?.id ?? '';

  // Successes.
  await record(
    'GetFolder all kinds',
    getFolder(
      [
        'root',
        'msgfolderroot',
        'inbox',
        'calendar',
        'contacts',
        'tasks',
        'searchfolders',
        'recoverableitemsroot',
        'archiveinbox',
        'archiverecoverableitemspurges',
      ]
        .map((d) => dist(d))
        .join(''),
      ALL_FOLDER_PROPS,
    ),
  );
  await record('GetFolder AllProperties', getFolder(dist('inbox')).replace('<t:BaseShape>Default', '<t:BaseShape>AllProperties'));
  await record('FindFolder Deep root', findFolder(dist('root'), 'Deep', '', ALL_FOLDER_PROPS));
  await record(
    'FindFolder paged',
    findFolder(dist('msgfolderroot'), 'Deep', '<m:IndexedPageFolderView MaxEntriesReturned="5" Offset="0" BasePoint="Beginning"/>'),
  );
  const found = await record('FindItem all props', findItem(fid(work), undefined, '', 'AllProperties', ALL_ITEM_PROPS + LAPEI_PROP));
  await record('FindItem dumpster', findItem(fid(deletions), undefined, '', 'Default', LAPEI_PROP));
  await record('FindItem empty page', findItem(fid(work), '<m:IndexedPageItemView MaxEntriesReturned="10" Offset="100" BasePoint="Beginning"/>'));
  const ids = itemIds(found).map((i) => i.id);
  await record(
    'GetItem',
    `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:AdditionalProperties>${LAPEI_PROP}</t:AdditionalProperties></m:ItemShape><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`,
  );
  await record(
    'CreateItem',
    `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${fid(work)}</m:SavedItemFolderId><m:Items><t:Message><t:Subject>new</t:Subject></t:Message><t:CalendarItem><t:Subject>meet</t:Subject></t:CalendarItem><t:Contact><t:Subject>someone</t:Subject></t:Contact></m:Items></m:CreateItem>`,
  );
  await record(
    'CreateItem SendOnly',
    `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>sent</t:Subject></t:Message></m:Items></m:CreateItem>`,
  );
  const copied = await record('CopyItem', moveItems(ids.slice(0, 2), dist('drafts'), 'CopyItem'));
  await record(
    'MoveItem',
    moveItems(
      itemIds(copied).map((i) => i.id),
      dist('sentitems'),
    ),
  );
  await record('MoveItem no ids', moveItems(ids.slice(2, 3), dist('junkemail'), 'MoveItem', false));
  await record(
    'CreateFolder',
    `<m:CreateFolder><m:ParentFolderId>${fid(work)}</m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>f</t:DisplayName></t:Folder><t:CalendarFolder><t:DisplayName>c</t:DisplayName></t:CalendarFolder><t:ContactsFolder><t:DisplayName>p</t:DisplayName></t:ContactsFolder><t:TasksFolder><t:DisplayName>t</t:DisplayName></t:TasksFolder><t:SearchFolder><t:DisplayName>s</t:DisplayName></t:SearchFolder></m:Folders></m:CreateFolder>`,
  );
  const doomed = sim.store.createFolder(work, 'doomed');
  await record('DeleteFolder', `<m:DeleteFolder DeleteType="MoveToDeletedItems"><m:FolderIds>${fid(doomed.id)}</m:FolderIds></m:DeleteFolder>`);
  await record('EmptyFolder', `<m:EmptyFolder DeleteType="SoftDelete" DeleteSubFolders="false"><m:FolderIds>${fid(work)}</m:FolderIds></m:EmptyFolder>`);
  const more = sim.store.seedItems(work, 2);
  await record('DeleteItem', deleteItems(more, 'HardDelete'));

  // Per-item errors and warnings.
  await record(
    'GetFolder errors',
    getFolder(
      `${fid('AAAA==')}${fid(more[0] ?? '')}<t:FolderId Id="${inbox}" ChangeKey="XXX"/>${dist('inbox', 'nobody@contoso.com')}${dist('inbox', 'alice@contoso.com')}`,
    ),
    { user: 'bob@contoso.com' },
  );
  await record('FindItem find limit', findItem(fid(sim.store.folderByPath(ADMIN, 'Inbox/Bulk notifications')?.id ?? ''), ''));
  await record('FindItem bad paging', findItem(fid(work), '<m:IndexedPageItemView MaxEntriesReturned="0" Offset="0" BasePoint="Beginning"/>'));
  await record(
    'FindItem unsupported path',
    findItem(
      fid(work),
      undefined,
      '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="item:Body"/><t:FieldURIOrConstant><t:Constant Value="x"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>',
    ),
  );
  await record('FindFolder gone parent', findFolder(fid(doomed.id).replace(doomed.id, more[0] ?? '')));
  await record(
    'DeleteItem errors',
    `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${iid(more[0] ?? '')}${iid('AAAA==')}${iid(work)}<t:ItemId Id=""/></m:ItemIds></m:DeleteItem>`,
  );
  const vanished = sim.store.createFolder(work, 'vanished');
  sim.store.removeFolder(vanished.id);
  await record('MoveItem errors', moveItems([more[0] ?? '', ...sim.store.seedItems(work, 1)], fid(vanished.id)));
  await record('MoveItem malformed target', moveItems([ids[0] ?? ''], fid('AAAA==')));
  await record('CreateItem errors', `<m:CreateItem><m:Items><t:Message><t:Subject>x</t:Subject></t:Message></m:Items></m:CreateItem>`);
  await record(
    'CreateFolder errors',
    `<m:CreateFolder><m:ParentFolderId>${dist('msgfolderroot')}</m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>Inbox</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
  );
  await record(
    'DeleteFolder errors',
    `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds>${dist('inbox')}${fid(more[0] ?? '')}</m:FolderIds></m:DeleteFolder>`,
  );
  await record(
    'EmptyFolder errors',
    `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="true"><m:FolderIds>${dist('root')}</m:FolderIds></m:EmptyFolder>`,
  );
  // Retention refusals (retention.ts): purges refused under a hold, deletes into a full dumpster.
  sim.store.setRetention(ADMIN, { litigationHold: true });
  const held = sim.store.seedItems(sim.store.folderByDistinguished(ADMIN, 'recoverableitemspurges')?.id ?? '', 1);
  await record('DeleteItem purge under hold', deleteItems(held, 'HardDelete'));
  await record(
    'EmptyFolder Purges under hold',
    `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="false"><m:FolderIds>${dist('recoverableitemspurges')}</m:FolderIds></m:EmptyFolder>`,
  );
  sim.store.setRetention(ADMIN, { litigationHold: false, extraDumpsterBytes: { primary: 200 * 1024 ** 3 } });
  const blocked = sim.store.seedItems(work, 2);
  await record('DeleteItem Recoverable Items full', deleteItems(blocked, 'SoftDelete'));
  const blockedFolder = sim.store.createFolder(work, 'blocked');
  sim.store.seedItems(blockedFolder.id, 1);
  await record(
    'DeleteFolder Recoverable Items full',
    `<m:DeleteFolder DeleteType="SoftDelete"><m:FolderIds>${fid(blockedFolder.id)}</m:FolderIds></m:DeleteFolder>`,
  );
  sim.setSwitches({ recoverableItemsFullError: 'ErrorQuotaExceeded' });
  await record('DeleteItem Recoverable Items full, ErrorQuotaExceeded', deleteItems(blocked, 'SoftDelete'));
  sim.setSwitches({ recoverableItemsFullError: 'innerQuotaExceededOnDelete' });
  sim.store.setRetention(ADMIN, { extraDumpsterBytes: { primary: 0 } });
  const stopped = sim.store.seedItems(work, 3);
  sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 1 } });
  await record('DeleteItem batch stopped', deleteItems(stopped, 'HardDelete'));
  sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0, ErrorServerBusy: 1 } });
  await record('DeleteItem inner busy', deleteItems(stopped, 'HardDelete'));
  sim.setFaults(structuredClone(NO_FAULTS));
  sim.setThrottling({ enabled: true, itemCostMs: 4, batchBudgetMs: 5 });
  await record(
    'GetItem batch budget',
    `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds>${stopped.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`,
  );

  // Faults of every code.
  sim.setThrottling({ itemCostMs: 60, burstMs: 1, rechargeMsPerSecond: 1, batchBudgetMs: 60_000 });
  await record('fault ErrorServerBusy (spend)', getFolder(dist('inbox')));
  await record('fault ErrorServerBusy', getFolder(dist('inbox')));
  sim.resetThrottling();
  sim.setThrottling({ itemCostMs: 0, burstMs: 10_000, rechargeMsPerSecond: 5000, maxConcurrency: 1 });
  sim.setFaults({ requestLatencyMs: 150 });
  await Promise.all([record('concurrent 1', getFolder(dist('inbox'))), record('fault ErrorExceededConnectionCount', getFolder(dist('inbox')))]);
  sim.setFaults({ requestLatencyMs: 0 });
  sim.setThrottling(false);
  await record('fault ErrorSchemaValidation', '<m:NoSuchOperation/>');
  // The request grammar's fault: t:LineNumber, t:LinePosition and t:Violation in t:MessageXml.
  await record('fault ErrorSchemaValidation (grammar)', getFolder(dist('inbox')).replace('</m:FolderShape>', '<t:Bogus/></m:FolderShape>'));
  await record('fault ErrorInvalidServerVersion', getFolder(dist('inbox')), { version: 'Exchange2019' });
  await record('fault ErrorImpersonateUserDenied', getFolder(dist('inbox')), { user: 'alice@contoso.com', impersonate: 'bob@contoso.com' });
  await record('fault ErrorNonExistentMailbox', getFolder(dist('inbox')), { impersonate: 'ghost@contoso.com' });
  await record('fault ErrorInvalidRequest', '');
  sim.setFaults({ rates: { internalErrorFault: 1 } });
  await record('fault ErrorInternalServerError', getFolder(dist('inbox')));
  sim.setFaults(structuredClone(NO_FAULTS));

  expect([...faultCodes].sort()).toEqual(
    [
      'ErrorExceededConnectionCount',
      'ErrorImpersonateUserDenied',
      'ErrorInternalServerError',
      'ErrorInvalidRequest',
      'ErrorInvalidServerVersion',
      'ErrorNonExistentMailbox',
      'ErrorSchemaValidation',
      'ErrorServerBusy',
    ].sort(),
  );
  return docs;
}

describe.skipIf(!schemaAvailable)('response schema conformance', () => {
  it('every response shape validates against the EWS schemas', async () => {
    const docs = await collect();
    const all = docs.map((d) => d.xml).join('\n');
    for (const code of [
      'ErrorInvalidIdMalformed',
      'ErrorBatchProcessingStopped',
      'ErrorExceededFindCountLimit',
      'ErrorMessageDispositionRequired',
      'ErrorFolderExists',
      'ErrorDeleteDistinguishedFolder',
      'ErrorCannotEmptyFolder',
      'ErrorToFolderNotFound',
      'ErrorNonExistentMailbox',
      'ErrorAccessDenied',
      'ErrorServerBusy',
      'ErrorInvalidPagingMaxRows',
      'ErrorUnsupportedPathForQuery',
      'ErrorCannotUseFolderIdForItemId',
      'ErrorCannotUseItemIdForFolderId',
      'ErrorInvalidChangeKey',
      'ErrorInvalidIdEmpty',
      'ErrorItemNotFound',
      'ErrorCannotDeleteObject',
      'ErrorQuotaExceededOnDelete',
      'ErrorQuotaExceeded',
    ]) {
      expect(all.includes(code), code).toBe(true);
    }
    expect(all.includes('ResponseClass="Warning"')).toBe(true);
    expect(all).toContain('<m:ResponseCode>ErrorQuotaExceeded</m:ResponseCode>');
    const violations = await validateEnvelopeBodies(docs);
    expect(violations).toEqual([]);
  });
});

if (!schemaAvailable) {
  describe('response schema conformance', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
