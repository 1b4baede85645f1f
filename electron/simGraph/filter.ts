// Graph's $filter on mail collections, parsed into a tree and evaluated against the store. What
// Outlook's $filter takes, and the sources:
// - comparisons (eq ne gt ge lt le), `and`, `or`, `not` and parentheses: OData's grammar, and the
//   message list page's examples joining terms with `and`;
// - contains() and startswith() on string properties (subject, from/emailAddress/address):
//   live answers quoted in microsoftgraph/microsoft-graph-docs #4866 (contains on
//   from/emailAddress/address answered by /me/messages, the docs' "not supported on any
//   resource" note then withdrawn) and msgraph-sdk-dotnet #2572 (startswith(subject,…) works on
//   /users/{id}/mailFolders/{id}/messages); the query-parameters page leaves it to each resource,
//   so the switch `filterFunctions` can refuse them as the 2015-era answer did (docs-contrib #8368);
// - endswith() is refused with ErrorInvalidUrlQueryFilter "The query filter contains one or more
//   invalid nodes." (msgraph-sdk-dotnet #2572, same request with endswith);
// - singleValueExtendedProperties/any(ep:ep/id eq '…' and ep/value eq '…'): the documented form for
//   filtering on a single-value extended property (singleValueLegacyExtendedProperty get page);
// - anything else (unknown property, function or lambda shape): ErrorInvalidUrlQueryFilter.
// String comparisons ignore case, as Exchange's restrictions do by default.
import { GraphError } from './errors';

export type Scalar = string | number | boolean | null;
export type Getter<T> = (value: T) => Scalar;
export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; property: string; op: CompareOp; literal: Scalar }
  | { kind: 'text'; fn: 'contains' | 'startswith'; property: string; value: string }
  | { kind: 'extended'; id: string; value: string };

export interface FilterRules {
  /** Properties $filter takes (lower case), and those of them holding text (for contains/startswith). */
  properties: ReadonlySet<string>;
  textProperties: ReadonlySet<string>;
  /** Whether contains()/startswith() are taken (switch `filterFunctions`). */
  textFunctions: boolean;
}

export const badFilter = (): GraphError => new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');

type Token = { type: 'open' | 'close' | 'comma' | 'colon' } | { type: 'string'; value: string } | { type: 'word'; value: string };

const WORD = /[A-Za-z0-9_.:+\-/]/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ type: c === '(' ? 'open' : c === ')' ? 'close' : 'comma' });
      i += 1;
    } else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw badFilter();
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      out.push({ type: 'string', value });
    } else if (WORD.test(c)) {
      let j = i;
      while (j < text.length && WORD.test(text[j] as string)) j += 1;
      const word = text.slice(i, j);
      // A lambda's variable ends with a colon ("ep:ep/id"); a date's colons stay in the word.
      const colon = /^([A-Za-z_]\w*):(.*)$/.exec(word);
      if (colon && !/^\d/.test(word)) {
        out.push({ type: 'word', value: colon[1] as string }, { type: 'colon' });
        if (colon[2]) out.push({ type: 'word', value: colon[2] });
      } else out.push({ type: 'word', value: word });
      i = j;
    } else throw badFilter();
  }
  return out;
}

function literalOf(token: Token | undefined): Scalar {
  if (token?.type === 'string') return token.value;
  if (token?.type !== 'word') throw badFilter();
  const text = token.value;
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

const OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const PATH = /^[A-Za-z]+(?:\/[A-Za-z]+)*$/;

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly rules: FilterRules,
  ) {}

  parse(): FilterNode {
    const node = this.or();
    if (this.at !== this.tokens.length) throw badFilter();
    return node;
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.at];
    return t?.type === 'word' ? t.value.toLowerCase() : undefined;
  }

  private expect(type: Token['type']): Token {
    const t = this.tokens[this.at];
    if (t?.type !== type) throw badFilter();
    this.at += 1;
    return t;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.peekWord() === 'or') {
      this.at += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.peekWord() === 'and') {
      this.at += 1;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (this.peekWord() === 'not') {
      this.at += 1;
      return { kind: 'not', operand: this.unary() };
    }
    const t = this.tokens[this.at];
    if (t?.type === 'open') {
      this.at += 1;
      const inner = this.or();
      this.expect('close');
      return inner;
    }
    const word = this.peekWord();
    if (word === undefined) throw badFilter();
    this.at += 1;
    if (this.tokens[this.at]?.type === 'open') return word.endsWith('/any') ? this.lambda(word) : this.call(word);
    return this.comparison(word);
  }

  private property(word: string): string {
    if (!PATH.test(word) || !this.rules.properties.has(word)) throw badFilter();
    return word;
  }

  private comparison(word: string): FilterNode {
    const property = this.property(word);
    const op = this.peekWord();
    if (op === undefined || !OPS.has(op)) throw badFilter();
    this.at += 1;
    const literal = literalOf(this.tokens[this.at]);
    this.at += 1;
    return { kind: 'compare', property, op: op as CompareOp, literal };
  }

  private call(name: string): FilterNode {
    if ((name !== 'contains' && name !== 'startswith') || !this.rules.textFunctions) throw badFilter();
    this.expect('open');
    const word = this.peekWord();
    if (word === undefined) throw badFilter();
    this.at += 1;
    const property = this.property(word);
    if (!this.rules.textProperties.has(property)) throw badFilter();
    this.expect('comma');
    const value = this.expect('string');
    this.expect('close');
    return { kind: 'text', fn: name, property, value: (value as { value: string }).value };
  }

  /** Only the documented shape: singleValueExtendedProperties/any(v:v/id eq '…' and v/value eq '…'). */
  private lambda(word: string): FilterNode {
    if (word !== 'singlevalueextendedproperties/any') throw badFilter();
    this.expect('open');
    const variable = this.peekWord();
    if (variable === undefined) throw badFilter();
    this.at += 1;
    this.expect('colon');
    const id = this.lambdaTerm(variable, 'id');
    if (this.peekWord() !== 'and') throw badFilter();
    this.at += 1;
    const value = this.lambdaTerm(variable, 'value');
    this.expect('close');
    return { kind: 'extended', id, value };
  }

  private lambdaTerm(variable: string, field: 'id' | 'value'): string {
    if (this.peekWord() !== `${variable}/${field}`) throw badFilter();
    this.at += 1;
    if (this.peekWord() !== 'eq') throw badFilter();
    this.at += 1;
    return (this.expect('string') as { value: string }).value;
  }
}

export function parseFilterTree(text: string, rules: FilterRules): FilterNode {
  return new Parser(tokenize(text), rules).parse();
}

/** The properties a filter names, in the order they are written (Graph's $orderby rule reads this). */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    case 'extended':
      return ['singlevalueextendedproperties'];
    default:
      return [node.property];
  }
}

export function compareScalars(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { sensitivity: 'base' });
  return a < b ? -1 : 1;
}

export interface FilterAccess<T> {
  getters: Readonly<Record<string, Getter<T>>>;
  /** A single-value extended property's value by its Graph id ("String 0x001A"), if the item has it. */
  extended: (value: T, id: string) => string | undefined;
}

export function evaluate<T>(value: T, node: FilterNode, access: FilterAccess<T>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(value, node.left, access) && evaluate(value, node.right, access);
    case 'or':
      return evaluate(value, node.left, access) || evaluate(value, node.right, access);
    case 'not':
      return !evaluate(value, node.operand, access);
    case 'extended': {
      const v = access.extended(value, node.id);
      return v !== undefined && v.toLowerCase() === node.value.toLowerCase();
    }
    case 'text': {
      const v = (access.getters[node.property] as Getter<T>)(value);
      if (typeof v !== 'string') return false;
      const hay = v.toLowerCase();
      const needle = node.value.toLowerCase();
      return node.fn === 'contains' ? hay.includes(needle) : hay.startsWith(needle);
    }
    case 'compare': {
      const v = (access.getters[node.property] as Getter<T>)(value);
      const r =
        typeof v === 'string' && typeof node.literal === 'string' ? v.toLowerCase().localeCompare(node.literal.toLowerCase()) : compareScalars(v, node.literal);
      switch (node.op) {
        case 'eq':
          return r === 0;
        case 'ne':
          return r !== 0;
        case 'gt':
          return r > 0;
        case 'ge':
          return r >= 0;
        case 'lt':
          return r < 0;
        default:
          return r <= 0;
      }
    }
  }
}
