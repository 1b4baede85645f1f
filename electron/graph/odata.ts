// OData query pieces built safely. A string literal doubles its single quotes (OData ABNF,
// SQUOTE-in-string = SQUOTE SQUOTE), so a subject like  x' or 1 eq 1 or 'y  stays one literal;
// property paths are checked against a strict grammar instead of being escaped; every query
// value is percent-encoded when the URL is built.

const PROPERTY_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A $filter expression already known to be well formed (built only by the functions below). */
export interface Filter {
  readonly odata: string;
}

export function propertyPath(path: string): string {
  if (!PROPERTY_PATH.test(path)) throw new RangeError(`Not an OData property path: ${JSON.stringify(path)}`);
  return path;
}

export function stringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** DateTimeOffset literals are unquoted in OData; only a valid instant is accepted. */
export function dateLiteral(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new RangeError('Invalid date in a filter.');
  return value.toISOString();
}

type Scalar = string | number | boolean | Date | null;

function literal(value: Scalar): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Non-finite number in a filter.');
    return String(value);
  }
  return dateLiteral(value);
}

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export function compare(path: string, op: Comparison, value: Scalar): Filter {
  return { odata: `${propertyPath(path)} ${op} ${literal(value)}` };
}

export function contains(path: string, value: string): Filter {
  return { odata: `contains(${propertyPath(path)},${stringLiteral(value)})` };
}

export function startsWith(path: string, value: string): Filter {
  return { odata: `startswith(${propertyPath(path)},${stringLiteral(value)})` };
}

export function and(...parts: Filter[]): Filter {
  return { odata: parts.map((p) => `(${p.odata})`).join(' and ') };
}

export function or(...parts: Filter[]): Filter {
  return { odata: parts.map((p) => `(${p.odata})`).join(' or ') };
}

export function not(part: Filter): Filter {
  return { odata: `not (${part.odata})` };
}

export interface OrderBy {
  path: string;
  descending?: boolean;
}

export function orderByClause(order: readonly OrderBy[]): string {
  return order.map((o) => `${propertyPath(o.path)}${o.descending ? ' desc' : ''}`).join(',');
}

export function selectClause(fields: readonly string[]): string {
  return fields.map(propertyPath).join(',');
}

/** One path segment (an id or a well-known name) percent-encoded, so an id cannot add segments or a query. */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new RangeError(`Not a usable path segment: ${JSON.stringify(value)}`);
  return encodeURIComponent(value);
}

/** A query string from name → value pairs; names are OData system options or plain names. */
export function queryString(params: ReadonlyArray<readonly [string, string]>): string {
  if (params.length === 0) return '';
  // encodeURIComponent leaves ' ( ) * ! alone; Graph reads them literally, which is what they mean here.
  return `?${params.map(([k, v]) => `${encodeURIComponent(k).replace('%24', '$')}=${encodeURIComponent(v)}`).join('&')}`;
}
