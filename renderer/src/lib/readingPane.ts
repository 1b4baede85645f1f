// Pure helpers of the reading pane: the sandboxed document an HTML body is shown in, the note on
// what was blocked in it, the retention tag's GUID, and people as text.
import type { Person } from '../../../shared/domain';
import type { BlockedContent } from './bodySanitiser';

/**
 * The policy of the frame an HTML body is shown in: nothing may load (no scripts, images, fonts,
 * frames, connections), only inline styles apply. The frame is also sandboxed without
 * allow-scripts and allow-same-origin, and it inherits the app page's own CSP.
 */
export const BODY_FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * A body already cleaned by cleanBody (bodySanitiser.ts) as the srcdoc of the reading pane's
 * frame. The CSP meta is the second line of defence: Chromium's preload scanner can fetch a
 * srcdoc's images and stylesheets before the meta (or the policy the frame inherits from the app
 * page) applies, so only the cleaning keeps remote content out. It goes first: the HTML parser
 * puts a leading meta into the head it opens, before any of the body's own markup.
 */
export function sandboxedDocument(html: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${BODY_FRAME_CSP}"><meta name="referrer" content="no-referrer">${html}`;
}

function counted(count: number, one: string, many: string): string | undefined {
  if (count === 0) return undefined;
  return `${count} ${count === 1 ? one : many}`;
}

/** The line above an HTML body saying what was kept from loading; undefined when nothing was. */
export function blockedNote(blocked: BlockedContent): string | undefined {
  const parts = [
    counted(blocked.images, 'image', 'images'),
    counted(blocked.styles, 'style that loads from elsewhere', 'styles that load from elsewhere'),
    counted(blocked.other, 'script, frame or other active content', 'scripts, frames or other active content'),
  ].filter((part): part is string => part !== undefined);
  const links = blocked.links > 0 ? ' Links are shown but not followed (point at one to see its address).' : '';
  if (parts.length === 0) return links === '' ? undefined : links.trim();
  return `Remote content blocked: ${parts.join(', ')}.${links}`;
}

function hex(bytes: Uint8Array, from: number, to: number, reverse = false): string {
  const part = Array.from(bytes.slice(from, to), (b) => b.toString(16).padStart(2, '0'));
  return (reverse ? part.reverse() : part).join('');
}

/**
 * PR_POLICY_TAG as the admin can look it up (Get-RetentionPolicyTag … | fl Name,RetentionId): a
 * 16-byte value is a GUID in MAPI's byte order (the first three fields little-endian); anything
 * else is shown as its bytes in hex.
 */
export function formatRetentionTag(base64: string): string {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return base64;
  }
  if (bytes.length !== 16) return `${bytes.length} bytes: ${hex(bytes, 0, bytes.length)}`;
  return `${hex(bytes, 0, 4, true)}-${hex(bytes, 4, 6, true)}-${hex(bytes, 6, 8, true)}-${hex(bytes, 8, 10)}-${hex(bytes, 10, 16)}`;
}

export function formatPerson(person: Person | undefined): string {
  if (!person) return '';
  if (person.name && person.address && person.name !== person.address) return `${person.name} <${person.address}>`;
  return person.name ?? person.address ?? '';
}

export function formatPeople(people: readonly Person[], omitted: number): string {
  const listed = people.map(formatPerson).join('; ');
  return omitted > 0 ? `${listed} (and ${omitted} more)` : listed;
}
