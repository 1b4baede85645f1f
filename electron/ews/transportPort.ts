// The seam between the EWS client and whatever carries its HTTP: the Node transport
// (transport.ts: explicit credentials, tests, the CLI) or Chromium's network stack in the
// Electron main process (Windows single sign-on, system proxy). The client only needs this.
import type { IncomingHttpHeaders } from 'node:http';

export interface ExchangeRecord {
  operation: string;
  requestXml: string;
  status?: number;
  responseXml?: string;
  /** Headers as sent (Authorization included: a trace must redact it before showing or storing). */
  requestHeaders?: Readonly<Record<string, string>>;
  responseHeaders?: Readonly<IncomingHttpHeaders>;
  /** From sending to the end of the answer (or the failure). */
  ms?: number;
}

export interface PostOptions {
  operation: string;
  signal?: AbortSignal;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Largest answer read for this call (bytes); the transport's own cap when absent. */
  maxResponseBytes?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Each WWW-Authenticate header on its own (Node joins repeated ones with ", " in `headers`). */
  wwwAuthenticate?: string[];
}

export interface EwsTransport {
  /** host[:port] of the server, for messages. */
  readonly host: string;
  /** POSTs one SOAP request; rejects with EwsError for network, TLS, timeout and cancellation. */
  post(requestXml: string, options: PostOptions): Promise<RawResponse>;
  /** Releases kept-alive connections. */
  close(): void;
}
