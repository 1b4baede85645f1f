// The HTTP side: POST /EWS/Exchange.asmx, authentication, request-level fault injection,
// throttling admission, dispatch to the operation handlers, and SOAP responses. Per-item
// failures never reach here: handlers answer them inside an HTTP 200 response.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { SimCertificate } from './tls';
import { Authenticator, type AuthScheme } from './auth';
import { AUTODISCOVER_PATH, autodiscoverAnswer } from './autodiscover';
import { RequestContext, type SimState } from './context';
import { actingUser, readEnvelope } from './envelope';
import { SoapFault } from './errors';
import type { RequestFaultKind } from './faults';
import { operationHandler } from './ops/index';
import { checkRequest } from './requestGrammar/index';
import { budgetKey, type RequestBudget } from './throttle';
import { parseXml, schemaFault } from './xmlRead';
import { faultEnvelope, responseEnvelope } from './xmlWrite';

export const EWS_PATH = '/ews/exchange.asmx';
/** IIS's default maxAllowedContentLength is about 28.6 MB; this is the simulator's default ceiling. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ServerConfig {
  bearerTokens: ReadonlyMap<string, string>;
  /** The sign-in checks to use (index.ts keeps it, to lend it a tenant's token verifier later); default one built from the fields here. */
  authenticator?: Authenticator;
  /** The HTTP authentication schemes enabled on the virtual directory. */
  auth: readonly AuthScheme[];
  /** Serve HTTPS with this certificate. */
  tls?: SimCertificate;
  /** Extended Protection: an NTLM sign-in must carry this channel binding (HTTPS only). */
  requiredChannelBindings?: Buffer;
  /** Called with every unexpected error (a bug in the simulator, answered as ErrorInternalServerError). */
  onInternalError?: (error: unknown) => void;
  /** Largest request body read (bytes); a larger one is refused as IIS request filtering does (404.13). Default 64 MiB. */
  maxRequestBytes?: number;
  /** Answer only requests whose Host names 127.0.0.1 or localhost (the demo: no DNS-rebound page can reach it). */
  localHostOnly?: boolean;
}

/** A request header's single value (Node joins repeated ones). */
const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Outlook</title></head><body><form method="post" action="/owa/auth.owa">' +
  '<label>User name <input name="username"></label><label>Password <input name="password" type="password"></label>' +
  '<input type="submit" value="Sign in"></form></body></html>';

const TOO_LARGE_PAGE =
  '<html><body><h1>HTTP Error 404.13 - Not Found</h1><p>The request filtering module is configured to deny a request that exceeds the request content length.</p></body></html>';

/** IIS request filtering's answer to a body over maxAllowedContentLength; the connection is then dropped. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  res.on('finish', () => req.socket.destroy());
  send(res, 404, 'text/html', TOO_LARGE_PAGE);
}

function readBodyUpTo(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Refused from the declared length: not one byte of it is read.
      refuseTooLarge(req, res);
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > maxBytes) return;
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        refuseTooLarge(req, res);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  // Encoded once: Buffer.byteLength and then write would each walk a megabyte-sized page.
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': body.length,
    'request-id': randomUUID(),
    'X-FEServer': 'SIM-EX01',
  });
  res.end(body);
}

function sendFault(res: ServerResponse, fault: SoapFault): void {
  send(res, 500, 'text/xml; charset=utf-8', faultEnvelope(fault.code, fault.text, fault.values));
}

/** Answers a request-level injected fault; returns true when the request must not be processed. */
function injectRequestFault(kind: RequestFaultKind | undefined, req: IncomingMessage, res: ServerResponse): boolean {
  switch (kind) {
    case 'http503':
      send(res, 503, 'text/html', '<html><body><h1>Service Unavailable</h1></body></html>');
      return true;
    case 'internalErrorFault':
      sendFault(res, new SoapFault('ErrorInternalServerError', 'An internal server error occurred. The operation failed.'));
      return true;
    case 'connectionReset':
      req.socket.destroy();
      return true;
    case 'noAnswer':
      // Held until the client gives up or the simulator closes (closeAllConnections).
      return true;
    case 'malformedXml':
      send(
        res,
        200,
        'text/xml; charset=utf-8',
        '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:',
      );
      return true;
    case 'htmlLoginPage':
      send(res, 200, 'text/html; charset=utf-8', LOGIN_PAGE);
      return true;
    default:
      return false;
  }
}

/** The 401: every challenge, and Exchange Online's reason when it refused an OAuth token. */
function refuseSignIn(res: ServerResponse, refusal: { wwwAuthenticate: string[]; diagnostics?: string }): void {
  res.setHeader('WWW-Authenticate', refusal.wwwAuthenticate);
  if (refusal.diagnostics !== undefined) res.setHeader('x-ms-diagnostics', refusal.diagnostics);
  send(res, 401, 'text/html', '<html><body>401 - Unauthorized</body></html>');
}

/** A DOCTYPE can only stand before the root element (after the declaration, comments, PIs); later the text is data (CDATA, comments). */
const DOCTYPE_IN_PROLOG = /^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<!DOCTYPE/i;

/** HTTP.sys's answer to a Host no binding serves. */
const BAD_HOST_PAGE = '<html><body><h2>Bad Request - Invalid Hostname</h2><p>HTTP Error 400. The request hostname is invalid.</p></body></html>';

/** True when the Host header names this machine's loopback by 127.0.0.1 or localhost (any port). */
export function isLocalHost(host: string | undefined): boolean {
  const match = /^(?:127\.0\.0\.1|localhost)(?::\d{1,5})?$/i.exec(host ?? '');
  return match !== null;
}

export function createEwsServer(sim: SimState, config: ServerConfig): Server {
  const maxBytes = config.maxRequestBytes ?? MAX_BODY_BYTES;
  const readBody = (req: IncomingMessage, res: ServerResponse): Promise<string | undefined> => readBodyUpTo(req, res, maxBytes);
  const authenticator = config.authenticator ?? new Authenticator(sim.store, config.auth, config.bearerTokens, config.requiredChannelBindings);
  // Signed in like EWS; the answer names the host and scheme the client used.
  const autodiscover = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req, res);
    if (body === undefined) return;
    const signIn = await authenticator.authenticate(req);
    if (!signIn.ok) {
      refuseSignIn(res, signIn);
      return;
    }
    if (signIn.wwwAuthenticate !== undefined) res.setHeader('WWW-Authenticate', signIn.wwwAuthenticate);
    const listener = { scheme: config.tls === undefined ? 'http' : 'https', host: req.headers.host ?? `127.0.0.1:${req.socket.localPort ?? 0}` } as const;
    send(res, 200, 'text/xml; charset=utf-8', autodiscoverAnswer(sim.store, signIn.user, req.method === 'POST' ? body : '', listener));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (config.localHostOnly === true && !isLocalHost(req.headers.host)) {
      send(res, 400, 'text/html', BAD_HOST_PAGE);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.toLowerCase();
    if (path === AUTODISCOVER_PATH) {
      await autodiscover(req, res);
      return;
    }
    if (path !== EWS_PATH) {
      send(res, 404, 'text/plain', 'Not Found');
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      send(res, 405, 'text/plain', 'Method Not Allowed');
      return;
    }
    const signIn = await authenticator.authenticate(req);
    // Read before answering even a 401, so the kept-alive socket can carry the next handshake leg.
    const body = await readBody(req, res);
    if (body === undefined) return;
    if (!signIn.ok) {
      refuseSignIn(res, signIn);
      return;
    }
    const caller = signIn.user;
    if (signIn.wwwAuthenticate !== undefined) res.setHeader('WWW-Authenticate', signIn.wwwAuthenticate);
    const fault = sim.faults.drawRequestFault();
    if (injectRequestFault(fault, req, res)) return;

    let budget: RequestBudget | undefined;
    let status = 200;
    let xml: string;
    try {
      // Exchange reads requests with .NET's XmlReader, which prohibits DTDs by default; refusing
      // before parsing also means no entity is ever declared. The exact fault is UNVERIFIED.
      if (DOCTYPE_IN_PROLOG.test(body)) throw schemaFault('For security reasons DTD is prohibited in this XML document.');
      const root = parseXml(body);
      const envelope = readEnvelope(root);
      // Validated against the request grammar before anything runs, as Exchange does.
      checkRequest({ root, operation: envelope.operation, text: body, soapAction: header(req, 'soapaction'), switches: sim.switches });
      const handler = operationHandler(envelope.operation.name);
      if (!handler) throw schemaFault(`The element '${envelope.operation.name}' is not a request this server answers.`);
      const actingAs = actingUser(sim.store, caller, envelope.impersonate);
      // Admitted once it is known whose budget pays: under impersonation that may be the
      // impersonated mailbox's (switch throttleBudgetOwner).
      budget = sim.throttle.admit(budgetKey(sim.switches.throttleBudgetOwner, caller.smtp, actingAs.smtp), () => sim.faults.current.itemLatencyMs);
      const latency = sim.faults.current.requestLatencyMs;
      if (latency > 0) await sleep(latency);
      const ctx = new RequestContext(sim, caller, actingAs, budget);
      const messages = await handler(ctx, envelope.operation);
      await budget.settle();
      xml = responseEnvelope(envelope.operation.name, messages);
    } catch (error) {
      status = 500;
      if (error instanceof SoapFault) {
        xml = faultEnvelope(error.code, error.text, error.values, error.detail);
      } else {
        config.onInternalError?.(error);
        xml = faultEnvelope('ErrorInternalServerError', 'An internal server error occurred. The operation failed.', []);
      }
    } finally {
      budget?.release();
    }
    if (fault === 'lostResponse') {
      // The change is applied; the answer never arrives.
      req.socket.destroy();
      return;
    }
    send(res, status, 'text/xml; charset=utf-8', xml);
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      config.onInternalError?.(error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
    });
  };
  return config.tls === undefined ? createServer(listener) : createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, listener);
}
