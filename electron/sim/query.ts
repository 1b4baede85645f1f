// Restrictions (m:Restriction) and sort orders (m:SortOrder) over items and folders.
// t:Contains takes its t:Constant directly; comparisons take t:FieldURIOrConstant/t:Constant.
// String comparisons ignore case, as Exchange's do. item:Categories is multi-valued: a comparison
// or Contains matches when any one category does, Exists when there is at least one; sorting on
// it follows the multiValuedSort switch (Exchange's answer is UNVERIFIED).
// Importance compares by its order Low < Normal < High.
import { itemError, type ItemError } from './errors';
import { dateTimeCreated, dateTimeSent, internetMessageId, itemEntryId } from './itemFields';
import { IMPORTANCE_NAMES, lastModified, type Folder, type Item } from './model';
import { NS_TYPES } from './namespaces';
import { PID_LID_SPAM_ORIGINAL_FOLDER, PR_ENTRYID, PR_LAST_ACTIVE_PARENT_ENTRY_ID, PR_MESSAGE_SIZE, PR_POLICY_TAG, readExtendedPath } from './shapes';
import { child, enumAttr, requireAttr, requireChild, schemaFault, type XNode } from './xmlRead';

type Value = string | number | boolean;
type ValueType = 'string' | 'date' | 'int' | 'bool' | 'binary' | 'sender' | 'importance' | 'multi';

interface Field<T> {
  type: ValueType;
  get(target: T): Value | undefined;
  /** For sender and multi-valued fields: every text a Contains or comparison may match. */
  texts?(target: T): readonly string[];
  /** Multi-valued: sorts by its first value only if the multiValuedSort switch allows it. */
  unsortable?: boolean;
}

export type Predicate<T> = (target: T) => boolean;

const ITEM_FIELDS: Record<string, Field<Item>> = {
  'item:Subject': { type: 'string', get: (i) => i.subject },
  'item:ItemClass': { type: 'string', get: (i) => i.itemClass },
  'item:DateTimeReceived': { type: 'date', get: (i) => i.received },
  'item:Size': { type: 'int', get: (i) => i.size },
  'item:HasAttachments': { type: 'bool', get: (i) => i.hasAttachments },
  'message:IsRead': { type: 'bool', get: (i) => i.isRead },
  'item:LastModifiedTime': { type: 'date', get: (i) => lastModified(i) },
  'item:DateTimeSent': { type: 'date', get: (i) => dateTimeSent(i) },
  'item:DateTimeCreated': { type: 'date', get: (i) => dateTimeCreated(i) },
  'item:IsDraft': { type: 'bool', get: (i) => i.isDraft },
  'item:Importance': { type: 'importance', get: (i) => i.importance },
  'item:Categories': {
    type: 'multi',
    get: (i) => (i.categories && i.categories.length > 0 ? i.categories[0] : undefined),
    texts: (i) => i.categories ?? [],
    unsortable: true,
  },
  'message:InternetMessageId': { type: 'string', get: (i) => internetMessageId(i) },
  'message:From': { type: 'sender', get: (i) => i.from?.address, texts: (i) => (i.from ? [i.from.name, i.from.address] : []) },
  'message:Sender': { type: 'sender', get: (i) => i.from?.address, texts: (i) => (i.from ? [i.from.name, i.from.address] : []) },
};

const FOLDER_FIELDS: Record<string, Field<Folder>> = {
  'folder:DisplayName': { type: 'string', get: (f) => f.displayName },
  'folder:FolderClass': { type: 'string', get: (f) => f.folderClass },
  'folder:TotalCount': { type: 'int', get: (f) => f.contents.count },
  'folder:ChildFolderCount': { type: 'int', get: (f) => f.children.length },
  'folder:UnreadCount': { type: 'int', get: (f) => f.contents.unread },
};

const ITEM_EXTENDED: Record<number, Field<Item>> = {
  [PR_LAST_ACTIVE_PARENT_ENTRY_ID]: { type: 'binary', get: (i) => i.lastActiveParent?.toString('base64') },
  [PR_ENTRYID]: { type: 'binary', get: (i) => itemEntryId(i)?.toString('base64') },
  [PR_MESSAGE_SIZE]: { type: 'int', get: (i) => i.size },
  [PR_POLICY_TAG]: { type: 'binary', get: (i) => i.extras?.policyTag?.toString('base64') },
};

const ITEM_NAMED: Record<string, Field<Item>> = {
  [PID_LID_SPAM_ORIGINAL_FOLDER]: { type: 'binary', get: (i) => i.extras?.spamOriginalFolder?.toString('base64') },
};

export interface FieldSet<T> {
  fields: Record<string, Field<T>>;
  extended: Record<number, Field<T>>;
  named: Record<string, Field<T>>;
}

export const ITEM_FIELD_SET: FieldSet<Item> = { fields: ITEM_FIELDS, extended: ITEM_EXTENDED, named: ITEM_NAMED };
export const FOLDER_FIELD_SET: FieldSet<Folder> = { fields: FOLDER_FIELDS, extended: {}, named: {} };

class QueryError extends Error {
  constructor(readonly error: ItemError) {
    super(error.text);
  }
}

function resolvePath<T>(node: XNode, set: FieldSet<T>): Field<T> {
  if (node.ns === NS_TYPES && node.name === 'FieldURI') {
    const uri = requireAttr(node, 'FieldURI');
    const field = set.fields[uri];
    if (!field) throw new QueryError(itemError('ErrorUnsupportedPathForQuery', `The simulator cannot restrict or sort on ${uri}.`));
    return field;
  }
  if (node.ns === NS_TYPES && node.name === 'ExtendedFieldURI') {
    const ext = readExtendedPath(node);
    const field = !ext ? undefined : ext.tag !== undefined ? set.extended[ext.tag] : ext.named !== undefined ? set.named[ext.named] : undefined;
    if (!field) throw new QueryError(itemError('ErrorUnsupportedPathForQuery', 'The simulator cannot restrict on this extended property.'));
    return field;
  }
  if (node.ns === NS_TYPES && node.name === 'IndexedFieldURI') {
    throw new QueryError(itemError('ErrorUnsupportedPathForQuery', 'The simulator cannot restrict on indexed properties.'));
  }
  throw schemaFault(`The element '${node.name}' is not a valid property path.`);
}

const PATH_NAMES = new Set(['FieldURI', 'ExtendedFieldURI', 'IndexedFieldURI']);

function pathChild(node: XNode): XNode {
  const path = node.children.find((c) => c.ns === NS_TYPES && PATH_NAMES.has(c.name));
  if (!path) throw schemaFault(`The element '${node.name}' is missing its property path.`);
  return path;
}

function parseConstant(type: ValueType, text: string): Value {
  switch (type) {
    case 'date': {
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) throw new QueryError(itemError('ErrorInvalidValueForProperty', `'${text}' is not a dateTime.`));
      return Math.floor(ms / 1000);
    }
    case 'int': {
      if (!/^\s*-?\d+\s*$/.test(text)) throw new QueryError(itemError('ErrorInvalidValueForProperty', `'${text}' is not an integer.`));
      return Number(text);
    }
    case 'bool': {
      const t = text.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') throw new QueryError(itemError('ErrorInvalidValueForProperty', `'${text}' is not a boolean.`));
      return t === 'true';
    }
    case 'importance': {
      const level = (IMPORTANCE_NAMES as readonly string[]).indexOf(text.trim());
      if (level < 0) throw new QueryError(itemError('ErrorInvalidValueForProperty', `'${text}' is not an importance (Low, Normal, High).`));
      return level;
    }
    default:
      return text;
  }
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return Number(a) - Number(b);
}

const COMPARISONS: Record<string, (c: number) => boolean> = {
  IsEqualTo: (c) => c === 0,
  IsNotEqualTo: (c) => c !== 0,
  IsGreaterThan: (c) => c > 0,
  IsGreaterThanOrEqualTo: (c) => c >= 0,
  IsLessThan: (c) => c < 0,
  IsLessThanOrEqualTo: (c) => c <= 0,
};

const stripMarks = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');

function containsPredicate<T>(node: XNode, set: FieldSet<T>): Predicate<T> {
  const field = resolvePath(pathChild(node), set);
  const constant = requireAttr(requireChild(node, NS_TYPES, 'Constant'), 'Value');
  const mode = enumAttr(node, 'ContainmentMode', ['FullString', 'Prefixed', 'Substring', 'PrefixOnWords', 'ExactPhrase'] as const, 'FullString');
  const comparison = enumAttr(
    node,
    'ContainmentComparison',
    [
      'Exact',
      'IgnoreCase',
      'IgnoreNonSpacingCharacters',
      'Loose',
      'IgnoreCaseAndNonSpacingCharacters',
      'LooseAndIgnoreCase',
      'LooseAndIgnoreNonSpace',
      'LooseAndIgnoreCaseAndIgnoreNonSpace',
    ] as const,
    'Exact',
  );
  const ignoreCase = comparison !== 'Exact' && comparison !== 'IgnoreNonSpacingCharacters' && comparison !== 'LooseAndIgnoreNonSpace';
  const ignoreMarks = comparison.includes('NonSpac') || comparison.includes('NonSpace');
  const norm = (s: string): string => {
    const t = ignoreMarks ? stripMarks(s) : s;
    return ignoreCase ? t.toLowerCase() : t;
  };
  const needle = norm(constant);
  const test = (hay: string): boolean => {
    const h = norm(hay);
    switch (mode) {
      case 'FullString':
        return h === needle;
      case 'Prefixed':
        return h.startsWith(needle);
      case 'PrefixOnWords':
        return h.split(/\s+/).some((word) => word.startsWith(needle)) || h.startsWith(needle);
      default:
        return h.includes(needle);
    }
  };
  return (target) => {
    const texts = field.texts ? field.texts(target) : [field.get(target)];
    return texts.some((t) => typeof t === 'string' && test(t));
  };
}

function comparisonPredicate<T>(node: XNode, set: FieldSet<T>, compare: (c: number) => boolean): Predicate<T> {
  const field = resolvePath(pathChild(node), set);
  const operand = requireChild(node, NS_TYPES, 'FieldURIOrConstant');
  const constantNode = child(operand, NS_TYPES, 'Constant');
  if (!constantNode) {
    throw new QueryError(itemError('ErrorUnsupportedPathForQuery', 'The simulator compares properties with constants only.'));
  }
  const constant = parseConstant(field.type, requireAttr(constantNode, 'Value'));
  if (field.type === 'multi' && field.texts) {
    const texts = field.texts;
    // Multi-valued: true when any value satisfies the comparison.
    return (target) => texts(target).some((value) => compare(compareValues(value, constant)));
  }
  return (target) => {
    const value = field.get(target);
    if (value === undefined) return false;
    return compare(compareValues(value, constant));
  };
}

function compile<T>(node: XNode, set: FieldSet<T>): Predicate<T> {
  if (node.ns !== NS_TYPES) throw schemaFault(`The element '${node.name}' is not a valid search expression.`);
  const comparison = COMPARISONS[node.name];
  if (comparison) return comparisonPredicate(node, set, comparison);
  switch (node.name) {
    case 'Contains':
      return containsPredicate(node, set);
    case 'Exists': {
      const field = resolvePath(pathChild(node), set);
      return (target) => field.get(target) !== undefined;
    }
    case 'And':
    case 'Or': {
      if (node.children.length === 0) throw schemaFault(`The element '${node.name}' has incomplete content.`);
      const parts = node.children.map((c) => compile(c, set));
      return node.name === 'And' ? (t) => parts.every((p) => p(t)) : (t) => parts.some((p) => p(t));
    }
    case 'Not': {
      const [only, ...rest] = node.children;
      if (!only || rest.length > 0) throw schemaFault("The element 'Not' must hold exactly one search expression.");
      const inner = compile(only, set);
      return (t) => !inner(t);
    }
    default:
      throw new QueryError(itemError('ErrorUnsupportedQueryFilter', `The simulator does not support the '${node.name}' restriction.`));
  }
}

/** Compiles m:Restriction (its single search expression); a per-message error when unsupported. */
export function compileRestriction<T>(restriction: XNode, set: FieldSet<T>): Predicate<T> | ItemError {
  const [expression, ...rest] = restriction.children;
  if (!expression || rest.length > 0) throw schemaFault("The element 'Restriction' must hold exactly one search expression.");
  try {
    return compile(expression, set);
  } catch (e) {
    if (e instanceof QueryError) return e.error;
    throw e;
  }
}

export interface SortOrder<T> {
  levels: ReadonlyArray<{ field: Field<T>; sign: number }>;
}

/** Compiles m:SortOrder; a per-message error when a path cannot be sorted on. */
export function compileSortOrder<T>(sortOrder: XNode, set: FieldSet<T>, multiValued: 'refuse' | 'firstValue' = 'refuse'): SortOrder<T> | ItemError {
  try {
    const levels = sortOrder.children.map((order) => {
      if (order.ns !== NS_TYPES || order.name !== 'FieldOrder') throw schemaFault(`The element '${order.name}' is not valid in SortOrder.`);
      const direction = enumAttr(order, 'Order', ['Ascending', 'Descending'] as const);
      const field = resolvePath(pathChild(order), set);
      if (field.unsortable && multiValued === 'refuse')
        throw new QueryError(itemError('ErrorUnsupportedPathForSortGroup', 'Multi-valued properties cannot be sorted on.'));
      return { field, sign: direction === 'Ascending' ? 1 : -1 };
    });
    if (levels.length === 0) throw schemaFault("The element 'SortOrder' has incomplete content.");
    return { levels };
  } catch (e) {
    if (e instanceof QueryError) return e.error;
    throw e;
  }
}

/**
 * True for a single DateTimeReceived-descending level: the order a folder keeps its items in
 * (ties, kept in input order by sortBy, are already in that order), so nothing needs sorting.
 */
export function isDefaultItemOrder(order: SortOrder<Item>): boolean {
  const [only, ...rest] = order.levels;
  return rest.length === 0 && only !== undefined && only.field === ITEM_FIELDS['item:DateTimeReceived'] && only.sign === -1;
}

type SortKey = string | number | null;

function sortKey(value: Value | undefined): SortKey {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.toLowerCase();
  return Number(value);
}

/**
 * Sorts by the order's levels; ties keep the input (default) order. Keys are extracted once per
 * item and the sort runs over indexes, so a million-item folder sorts in well under a second.
 */
export function sortBy<T>(items: readonly T[], order: SortOrder<T>): T[] {
  const keys = order.levels.map(({ field }) => items.map((item) => sortKey(field.get(item))));
  const signs = order.levels.map(({ sign }) => sign);
  const index = new Uint32Array(items.length);
  for (let i = 0; i < index.length; i++) index[i] = i;
  index.sort((a, b) => {
    for (let level = 0; level < keys.length; level++) {
      const column = keys[level] as SortKey[];
      const x = column[a] as SortKey;
      const y = column[b] as SortKey;
      if (x === y) continue;
      const sign = signs[level] as number;
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return a - b;
  });
  return Array.from(index, (i) => items[i] as T);
}

/** A stable text key for a restriction or sort node, used to cache derived views. */
export function nodeKey(node: XNode | undefined): string {
  if (!node) return '';
  const attrText = Object.entries(node.attrs)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return `${node.name}(${attrText})[${node.children.map(nodeKey).join(';')}]`;
}
