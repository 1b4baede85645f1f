// Request-level failures as one typed error. Per-item failures are never thrown: they are
// values in each operation's results (see responseMessages.ts).

export type EwsErrorKind =
  | 'auth' // HTTP 401/403
  | 'http' // another non-success status without a SOAP fault (503 from the IIS queue, 404…)
  | 'fault' // a SOAP fault (ErrorServerBusy, ErrorSchemaValidation, ErrorImpersonateUserDenied…)
  | 'html' // an HTML page where SOAP was expected (login page, proxy, wrong URL)
  | 'malformed' // empty, truncated, oversized, not XML, not SOAP, or not the expected response
  | 'timeout'
  | 'aborted'
  | 'network' // refused, reset, DNS, dropped mid-response
  | 'tls' // certificate or handshake failure
  | 'redirect' // 3xx, e.g. 302 to /ews/genericerrorpage.htm during outages
  | 'invalid-request'; // refused client-side before anything was sent

export interface EwsErrorDetails {
  retryable?: boolean;
  status?: number;
  /** EWS response code of a fault, e.g. ErrorServerBusy. */
  responseCode?: string;
  /** Server-suggested wait (fault detail BackOffMilliseconds). */
  backOffMs?: number;
  /** Name/value pairs from the fault's MessageXml. */
  messageXml?: Readonly<Record<string, string>>;
  /** The server's own text (faultstring), kept apart from the admin-facing message. */
  serverMessage?: string;
  location?: string;
  cause?: unknown;
  /** Nothing was sent (e.g. no access token could be had); the default: true for 'tls' and 'invalid-request'. */
  neverSent?: boolean;
}

const RETRYABLE_BY_DEFAULT: Record<EwsErrorKind, boolean> = {
  auth: false,
  http: false,
  fault: false,
  html: false,
  malformed: false,
  timeout: true,
  aborted: false,
  network: true,
  tls: false,
  redirect: false,
  'invalid-request': false,
};

export class EwsError extends Error {
  override readonly name = 'EwsError';
  readonly kind: EwsErrorKind;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly responseCode: string | undefined;
  readonly backOffMs: number | undefined;
  readonly messageXml: Readonly<Record<string, string>>;
  readonly serverMessage: string | undefined;
  readonly location: string | undefined;
  /** The request never left this computer: Exchange saw nothing of it. */
  readonly neverSent: boolean;

  constructor(kind: EwsErrorKind, message: string, details: EwsErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.retryable = details.retryable ?? RETRYABLE_BY_DEFAULT[kind];
    this.status = details.status;
    this.responseCode = details.responseCode;
    this.backOffMs = details.backOffMs;
    this.messageXml = details.messageXml ?? {};
    this.serverMessage = details.serverMessage;
    this.location = details.location;
    // A refused certificate ends the handshake before the request is written.
    this.neverSent = details.neverSent ?? (kind === 'tls' || kind === 'invalid-request');
  }
}

export function isEwsError(value: unknown): value is EwsError {
  return value instanceof EwsError;
}
