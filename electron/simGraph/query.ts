// OData query options on mail collections: $top, $skip, $select, $filter, $orderby, $count and
// $expand of singleValueExtendedProperties. The $filter grammar is filter.ts. Graph's rule for
// $filter with $orderby on messages (the Graph team's "Update to Filtering and Sorting in the Mail,
// Calendar and Contacts REST API" post, and the message list page): the $orderby properties must
// also be in $filter, in the same order, before the others, else 400 InefficientFilter.
// $search is not modelled (README): it is refused in words rather than ignored, since ignoring it
// would answer every message as a match.
import { GraphError } from './errors';
import {
  badFilter,
  compareScalars,
  evaluate,
  filterProperties,
  parseFilterTree,
  type FilterAccess,
  type FilterNode,
  type FilterRules,
  type Getter,
} from './filter';

export type { FilterAccess, FilterNode, FilterRules, Getter, Scalar } from './filter';

export interface OrderKey {
  property: string;
  descending: boolean;
}

export interface CollectionQuery {
  top: number | undefined;
  skip: number;
  select: string[] | undefined;
  filter: FilterNode | undefined;
  orderBy: OrderKey[];
  count: boolean;
  /** Extended property ids asked for with $expand=singleValueExtendedProperties($filter=id eq '…'). */
  extendedProperties: string[] | undefined;
}

/** Collections that take no $filter (folders). */
export const NO_FILTER: FilterRules = { properties: new Set(), textProperties: new Set(), textFunctions: false };

const parseError = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

function integer(name: string, text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) throw parseError(`Invalid value '${text}' for ${name} query parameter.`);
  return Number(text);
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

export function parseCollectionQuery(params: URLSearchParams, rules: FilterRules, selectable: ReadonlySet<string>): CollectionQuery {
  if (params.get('$search') !== null) throw parseError('The simulator does not model $search; use $filter (contains, startswith, comparisons).');
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
  const filterText = params.get('$filter');
  const filter = filterText === null ? undefined : parseFilterTree(filterText, rules);
  const orderBy = params.get('$orderby') === null ? [] : parseOrderBy(params.get('$orderby') as string, rules.properties);
  if (filter !== undefined && orderBy.length > 0) {
    const named = filterProperties(filter);
    const ok = orderBy.every((key, i) => named[i] === key.property);
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

export function matches<T>(value: T, filter: FilterNode | undefined, access: FilterAccess<T>): boolean {
  return filter === undefined || evaluate(value, filter, access);
}

export function sorter<T>(orderBy: readonly OrderKey[], getters: Readonly<Record<string, Getter<T>>>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of orderBy) {
      const get = getters[key.property] as Getter<T>;
      const r = compareScalars(get(a), get(b));
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
