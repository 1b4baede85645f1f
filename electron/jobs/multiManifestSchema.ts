// The shape of a many-mailbox job's manifest (multi.json), checked on read: a file that parses as
// JSON but is not one the engine writes (a mailbox state it does not have, a folder without an id,
// a negative hit count) is damage, reported with the file and the first problem, never acted on.
// As with the journal (journalSchema.ts), the spec is checked for what the engine dispatches on;
// its details were validated when the job was started. Fields added later pass unchecked.
import { z } from 'zod';
import { MAX_JOB_ITEMS } from './journalSchema';

const text = z.string();
const count = z.number().int().min(0).max(MAX_JOB_ITEMS);
const part = z.enum(['primary', 'archive']);

const plannedFolder = z.object({
  part,
  folderId: z.string().min(1),
  displayName: text,
  hits: count,
  destinationId: text.optional(),
  retry: z.object({ jobId: z.string().min(1), mode: z.enum(['ids', 'query']) }).optional(),
});

const mailbox = z.object({
  state: z.enum(['pending', 'connecting', 'searching', 'running', 'done', 'unreachable', 'failed', 'cancelled']),
  reason: text.optional(),
  access: z.enum(['impersonation', 'delegate']).optional(),
  folders: z.array(plannedFolder).optional(),
});

const spec = z.object({
  search: z.object({
    mailboxes: z.array(text),
    parts: z.enum(['primary', 'archive', 'both']),
    folders: z.object({ kind: z.enum(['allMail', 'wellKnown']) }),
    dumpster: z.boolean(),
    filter: z.object({}),
  }),
  action: z.object({ kind: z.enum(['delete', 'move', 'recover', 'collect']) }),
});

const manifest = z.object({
  v: z.literal(1),
  multiJobId: z.string().min(1),
  createdAt: text,
  updatedAt: text,
  user: text,
  spec,
  retryOf: text.optional(),
  mailboxes: z.record(z.string(), mailbox),
  finished: z.object({ state: z.enum(['completed', 'cancelled', 'failed']), at: text, error: text.optional() }).optional(),
});

/**
 * Whether `value` is a manifest, or why not (the first problem zod names, with its path). The
 * caller (multiManifest.ts, which owns the type) takes the value as its MultiManifest once ok.
 */
export function checkManifest(value: unknown): { ok: true } | { ok: false; reason: string } {
  const r = manifest.safeParse(value);
  if (r.success) return { ok: true };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `not a multi-mailbox job manifest${where}: ${issue?.message ?? 'invalid'}` };
}
