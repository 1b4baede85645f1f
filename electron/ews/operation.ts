// The contract every operation module fulfils: build the soap:Body child, parse the response.
import type { XNode } from './xmlTree';

export interface EwsOperation<Request, Result> {
  /** The EWS operation name; the response element must be `${name}Response`. */
  readonly name: string;
  buildBody(request: Request): string;
  parseResponse(response: XNode, request: Request): Result;
}
