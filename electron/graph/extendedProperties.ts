// MAPI properties Graph reads through singleValueExtendedProperties (Graph "Get
// singleValueExtendedProperty"): the id is "{type} {tag}" and the value a string, base64 for
// Binary. PR_SOURCE_KEY (0x65E0) names a folder; LastActiveParentEntryId (0x348A) on a deleted
// item holds the source key of the folder it was deleted from, so recovery can put it back.
// PR_MESSAGE_SIZE (0x0E08, PT_LONG: "Integer") is the item's size in bytes: Graph's message resource
// has no size property, so listings ask for this one (its value comes as decimal text).
import { z } from 'zod';
import { stringLiteral } from './odata';

export const PR_SOURCE_KEY = 'Binary 0x65E0';
export const LAST_ACTIVE_PARENT_ENTRY_ID = 'Binary 0x348A';
export const PR_MESSAGE_SIZE = 'Integer 0x0E08';

/** `$expand=singleValueExtendedProperties($filter=id eq '…' or id eq '…')` for the given ids. */
export function expandExtendedProperties(ids: readonly string[]): string {
  if (ids.length === 0) throw new RangeError('No extended property to expand.');
  const filter = ids.map((id) => `id eq ${stringLiteral(id)}`).join(' or ');
  return `singleValueExtendedProperties($filter=${filter})`;
}

export const extendedPropertiesShape = z.array(z.object({ id: z.string(), value: z.string().nullable().optional() })).optional();

/**
 * The value of one extended property, matched without regard to case: Graph answers with its own
 * spelling of the id (e.g. "Binary 0x65e0").
 */
export function extendedValue(props: z.infer<typeof extendedPropertiesShape>, id: string): string | undefined {
  const wanted = id.toLowerCase();
  const hit = props?.find((p) => p.id.toLowerCase() === wanted);
  return hit?.value ?? undefined;
}

/** An Integer property's value as a number; undefined when absent or not a non-negative whole number. */
export function extendedInteger(props: z.infer<typeof extendedPropertiesShape>, id: string): number | undefined {
  const text = extendedValue(props, id)?.trim();
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** The $expand of a message request: LastActiveParentEntryId and PR_MESSAGE_SIZE, each when asked; undefined for neither. */
export function messageExpand(options: { withLastActiveParent?: boolean; withSize?: boolean }): string | undefined {
  const ids = [...(options.withLastActiveParent ? [LAST_ACTIVE_PARENT_ENTRY_ID] : []), ...(options.withSize ? [PR_MESSAGE_SIZE] : [])];
  return ids.length === 0 ? undefined : expandExtendedProperties(ids);
}
