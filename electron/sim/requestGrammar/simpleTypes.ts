// Simple types of the request grammar: the value checks of xs:boolean, xs:int, xs:dateTime…
// and the enumerations of types.xsd (enums.generated.ts). A failed check gives the reason the
// way .NET's schema validator words it, which Exchange passes on in its fault text.
import { NS_TYPES } from '../namespaces';
import { ENUMS, type EnumName } from './enums.generated';

const XS = 'http://www.w3.org/2001/XMLSchema';

interface SimpleType {
  /** The datatype as the fault names it: 'namespace:name'. */
  qname: string;
  /** Undefined when valid, else the reason (" - The Enumeration constraint failed."). */
  check(value: string): string | undefined;
}

const collapse = (v: string): string => v.replace(/[\t\n\r ]+/g, ' ').trim();

const pattern = (name: string, ns: string, re: RegExp, reason: (v: string) => string, whitespace: 'collapse' | 'preserve' = 'collapse'): SimpleType => ({
  qname: `${ns}:${name}`,
  check: (v) => (re.test(whitespace === 'collapse' ? collapse(v) : v) ? undefined : reason(v)),
});

const integer = (name: string, min: bigint, max: bigint, dotnet: string): SimpleType => ({
  qname: `${XS}:${name}`,
  check: (v) => {
    const t = collapse(v);
    if (!/^[+-]?\d+$/.test(t)) return ` - The string '${v}' is not a valid ${dotnet} value.`;
    const n = BigInt(t);
    return n < min || n > max ? ` - Value was either too large or too small for ${dotnet === 'Int32' ? 'an Int32' : `a ${dotnet}`}.` : undefined;
  },
});

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const BASE64 = /^[A-Za-z0-9+/ \t\r\n]*={0,2}[ \t\r\n]*$/;

const BUILT_IN: Record<string, SimpleType> = {
  string: { qname: `${XS}:string`, check: () => undefined },
  nonEmpty: {
    qname: `${NS_TYPES}:NonEmptyStringType`,
    check: (v) => (v.length >= 1 ? undefined : ' - The actual length is less than the MinLength value.'),
  },
  boolean: pattern('boolean', XS, /^(true|false|1|0)$/, (v) => ` - The string '${v}' is not a valid Boolean value.`),
  int: integer('int', -2147483648n, 2147483647n, 'Int32'),
  unsignedInt: integer('unsignedInt', 0n, 4294967295n, 'UInt32'),
  long: integer('long', -9223372036854775808n, 9223372036854775807n, 'Int64'),
  double: pattern('double', XS, /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|-INF|NaN)$/, (v) => ` - The string '${v}' is not a valid Double value.`),
  dateTime: pattern('dateTime', XS, DATE_TIME, (v) => ` - The string '${v}' is not a valid XsdDateTime value.`),
  base64: pattern('base64Binary', XS, BASE64, (v) => ` - The string '${v}' is not a valid Base64 value.`, 'preserve'),
  language: pattern('language', XS, /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/, () => ' - The Pattern constraint failed.'),
  guid: pattern(
    'GuidType',
    NS_TYPES,
    /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/,
    () => ' - The Pattern constraint failed.',
    'preserve',
  ),
  // PropertyTagType: a union of xs:unsignedShort and a 0x-hex pattern of 1-4 digits.
  propertyTag: {
    qname: `${NS_TYPES}:PropertyTagType`,
    check: (v) => {
      const t = collapse(v);
      if (/^(0x|0X)[0-9A-Fa-f]{1,4}$/.test(t)) return undefined;
      return /^\+?\d+$/.test(t) && BigInt(t) <= 65535n ? undefined : ` - The string '${v}' is not a valid PropertyTagType value.`;
    },
  },
  excludesValue: pattern('ExcludesAttributeType', NS_TYPES, /^((0x|0X)[0-9A-Fa-f]*|[0-9]*)$/, () => ' - The Pattern constraint failed.', 'preserve'),
};

const enumTypes = new Map<string, SimpleType>();

function enumType(name: EnumName): SimpleType {
  let type = enumTypes.get(name);
  if (!type) {
    const allowed: ReadonlySet<string> = new Set(ENUMS[name]);
    // Enumerations over xs:string keep whitespace: ' inbox' is not 'inbox'.
    type = { qname: `${NS_TYPES}:${name}`, check: (v) => (allowed.has(v) ? undefined : ' - The Enumeration constraint failed.') };
    enumTypes.set(name, type);
  }
  return type;
}

/** True for the names the grammar may use as simple types (built-ins and enumerations). */
export function isSimpleType(name: string): boolean {
  return name in BUILT_IN || name in ENUMS;
}

/** Checks a value; undefined when valid, else the fault's "is invalid according to its datatype" tail. */
export function checkSimple(typeName: string, value: string): string | undefined {
  const type = BUILT_IN[typeName] ?? (typeName in ENUMS ? enumType(typeName as EnumName) : undefined);
  if (!type) throw new Error(`grammar: unknown simple type ${typeName}`);
  const reason = type.check(value);
  return reason === undefined ? undefined : `The value '${value}' is invalid according to its datatype '${type.qname}'${reason}`;
}
