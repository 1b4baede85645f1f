// The validator: walks a parsed request (XNode tree) against the grammar the way a schema
// validator does, and stops at the first violation with .NET's wording (Exchange validates with
// .NET and passes the message on in its ErrorSchemaValidation fault).
import type { XNode } from '../xmlRead';
import type { ComplexType, ElementParticle, GroupParticle, Particle } from './model';
import { checkSimple, isSimpleType } from './simpleTypes';

export type TypeTable = Readonly<Record<string, ComplexType>>;

/** The first violation found: the element (and attribute) it concerns, and the message. */
export class GrammarViolation extends Error {
  constructor(
    readonly node: XNode,
    readonly violation: string,
    readonly attribute?: string,
  ) {
    super(violation);
  }
}

const key = (ns: string, name: string): string => `${ns}\u0000${name}`;

const firstSets = new WeakMap<Particle, ReadonlyMap<string, ElementParticle>>();
const nullables = new WeakMap<Particle, boolean>();

/** Whether one occurrence of the particle's body may be empty. */
function bodyNullable(p: Particle): boolean {
  if (p.kind === 'element') return false;
  let result = nullables.get(p);
  if (result === undefined) {
    const itemNullable = (item: Particle): boolean => item.min === 0 || bodyNullable(item);
    result = p.kind === 'sequence' ? p.items.every(itemNullable) : p.items.some(itemNullable);
    nullables.set(p, result);
  }
  return result;
}

/** The elements that can start an occurrence of the particle. */
function first(p: Particle): ReadonlyMap<string, ElementParticle> {
  let set = firstSets.get(p);
  if (set) return set;
  const out = new Map<string, ElementParticle>();
  if (p.kind === 'element') out.set(key(p.ns, p.name), p);
  else if (p.kind === 'choice') for (const item of p.items) for (const [k, v] of first(item)) out.set(k, v);
  else {
    for (const item of p.items) {
      for (const [k, v] of first(item)) out.set(k, v);
      if (item.min > 0 && !bodyNullable(item)) break;
    }
  }
  set = out;
  firstSets.set(p, set);
  return set;
}

function expectedText(expected: readonly ElementParticle[]): string {
  if (expected.length === 0) return '';
  const byNs = new Map<string, string[]>();
  for (const e of expected) {
    const names = byNs.get(e.ns) ?? [];
    if (!names.includes(e.name)) names.push(e.name);
    byNs.set(e.ns, names);
  }
  const parts = [...byNs].map(([ns, names]) => `'${names.join(', ')}' in namespace '${ns}'`);
  return ` List of possible elements expected: ${parts.join(' as well as ')}.`;
}

/** Matches an element's children against its content model, left to right, deterministically. */
class ContentMatcher {
  private at = 0;
  private expectedAt = -1;
  private expected: ElementParticle[] = [];

  constructor(
    private readonly parent: XNode,
    private readonly types: TypeTable,
  ) {}

  run(model: GroupParticle): void {
    this.occurrences(model);
    if (this.at < this.parent.children.length) throw this.invalidChild();
  }

  private currentKey(): string | undefined {
    const node = this.parent.children[this.at];
    return node && key(node.ns, node.name);
  }

  private occurrences(p: Particle): void {
    const starts = first(p);
    let count = 0;
    while (count < p.max) {
      const current = this.currentKey();
      if (current === undefined || !starts.has(current)) break;
      const before = this.at;
      this.once(p, current);
      count++;
      if (this.at === before) break;
    }
    if (count < p.max) this.note(p);
    if (count < p.min && (p.kind === 'element' || !bodyNullable(p))) {
      throw this.at < this.parent.children.length ? this.invalidChild() : this.incomplete();
    }
  }

  private once(p: Particle, current: string): void {
    if (p.kind === 'element') {
      validateElement(this.parent.children[this.at] as XNode, p.type, this.types);
      this.at++;
    } else if (p.kind === 'sequence') {
      for (const item of p.items) this.occurrences(item);
    } else {
      const option = p.items.find((o) => first(o).has(current));
      if (option) this.occurrences(option);
    }
  }

  /** Remembers what could have stood at the current position, for the fault's expected list. */
  private note(p: Particle): void {
    if (this.expectedAt !== this.at) {
      this.expectedAt = this.at;
      this.expected = [];
    }
    this.expected.push(...first(p).values());
  }

  private expectedHere(): string {
    return expectedText(this.expectedAt === this.at ? this.expected : []);
  }

  private invalidChild(): GrammarViolation {
    const node = this.parent.children[this.at] as XNode;
    const { name, ns } = this.parent;
    return new GrammarViolation(
      node,
      `The element '${name}' in namespace '${ns}' has invalid child element '${node.name}' in namespace '${node.ns}'.${this.expectedHere()}`,
    );
  }

  private incomplete(): GrammarViolation {
    const { name, ns } = this.parent;
    return new GrammarViolation(this.parent, `The element '${name}' in namespace '${ns}' has incomplete content.${this.expectedHere()}`);
  }
}

const requiredAttributes = new WeakMap<object, readonly string[]>();

function checkAttributes(node: XNode, declared: ComplexType['attrs']): void {
  for (const name in node.attrs) {
    // Prefixed attributes (xsi:type, soap:mustUnderstand on headers…) belong to other namespaces.
    if (name.includes(':')) continue;
    // Own entries only: an attribute named toString or constructor is as undeclared as any other.
    const spec = declared && Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!spec) throw new GrammarViolation(node, `The '${name}' attribute is not declared.`, name);
    // Plain strings accept anything: skipped, since ids (1000 per DeleteItem) are strings.
    const invalid = spec[1] === 'string' ? undefined : checkSimple(spec[1], node.attrs[name] as string);
    if (invalid) throw new GrammarViolation(node, `The '${name}' attribute is invalid - ${invalid}`, name);
  }
  if (!declared) return;
  let required = requiredAttributes.get(declared);
  if (!required) {
    required = Object.entries(declared).flatMap(([name, [use]]) => (use === 'req' ? [name] : []));
    requiredAttributes.set(declared, required);
  }
  for (const name of required) {
    if (node.attrs[name] === undefined) throw new GrammarViolation(node, `The required attribute '${name}' is missing.`);
  }
}

function checkText(node: XNode, simple: string): void {
  const [child] = node.children;
  if (child) {
    throw new GrammarViolation(
      child,
      `The element '${node.name}' in namespace '${node.ns}' cannot contain child element '${child.name}' in namespace '${child.ns}' because the parent element's content model is text only.`,
    );
  }
  const invalid = checkSimple(simple, node.text);
  if (invalid) throw new GrammarViolation(node, `The '${node.ns}:${node.name}' element is invalid - ${invalid}`);
}

/** Validates an element against a type: a key of the table, a simple type, or 'Lax' (unchecked). */
export function validateElement(node: XNode, typeName: string, types: TypeTable): void {
  if (typeName === 'Lax') return;
  if (isSimpleType(typeName)) {
    checkAttributes(node, undefined);
    checkText(node, typeName);
    return;
  }
  const type = Object.hasOwn(types, typeName) ? types[typeName] : undefined;
  if (!type) throw new Error(`grammar: unknown type ${typeName}`);
  validateComplex(node, type, types);
}

export function validateComplex(node: XNode, type: ComplexType, types: TypeTable): void {
  checkAttributes(node, type.attrs);
  const { content } = type;
  if (content === 'empty') {
    const [child] = node.children;
    if (child) {
      throw new GrammarViolation(
        child,
        `The element '${node.name}' in namespace '${node.ns}' cannot contain child element '${child.name}' in namespace '${child.ns}' because the parent element's content model is empty.`,
      );
    }
    if (node.text.trim() !== '')
      throw new GrammarViolation(node, `The element '${node.name}' in namespace '${node.ns}' cannot contain text. Content model is empty.`);
    return;
  }
  if ('text' in content) {
    checkText(node, content.text);
    return;
  }
  if (node.text.trim() !== '') throw new GrammarViolation(node, `The element '${node.name}' in namespace '${node.ns}' cannot contain text.`);
  new ContentMatcher(node, types).run(content);
}

/** Every type name a grammar refers to, for the load-time check that none is misspelt. */
export function referencedTypes(type: ComplexType): string[] {
  const out = Object.values(type.attrs ?? {}).map(([, t]) => t);
  const walk = (p: Particle): void => {
    if (p.kind === 'element') out.push(p.type);
    else p.items.forEach(walk);
  };
  if (type.content === 'empty') return out;
  if ('text' in type.content) out.push(type.content.text);
  else walk(type.content);
  return out;
}
