// The listener (HTTP, or HTTPS as MSAL requires for an authority): /v1.0/… goes to the Graph
// front, the OpenID routes to the authority, anything else is a Graph-style 404.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { authenticate } from './access';
import { handleAuthority } from './authority';
import type { AuthorityState } from './authority/state';
import { runBatch } from './batch';
import { badRequest, errorBody, GraphError } from './errors';
import { errorResponse, serveResource, type FrontState } from './front';
import { BodyTooLarge, readBody, sendEmpty, sendJson } from './httpUtil';
import type { GraphResponse } from './resources';

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

async function graph(front: FrontState, authority: AuthorityState, req: IncomingMessage, url: URL): Promise<GraphResponse> {
  try {
    const caller = authenticate(authority, front.store, req.headers.authorization);
    const rest = url.pathname.slice('/v1.0'.length);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'DELETE' ? undefined : await jsonBody(req);
    if (rest === '/$batch') {
      if (method !== 'POST') throw badRequest(`The HTTP method '${method}' is not allowed for this resource.`);
      return await runBatch(front, caller, body);
    }
    return await serveResource(front, caller, { method, url: `${rest}${url.search}`, body });
  } catch (error) {
    if (error instanceof GraphError) return errorResponse(error);
    // The rest of the body stays unread: the connection must not be reused after this answer.
    if (error instanceof BodyTooLarge) return errorResponse(new GraphError(413, 'RequestEntityTooLarge', error.message, { Connection: 'close' }));
    throw error;
  }
}

/** The authority's routes answer in OAuth's error shape. */
function oauthTooLarge(message: string): Record<string, string> {
  return { error: 'invalid_request', error_description: message };
}

function send(res: ServerResponse, answer: GraphResponse): void {
  if (answer.body === undefined) sendEmpty(res, answer.status, answer.headers);
  else sendJson(res, answer.status, answer.body, answer.headers);
}

export function createGraphServer(front: FrontState, authority: AuthorityState, tls: { cert: string; key: string } | undefined): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')) return send(res, await graph(front, authority, req, url));
      if (await handleAuthority(authority, req, res, url)) return;
      sendJson(res, 404, errorBody(new GraphError(404, 'UnknownError', '')));
    } catch (error) {
      if (error instanceof BodyTooLarge && !res.headersSent) {
        sendJson(res, 413, oauthTooLarge(error.message), { Connection: 'close' });
        return;
      }
      front.onInternalError(error);
      if (!res.headersSent)
        sendJson(res, 500, errorBody(new GraphError(500, 'ErrorInternalServerError', 'An internal server error occurred. The operation failed.')));
      else res.destroy();
    }
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => void handle(req, res);
  return tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createHttpServer(listener);
}
