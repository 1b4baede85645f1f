// The request grammar's parts: the content-model notation, simple-type checks, positions in the
// request text, the validator's messages; and, where the schema folder exists, every hand-written
// content model and attribute list compared with the official XSD type it copies.
import { describe, expect, it } from 'vitest';
import { NS_MESSAGES, NS_TYPES } from '../../electron/sim/namespaces';
import { REQUEST_TYPES } from '../../electron/sim/requestGrammar/index';
import { contentModel, empty, mSeq, text, tSeq, UNBOUNDED, type ComplexType, type Particle } from '../../electron/sim/requestGrammar/model';
import { OPERATION_TYPES } from '../../electron/sim/requestGrammar/operations';
import { documentOrderIndex, locate, startTagOffset } from '../../electron/sim/requestGrammar/position';
import { checkSimple } from '../../electron/sim/requestGrammar/simpleTypes';
import { GrammarViolation, validateComplex, type TypeTable } from '../../electron/sim/requestGrammar/validate';
import { parseXml, type XNode } from '../../electron/sim/xmlRead';
import { schemaAvailable, schemaDir, schemaSkipReason } from '../support/schema';
import { normalize, XsdModels, type Shape } from './support/xsdModel';

describe('content-model notation', () => {
  it('parses elements, occurrences, types, prefixes, groups and choices', () => {
    const model = contentModel('A B?=int C* t:D+=X ( E | F G )? ( H I )+', NS_MESSAGES);
    const [a, b, c, d, choice, seq] = model.items;
    expect(a).toEqual({ kind: 'element', ns: NS_MESSAGES, name: 'A', type: 'Lax', min: 1, max: 1 });
    expect(b).toMatchObject({ name: 'B', type: 'int', min: 0, max: 1 });
    expect(c).toMatchObject({ name: 'C', min: 0, max: UNBOUNDED });
    expect(d).toMatchObject({ ns: NS_TYPES, name: 'D', type: 'X', min: 1, max: UNBOUNDED });
    expect(choice).toMatchObject({ kind: 'choice', min: 0, max: 1, items: [{ name: 'E' }, { kind: 'sequence', items: [{ name: 'F' }, { name: 'G' }] }] });
    expect(seq).toMatchObject({ kind: 'sequence', min: 1, max: UNBOUNDED, items: [{ name: 'H' }, { name: 'I' }] });
  });

  it('refuses malformed notation', () => {
    expect(() => contentModel('( A | B', NS_TYPES)).toThrow(/unbalanced/);
    expect(() => contentModel('A )', NS_TYPES)).toThrow(/unexpected/);
    expect(() => contentModel('1A', NS_TYPES)).toThrow(/bad element token/);
  });
});

describe('simple types', () => {
  it('accept valid values and word refusals like .NET', () => {
    expect(checkSimple('boolean', ' true ')).toBeUndefined();
    expect(checkSimple('boolean', '1')).toBeUndefined();
    expect(checkSimple('boolean', 'yes')).toContain("The string 'yes' is not a valid Boolean value.");
    expect(checkSimple('int', '2147483647')).toBeUndefined();
    expect(checkSimple('int', '2147483648')).toContain('too large or too small');
    expect(checkSimple('int', '1.5')).toContain('not a valid Int32 value');
    expect(checkSimple('dateTime', '2024-01-02T03:04:05.123Z')).toBeUndefined();
    expect(checkSimple('dateTime', 'yesterday')).toContain('XsdDateTime');
    expect(checkSimple('propertyTag', '0x65E0')).toBeUndefined();
    expect(checkSimple('propertyTag', '26080')).toBeUndefined();
    expect(checkSimple('propertyTag', '70000')).toBeDefined();
    expect(checkSimple('DisposalType', 'HardDelete')).toBeUndefined();
    expect(checkSimple('DisposalType', ' HardDelete')).toBe(
      `The value ' HardDelete' is invalid according to its datatype '${NS_TYPES}:DisposalType' - The Enumeration constraint failed.`,
    );
    expect(checkSimple('nonEmpty', '')).toContain('MinLength');
    expect(() => checkSimple('NoSuchType', 'x')).toThrow(/unknown simple type/);
  });
});

describe('positions in the request text', () => {
  const xml = '<?xml version="1.0"?>\n<!-- <fake> -->\n<a><b x="1"/><![CDATA[<c>]]>\n  <c\n     y="2"/></a>';
  const root = parseXml(xml);
  const [b, c] = root.children as [XNode, XNode];

  it('finds elements by document order, skipping comments, CDATA and the declaration', () => {
    expect(documentOrderIndex(root, c)).toBe(2);
    expect(xml.slice(startTagOffset(xml, 2), startTagOffset(xml, 2) + 2)).toBe('<c');
    expect(locate(xml, root, b)).toEqual({ line: 3, column: 5 });
    expect(locate(xml, root, c)).toEqual({ line: 4, column: 4 });
  });

  it('points at an attribute when one is named', () => {
    expect(locate(xml, root, c, 'y')).toEqual({ line: 5, column: 6 });
    expect(locate(xml, root, { ns: '', name: 'z', attrs: {}, children: [], text: '' })).toBeUndefined();
  });
});

describe('validator messages', () => {
  const types: TypeTable = {
    Root: mSeq('First=Leaf ( Left | Right=Leaf )+ Last?=int', { Kind: ['req', 'DisposalType'], Flag: ['opt', 'boolean'] }),
    Leaf: empty({ Id: ['req', 'string'] }),
  };
  const check = (body: string): string => {
    const node = parseXml(`<m:Root xmlns:m="${NS_MESSAGES}" ${body}`);
    try {
      validateComplex(node, types.Root as ComplexType, types);
      return 'valid';
    } catch (e) {
      if (e instanceof GrammarViolation) return e.violation;
      throw e;
    }
  };
  const m = (name: string): string => `'${name}' in namespace '${NS_MESSAGES}'`;

  it('accepts a valid element and lets Lax content through unchecked', () => {
    expect(check('Kind="SoftDelete"><m:First Id="1"/><m:Left><anything/></m:Left><m:Right Id="2"/><m:Last> 7 </m:Last></m:Root>')).toBe('valid');
  });

  it('names the invalid child and what could stand there', () => {
    expect(check('Kind="SoftDelete"><m:First Id="1"/><m:Other/></m:Root>')).toBe(
      `The element 'Root' in namespace '${NS_MESSAGES}' has invalid child element 'Other' in namespace '${NS_MESSAGES}'. List of possible elements expected: 'Left, Right' in namespace '${NS_MESSAGES}'.`,
    );
    expect(check('Kind="SoftDelete"><m:First Id="1"/><m:Left/><m:Last>1</m:Last><m:Left/></m:Root>')).toContain(`invalid child element 'Left'`);
  });

  it('reports incomplete content, attributes, text and values', () => {
    expect(check('Kind="SoftDelete"><m:First Id="1"/></m:Root>')).toBe(
      `The element 'Root' in namespace '${NS_MESSAGES}' has incomplete content. List of possible elements expected: 'Left, Right' in namespace '${NS_MESSAGES}'.`,
    );
    expect(check('><m:First Id="1"/><m:Left/></m:Root>')).toBe("The required attribute 'Kind' is missing.");
    expect(check('Kind="SoftDelete" Extra="1"><m:First Id="1"/><m:Left/></m:Root>')).toBe("The 'Extra' attribute is not declared.");
    expect(check('Kind="SoftDelete" xsi:type="x" xmlns:xsi="urn:x"><m:First Id="1"/><m:Left/></m:Root>')).toBe('valid');
    expect(check('Kind="SoftDelete"><m:First Id="1">text</m:First><m:Left/></m:Root>')).toContain('cannot contain text');
    expect(check('Kind="SoftDelete"><m:First Id="1"><m:X/></m:First><m:Left/></m:Root>')).toContain('content model is empty');
    expect(check('Kind="SoftDelete"><m:First Id="1"/><m:Left/><m:Last><m:X/></m:Last></m:Root>')).toContain('content model is text only');
    expect(check('Kind="SoftDelete"><m:First Id="1"/><m:Left/><m:Last>many</m:Last></m:Root>')).toBe(
      `The '${NS_MESSAGES}:Last' element is invalid - The value 'many' is invalid according to its datatype 'http://www.w3.org/2001/XMLSchema:int' - The string 'many' is not a valid Int32 value.`,
    );
    expect(m('x')).toContain(NS_MESSAGES);
  });

  it('refuses a type name the table lacks', () => {
    const broken: TypeTable = { Root: tSeq('A=Missing') };
    expect(() => validateComplex(parseXml(`<t:Root xmlns:t="${NS_TYPES}"><t:A/></t:Root>`), broken.Root as ComplexType, broken)).toThrow(
      /unknown type Missing/,
    );
    expect(text('int').content).toEqual({ text: 'int' });
  });
});

/** Grammar particle → the shape the XSD reader gives, for comparison. */
function grammarShape(type: ComplexType): Shape | undefined {
  if (type.content === 'empty' || 'text' in type.content) return undefined;
  const convert = (p: Particle): Shape =>
    p.kind === 'element'
      ? { k: 'el', name: p.name, min: p.min, max: p.max }
      : { k: p.kind === 'choice' ? 'choice' : 'seq', items: p.items.map(convert), min: p.min, max: p.max };
  return normalize(convert(type.content));
}

function canonical(shape: Shape | undefined): string {
  if (!shape) return '(none)';
  const occ =
    shape.min === 1 && shape.max === 1
      ? ''
      : shape.min === 0 && shape.max === 1
        ? '?'
        : shape.min === 0
          ? '*'
          : shape.min === 1 && shape.max === Infinity
            ? '+'
            : `{${shape.min},${shape.max}}`;
  if (shape.k === 'el') return `${shape.name}${occ}`;
  const items = shape.items.map(canonical);
  return shape.k === 'choice' ? `[${items.sort().join('|')}]${occ}` : `(${items.join(' ')})${occ}`;
}

/** The grammar's simple type names for the XSD's attribute types. */
const XSD_TO_GRAMMAR: Record<string, string> = {
  'xs:string': 'string',
  'xs:boolean': 'boolean',
  'xs:int': 'int',
  't:NonEmptyStringType': 'nonEmpty',
  't:GuidType': 'guid',
  't:PropertyTagType': 'propertyTag',
  't:ExcludesAttributeType': 'excludesValue',
  't:DerivedItemIdType': 'string',
  'xs:dateTime': 'dateTime',
  'xs:unsignedInt': 'unsignedInt',
  'xs:long': 'long',
  'xs:double': 'double',
  'xs:base64Binary': 'base64',
  'xs:language': 'language',
  // Restrictions of xs:string without facets.
  't:ItemClassType': 'string',
  // Simple-content extensions of NonEmptyStringType (the impersonation header's ids).
  't:PrincipalNameType': 'nonEmpty',
  't:SIDType': 'nonEmpty',
  't:PrimarySmtpAddressType': 'nonEmpty',
  't:SmtpAddressType': 'nonEmpty',
};

/** Grammar type key → the XSD complex type it copies, where the name is not `t:<key>Type`. */
const XSD_NAME: Record<string, string | null> = {
  Contact: 't:ContactItemType',
  TwoOperand: 't:TwoOperandExpressionType',
  MultipleOperand: 't:MultipleOperandBooleanExpressionType',
  Contains: 't:ContainsExpressionType',
  ItemFieldChange: 't:SetItemFieldType',
  QueryString: 'm:QueryStringType',
  // An anonymous element type; its Version is read as a string on purpose (ErrorInvalidServerVersion).
  RequestServerVersion: null,
  // Simple types, not complex ones.
  DateTimePrecision: null,
};

/** The declared types of the grammar's typed (not Lax) child elements, by element name. */
function typedChildren(type: ComplexType): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (p: Particle): void => {
    if (p.kind !== 'element') p.items.forEach(walk);
    else if (p.type !== 'Lax') out.push([p.name, p.type]);
  };
  if (type.content !== 'empty' && !('text' in type.content)) walk(type.content);
  return out;
}

/** Grammar type key → XSD type, and the XSD types a key also stands for. */
const xsdNameOf = (key: string): string | null | undefined => (key in XSD_NAME ? XSD_NAME[key] : `t:${key}Type`);
const ALSO: Record<string, string> = {
  't:AppendToItemFieldType': 'ItemFieldChange',
  't:IsEqualToType': 'TwoOperand',
  't:IsNotEqualToType': 'TwoOperand',
  't:IsGreaterThanType': 'TwoOperand',
  't:IsGreaterThanOrEqualToType': 'TwoOperand',
  't:IsLessThanType': 'TwoOperand',
  't:IsLessThanOrEqualToType': 'TwoOperand',
  't:AndType': 'MultipleOperand',
  't:OrType': 'MultipleOperand',
};

describe.skipIf(!schemaAvailable)('the grammar copies the official XSDs', () => {
  const xsd = schemaAvailable ? new XsdModels(schemaDir) : undefined;
  const grammarKeyOf = (xsdType: string): string => {
    if (xsdType in XSD_TO_GRAMMAR) return XSD_TO_GRAMMAR[xsdType] as string;
    if (xsdType in ALSO) return ALSO[xsdType] as string;
    const key = Object.keys(REQUEST_TYPES).find((k) => xsdNameOf(k) === xsdType);
    return key ?? xsdType.replace(/^t:/, '');
  };
  const compare = (name: string, type: ComplexType, qname: string): void => {
    const model = xsd?.model(qname);
    for (const [child, ours] of typedChildren(type)) {
      expect(`${name}/${child}: ${ours}`).toBe(`${name}/${child}: ${grammarKeyOf(model?.childTypes[child] ?? '?')}`);
    }
    expect(canonical(grammarShape(type)), `${name} content`).toBe(canonical(model?.content));
    const xsdAttrs = Object.entries(model?.attributes ?? {}).map(
      ([a, s]) => `${a}:${s.required ? 'req' : 'opt'}:${XSD_TO_GRAMMAR[s.type] ?? s.type.replace(/^t:/, '')}`,
    );
    const ours = Object.entries(type.attrs ?? {}).map(([a, [use, t]]) => `${a}:${use}:${t}`);
    expect(ours.sort(), `${name} attributes`).toEqual(xsdAttrs.sort());
  };

  it('every type of the table: children in order with occurrences, attributes with use and type', () => {
    let compared = 0;
    for (const [name, type] of Object.entries(REQUEST_TYPES)) {
      const qname = name in XSD_NAME ? XSD_NAME[name] : `t:${name}Type`;
      if (qname === null || qname === undefined) continue;
      expect(xsd?.has(qname), `${name} → ${qname}`).toBe(true);
      compare(name, type, qname);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('every XSD type a grammar type also stands for has the same content and attributes', () => {
    for (const [qname, key] of Object.entries(ALSO)) compare(`${key} as ${qname}`, REQUEST_TYPES[key] as ComplexType, qname);
  });

  it('every operation request element', () => {
    for (const [name, type] of Object.entries(OPERATION_TYPES)) compare(name, type, `m:${name}Type`);
  });
});

if (!schemaAvailable) {
  describe('the grammar copies the official XSDs', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
