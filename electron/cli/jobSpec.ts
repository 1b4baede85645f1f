// What to search and what to do, from flags and/or a JSON job file (--job FILE; flags win over the
// file's fields). The file is checked field by field, so a typo is refused with its path rather
// than ignored. Job file:
//   { "mailboxes": ["a@x"], "mailboxesFile": "list.csv", "groups": ["all-staff@x"], "parts": "both",
//     "folders": "all" | ["inbox", "junkemail"], "subfolders": true, "dumpster": false,
//     "filter": { "subjectContains": "…", "senderContains": "…", "receivedAfter": "2026-01-01T00:00:00Z", … },
//     "action": { "kind": "delete", "mode": "SoftDelete" } | { "kind": "move", "toFolder": "junkemail" }
//             | { "kind": "recover", "fallbackFolder": "inbox" }
//             | { "kind": "collect", "mailbox": "discovery@x", "folder": "Case 42" } }
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { FolderScope, ItemFilter, MailboxParts, MultiJobAction, MultiMailboxSearchSpec } from '../../shared/domain';
import type { MailboxSources } from '../service/multiMailboxList';
import { parseShard, UsageError, type ParsedArgs } from './args';

const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date or time');
const filterSchema = z
  .object({
    subjectContains: z.string().min(1),
    senderContains: z.string().min(1),
    receivedAfter: iso,
    receivedBefore: iso,
    sentAfter: iso,
    sentBefore: iso,
    deletedAfter: iso,
    deletedBefore: iso,
    itemClass: z.string().min(1),
    messageId: z.string().min(1),
    hasAttachments: z.boolean(),
  })
  .partial()
  .strict();
const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delete'), mode: z.enum(['MoveToDeletedItems', 'SoftDelete', 'HardDelete']) }).strict(),
  z.object({ kind: z.literal('move'), toFolder: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('recover'), fallbackFolder: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('collect'), mailbox: z.string().min(3), folder: z.string().min(1) }).strict(),
]);
const jobFileSchema = z
  .object({
    mailboxes: z.array(z.string().min(1)),
    mailboxesFile: z.string().min(1),
    groups: z.array(z.string().min(1)),
    parts: z.enum(['primary', 'archive', 'both']),
    folders: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    subfolders: z.boolean(),
    dumpster: z.boolean(),
    filter: filterSchema,
    action: actionSchema,
  })
  .partial()
  .strict();
type JobFile = z.infer<typeof jobFileSchema>;

export interface CliJob {
  sources: MailboxSources;
  search: Omit<MultiMailboxSearchSpec, 'mailboxes'>;
  action?: MultiJobAction;
  shard?: { index: number; count: number };
}

function readJobFile(path: string): { file: JobFile; base: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--job ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const checked = jobFileSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UsageError(`--job ${path}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  return { file: checked.data, base: dirname(resolve(path)) };
}

/** The collection folder when --action collect:MAILBOX names none. */
export const DEFAULT_COLLECT_FOLDER = 'Mailbox Sweeper collection';

/** --action delete|softdelete|harddelete|move:FOLDER|recover[:FALLBACK]|collect:MAILBOX[/FOLDER]. */
export function parseAction(value: string): MultiJobAction {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  const folder = colon < 0 ? undefined : value.slice(colon + 1);
  switch (kind.toLowerCase()) {
    case 'delete':
    case 'movetodeleteditems':
      return { kind: 'delete', mode: 'MoveToDeletedItems' };
    case 'softdelete':
      return { kind: 'delete', mode: 'SoftDelete' };
    case 'harddelete':
      return { kind: 'delete', mode: 'HardDelete' };
    case 'move':
      if (!folder) throw new UsageError('--action move:FOLDER names a well-known folder, e.g. move:junkemail.');
      return { kind: 'move', toFolder: folder };
    case 'recover':
      return { kind: 'recover', fallbackFolder: folder || 'inbox' };
    case 'collect': {
      // collect:discovery@contoso.com/Case 42 — the address ends at the first slash; the folder name may hold more.
      const slash = folder?.indexOf('/') ?? -1;
      const mailbox = (slash < 0 ? folder : folder?.slice(0, slash))?.trim() ?? '';
      const name = slash < 0 ? DEFAULT_COLLECT_FOLDER : (folder?.slice(slash + 1).trim() ?? '');
      if (!/^[^@\s]+@[^@\s]+$/.test(mailbox) || name === '')
        throw new UsageError('--action collect:MAILBOX[/FOLDER] names the collection mailbox and folder, e.g. collect:discovery@contoso.com/Case 42.');
      return { kind: 'collect', mailbox, folder: name };
    }
    default:
      throw new UsageError(`--action ${value}: one of delete, softdelete, harddelete, move:FOLDER, recover[:FALLBACK], collect:MAILBOX[/FOLDER].`);
  }
}

const FILTER_FLAGS: [string, keyof ItemFilter][] = [
  ['subject', 'subjectContains'],
  ['sender', 'senderContains'],
  ['received-after', 'receivedAfter'],
  ['received-before', 'receivedBefore'],
  ['sent-after', 'sentAfter'],
  ['sent-before', 'sentBefore'],
  ['deleted-after', 'deletedAfter'],
  ['deleted-before', 'deletedBefore'],
  ['item-class', 'itemClass'],
  ['message-id', 'messageId'],
];

export function jobFrom(args: ParsedArgs, readText: (path: string) => string = (p) => readFileSync(p, 'utf8')): CliJob {
  const jobPath = args.strings.get('job');
  const { file, base } = jobPath === undefined ? { file: {} as JobFile, base: process.cwd() } : readJobFile(jobPath);
  const filter: ItemFilter = { ...(file.filter ?? {}) };
  if (args.booleans.has('has-attachments')) filter.hasAttachments = true;
  for (const [flag, field] of FILTER_FLAGS) {
    const value = args.strings.get(flag);
    if (value === undefined) continue;
    if (field.endsWith('After') || field.endsWith('Before')) {
      if (Number.isNaN(Date.parse(value))) throw new UsageError(`--${flag} ${value}: an ISO 8601 date or time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z.`);
      (filter as Record<string, string>)[field] = new Date(value).toISOString();
    } else (filter as Record<string, string>)[field] = value;
  }
  const partsFlag = args.strings.get('part');
  if (partsFlag !== undefined && !['primary', 'archive', 'both'].includes(partsFlag)) throw new UsageError(`--part ${partsFlag}: primary, archive or both.`);
  const parts = (partsFlag ?? file.parts ?? 'primary') as MailboxParts;
  const foldersFlag = args.strings.get('folders');
  const folderList =
    foldersFlag === undefined
      ? file.folders
      : foldersFlag === 'all'
        ? 'all'
        : foldersFlag
            .split(',')
            .map((f) => f.trim())
            .filter((f) => f !== '');
  const folders: FolderScope =
    folderList === undefined || folderList === 'all'
      ? { kind: 'allMail' }
      : { kind: 'wellKnown', names: folderList, subfolders: args.booleans.has('subfolders') || (file.subfolders ?? false) };
  const sources: MailboxSources = {};
  const mailboxes = [...(file.mailboxes ?? []), ...(args.lists.get('mailbox') ?? [])];
  const listPath = args.strings.get('mailboxes-file') ?? (file.mailboxesFile === undefined ? undefined : resolve(base, file.mailboxesFile));
  const texts: string[] = [];
  if (mailboxes.length > 0) texts.push(mailboxes.join('\n'));
  if (listPath !== undefined) {
    try {
      texts.push(readText(listPath));
    } catch (error) {
      throw new UsageError(`--mailboxes-file ${listPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (texts.length > 0) sources.text = texts.join('\n');
  const groups = [...(file.groups ?? []), ...(args.lists.get('group') ?? [])];
  if (groups.length > 0) sources.groups = groups;
  const actionFlag = args.strings.get('action');
  const action = actionFlag !== undefined ? parseAction(actionFlag) : file.action;
  const shardFlag = args.strings.get('shard');
  const job: CliJob = { sources, search: { parts, folders, dumpster: args.booleans.has('dumpster') || (file.dumpster ?? false), filter } };
  if (action !== undefined) job.action = action;
  if (shardFlag !== undefined) job.shard = parseShard(shardFlag);
  return job;
}

/** A search with no filter at all would act on every item of every folder: refused. */
export function requireFilter(filter: ItemFilter): void {
  if (Object.values(filter).every((v) => v === undefined || v === '')) {
    throw new UsageError(
      'No filter: give at least one of --subject, --sender, --received-after, --message-id … (a search over many mailboxes without one would match every item).',
    );
  }
}
