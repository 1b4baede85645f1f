// Property paths requested in shapes and restrictions, and reading extended properties back.
// Exchange writes PropertyTag as lowercase hex (0x65e0) or may echo decimal, so tags are
// compared as numbers.
import { attr, childrenOf, nameOf, textOf, type XNode } from './xmlTree';

/** PR_SOURCE_KEY: a folder's 22-byte source key. */
export const PR_SOURCE_KEY = 0x65e0;
/** LastActiveParentEntryId: on deleted items, the PR_SOURCE_KEY of the folder they came from. */
export const PR_LAST_ACTIVE_PARENT_ENTRY_ID = 0x348a;
/** PR_MESSAGE_DELIVERY_TIME: what Exchange shows as DateTimeReceived (which is read-only in EWS). */
export const PR_MESSAGE_DELIVERY_TIME = 0x0e06;
/** PR_MESSAGE_FLAGS: without MSGFLAG_UNSENT a saved message is a received message, not a draft. */
export const PR_MESSAGE_FLAGS = 0x0e07;

/** PR_MESSAGE_SIZE_EXTENDED (PidTagMessageSizeExtended, PtypInteger64 = EWS "Long"): on a folder, the bytes of its own items ([MS-OXCFOLD] 2.2.2.2.1.11). */
export const PR_MESSAGE_SIZE_EXTENDED = 0x0e08;

export type ExtendedPropertyType = 'Binary' | 'SystemTime' | 'Integer' | 'Long' | 'String' | 'Boolean';

export function propertyTagHex(tag: number): string {
  return `0x${tag.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function extendedFieldXml(tag: number, type: ExtendedPropertyType): string {
  return `<t:ExtendedFieldURI PropertyTag="${propertyTagHex(tag)}" PropertyType="${type}"/>`;
}

export function fieldXml(fieldUri: string): string {
  return `<t:FieldURI FieldURI="${fieldUri}"/>`;
}

export function parsePropertyTag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  const n = /^0x[0-9a-f]+$/i.test(s) ? Number.parseInt(s.slice(2), 16) : /^\d+$/.test(s) ? Number.parseInt(s, 10) : NaN;
  return Number.isNaN(n) ? undefined : n;
}

/** The tag number and text value of one t:ExtendedProperty, when it is tag-addressed. */
export function readExtendedProperty(prop: XNode): { tag: number; value: string } | undefined {
  let tag: number | undefined;
  let value: string | undefined;
  for (const child of childrenOf(prop)) {
    const name = nameOf(child);
    if (name === 'ExtendedFieldURI') tag = parsePropertyTag(attr(child, 'PropertyTag'));
    else if (name === 'Value') value = textOf(child).trim();
  }
  return tag === undefined || value === undefined ? undefined : { tag, value };
}
