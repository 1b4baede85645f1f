// The distinguished folder list must equal t:DistinguishedFolderIdNameType in types.xsd.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTINGUISHED_FOLDER_IDS, EwsError, folderIdXml, isDistinguishedFolderName, type DistinguishedFolderName } from '../../electron/ews';
import { schemaAvailable, schemaDir, schemaSkipReason } from '../support/schema';

describe('distinguished folder ids', () => {
  it('has 67 unique lower-case names including the dumpster and archive ones', () => {
    expect(DISTINGUISHED_FOLDER_IDS).toHaveLength(67);
    expect(new Set(DISTINGUISHED_FOLDER_IDS).size).toBe(67);
    for (const name of ['root', 'msgfolderroot', 'recoverableitemsroot', 'recoverableitemspurges', 'archiverecoverableitemsdeletions'] as const) {
      expect(isDistinguishedFolderName(name)).toBe(true);
    }
    expect(isDistinguishedFolderName('Inbox')).toBe(false);
    expect(() => folderIdXml({ distinguished: 'Inbox' as DistinguishedFolderName })).toThrow(EwsError);
  });

  it.skipIf(!schemaAvailable)('matches the enumeration in types.xsd', () => {
    const xsd = readFileSync(path.join(schemaDir, 'types.xsd'), 'utf8');
    const start = xsd.indexOf('<xs:simpleType name="DistinguishedFolderIdNameType">');
    const block = xsd.slice(start, xsd.indexOf('</xs:simpleType>', start));
    const names = [...block.matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]);
    expect(start).toBeGreaterThan(0);
    expect([...DISTINGUISHED_FOLDER_IDS].sort()).toEqual(names.sort());
  });

  if (!schemaAvailable) it.skip(schemaSkipReason, () => undefined);
});
