// Graph's error body ({"error":{"code","message","innerError"}}) and the status each mail code
// takes. Codes are the ones Graph returns for Outlook resources (most are Exchange's own names);
// sources in README.md (Graph errors page, issue threads quoting live answers).
import { randomUUID } from 'node:crypto';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

export function errorBody(error: GraphError, requestId: string = randomUUID()): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId },
    },
  };
}

export const itemNotFound = (): GraphError => new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
export const idMalformed = (): GraphError => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
export const accessDenied = (): GraphError => new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
export const invalidUser = (id: string): GraphError => new GraphError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);
export const badRequest = (message: string): GraphError => new GraphError(400, 'BadRequest', message);
export const invalidRequest = (message: string): GraphError => new GraphError(400, 'ErrorInvalidRequest', message);

/** The simulator's mailbox rules answer with Exchange codes; Graph passes them through with an HTTP status. */
export function fromStoreError(code: string, text: string): GraphError {
  if (code.endsWith('NotFound')) return new GraphError(404, code, text);
  if (code === 'ErrorAccessDenied' || code === 'ErrorCannotDeleteObject') return new GraphError(403, code, text);
  if (code.startsWith('ErrorQuotaExceeded')) return new GraphError(507, code, text);
  if (code === 'ErrorInternalServerError') return new GraphError(500, code, text);
  return new GraphError(400, code, text);
}
