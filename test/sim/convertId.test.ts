// ConvertId over HTTP: EwsId ↔ EntryId ↔ HexEntryId for items and folders, round trips that
// resolve again, and the per-id errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, fault, getFolder, fid, folderIds, messages, post } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(() => sim.close());

const convert = (destination: string, ids: Array<{ format: string; id: string; mailbox?: string; archive?: boolean }>): string =>
  `<m:ConvertId DestinationFormat="${destination}"><m:SourceIds>${ids
    .map(
      (i) => `<t:AlternateId Format="${i.format}" Id="${i.id}" Mailbox="${i.mailbox ?? ADMIN}"${i.archive === undefined ? '' : ` IsArchive="${i.archive}"`}/>`,
    )
    .join('')}</m:SourceIds></m:ConvertId>`;
const converted = (xml: string): string[] => [...xml.matchAll(/<m:AlternateId xsi:type="t:AlternateIdType" Format="\w+" Id="([^"]+)"/g)].map((m) => m[1] ?? '');

describe('ConvertId', () => {
  it('EwsId → EntryId → HexEntryId → EwsId for an item and a folder, the result resolving again', async () => {
    const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox');
    const [itemId] = sim.store.seedItems(inbox?.id ?? '', 1);
    const toEntry = await post(
      sim,
      convert('EntryId', [
        { format: 'EwsId', id: itemId ?? '' },
        { format: 'EwsId', id: inbox?.id ?? '' },
      ]),
    );
    expect(codes(toEntry.text)).toEqual(['NoError', 'NoError']);
    expect(toEntry.text).toContain(`<m:AlternateId xsi:type="t:AlternateIdType" Format="EntryId" Id="`);
    expect(toEntry.text).toContain(`Mailbox="${ADMIN}"/>`);
    const [itemEntry, folderEntry] = converted(toEntry.text);
    expect(Buffer.from(itemEntry ?? '', 'base64')).toHaveLength(70);
    expect(
      Buffer.from(folderEntry ?? '', 'base64')
        .subarray(22, 44)
        .toString('base64'),
    ).toBe(inbox?.sourceKey);
    const toHex = await post(sim, convert('HexEntryId', [{ format: 'EntryId', id: itemEntry ?? '' }]));
    const [hex] = converted(toHex.text);
    expect(hex).toMatch(/^[0-9A-F]+$/);
    expect(Buffer.from(hex ?? '', 'hex').toString('base64')).toBe(itemEntry);
    const back = await post(
      sim,
      convert('EwsId', [
        { format: 'HexEntryId', id: hex ?? '' },
        { format: 'EntryId', id: folderEntry ?? '' },
      ]),
    );
    expect(converted(back.text)).toEqual([itemId, inbox?.id]);
    expect(sim.store.locate(converted(back.text)[0] ?? '')).toBeDefined();
    expect(folderIds((await post(sim, getFolder(fid(converted(back.text)[1] ?? '')))).text)).toEqual([inbox?.id]);
  });

  it('keys an entry id by the archive mailbox with IsArchive, and echoes IsArchive', async () => {
    const archiveInbox = sim.store.folderByDistinguished(ADMIN, 'archiveinbox');
    const toEntry = await post(sim, convert('EntryId', [{ format: 'EwsId', id: archiveInbox?.id ?? '' }]));
    const [entry] = converted(toEntry.text);
    const back = await post(sim, convert('EwsId', [{ format: 'EntryId', id: entry ?? '', archive: true }]));
    expect(converted(back.text)).toEqual([archiveInbox?.id]);
    expect(back.text).toContain('IsArchive="true"');
  });

  it('answers per id in order: bad SMTP syntax, malformed ids, unknown mailbox for an entry id', async () => {
    const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
    const answer = await post(
      sim,
      convert('EwsId', [
        { format: 'EwsId', id: inbox, mailbox: 'not an address' },
        { format: 'EwsId', id: 'AAAA==' },
        { format: 'HexEntryId', id: 'XYZ' },
        { format: 'EntryId', id: Buffer.from('short').toString('base64') },
        { format: 'EwsId', id: inbox },
      ]),
    );
    expect(codes(answer.text)).toEqual(['ErrorInvalidSmtpAddress', 'ErrorInvalidIdMalformed', 'ErrorInvalidIdMalformed', 'ErrorInvalidIdMalformed', 'NoError']);
    expect(messages(answer.text)[0]?.xml).not.toContain('AlternateId');
    const entry = converted((await post(sim, convert('EntryId', [{ format: 'EwsId', id: inbox }]))).text)[0] ?? '';
    const unknown = await post(sim, convert('EwsId', [{ format: 'EntryId', id: entry, mailbox: 'ghost@contoso.com' }]));
    expect(codes(unknown.text)).toEqual(['ErrorNonExistentMailbox']);
  });

  it('refuses the id formats it does not model as an ErrorInvalidRequest fault', async () => {
    const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
    for (const format of ['OwaId', 'StoreId', 'EwsLegacyId']) {
      const answer = await post(sim, convert(format, [{ format: 'EwsId', id: inbox }]));
      expect(answer.status).toBe(500);
      expect(fault(answer.text)?.code).toBe('ErrorInvalidRequest');
    }
  });
});
