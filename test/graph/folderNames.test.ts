import { describe, expect, it } from 'vitest';
import { expandExtendedProperties, extendedValue, LAST_ACTIVE_PARENT_ENTRY_ID, PR_SOURCE_KEY } from '../../electron/graph/extendedProperties';
import { EWS_ONLY_FOLDERS, GRAPH_WELL_KNOWN_FOLDERS, isGraphWellKnownFolder } from '../../electron/graph/wellKnown';

describe('well-known folder names', () => {
  it('include the Graph dumpster folder and Deleted Items; the rest of the dumpster is EWS only', () => {
    expect(isGraphWellKnownFolder('recoverableitemsdeletions')).toBe(true);
    expect(isGraphWellKnownFolder('deleteditems')).toBe(true);
    expect(isGraphWellKnownFolder('archive')).toBe(true);
    for (const name of EWS_ONLY_FOLDERS) expect(isGraphWellKnownFolder(name)).toBe(false);
    expect(EWS_ONLY_FOLDERS).toEqual(expect.arrayContaining(['recoverableitemsversions', 'recoverableitemspurges', 'recoverableitemsdiscoveryholds']));
    expect(new Set(GRAPH_WELL_KNOWN_FOLDERS).size).toBe(GRAPH_WELL_KNOWN_FOLDERS.length);
  });
});

describe('extended properties', () => {
  it('names PR_SOURCE_KEY and LastActiveParentEntryId as Binary tags', () => {
    expect(PR_SOURCE_KEY).toBe('Binary 0x65E0');
    expect(LAST_ACTIVE_PARENT_ENTRY_ID).toBe('Binary 0x348A');
  });

  it('builds the expand with quoted ids', () => {
    expect(expandExtendedProperties([PR_SOURCE_KEY, LAST_ACTIVE_PARENT_ENTRY_ID])).toBe(
      "singleValueExtendedProperties($filter=id eq 'Binary 0x65E0' or id eq 'Binary 0x348A')",
    );
    expect(() => expandExtendedProperties([])).toThrow(RangeError);
  });

  it('reads a value whatever the casing Graph answers with', () => {
    const props = [
      { id: 'Binary 0x65e0', value: 'AAEC' },
      { id: 'String 0x0037', value: null },
    ];
    expect(extendedValue(props, PR_SOURCE_KEY)).toBe('AAEC');
    expect(extendedValue(props, 'String 0x0037')).toBeUndefined();
    expect(extendedValue(undefined, PR_SOURCE_KEY)).toBeUndefined();
  });
});
