// JSON parsing with bounds: Graph answers are read from the network, so a body too large or
// nested too deep is refused before JSON.parse builds it (deep nesting can blow the stack of
// whatever walks the value later; huge bodies cost memory for nothing).

export interface JsonBounds {
  /** Largest body accepted, in UTF-16 code units of the decoded text. */
  maxChars: number;
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
}

/** Generous for mail listings (1000 messages with a $select is well under 8 MiB). */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxChars: 32 * 1024 * 1024, maxDepth: 64 };

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'too-deep' | 'syntax'; message: string };

/** Deepest bracket nesting outside string literals; stops counting once past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, whatever it is
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export function parseBoundedJson(text: string, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): JsonParse {
  if (text.length > bounds.maxChars) {
    return { ok: false, reason: 'too-large', message: `JSON body of ${text.length} characters exceeds the ${bounds.maxChars} limit.` };
  }
  const depth = nestingDepth(text, bounds.maxDepth);
  if (depth > bounds.maxDepth) {
    return { ok: false, reason: 'too-deep', message: `JSON nested deeper than ${bounds.maxDepth} levels.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: 'syntax', message: err instanceof Error ? err.message : String(err) };
  }
}
