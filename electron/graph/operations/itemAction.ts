// The per-item outcome of an action (move, copy, delete, permanentDelete), whether it was sent
// alone or inside a $batch. A 404 is "already gone": for a delete that is not a failure to fix.
import { z } from 'zod';
import type { GraphResult } from '../client';
import { isNotFound, type GraphFailure } from '../errors';

export type ItemActionResult =
  | { ok: true; /** The item's id after a move or copy (Graph gives the moved item a new id). */ newId?: string }
  | { ok: false; failure: GraphFailure; alreadyGone: boolean };

function failed(failure: GraphFailure): ItemActionResult {
  return { ok: false, failure, alreadyGone: isNotFound(failure) };
}

/** Move and copy answer 201 Created with the message in its new place. */
const created = z.object({ id: z.string().min(1) }).passthrough();

export function readCreatedItem(result: GraphResult): ItemActionResult {
  if (!result.ok) return failed(result.failure);
  const body = created.safeParse(result.body);
  if (!body.success) return failed({ kind: 'malformed', status: result.status, message: 'The answer names no new message id.' });
  return { ok: true, newId: body.data.id };
}

/** DELETE and permanentDelete answer 204 No Content. */
export function readNoContent(result: GraphResult): ItemActionResult {
  if (!result.ok) return failed(result.failure);
  if (result.status < 200 || result.status >= 300) return failed({ kind: 'malformed', status: result.status, message: `Unexpected HTTP ${result.status}.` });
  return { ok: true };
}
