// The last N SOAP exchanges of a session, for the admin to read or send to support. Every entry is
// redacted when recorded (nothing secret is ever held here): authentication header values keep
// only their scheme, and every registered secret (password, token) is blanked wherever it
// appears, as is, XML-escaped or base64-encoded.

/** What the EWS client's onExchange tap reports (structurally its ExchangeRecord; service/ does not import ews/). */
export interface TracedExchange {
  operation: string;
  requestXml: string;
  status?: number;
  responseXml?: string;
  requestHeaders?: Readonly<Record<string, string>>;
  responseHeaders?: Readonly<Record<string, string | string[] | undefined>>;
  ms?: number;
}

export interface TraceEntry {
  at: string;
  operation: string;
  status?: number;
  requestHeaders: Record<string, string>;
  requestXml: string;
  responseHeaders: Record<string, string>;
  responseXml: string;
  ms?: number;
}

export interface SoapTraceOptions {
  capacity?: number;
  /** Largest body kept per entry, in characters, after pretty-printing. */
  maxBodyChars?: number;
  secrets?: readonly string[];
  now?: () => Date;
}

const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate', 'cookie', 'set-cookie']);
const MIN_SECRET_LENGTH = 3;

function xmlEscaped(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function forms(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8').toString('base64');
  const utf16 = Buffer.from(secret, 'utf16le').toString('base64');
  // A base64 form inside a longer base64 text (user:password in Basic) only lines up at some offsets;
  // the header rule covers those, this covers the secret encoded alone.
  return [...new Set([secret, xmlEscaped(secret), utf8, utf8.replace(/=+$/, ''), utf16.replace(/=+$/, ''), encodeURIComponent(secret)])].filter(
    (f) => f.length >= MIN_SECRET_LENGTH,
  );
}

/** "NTLM TlRMTVNT…" → "NTLM [redacted 180 bytes]"; a cookie keeps its name only. */
export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'cookie' || lower === 'set-cookie') {
    const cookieName = /^\s*([^=;\s]+)=/.exec(value)?.[1] ?? '';
    return `${cookieName}${cookieName ? '=' : ''}[redacted ${Buffer.byteLength(value)} bytes]`;
  }
  const match = /^\s*([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(value);
  if (!match) return `[redacted ${Buffer.byteLength(value)} bytes]`;
  const rest = match[2] ?? '';
  const scheme = match[1] ?? '';
  return rest.length === 0 ? scheme : `${scheme} [redacted ${Buffer.byteLength(rest)} bytes]`;
}

/** Indents XML for reading; text content and attributes are left exactly as they were. */
export function prettyXml(xml: string): string {
  const tokens = xml.replace(/>\s+</g, '><').match(/<[^>]+>|[^<]+/g);
  if (!tokens) return xml;
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const pad = '  '.repeat(depth);
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<?') || token.startsWith('<!') || token.endsWith('/>')) {
      lines.push(pad + token);
    } else if (token.startsWith('<')) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad + token + text + close);
        i += 2;
      } else {
        lines.push(pad + token);
        depth++;
      }
    } else if (token.trim().length > 0) {
      lines.push(pad + token.trim());
    }
  }
  return lines.join('\n');
}

export class SoapTrace {
  readonly #capacity: number;
  readonly #maxBodyChars: number;
  readonly #now: () => Date;
  readonly #secrets = new Set<string>();
  #entries: TraceEntry[] = [];

  constructor(options: SoapTraceOptions = {}) {
    this.#capacity = Math.max(1, options.capacity ?? 200);
    this.#maxBodyChars = options.maxBodyChars ?? 256 * 1024;
    this.#now = options.now ?? (() => new Date());
    for (const s of options.secrets ?? []) this.addSecret(s);
  }

  /** Registers a value to blank everywhere from now on (and in entries already kept). */
  addSecret(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    this.#secrets.add(secret);
    this.#entries = this.#entries.map((e) => ({
      ...e,
      requestXml: this.#scrub(e.requestXml),
      responseXml: this.#scrub(e.responseXml),
      requestHeaders: this.#scrubAll(e.requestHeaders),
      responseHeaders: this.#scrubAll(e.responseHeaders),
    }));
  }

  record(r: TracedExchange): void {
    const entry: TraceEntry = {
      at: this.#now().toISOString(),
      operation: r.operation,
      ...(r.status === undefined ? {} : { status: r.status }),
      requestHeaders: this.#headers(r.requestHeaders ?? {}),
      requestXml: this.#body(r.requestXml),
      responseHeaders: this.#headers(r.responseHeaders ?? {}),
      responseXml: this.#body(r.responseXml ?? ''),
      ...(r.ms === undefined ? {} : { ms: r.ms }),
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
  }

  entries(): TraceEntry[] {
    return this.#entries.map((e) => ({ ...e, requestHeaders: { ...e.requestHeaders }, responseHeaders: { ...e.responseHeaders } }));
  }

  clear(): void {
    this.#entries = [];
  }

  #scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) for (const form of forms(secret)) out = out.split(form).join('[redacted]');
    return out;
  }

  #scrubAll(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, this.#scrub(v)]));
  }

  #headers(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined) continue;
      const values = Array.isArray(raw) ? raw : [raw];
      const shown = REDACTED_HEADERS.has(name.toLowerCase()) ? values.map((v) => redactHeaderValue(name, v)) : values;
      out[name] = this.#scrub(shown.join(', '));
    }
    return out;
  }

  #body(xml: string): string {
    const pretty = this.#scrub(prettyXml(xml));
    if (pretty.length <= this.#maxBodyChars) return pretty;
    return `${pretty.slice(0, this.#maxBodyChars)}\n… [${pretty.length - this.#maxBodyChars} more characters not kept]`;
  }
}
