// JSON batching (Graph "Combine multiple HTTP requests using JSON batching"): POST /$batch with
// at most 20 requests, each with an id; answers come back in any order and are matched by id to
// the input order here. Each sub-answer is its own result: one 429 inside a batch carries its
// own Retry-After and does not fail its neighbours. A failure of the $batch call itself (429 on
// the whole batch, transport, malformed answer) is returned once for the batch.
import { z } from 'zod';
import type { CallOptions, GraphClient, GraphRequestSpec, GraphResult } from './client';
import { failureFromParsed, type GraphFailure } from './errors';

export const MAX_BATCH_REQUESTS = 20;

export interface BatchBody {
  requests: Array<{ id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }>;
}

export function buildBatch(specs: readonly GraphRequestSpec[]): BatchBody {
  if (specs.length === 0) throw new RangeError('An empty $batch is not sent.');
  if (specs.length > MAX_BATCH_REQUESTS) throw new RangeError(`A $batch holds at most ${MAX_BATCH_REQUESTS} requests, not ${specs.length}.`);
  return {
    requests: specs.map((spec, index) => {
      // A sub-request with a body must say its content type (Graph refuses it otherwise).
      const headers = { ...(spec.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...spec.headers };
      return {
        id: String(index + 1),
        method: spec.method,
        url: spec.path,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(spec.body !== undefined ? { body: spec.body } : {}),
      };
    }),
  };
}

const batchAnswer = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export type BatchResult = { ok: true; results: GraphResult[] } | { ok: false; failure: GraphFailure };

/** Maps a $batch answer body to one result per input request, in input order. */
export function readBatch(body: unknown, requestCount: number): BatchResult {
  const parsed = batchAnswer.safeParse(body);
  if (!parsed.success) return { ok: false, failure: { kind: 'malformed', message: 'The $batch answer has no readable responses list.' } };
  const byIndex = new Map<number, GraphResult>();
  for (const answer of parsed.data.responses) {
    const index = Number(answer.id) - 1;
    if (!/^[1-9]\d*$/.test(answer.id) || index >= requestCount || byIndex.has(index)) {
      return { ok: false, failure: { kind: 'malformed', message: `The $batch answer has an unexpected or repeated id ${JSON.stringify(answer.id)}.` } };
    }
    const headers = answer.headers ?? {};
    byIndex.set(
      index,
      answer.status >= 400
        ? { ok: false, failure: failureFromParsed(answer.status, headers, answer.body) }
        : { ok: true, status: answer.status, headers, body: answer.body },
    );
  }
  const results: GraphResult[] = [];
  for (let i = 0; i < requestCount; i++) {
    // A request the answer does not mention has an unknown outcome, never a success.
    results.push(byIndex.get(i) ?? { ok: false, failure: { kind: 'malformed', message: `The $batch answer has no response for request ${i + 1}.` } });
  }
  return { ok: true, results };
}

export async function runBatch(client: GraphClient, specs: readonly GraphRequestSpec[], call: CallOptions = {}): Promise<BatchResult> {
  const result = await client.send({ method: 'POST', path: '/$batch', body: buildBatch(specs) }, call);
  if (!result.ok) return result;
  return readBatch(result.body, specs.length);
}
