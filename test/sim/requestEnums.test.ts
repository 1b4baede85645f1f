// The simulator ships without the XSDs, so its lists of schema values are copies: the generated
// enumerations of the request grammar (scripts/genSimEnums.mjs) and folderSet.ts's
// distinguished folder ids must equal types.xsd. Skipped, saying so, when the schema folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DISTINGUISHED_IDS } from '../../electron/sim/folderSet';
import { ENUMS } from '../../electron/sim/requestGrammar/enums.generated';
import { schemaDir, schemaSkipReason } from '../support/schema';

const typesXsd = path.join(schemaDir, 'types.xsd');
const available = existsSync(typesXsd);

/** The enumeration values of one named simpleType, read without the generator's code. */
function enumeration(xsd: string, name: string): string[] {
  const start = xsd.indexOf(`<xs:simpleType name="${name}">`);
  expect(start, name).toBeGreaterThanOrEqual(0);
  const body = xsd.slice(start, xsd.indexOf('</xs:simpleType>', start)).replace(/<!--[\s\S]*?-->/g, '');
  return [...body.matchAll(/<xs:enumeration\s+value="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe.skipIf(!available)('schema value lists equal types.xsd', () => {
  const xsd = available ? readFileSync(typesXsd, 'utf8') : '';

  it('every generated enumeration of the request grammar', () => {
    for (const [name, values] of Object.entries(ENUMS)) expect([...values], name).toEqual(enumeration(xsd, name));
  });

  it('the complete UnindexedFieldURIType (every FieldURI the schema knows)', () => {
    expect(ENUMS.UnindexedFieldURIType.length).toBe(enumeration(xsd, 'UnindexedFieldURIType').length);
    expect(ENUMS.UnindexedFieldURIType).toContain('message:IsRead');
  });

  it("folderSet.ts's SCHEMA_DISTINGUISHED_IDS", () => {
    expect([...SCHEMA_DISTINGUISHED_IDS].sort()).toEqual(enumeration(xsd, 'DistinguishedFolderIdNameType').sort());
  });
});

if (!available) {
  describe('schema value lists equal types.xsd', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
