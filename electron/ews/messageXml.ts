// m:MessageXml / t:MessageXml: name/value pairs (t:Value@Name) plus, for schema errors,
// plain elements such as t:LineNumber. Both become one flat record.
import { attr, childrenOf, nameOf, textOf, type XNode } from './xmlTree';

export function readMessageXml(node: XNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (node === undefined) return out;
  for (const child of childrenOf(node)) {
    const name = nameOf(child);
    if (name === undefined) continue;
    const key = name === 'Value' ? attr(child, 'Name') : name;
    if (key !== undefined) out[key] = textOf(child).trim();
  }
  return out;
}

/** BackOffMilliseconds as a non-negative integer, when the server sent a usable one. */
export function backOffFrom(values: Readonly<Record<string, string>>): number | undefined {
  const raw = values['BackOffMilliseconds'];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}
