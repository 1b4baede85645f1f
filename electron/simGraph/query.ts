// OData query options on mail collections: $top, $skip, $select, $filter, $orderby, $count and
// $expand of singleValueExtendedProperties. The filter grammar is the part clients use on
// messages: comparisons joined by `and`. Graph's rule for $filter with $orderby (message list
// page): the $orderby properties must also be in $filter, in the same order, before the others,
// else 400 InefficientFilter.
import { GraphError } from './errors';

export type Scalar = string | number | boolean | null;
export type Getter<T> = (value: T) => Scalar;

export interface Comparison {
  property: string;
  op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
  literal: Scalar;
}

export interface OrderKey {
  property: string;
  descending: boolean;
}

export interface CollectionQuery {
  top: number | undefined;
  skip: number;
  select: string[] | undefined;
  filter: Comparison[];
  orderBy: OrderKey[];
  count: boolean;
  /** Extended property ids asked for with $expand=singleValueExtendedProperties($filter=id eq '…'). */
  extendedProperties: string[] | undefined;
}

const badFilter = (): GraphError => new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
const parseError = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

function integer(name: string, text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) throw parseError(`Invalid value '${text}' for ${name} query parameter.`);
  return Number(text);
}

function literal(text: string): Scalar {
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw badFilter();
    return Math.floor(ms / 1000);
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw badFilter();
}

const COMPARISON = /^([A-Za-z]+(?:\/[A-Za-z]+)*)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|[^\s()']+)$/;

export function parseFilter(text: string, properties: ReadonlySet<string>): Comparison[] {
  const terms = text.trim().split(/\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)/i);
  return terms.map((term) => {
    const m = COMPARISON.exec(term.trim());
    if (!m) throw badFilter();
    const property = (m[1] as string).toLowerCase();
    if (!properties.has(property)) throw badFilter();
    return { property, op: m[2] as Comparison['op'], literal: literal(m[3] as string) };
  });
}

export function parseOrderBy(text: string, properties: ReadonlySet<string>): OrderKey[] {
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z]+(?:\/[A-Za-z]+)*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m || !properties.has((m[1] as string).toLowerCase())) throw parseError(`Could not find a property named '${part.trim()}' to order by.`);
    return { property: (m[1] as string).toLowerCase(), descending: (m[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}

function parseExpand(text: string): string[] {
  const m = /^singleValueExtendedProperties\(\$filter=(.+)\)$/i.exec(text.trim());
  if (!m) throw parseError(`Parsing OData Select and Expand failed: Could not find a property named '${text}'.`);
  return (m[1] as string).split(/\s+or\s+/i).map((term) => {
    const id = /^id\s+eq\s+'([^']+)'$/i.exec(term.trim());
    if (!id) throw badFilter();
    return id[1] as string;
  });
}

export function parseCollectionQuery(params: URLSearchParams, filterable: ReadonlySet<string>, selectable: ReadonlySet<string>): CollectionQuery {
  const selectText = params.get('$select');
  const select =
    selectText === null
      ? undefined
      : selectText
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  for (const name of select ?? []) {
    if (!selectable.has(name.toLowerCase()))
      throw new GraphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${name}' on type 'microsoft.graph.message'.`);
  }
  const filter = params.get('$filter') === null ? [] : parseFilter(params.get('$filter') as string, filterable);
  const orderBy = params.get('$orderby') === null ? [] : parseOrderBy(params.get('$orderby') as string, filterable);
  if (filter.length > 0 && orderBy.length > 0) {
    const ok = orderBy.every((key, i) => filter[i]?.property === key.property);
    if (!ok) throw new GraphError(400, 'InefficientFilter', 'The restriction or sort order is too complex for this operation.');
  }
  const countText = params.get('$count');
  if (countText !== null && countText !== 'true' && countText !== 'false') throw parseError(`Invalid value '${countText}' for $count query parameter.`);
  const expand = params.get('$expand');
  return {
    top: integer('$top', params.get('$top')),
    skip: integer('$skip', params.get('$skip')) ?? 0,
    select,
    filter,
    orderBy,
    count: countText === 'true',
    extendedProperties: expand === null ? undefined : parseExpand(expand),
  };
}

function compare(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { sensitivity: 'base' });
  return a < b ? -1 : 1;
}

export function matches<T>(value: T, filter: readonly Comparison[], getters: Readonly<Record<string, Getter<T>>>): boolean {
  for (const c of filter) {
    const v = (getters[c.property] as Getter<T>)(value);
    const r = typeof v === 'string' && typeof c.literal === 'string' ? v.toLowerCase().localeCompare(c.literal.toLowerCase()) : compare(v, c.literal);
    const ok = c.op === 'eq' ? r === 0 : c.op === 'ne' ? r !== 0 : c.op === 'gt' ? r > 0 : c.op === 'ge' ? r >= 0 : c.op === 'lt' ? r < 0 : r <= 0;
    if (!ok) return false;
  }
  return true;
}

export function sorter<T>(orderBy: readonly OrderKey[], getters: Readonly<Record<string, Getter<T>>>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of orderBy) {
      const get = getters[key.property] as Getter<T>;
      const r = compare(get(a), get(b));
      if (r !== 0) return key.descending ? -r : r;
    }
    return 0;
  };
}

/** The query string of the next page: the same options with $skip moved on. */
export function nextLinkQuery(params: URLSearchParams, skip: number, top: number): string {
  const next = new URLSearchParams(params);
  next.set('$top', String(top));
  next.set('$skip', String(skip));
  return next.toString().replace(/%24/g, '$');
}
