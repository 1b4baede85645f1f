// The shape of a job's stored summary (<jobId>.summary.json), checked on read. The summary is a
// cache of the journal: one that parses as JSON but is not what writeSummary writes (a state the
// engine does not have, a negative count, another job's id) is never shown; the journal is
// replayed instead. Bounds follow the journal's (journalSchema.ts).
import { z } from 'zod';
import type { JobHistoryEntry } from '../../shared/domain';
import { MAX_JOB_ITEMS } from './journalSchema';

const count = z.number().int().min(0).max(MAX_JOB_ITEMS);
const text = z.string();

const counts = z.object({ done: count, alreadyGone: count, failed: count, unknown: count, notAttempted: count });

// As in the journal, the spec is checked for what the app dispatches on; the rest of it is kept
// as written (it was validated when the job started, and the journal holds the same spec).
const spec = z.looseObject({
  mailbox: z.looseObject({ part: z.enum(['primary', 'archive']), smtp: text.optional() }),
  action: z.looseObject({ kind: z.enum(['move', 'copy', 'delete', 'recover', 'emptyFolder']) }),
  target: z.looseObject({ kind: z.enum(['ids', 'query']) }),
});

const entry = z.object({
  jobId: z.string().min(1),
  title: text,
  spec,
  state: z.enum(['planning', 'running', 'paused', 'cancelling', 'completed', 'cancelled', 'failed', 'interrupted']),
  counts,
  total: count.optional(),
  createdAt: text,
  updatedAt: text,
  finishedAt: text.optional(),
  resumable: z.boolean(),
  user: text,
  retryOf: text.optional(),
  error: text.optional(),
  integrity: z.object({ status: z.enum(['damaged', 'legacy']), detail: text }).optional(),
});

/** The stored summary of `jobId`, or why it is not one (the first problem zod names, with its path). */
export function checkSummary(value: unknown, jobId: string): { ok: true; entry: JobHistoryEntry } | { ok: false; reason: string } {
  const r = entry.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, reason: `not a valid job summary${where}: ${issue?.message ?? 'invalid'}` };
  }
  if (r.data.jobId !== jobId) return { ok: false, reason: `the summary of another job (${r.data.jobId})` };
  // Checked above for every field the app reads; the spec's details pass as written (see above).
  return { ok: true, entry: value as JobHistoryEntry };
}
