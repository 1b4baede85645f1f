// Choosing the mailboxes of a job over many: a pasted list or a CSV export (the address column found
// by its header), distribution groups expanded through every nesting, and names typed by the admin
// resolved in the directory. The result is one de-duplicated list (addresses compared without
// case, the first spelling kept) plus every entry that was not used and why: nothing is dropped
// silently.
import type { MailboxListProblem, MailboxSelection } from '../../shared/domain';
import type { MailboxDirectory } from '../backends/port';

// The directory port (ResolveNames and ExpandDL, or Graph's equivalents) is the backend port's, so the list logic is tested without a server.
export type { DirectoryEntry, ExpandAnswer, MailboxDirectory, ResolveAnswer } from '../backends/port';

/** Header cells naming the address column of the usual exports (Get-Mailbox, Entra ID, Google…). */
const ADDRESS_HEADERS = [
  'primarysmtpaddress',
  'emailaddress',
  'email',
  'e-mail',
  'e-mailaddress',
  'emailaddresses',
  'mail',
  'smtp',
  'smtpaddress',
  'windowsemailaddress',
  'address',
  'mailbox',
];
const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** Splits one CSV line (comma, semicolon or tab separated; double quotes with "" escapes). */
export function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/[\s_]/g, '')
    .toLowerCase();
}

/** An entry as typed or exported: "SMTP:x@y", "Name <x@y>" and mailto: forms give the address. */
export function cleanEntry(raw: string): string {
  let entry = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^smtp:/i, '');
  const angle = /<([^<>]+)>\s*$/.exec(entry);
  if (angle?.[1] !== undefined) entry = angle[1].trim();
  return entry;
}

export function isAddress(entry: string): boolean {
  return ADDRESS.test(entry);
}

/**
 * The entries of a pasted list or a CSV text. With a header row naming an address column, that
 * column; otherwise every line (and every comma-, semicolon- or space-separated word) is an entry.
 */
export function parseMailboxText(text: string): { entries: string[]; problems: MailboxListProblem[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const first = lines[0] ?? '';
  const separator = [',', ';', '\t'].find((s) => first.includes(s));
  if (separator !== undefined) {
    const header = splitCsvLine(first, separator).map(normaliseHeader);
    const column = ADDRESS_HEADERS.map((h) => header.indexOf(h)).find((i) => i >= 0);
    if (column !== undefined) {
      const entries: string[] = [];
      const problems: MailboxListProblem[] = [];
      lines.slice(1).forEach((line, i) => {
        const cell = splitCsvLine(line, separator)[column];
        if (cell === undefined || cell === '')
          problems.push({ entry: line, reason: `Row ${i + 2} has no value in the ${splitCsvLine(first, separator)[column] ?? 'address'} column.` });
        else entries.push(cleanEntry(cell));
      });
      return { entries, problems };
    }
    if (!first.includes('@') && lines.slice(1).some((l) => l.includes('@'))) {
      // A header row, but none of the address columns: say so rather than read its names as entries.
      return { entries: [], problems: [{ entry: first, reason: `No address column in the CSV header (looked for ${ADDRESS_HEADERS.join(', ')}).` }] };
    }
  }
  // Names with spaces ("Alice Smith", "Alice <a@x>") stay whole; bare addresses may be space-separated.
  const entries = lines
    .flatMap((line) => line.split(/[,;]+/))
    .flatMap((piece) => (piece.includes('@') && !piece.includes('<') ? piece.split(/\s+/) : [piece]))
    .map(cleanEntry)
    .filter((e) => e !== '');
  return { entries, problems: [] };
}

/** De-duplicates without case, keeping the first spelling. */
export function dedupe(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of addresses) {
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/** Every mailbox in the groups, through nested groups (each group expanded once). */
export async function expandGroups(directory: MailboxDirectory, groups: readonly string[]): Promise<MailboxSelection> {
  const mailboxes: string[] = [];
  const problems: MailboxListProblem[] = [];
  const expanded = new Set<string>();
  const queue = groups.map((g) => ({ group: cleanEntry(g), via: undefined as string | undefined }));
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined) break;
    const key = next.group.toLowerCase();
    if (expanded.has(key)) continue;
    expanded.add(key);
    const answer = await directory.expandGroup(next.group);
    if (!answer.ok) {
      problems.push({ entry: next.group, reason: next.via === undefined ? answer.reason : `${answer.reason} (nested in ${next.via})` });
      continue;
    }
    for (const member of answer.members) {
      if (member.kind === 'group' && member.smtp !== undefined) queue.push({ group: member.smtp, via: next.group });
      else if (member.kind === 'mailbox' && member.smtp !== undefined) mailboxes.push(member.smtp);
      else
        problems.push({
          entry: member.smtp ?? member.name ?? '(unnamed member)',
          reason: `A member of ${next.group} that is not a mailbox (${member.type ?? 'no address'}): left out.`,
        });
    }
  }
  return { mailboxes: dedupe(mailboxes), problems };
}

/** A typed name or address resolved in the directory: exactly one mailbox, or a problem that lists the candidates. */
export async function resolveEntry(
  directory: MailboxDirectory,
  entry: string,
): Promise<{ smtp: string } | { group: string } | { problem: MailboxListProblem }> {
  const answer = await directory.resolve(entry);
  if (answer.outcome === 'error') return { problem: { entry, reason: `The directory could not resolve it: ${answer.message}` } };
  if (answer.outcome === 'none') return { problem: { entry, reason: 'No mailbox or group of that name or address in the directory.' } };
  if (answer.outcome === 'ambiguous') {
    const names = answer.candidates.map((c) => `${c.name ?? '?'} <${c.smtp ?? '?'}>`).join(', ');
    return { problem: { entry, reason: `Several entries match: ${names}. Enter the full address.` } };
  }
  const [only] = answer.candidates;
  if (only?.smtp === undefined) return { problem: { entry, reason: 'The directory answered without an address.' } };
  if (only.kind === 'group') return { group: only.smtp };
  if (only.kind !== 'mailbox') return { problem: { entry, reason: `${only.smtp} is not a mailbox (${only.type ?? 'unknown type'}).` } };
  return { smtp: only.smtp };
}

export interface MailboxSources {
  /** Pasted addresses or a CSV export's text. */
  text?: string;
  /** Distribution groups, expanded with their nested groups. */
  groups?: string[];
  /** Names or addresses to resolve in the directory (a group resolves to its members). */
  names?: string[];
}

/**
 * The one mailbox list from every source. Addresses from a list are taken as they are (opening
 * each mailbox checks it exists); anything that is not an address is resolved when a directory is
 * given, and otherwise listed as a problem.
 */
export async function selectMailboxes(sources: MailboxSources, directory?: MailboxDirectory): Promise<MailboxSelection> {
  const parsed = sources.text === undefined ? { entries: [], problems: [] } : parseMailboxText(sources.text);
  const mailboxes: string[] = [];
  const problems: MailboxListProblem[] = [...parsed.problems];
  const groups = [...(sources.groups ?? [])];
  const toResolve: string[] = [...(sources.names ?? [])];
  for (const entry of parsed.entries) {
    if (isAddress(entry)) mailboxes.push(entry);
    else toResolve.push(entry);
  }
  for (const entry of toResolve) {
    if (directory === undefined) {
      problems.push({ entry, reason: 'Not an email address (names are resolved only when connected).' });
      continue;
    }
    const resolved = await resolveEntry(directory, entry);
    if ('smtp' in resolved) mailboxes.push(resolved.smtp);
    else if ('group' in resolved) groups.push(resolved.group);
    else problems.push(resolved.problem);
  }
  if (groups.length > 0) {
    if (directory === undefined) for (const g of groups) problems.push({ entry: g, reason: 'Groups are expanded only when connected.' });
    else {
      const fromGroups = await expandGroups(directory, groups);
      mailboxes.push(...fromGroups.mailboxes);
      problems.push(...fromGroups.problems);
    }
  }
  return { mailboxes: dedupe(mailboxes), problems };
}
