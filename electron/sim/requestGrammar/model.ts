// The request grammar's building blocks: content models (sequences, choices, elements with
// min/max occurs) written in a compact notation, parsed once at load time.
//
// Notation of a content model (one string):
//   Name            one element of the type's namespace, content unchecked (Lax)
//   Name?  Name*  Name+   optional, any number, at least one
//   Name=Type       the element's content follows Type (a key of the type table, or a simple type)
//   t:Name=Type     an element of the types namespace (m: for messages) where it differs
//   ( a b | c )?    a choice between the sequences "a b" and "c"; ( a b ) alone is a sequence group
import { NS_MESSAGES, NS_TYPES } from '../namespaces';

export const UNBOUNDED = Number.POSITIVE_INFINITY;

export interface ElementParticle {
  kind: 'element';
  ns: string;
  name: string;
  /** A key of the type table, a simple type name, or 'Lax' (anything accepted). */
  type: string;
  min: number;
  max: number;
}

export interface GroupParticle {
  kind: 'sequence' | 'choice';
  items: Particle[];
  min: number;
  max: number;
}

export type Particle = ElementParticle | GroupParticle;

/** 'req' = use="required". The type is a simple type name (see simpleTypes.ts). */
export type AttributeSpec = readonly ['req' | 'opt', string];

export interface ComplexType {
  /** Attributes by local name; undeclared unprefixed attributes are refused. */
  attrs?: Readonly<Record<string, AttributeSpec>>;
  /** Element content, a simple type name for text content, or 'empty'. */
  content: GroupParticle | { text: string } | 'empty';
}

const NS_BY_PREFIX: Record<string, string> = { t: NS_TYPES, m: NS_MESSAGES };

const OCCURS: Record<string, [number, number]> = { '': [1, 1], '?': [0, 1], '*': [0, UNBOUNDED], '+': [1, UNBOUNDED] };

function tokenize(src: string): string[] {
  return src
    .replace(/([()|])/g, ' $1 ')
    .split(/\s+/)
    .filter((t) => t !== '');
}

/** Parses a content model written in the notation above; `ns` is the namespace of unprefixed names. */
export function contentModel(src: string, ns: string): GroupParticle {
  const tokens = tokenize(src);
  let at = 0;
  const occurs = (): [number, number] => {
    const next = tokens[at];
    if (next === '?' || next === '*' || next === '+') {
      at++;
      return OCCURS[next] as [number, number];
    }
    return [1, 1];
  };
  const element = (word: string): ElementParticle => {
    const m = /^(?:([mt]):)?([A-Za-z][\w]*)([?*+]?)(?:=([\w:]+))?$/.exec(word);
    if (!m) throw new Error(`grammar: bad element token '${word}'`);
    const [min, max] = OCCURS[m[3] ?? ''] as [number, number];
    return { kind: 'element', ns: m[1] ? (NS_BY_PREFIX[m[1]] as string) : ns, name: m[2] as string, type: m[4] ?? 'Lax', min, max };
  };
  const sequence = (): GroupParticle => {
    const items: Particle[] = [];
    while (at < tokens.length && tokens[at] !== ')' && tokens[at] !== '|') {
      const token = tokens[at++] as string;
      if (token !== '(') {
        items.push(element(token));
        continue;
      }
      const alternatives = [sequence()];
      while (tokens[at] === '|') {
        at++;
        alternatives.push(sequence());
      }
      if (tokens[at++] !== ')') throw new Error(`grammar: unbalanced '(' in '${src}'`);
      const [min, max] = occurs();
      const unwrap = (s: GroupParticle): Particle => (s.items.length === 1 ? (s.items[0] as Particle) : s);
      items.push(
        alternatives.length === 1 ? { ...(alternatives[0] as GroupParticle), min, max } : { kind: 'choice', items: alternatives.map(unwrap), min, max },
      );
    }
    return { kind: 'sequence', items, min: 1, max: 1 };
  };
  const result = sequence();
  if (at !== tokens.length) throw new Error(`grammar: unexpected '${tokens[at] ?? ''}' in '${src}'`);
  return result;
}

/** A complex type of the types namespace with element content. */
export const tSeq = (src: string, attrs?: ComplexType['attrs']): ComplexType => ({ content: contentModel(src, NS_TYPES), attrs });
/** A complex type of the messages namespace with element content. */
export const mSeq = (src: string, attrs?: ComplexType['attrs']): ComplexType => ({ content: contentModel(src, NS_MESSAGES), attrs });
/** A type with attributes only. */
export const empty = (attrs?: ComplexType['attrs']): ComplexType => ({ content: 'empty', attrs });
/** A type with text content of a simple type (and maybe attributes). */
export const text = (simple: string, attrs?: ComplexType['attrs']): ComplexType => ({ content: { text: simple }, attrs });
