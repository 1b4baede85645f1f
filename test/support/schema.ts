// Validates EWS SOAP documents against Microsoft's official schemas (../shared/ews-schema).
// The soap:Body child is validated on its own: inside a whole envelope the envelope schema is
// lax and an unknown Body element would pass. All documents of a suite go into one validator
// call, because compiling the schemas costs far more than validating a document.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

const repoRoot = path.resolve(__dirname, '..', '..');

export const schemaDir = path.resolve(process.env.EWS_SCHEMA_DIR ?? path.join(repoRoot, '..', 'shared', 'ews-schema'));
const schemaFiles = ['ews-validate.xsd', 'messages.xsd', 'types.xsd', 'xml.xsd', 'soap-envelope.xsd'];
export const schemaAvailable = schemaFiles.every((f) => existsSync(path.join(schemaDir, f)));
export const schemaSkipReason = `EWS schemas not found in ${schemaDir} (set EWS_SCHEMA_DIR): schema conformance NOT checked`;

if (!schemaAvailable) {
  console.warn(`SKIPPED: ${schemaSkipReason}`);
}

export interface NamedDocument {
  /** A label for error messages, e.g. "request DeleteItem #3". */
  name: string;
  xml: string;
}

export interface SchemaViolation {
  name: string;
  message: string;
}

function loadSchemas(): { schema: XMLFileInfo; preload: XMLFileInfo[] } {
  const read = (f: string): XMLFileInfo => ({ fileName: f, contents: readFileSync(path.join(schemaDir, f), 'utf8') });
  const [main, ...rest] = schemaFiles.map(read);
  if (!main) throw new Error('no schema files');
  return { schema: main, preload: rest };
}

const XMLNS_ATTR = /\sxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*("[^"]*"|'[^']*')/g;

function namespaceDeclarations(openTag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of openTag.matchAll(XMLNS_ATTR)) out.set(m[1] ?? '', m[2] ?? '""');
  return out;
}

/**
 * Returns the soap:Body's first child element as a standalone document, carrying the namespace
 * declarations it inherited from the Envelope and Body.
 */
export function extractBodyChild(envelope: string): string {
  const bodyOpen = /<([A-Za-z_][\w.-]*:)?Body\b[^>]*>/.exec(envelope);
  if (!bodyOpen) throw new Error('no soap Body in document');
  const envOpen = /<([A-Za-z_][\w.-]*:)?Envelope\b[^>]*>/.exec(envelope);
  const inherited = new Map([...(envOpen ? namespaceDeclarations(envOpen[0]) : new Map<string, string>()), ...namespaceDeclarations(bodyOpen[0])]);
  const prefix = bodyOpen[1] ?? '';
  const closeAt = envelope.lastIndexOf(`</${prefix}Body>`);
  if (closeAt < 0) throw new Error('unterminated soap Body');
  const inner = envelope.slice(bodyOpen.index + bodyOpen[0].length, closeAt).trim();
  const childOpen = /^<([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>/.exec(inner);
  if (!childOpen) throw new Error('soap Body has no element child');
  const own = namespaceDeclarations(childOpen[0]);
  let extra = '';
  for (const [p, v] of inherited) {
    if (!own.has(p)) extra += p ? ` xmlns:${p}=${v}` : ` xmlns=${v}`;
  }
  return `<${childOpen[1]}${extra}${childOpen[2]}${childOpen[3]}>` + inner.slice(childOpen[0].length);
}

/** Validates every document in one validator call; returns the violations (empty = all valid). */
export async function validateDocuments(docs: readonly NamedDocument[]): Promise<SchemaViolation[]> {
  if (docs.length === 0) return [];
  const { schema, preload } = loadSchemas();
  const files = docs.map((d, i) => ({ fileName: `doc${i}.xml`, contents: d.xml }));
  const result = await validateXML({
    xml: files,
    schema,
    preload,
    maxMemoryPages: 16 * 1024,
  });
  if (result.valid) return [];
  const byFile = new Map(files.map((f, i) => [f.fileName, docs[i]?.name ?? f.fileName]));
  const violations = result.errors.map((e) => ({
    name: (e.loc && byFile.get(e.loc.fileName)) ?? 'unknown document',
    message: e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.rawMessage,
  }));
  // xmllint reports a document that failed only as "fails to validate"; keep such lines too.
  return violations.length > 0 ? violations : [{ name: 'all', message: result.rawOutput }];
}

/** Validates the Body child of each SOAP envelope. */
export async function validateEnvelopeBodies(envelopes: readonly NamedDocument[]): Promise<SchemaViolation[]> {
  return validateDocuments(envelopes.map((e) => ({ name: e.name, xml: extractBodyChild(e.xml) })));
}
