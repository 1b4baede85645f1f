// POST /v1.0/$batch (JSON batching): at most 20 requests, each with id, method, url and optional
// body, headers and dependsOn. Independent requests run in parallel, at most four at a time
// (Graph dispatches up to four requests of a batch to Outlook at once); each is admitted by the
// throttle on its own, so one can get its own 429 inside a 200 batch answer. A request whose
// dependency failed gets 424 Failed Dependency. Responses carry id, status, headers and body, in
// the order of the batchResponseOrder switch.
import type { Caller } from './access';
import { badRequest, errorBody, GraphError } from './errors';
import { serveResource, type FrontState } from './front';
import type { GraphResponse } from './resources';

export const MAX_BATCH_REQUESTS = 20;
const PARALLEL = 4;

interface BatchEntry {
  id: string;
  method: string;
  url: string;
  body: unknown;
  dependsOn: string[];
}

export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function parseBatch(body: unknown): BatchEntry[] {
  const requests = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).requests : undefined;
  if (!Array.isArray(requests)) throw badRequest('Invalid batch payload format.');
  if (requests.length === 0) throw badRequest('Invalid batch payload format.');
  if (requests.length > MAX_BATCH_REQUESTS) throw badRequest(`Number of requests in a batch cannot exceed ${MAX_BATCH_REQUESTS}.`);
  const entries = requests.map((r: unknown): BatchEntry => {
    if (typeof r !== 'object' || r === null) throw badRequest('Invalid batch payload format.');
    const o = r as Record<string, unknown>;
    const dependsOn = o.dependsOn === undefined ? [] : o.dependsOn;
    if (
      typeof o.id !== 'string' ||
      o.id === '' ||
      typeof o.method !== 'string' ||
      typeof o.url !== 'string' ||
      !Array.isArray(dependsOn) ||
      dependsOn.some((d) => typeof d !== 'string')
    ) {
      throw badRequest('Invalid batch payload format.');
    }
    return { id: o.id, method: o.method, url: o.url, body: o.body, dependsOn: dependsOn as string[] };
  });
  const ids = new Set<string>();
  for (const e of entries) {
    if (ids.has(e.id)) throw badRequest(`Batch request contains duplicate request id '${e.id}'.`);
    ids.add(e.id);
  }
  for (const e of entries) {
    for (const d of e.dependsOn) if (!ids.has(d) || d === e.id) throw badRequest(`Request '${e.id}' depends on an unknown request '${d}'.`);
  }
  return entries;
}

function failedDependency(id: string): BatchAnswer {
  const error = new GraphError(424, 'FailedDependency', 'Failed dependency.');
  return { id, status: 424, headers: { 'Content-Type': 'application/json' }, body: errorBody(error) };
}

let shuffleSeed = 0x2545f491;

function shuffle<T>(values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    shuffleSeed = (Math.imul(shuffleSeed, 1103515245) + 12345) >>> 0;
    const j = shuffleSeed % (i + 1);
    [values[i], values[j]] = [values[j] as T, values[i] as T];
  }
  return values;
}

export async function runBatch(state: FrontState, caller: Caller, body: unknown): Promise<GraphResponse> {
  const entries = parseBatch(body);
  const done = new Map<string, BatchAnswer>();
  const pending = [...entries];
  while (pending.length > 0) {
    const ready = pending.filter((e) => e.dependsOn.every((d) => done.has(d))).slice(0, PARALLEL);
    if (ready.length === 0) {
      // A cycle: nothing can start. Graph refuses such a batch; answer the rest as failed dependencies.
      for (const e of pending) done.set(e.id, failedDependency(e.id));
      break;
    }
    const answers = await Promise.all(
      ready.map(async (e): Promise<BatchAnswer> => {
        if (e.dependsOn.some((d) => (done.get(d)?.status ?? 0) >= 400)) return failedDependency(e.id);
        const r = await serveResource(state, caller, { method: e.method, url: e.url, body: e.body });
        return { id: e.id, status: r.status, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) };
      }),
    );
    for (const a of answers) done.set(a.id, a);
    for (const e of ready) pending.splice(pending.indexOf(e), 1);
  }
  const inRequestOrder = entries.map((e) => done.get(e.id) as BatchAnswer);
  const responses = state.switches.batchResponseOrder === 'shuffled' ? shuffle(inRequestOrder) : inRequestOrder;
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { responses } };
}
