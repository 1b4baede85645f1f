import type { UnreadableEntry } from '../../../shared/ipc';
import { unreadableText } from '../lib/unreadable';

/** Saved entries left out because they are damaged (job journals, profiles), named with their problem. */
export function UnreadableNote({ entries, noun }: { entries: readonly UnreadableEntry[]; noun: string }) {
  const text = unreadableText(entries, noun);
  if (text === undefined) return null;
  return (
    <div role="note" className="unreadable-note">
      <p>{text.heading}</p>
      {text.lines.length > 0 && (
        <ul>
          {text.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
