// One page of an OData collection: {"value":[…], "@odata.nextLink"?, "@odata.count"?}. Each
// entity is checked with its own schema; a page with an unreadable entity is malformed as a
// whole (a silently skipped message would look like a smaller folder).
import { z } from 'zod';
import type { GraphFailure } from './errors';
import type { GraphResult } from './client';

const pageShape = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
  '@odata.count': z.number().int().nonnegative().optional(),
});

export interface Page<T> {
  items: T[];
  nextLink?: string;
  count?: number;
}

export type PageResult<T> = { ok: true; page: Page<T> } | { ok: false; failure: GraphFailure };

export function readPage<T>(result: GraphResult, entity: z.ZodType<T>, what: string): PageResult<T> {
  if (!result.ok) return result;
  const page = pageShape.safeParse(result.body);
  if (!page.success) return { ok: false, failure: { kind: 'malformed', status: result.status, message: `A ${what} page is not an OData collection.` } };
  const items: T[] = [];
  for (const [index, raw] of page.data.value.entries()) {
    const parsed = entity.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        failure: { kind: 'malformed', status: result.status, message: `${what} ${index} of the page: ${parsed.error.issues[0]?.message ?? 'unreadable'}` },
      };
    }
    items.push(parsed.data);
  }
  const nextLink = page.data['@odata.nextLink'];
  const count = page.data['@odata.count'];
  return { ok: true, page: { items, ...(nextLink !== undefined ? { nextLink } : {}), ...(count !== undefined ? { count } : {}) } };
}

export function readEntity<T>(result: GraphResult, entity: z.ZodType<T>, what: string): { ok: true; value: T } | { ok: false; failure: GraphFailure } {
  if (!result.ok) return result;
  const parsed = entity.safeParse(result.body);
  if (!parsed.success)
    return { ok: false, failure: { kind: 'malformed', status: result.status, message: `Unreadable ${what}: ${parsed.error.issues[0]?.message ?? ''}` } };
  return { ok: true, value: parsed.data };
}
