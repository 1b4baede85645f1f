// What profiles.json's entries may carry and how a damaged one is kept and named: addresses never
// keep a user name or password (credentials live in their own sealed fields), and an entry that is
// not a readable profile is written back as it was (its addresses cleaned) and named to the admin.
import type { UnreadableEntry } from '../../shared/ipc';

/** The address without a user name or password in it: credentials live in their own (sealed) fields. */
export function stripUserinfo(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.username === '' && url.password === '') return value;
  url.username = '';
  url.password = '';
  return url.toString();
}

export function withoutUrlCredentials<T extends { url: string; proxyUrl?: string | undefined }>(profile: T): T {
  const url = stripUserinfo(profile.url);
  const proxyUrl = profile.proxyUrl === undefined ? undefined : stripUserinfo(profile.proxyUrl);
  if (url === profile.url && proxyUrl === profile.proxyUrl) return profile;
  return { ...profile, url, ...(proxyUrl === undefined ? {} : { proxyUrl }) };
}

/** A damaged entry kept as it was, except for a user name or password in its addresses. */
export function withoutRawUrlCredentials(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const copy: Record<string, unknown> = { ...entry };
  for (const key of ['url', 'proxyUrl']) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = stripUserinfo(value);
  }
  return copy;
}

/** One validation finding, as the schema reports it (a path into the entry and a message). */
export interface EntryIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Names a damaged entry for the admin: by its name when it has one, else by its place in the file
 * (`index`, from 0); the problem is the first finding, with the field it is about. Never a secret:
 * only field names and the validator's words, no values.
 */
export function describeUnreadable(entry: unknown, index: number, file: string, issues: readonly EntryIssue[]): UnreadableEntry {
  const name =
    typeof entry === 'object' && entry !== null && 'name' in entry && typeof entry.name === 'string' && entry.name.trim() !== ''
      ? `"${entry.name}" (${file})`
      : `entry ${index + 1} of ${file}`;
  const first = issues[0];
  const field = first === undefined || first.path.length === 0 ? '' : `${first.path.map(String).join('.')}: `;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return { name, problem: first === undefined ? 'not a profile' : `${field}${first.message}${more}` };
}
