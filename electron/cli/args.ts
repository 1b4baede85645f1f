// The command line's arguments: a command, its positional arguments and --flags (repeatable ones
// collect every value). No library: the grammar is small and every flag is declared here, so an
// unknown or misspelt flag is refused instead of ignored.

export type FlagKind = 'string' | 'list' | 'boolean';

/** Every flag the command line knows, with its kind. */
export const FLAGS: Record<string, FlagKind> = {
  url: 'string',
  user: 'string',
  auth: 'string',
  domain: 'string',
  'data-dir': 'string',
  profile: 'string',
  'allow-insecure-http': 'boolean',
  backend: 'string',
  tenant: 'string',
  'client-id': 'string',
  cert: 'string',
  key: 'string',
  authority: 'string',
  'graph-url': 'string',
  mailbox: 'list',
  'mailboxes-file': 'string',
  group: 'list',
  shard: 'string',
  part: 'string',
  folders: 'string',
  subfolders: 'boolean',
  dumpster: 'boolean',
  subject: 'string',
  sender: 'string',
  'received-after': 'string',
  'received-before': 'string',
  'sent-after': 'string',
  'sent-before': 'string',
  'deleted-after': 'string',
  'deleted-before': 'string',
  'item-class': 'string',
  'message-id': 'string',
  'has-attachments': 'boolean',
  action: 'string',
  job: 'string',
  yes: 'boolean',
  'dry-run': 'boolean',
  format: 'string',
  out: 'string',
  merge: 'boolean',
  mailboxes: 'boolean',
  parallel: 'string',
  'budget-owner': 'string',
  'concurrency-cap': 'string',
  'request-timeout-ms': 'string',
  help: 'boolean',
};

/** Flags that would put a secret into the shell history: refused with a pointer to the environment. */
export const SECRET_FLAGS = new Set(['password', 'pass', 'secret', 'token', 'pw']);

export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  strings: Map<string, string>;
  lists: Map<string, string[]>;
  booleans: Set<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { command: undefined, positional: [], strings: new Map(), lists: new Map(), booleans: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      if (parsed.command === undefined) parsed.command = arg;
      else parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (SECRET_FLAGS.has(name.toLowerCase())) {
      throw new UsageError(
        `--${name} is refused: a secret on the command line lands in the shell history and the process list. Set SWEEPER_PASSWORD or SWEEPER_TOKEN in the environment, or let the command ask for it.`,
      );
    }
    const kind = FLAGS[name];
    if (kind === undefined) throw new UsageError(`Unknown option --${name} (see --help).`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value.`);
      parsed.booleans.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    if (kind === 'list')
      parsed.lists.set(name, [
        ...(parsed.lists.get(name) ?? []),
        ...value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      ]);
    else parsed.strings.set(name, value);
  }
  return parsed;
}

/** "INDEX/COUNT" of --shard (0-based index, as a Kubernetes Indexed Job's completion index). */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index >= count) throw new UsageError(`--shard ${value}: expected INDEX/COUNT with 0 ≤ INDEX < COUNT, e.g. --shard 0/4.`);
  return { index, count };
}
