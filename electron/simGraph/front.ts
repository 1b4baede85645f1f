// The Graph front: /v1.0/… requests, authenticated by bearer token, each mailbox request admitted
// by the Outlook throttle (per app per mailbox) and answered with Graph's JSON or error body.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../sim/store';
import type { SemanticSwitches } from '../sim/switches';
import type { Caller } from './access';
import { resolveUser, type GraphContext } from './context';
import { directoryResource } from './directory';
import { badRequest, errorBody, GraphError } from './errors';
import { userResource, type GraphResponse } from './resources';
import type { GraphSwitches } from './switches';
import type { GraphThrottle } from './throttle';

export interface FrontState {
  store: Store;
  storeSwitches: SemanticSwitches;
  switches: GraphSwitches;
  throttle: GraphThrottle;
  /** Added to every mailbox request while it holds its concurrency slot (so the 4-request limit can be met). */
  latencyMs: number;
  serviceRoot: string;
  onInternalError: (error: unknown) => void;
  /** Injected outages: the next `remaining` mailbox requests get 503 with this Retry-After. */
  unavailable: { remaining: number; retryAfterSeconds: number };
}

export interface SubRequest {
  method: string;
  /** Path and query relative to the service root: `/users/x/messages?$top=5` or `me/mailFolders`. */
  url: string;
  body: unknown;
}

export function errorResponse(error: GraphError): GraphResponse {
  return { status: error.status, headers: { 'Content-Type': 'application/json', ...error.headers }, body: errorBody(error) };
}

/** One request against the mail resources (a top-level request or a $batch sub-request). */
export async function serveResource(state: FrontState, caller: Caller, request: SubRequest): Promise<GraphResponse> {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(request.url)) throw badRequest('Invalid request URL: batch request URLs must be relative.');
    const url = new URL(request.url.startsWith('/') ? request.url : `/${request.url}`, 'http://graph.invalid');
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    const ctx: GraphContext = { store: state.store, storeSwitches: state.storeSwitches, switches: state.switches, serviceRoot: state.serviceRoot, caller };
    // /users, /users/{id} and /groups/… are the directory's, not a mailbox's (no Outlook throttle).
    const directory = directoryResource(state.store, caller, state.serviceRoot, request.method, segments, url.searchParams);
    if (directory !== undefined) return directory;
    let userSegment: string;
    let rest: string[];
    if (segments[0] === 'me') {
      userSegment = 'me';
      rest = segments.slice(1);
    } else if (segments[0] === 'users' && segments[1] !== undefined) {
      userSegment = segments[1];
      rest = segments.slice(2);
    } else throw badRequest(`Resource not found for the segment '${segments[0] ?? ''}'.`);
    const user = resolveUser(ctx, userSegment);
    if (state.unavailable.remaining > 0) {
      // Graph's throttling page: 503 Service Unavailable, with Retry-After, when the service is busy.
      state.unavailable.remaining--;
      throw new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.', {
        'Retry-After': String(state.unavailable.retryAfterSeconds),
      });
    }
    const admission = state.throttle.admit(caller.clientId, user.primary.keys.guid);
    if (!admission.ok) {
      throw new GraphError(429, 'ApplicationThrottled', admission.message, { 'Retry-After': String(admission.retryAfterSeconds) });
    }
    try {
      if (state.latencyMs > 0) await sleep(state.latencyMs);
      const userPath = userSegment === 'me' ? '/me' : `/users/${encodeURIComponent(userSegment)}`;
      return userResource(ctx, { method: request.method.toUpperCase(), segments: rest, params: url.searchParams, body: request.body, userPath }, user.primary);
    } finally {
      admission.release();
    }
  } catch (error) {
    if (error instanceof GraphError) return errorResponse(error);
    state.onInternalError(error);
    return errorResponse(new GraphError(500, 'ErrorInternalServerError', 'An internal server error occurred. The operation failed.'));
  }
}
