// Indents SOAP for reading in the trace viewer: one element a line, text kept on its element's
// line. It only re-flows whitespace between tags; anything it cannot follow is shown as it came.

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/?[^>]+>|[^<]+/g;

export function prettyXml(xml: string, indent = '  '): string {
  const tokens = xml.match(TOKEN);
  if (tokens === null || tokens.join('') !== xml) return xml;
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    if (!token.startsWith('<')) {
      if (token.trim() !== '') lines.push(indent.repeat(depth) + token.trim());
      continue;
    }
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push(indent.repeat(depth) + token);
      continue;
    }
    const opens = !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>');
    const text = tokens[i + 1];
    const close = tokens[i + 2];
    // <a></a> and <a>text</a> stay on one line.
    if (opens && text?.startsWith('</')) {
      lines.push(indent.repeat(depth) + token + text);
      i += 1;
      continue;
    }
    if (opens && text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
      lines.push(indent.repeat(depth) + token + text.trim() + close);
      i += 2;
      continue;
    }
    lines.push(indent.repeat(depth) + token);
    if (opens) depth += 1;
  }
  return lines.join('\n');
}
