// TEST-ONLY reader of the official XSDs' content models, to check the simulator's hand-written
// request grammar against them: each complex type becomes a normalized tree of sequences,
// choices and elements (substitution groups expanded, extensions appended to their base) plus
// its attributes. Written for the shapes messages.xsd and types.xsd use; not a general XSD reader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export type Shape = { k: 'el'; name: string; min: number; max: number } | { k: 'seq' | 'choice'; items: Shape[]; min: number; max: number };

export interface TypeModel {
  content: Shape | undefined;
  attributes: Record<string, { type: string; required: boolean }>;
  /** The declared type of each child element by name (e.g. 'BaseShape' → 't:DefaultShapeNamesType'). */
  childTypes: Record<string, string>;
}

type Node = Record<string, unknown>;

const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@') ?? '';
const attrsOf = (n: Node): Record<string, string> => (n[':@'] ?? {}) as Record<string, string>;
const childrenOf = (n: Node): Node[] => ((n[tagOf(n)] ?? []) as Node[]).filter((c) => tagOf(c).startsWith('xs:') && tagOf(c) !== 'xs:annotation');
const occurs = (a: Record<string, string>): [number, number] => [Number(a.minOccurs ?? 1), a.maxOccurs === 'unbounded' ? Infinity : Number(a.maxOccurs ?? 1)];

/** Flattens nested 1..1 sequences and choices into their parent of the same kind; unwraps single-item 1..1 groups. */
export function normalize(shape: Shape): Shape {
  if (shape.k === 'el') return shape;
  const items: Shape[] = [];
  for (const raw of shape.items.map(normalize)) {
    if (raw.k === shape.k && raw.min === 1 && raw.max === 1) items.push(...(raw as { items: Shape[] }).items);
    else items.push(raw);
  }
  const only = items[0];
  if (items.length === 1 && only && shape.min === 1 && shape.max === 1) return only;
  if (items.length === 1 && only && only.k !== 'el' && only.min === 1 && only.max === 1) return { ...only, min: shape.min, max: shape.max };
  return { k: shape.k, items, min: shape.min, max: shape.max };
}

export class XsdModels {
  private readonly types = new Map<string, Node>();
  private readonly elements = new Map<string, Node>();
  private readonly substitutes = new Map<string, string[]>();
  private childTypes: Record<string, string> = {};

  constructor(schemaDir: string) {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
    for (const [file, prefix] of [
      ['types.xsd', 't'],
      ['messages.xsd', 'm'],
    ] as const) {
      const doc = parser.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as Node[];
      const schema = doc.find((n) => tagOf(n) === 'xs:schema');
      for (const n of schema ? childrenOf(schema) : []) {
        const a = attrsOf(n);
        const qname = `${prefix}:${a.name ?? ''}`;
        if (tagOf(n) === 'xs:complexType') this.types.set(qname, n);
        if (tagOf(n) === 'xs:element') {
          this.elements.set(qname, n);
          if (a.substitutionGroup) this.substitutes.set(a.substitutionGroup, [...(this.substitutes.get(a.substitutionGroup) ?? []), qname]);
        }
      }
    }
  }

  has(qname: string): boolean {
    return this.types.has(qname);
  }

  model(qname: string): TypeModel {
    const node = this.types.get(qname);
    if (!node) throw new Error(`no complex type ${qname}`);
    const attributes: TypeModel['attributes'] = {};
    this.childTypes = {};
    const content = this.particles(node, attributes);
    return { content: content ? normalize(content) : undefined, attributes, childTypes: this.childTypes };
  }

  /** The content of a complexType (or extension) as one sequence; collects attributes on the way. */
  private particles(node: Node, attributes: TypeModel['attributes']): Shape | undefined {
    const parts: Shape[] = [];
    for (const c of childrenOf(node)) {
      const tag = tagOf(c);
      const a = attrsOf(c);
      if (tag === 'xs:attribute') attributes[a.name ?? ''] = { type: a.type ?? '', required: a.use === 'required' };
      else if (tag === 'xs:complexContent' || tag === 'xs:simpleContent') {
        const inner = this.particles(c, attributes);
        if (inner) parts.push(inner);
      } else if (tag === 'xs:extension') {
        const base = this.types.get(a.base ?? '');
        const baseContent = base ? this.particles(base, attributes) : undefined;
        if (baseContent) parts.push(baseContent);
        const own = this.particles(c, attributes);
        if (own) parts.push(own);
      } else if (tag === 'xs:sequence' || tag === 'xs:choice') parts.push(this.group(c));
    }
    if (parts.length === 0) return undefined;
    return { k: 'seq', items: parts, min: 1, max: 1 };
  }

  private group(node: Node): Shape {
    const [min, max] = occurs(attrsOf(node));
    const items = childrenOf(node).map((c) => (tagOf(c) === 'xs:element' ? this.element(c) : this.group(c)));
    return { k: tagOf(node) === 'xs:choice' ? 'choice' : 'seq', items, min, max };
  }

  private element(node: Node): Shape {
    const a = attrsOf(node);
    const [min, max] = occurs(a);
    if (a.ref) {
      const members = this.substitutes.get(a.ref);
      if (members) {
        for (const m of members) this.childTypes[m.slice(2)] = attrsOf(this.elements.get(m) ?? {}).type ?? '';
        return { k: 'choice', items: members.map((m) => ({ k: 'el', name: m.slice(2), min: 1, max: 1 })), min, max };
      }
      return { k: 'el', name: a.ref.slice(2), min, max };
    }
    this.childTypes[a.name ?? ''] = a.type ?? '';
    return { k: 'el', name: a.name ?? '', min, max };
  }
}
