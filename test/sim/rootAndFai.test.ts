// A realistic mailbox root over HTTP: the hidden system folders under `root` (never met from
// msgfolderroot, undeletable), FAI items in Inbox and Calendar found only by FindItem
// Traversal="Associated" and left out of TotalCount, and a query job on Inbox that leaves them
// alone. Every response is validated against the EWS schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_SYSTEM_FOLDERS } from '../../electron/sim/folderSet';
import { DEMO_ADMIN, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { makeEngine, tempDir } from '../jobs/helpers';
import { ewsBackend } from '../jobs/simHarness';
import { schemaAvailable, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import { codes, dist, fid, findFolder, getFolder, iid, itemIds, post, rootFolder } from './helpers';

let sim: RunningSimulator;
const docs: NamedDocument[] = [];

beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.02, bulkItems: 0, throttling: false });
});
afterAll(() => sim.close());

async function call(name: string, body: string): Promise<string> {
  const answer = await post(sim, body);
  expect(answer.status, name).toBe(200);
  docs.push({ name, xml: answer.text });
  return answer.text;
}

const CLASS_PROP = '<t:FieldURI FieldURI="folder:FolderClass"/><t:ExtendedFieldURI PropertyTag="0x10f4" PropertyType="Boolean"/>';
const names = (xml: string): string[] => [...xml.matchAll(/<t:DisplayName>([^<]*)<\/t:DisplayName>/g)].map((m) => m[1] ?? '');
const classes = (xml: string): string[] => [...xml.matchAll(/<t:ItemClass>([^<]*)<\/t:ItemClass>/g)].map((m) => m[1] ?? '');

const findItems = (parent: string, traversal: string, props = '<t:FieldURI FieldURI="item:ItemClass"/><t:FieldURI FieldURI="item:IsAssociated"/>'): string =>
  `<m:FindItem Traversal="${traversal}"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${props}</t:AdditionalProperties></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="1000" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindItem>`;

describe('the non-IPM root', () => {
  it('holds the hidden system folders with their classes, none of them under msgfolderroot', async () => {
    const shallow = await call('FindFolder Shallow root', findFolder(dist('root'), 'Shallow', '', CLASS_PROP));
    const listed = names(shallow);
    for (const name of [
      'Common Views',
      'Finder',
      'Schedule',
      'Shortcuts',
      'Views',
      'Spooler Queue',
      'System',
      'Sharing',
      'Freebusy Data',
      'Recoverable Items',
      'Top of Information Store',
    ])
      expect(listed).toContain(name);
    expect(ROOT_SYSTEM_FOLDERS).toContain('Deferred Action');
    for (const name of ROOT_SYSTEM_FOLDERS) expect(listed).toContain(name);
    expect(shallow).toMatch(/<t:DisplayName>Sharing<\/t:DisplayName>/);
    expect(shallow).toContain('<t:FolderClass>IPF.Configuration</t:FolderClass><t:DisplayName>Conversation Action Settings</t:DisplayName>');
    expect(shallow).toContain('<t:FolderClass>Outlook.Reminder</t:FolderClass><t:DisplayName>Reminders</t:DisplayName>');
    // Every folder under root except the IPM subtree's top is hidden.
    const hidden = [...shallow.matchAll(/<t:DisplayName>([^<]*)<\/t:DisplayName>.*?PropertyType="Boolean"\/><t:Value>(true|false)<\/t:Value>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(hidden.filter(([, h]) => h === 'false').map(([n]) => n)).toEqual(['Top of Information Store']);
    const ipm = await call('FindFolder Deep msgfolderroot', findFolder(dist('msgfolderroot'), 'Deep'));
    const ipmNames = new Set(names(ipm));
    for (const name of ROOT_SYSTEM_FOLDERS) expect(ipmNames.has(name), name).toBe(false);
  });

  it('refuses to delete a system folder', async () => {
    const shallow = await post(sim, findFolder(dist('root'), 'Shallow'));
    const schedule = /<t:FolderId Id="([^"]+)"[^>]*\/><t:DisplayName>Schedule<\/t:DisplayName>/.exec(shallow.text)?.[1] ?? '';
    const answer = await call('DeleteFolder Schedule', `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds>${fid(schedule)}</m:FolderIds></m:DeleteFolder>`);
    expect(codes(answer)).toEqual(['ErrorDeleteDistinguishedFolder']);
  });
});

describe('FAI items', () => {
  it('Associated traversal returns Inbox and Calendar FAI items; Shallow never does; TotalCount leaves them out', async () => {
    const inboxFai = await call('FindItem Associated inbox', findItems(dist('inbox'), 'Associated'));
    expect(classes(inboxFai).sort()).toEqual([
      'IPM.Configuration.Autocomplete',
      'IPM.Microsoft.FolderDesign.NamedView',
      'IPM.Rule.Version2.Message',
      'IPM.Rule.Version2.Message',
    ]);
    expect(new Set([...inboxFai.matchAll(/<t:IsAssociated>(\w+)<\/t:IsAssociated>/g)].map((m) => m[1]))).toEqual(new Set(['true']));
    const calendarFai = await call('FindItem Associated calendar', findItems(dist('calendar'), 'Associated'));
    expect(classes(calendarFai).sort()).toEqual(['IPM.Configuration.Calendar', 'IPM.Configuration.WorkHours', 'IPM.Microsoft.FolderDesign.NamedView']);
    const shallow = await call('FindItem Shallow inbox', findItems(dist('inbox'), 'Shallow'));
    expect(classes(shallow).every((c) => !c.startsWith('IPM.Rule') && !c.startsWith('IPM.Configuration') && !c.startsWith('IPM.Microsoft'))).toBe(true);
    expect(shallow).not.toContain('<t:IsAssociated>true');
    const folder = await call('GetFolder inbox counts', getFolder(dist('inbox'), '<t:ExtendedFieldURI PropertyTag="0x3617" PropertyType="Integer"/>'));
    const total = Number(/<t:TotalCount>(\d+)<\/t:TotalCount>/.exec(folder)?.[1]);
    expect(total).toBe(rootFolder(shallow)?.total);
    expect(/PropertyTag="0x3617" PropertyType="Integer"\/><t:Value>(\d+)</.exec(folder)?.[1]).toBe('4');
  });

  it('GetItem returns an FAI item by id with IsAssociated true', async () => {
    const fai = await post(sim, findItems(dist('calendar'), 'Associated'));
    const ids = itemIds(fai.text).map((i) => i.id);
    const got = await call(
      'GetItem FAI',
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:GetItem>`,
    );
    expect(codes(got)).toEqual(ids.map(() => 'NoError'));
    expect(got.match(/<t:IsAssociated>true<\/t:IsAssociated>/g)).toHaveLength(ids.length);
  });

  it('a query job on Inbox deletes the mail and leaves the FAI items untouched', async () => {
    const before = itemIds((await post(sim, findItems(dist('inbox'), 'Associated'))).text).map((i) => i.id);
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    expect(inbox?.totalCount).toBeGreaterThan(0);
    const { dir, cleanup } = tempDir();
    const { backend, client } = ewsBackend(sim.url, { part: 'primary' });
    try {
      const job = await makeEngine(dir, backend).start({
        mailbox: { part: 'primary' },
        action: { kind: 'delete', mode: 'HardDelete' },
        target: { kind: 'query', folderId: inbox?.id ?? '', filter: {} },
      });
      const result = await job.done;
      expect(result.counts.done).toBe(inbox?.totalCount);
    } finally {
      client.close();
      cleanup();
    }
    expect(sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox')?.totalCount).toBe(0);
    const after = await call('FindItem Associated after job', findItems(dist('inbox'), 'Associated'));
    expect(itemIds(after).map((i) => i.id)).toEqual(before);
  });
});

describe.skipIf(!schemaAvailable)('schema', () => {
  it('every response above validates against the EWS schemas', async () => {
    expect(docs.length).toBeGreaterThan(6);
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
});
