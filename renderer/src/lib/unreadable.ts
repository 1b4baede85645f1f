// How saved entries the app could not read are said to the admin (the job history, the profile
// list): counted, then each named with its problem, so a damaged file is never silently missing.
import type { UnreadableEntry } from '../../../shared/ipc';

/** "1 job could not be read" / "3 saved profiles could not be read". */
export function unreadableHeading(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'} could not be read`;
}

export function unreadableLine(entry: UnreadableEntry): string {
  return `${entry.name}: ${entry.problem}`;
}

/** One entry in one sentence ("1 job could not be read: <file>: <problem>"); several as a heading and a list. */
export function unreadableText(entries: readonly UnreadableEntry[], noun: string): { heading: string; lines: string[] } | undefined {
  const [only] = entries;
  if (only === undefined) return undefined;
  if (entries.length === 1) return { heading: `${unreadableHeading(1, noun)}: ${unreadableLine(only)}`, lines: [] };
  return { heading: `${unreadableHeading(entries.length, noun)}:`, lines: entries.map(unreadableLine) };
}
