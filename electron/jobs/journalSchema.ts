// The shape of every journal record, checked on read: a record that parses as JSON but is not one
// the engine writes (a null item list, a negative or absurd sequence number, an unknown outcome)
// is damage, never something to act on. Bounds are generous but finite, so that no number read
// from disk can size an array or a loop beyond reason.
import { z } from 'zod';
import type { JournalRecord } from './journalTypes';

/** Most items one job may have (the engine's own jobs stay far below: ~500,000). */
export const MAX_JOB_ITEMS = 50_000_000;

const seq = z
  .number()
  .int()
  .min(0)
  .max(MAX_JOB_ITEMS - 1);
const seqList = z.array(seq);
const text = z.string();
const count = z.number().int().min(0).max(MAX_JOB_ITEMS);
const batchNo = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const epoch = z.number().int().min(0).max(1_000_000);

const outcomeKind = z.enum(['done', 'alreadyGone', 'failed', 'unknown', 'notAttempted']);
const jobState = z.enum(['planning', 'running', 'paused', 'cancelling', 'completed', 'cancelled', 'failed', 'interrupted']);

const plannedItem = z.object({
  seq,
  id: text,
  subject: text,
  folderId: text,
  size: z.number().min(0),
  received: text.optional(),
  dest: text.optional(),
  fallback: z.boolean().optional(),
});

const outcome = z.object({
  s: seq,
  k: outcomeKind,
  id: text,
  subj: text,
  folder: text,
  code: text.optional(),
  msg: text.optional(),
  retryable: z.boolean().optional(),
  newId: text.optional(),
  dest: text.optional(),
  sentAt: text.optional(),
});

// The spec is checked for what the engine dispatches on; its details were validated when the job
// was started (ipcValidation.ts) and are covered by the line's checksum since.
const spec = z.object({
  mailbox: z.object({ part: z.enum(['primary', 'archive']) }),
  action: z.object({ kind: z.enum(['move', 'copy', 'delete', 'recover', 'emptyFolder']) }),
  target: z.object({ kind: z.enum(['ids', 'query']) }),
});

const header = z.object({
  t: z.literal('header'),
  v: z.union([z.literal(1), z.literal(2)]),
  jobId: z.string().min(1),
  createdAt: text,
  user: text,
  spec,
  targetDescription: text,
  retryOf: text.optional(),
});

const cursor = z.object({ before: text.optional(), skip: count, end: z.boolean().optional() });

const record = z.discriminatedUnion('t', [
  header,
  z.object({ t: z.literal('plan'), e: epoch, items: z.array(plannedItem), cur: cursor.optional(), rel: count.optional() }),
  z.object({ t: z.literal('planReset'), at: text, e: epoch }),
  z.object({ t: z.literal('planned'), at: text, total: count }),
  z.object({ t: z.literal('intent'), b: batchNo, at: text, seqs: seqList }),
  z.object({ t: z.literal('result'), b: batchNo, at: text, out: z.array(outcome), retry: seqList.optional(), retryLost: seqList.optional() }),
  z.object({ t: z.literal('state'), at: text, state: jobState, error: text.optional() }),
  z.object({ t: z.literal('folder'), at: text, key: text, id: z.string().min(1), name: text, reused: z.boolean() }),
  z.object({
    t: z.literal('recheck'),
    at: text,
    why: z.enum(['damaged', 'legacy']),
    detail: text,
    evidence: text.optional(),
    incompletePlan: z.boolean().optional(),
  }),
]);

/** The record, or why it is not one (the first problem zod names, with its path). */
export function checkRecord(value: unknown): { ok: true; record: JournalRecord } | { ok: false; reason: string } {
  const r = record.safeParse(value);
  if (r.success) return { ok: true, record: value as JournalRecord };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `not a valid journal record${where}: ${issue?.message ?? 'invalid'}` };
}
