// The sign-in check behind every connect: build the client for the chosen sign-in, open the
// mailbox root, learn Exchange's version from the answer (and speak Exchange 2010's schema
// when that is what answers), and see whether an archive exists (not asked when the caller wants
// the primary mailbox only). Another user's mailbox is opened by impersonation when the account
// has the right (the first request finds out), else by delegate access (FullAccess), else the
// error says which right to grant. The result says precisely what failed; nothing here returns or
// logs the secret.
import type { MailboxAccessMode } from '../../../shared/domain';
import type { ConnectError, SessionInfo } from '../../../shared/ipc';
import {
  EwsClient,
  formatServerVersion,
  isEwsError,
  readServerVersionInfo,
  requestVersionFor,
  type DistinguishedFolderName,
  type ExchangeVersion,
  type FolderRef,
  type ServerVersionInfo,
} from '../../ews';
import { connectionAuth, type SignInEnvironment } from './connectionAuth';
import { checkParams, type ConnectionParams } from '../connectionParams';
import { describeConnectError, describeProbeFailure, noMailboxRightsError } from './connectErrors';
import { describeCertificate, presentedCertificate, tunnelSettings } from './serverCertificate';
import { processTrustedCertificates } from './trustedCertificates';

/** How long the sign-in check waits by default: long enough for a slow VPN, short enough to say so. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

export type SignInResult = { ok: true; client: EwsClient; info: SessionInfo } | { ok: false; error: ConnectError };

const EXCHANGE_2010: ExchangeVersion = 'Exchange2010_SP2';
/**
 * Connections of one session: the job engine's account allowance (20 batches in flight, under
 * EWSMaxConcurrency 27) plus the item view's page loads. With fewer, requests the engine counts
 * as in flight would queue in the agent, and jobs would run below what the benchmarks measure.
 */
const SESSION_SOCKETS = 24;
/** Faults saying the account may not impersonate (ResponseCode reference): try delegate access instead. */
const IMPERSONATION_DENIED = new Set(['ErrorImpersonateUserDenied', 'ErrorImpersonationDenied']);
/** What a mailbox the caller may not open answers ("Handling delegation-related errors in EWS"; ErrorAccessDenied is also seen). */
const NO_ACCESS = new Set(['ErrorFolderNotFound', 'ErrorItemNotFound', 'ErrorAccessDenied']);

/** What a cancelled sign-in answers (its requests were aborted, their sockets closed). */
export const CONNECT_CANCELLED: ConnectError = { kind: 'cancelled', message: 'The connection attempt was cancelled.' };

/**
 * `signal`: the admin's Cancel; it aborts the request under way (closing its socket) and the
 * attempt answers kind 'cancelled', never a session, even when an answer arrives just after.
 */
export async function signInAndProbe(params: ConnectionParams, environment: SignInEnvironment = {}, signal?: AbortSignal): Promise<SignInResult> {
  const context = { url: params.url, impersonate: params.impersonate, authKind: params.authKind };
  const refused = checkParams(params);
  if (refused !== undefined) return { ok: false, error: refused };
  // A function, not a narrowed value: the signal can abort across every await below.
  const cancelled = (): boolean => signal?.aborted === true;
  if (cancelled()) return { ok: false, error: CONNECT_CANCELLED };
  const signIn = connectionAuth(params, environment);
  if (!signIn.ok) return { ok: false, error: signIn.error };
  const timeoutMs = params.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const url = new URL(params.url);
  let seen: ServerVersionInfo | undefined;
  const ca = params.url.startsWith('https:') ? processTrustedCertificates() : undefined;
  const other = params.impersonate;
  let access: MailboxAccessMode | undefined = other === undefined ? undefined : (params.access ?? 'impersonation');
  // Well-known folders name the other mailbox in both modes (with delegate access they must).
  const root = (name: DistinguishedFolderName): FolderRef => (other === undefined ? { distinguished: name } : { distinguished: name, mailbox: other });
  const makeClient = (serverVersion: ExchangeVersion | undefined): EwsClient =>
    new EwsClient({
      url: params.url,
      auth: signIn.auth,
      maxSockets: SESSION_SOCKETS,
      ...(other === undefined ? {} : access === 'delegate' ? { delegate: other } : { impersonate: other }),
      ...(serverVersion === undefined ? {} : { serverVersion }),
      ...(ca === undefined ? {} : { ca }),
      ...(params.pinned === undefined ? {} : { pinnedSha256: params.pinned.sha256, pinnedPem: params.pinned.pem }),
      ...(params.proxy === undefined ? {} : { proxy: tunnelSettings(params.proxy) }),
      ...(environment.connectVia === undefined ? {} : { connectVia: environment.connectVia }),
      ...(signIn.transport === undefined ? {} : { transport: signIn.transport }),
      onExchange: (record) => {
        if (seen === undefined && record.responseXml !== undefined) seen = readServerVersionInfo(record.responseXml);
        environment.onExchange?.(record);
      },
    });

  let client = makeClient(undefined);
  try {
    let top;
    let version: ExchangeVersion | undefined;
    // Each retry changes one thing once, so this ends after at most three requests.
    for (;;) {
      try {
        [top] = await client.getFolder({ folders: [root('msgfolderroot')] }, { timeoutMs, ...(signal === undefined ? {} : { signal }) });
        break;
      } catch (error) {
        if (!isEwsError(error)) throw error;
        if (error.responseCode === 'ErrorInvalidServerVersion' && version === undefined) {
          // Exchange 2010 refuses the 2013 schema version with this fault: ask again in its own.
          version = EXCHANGE_2010;
        } else if (access === 'impersonation' && params.access === undefined && IMPERSONATION_DENIED.has(error.responseCode ?? '')) {
          access = 'delegate';
        } else {
          throw error;
        }
        client.close();
        client = makeClient(version);
      }
    }
    if (top === undefined || !top.ok) {
      client.close();
      if (top !== undefined && access === 'delegate' && NO_ACCESS.has(top.status.effectiveCode))
        return { ok: false, error: noMailboxRightsError(context, params.user) };
      return {
        ok: false,
        error: top === undefined ? { kind: 'server', message: 'Exchange answered without the mailbox root.' } : describeProbeFailure(top.status, context),
      };
    }
    const wanted = requestVersionFor(seen);
    if (wanted !== undefined && wanted !== client.serverVersion) {
      client.close();
      client = makeClient(wanted);
    }
    const hasArchive = params.primaryOnly === true ? false : await probeArchive(client, root('archivemsgfolderroot'), timeoutMs, signal);
    // The archive probe reads any failure (an abort too) as "no archive": a cancel must still win.
    if (cancelled()) {
      client.close();
      return { ok: false, error: CONNECT_CANCELLED };
    }
    const info: SessionInfo = {
      url: params.url,
      mailbox: params.impersonate ?? params.user ?? (params.authKind === 'windows' ? 'your Windows account' : 'the token’s mailbox'),
      demo: params.demo,
      hasArchive,
      signedInWith: signIn.describe(),
    };
    if (access !== undefined) info.mailboxAccess = access;
    if (seen !== undefined) info.serverVersion = formatServerVersion(seen);
    return { ok: true, client, info };
  } catch (error) {
    client.close();
    if (cancelled()) return { ok: false, error: CONNECT_CANCELLED };
    const described = describeConnectError(error, context);
    return {
      ok: false,
      error: described.kind === 'tls' && url.protocol === 'https:' ? await withCertificate(described, params, environment.connectVia) : described,
    };
  }
}

/** A refused TLS connection, with the certificate the server presented (when it can be read). */
async function withCertificate(error: ConnectError, params: ConnectionParams, connectVia: SignInEnvironment['connectVia']): Promise<ConnectError> {
  let presented;
  try {
    presented = await presentedCertificate(params.url, params.proxy, connectVia);
  } catch {
    return error;
  }
  const certificate = describeCertificate(presented);
  const host = new URL(params.url).host;
  if (params.pinned !== undefined && params.pinned.sha256 !== presented.sha256) {
    return {
      kind: 'tls',
      message: `The certificate of ${host} changed since you trusted it (it was ${params.pinned.sha256}, it is now ${presented.sha256}). This is expected after the server's certificate was renewed, and is also what an interception would look like: check the new fingerprint with the Exchange administrator before trusting it.`,
      certificate,
      pinMismatch: true,
    };
  }
  if (presented.trustedByThisComputer && presented.hostnameMatches) return error;
  return {
    kind: 'tls',
    message: `${host} presented a certificate this computer does not trust (${certificate.problem}). Compare its SHA-256 fingerprint with the server's before trusting it for this server, or install the issuing CA's root certificate on this computer.`,
    certificate,
  };
}

/** True when the archive root opens; any failure means "no archive" (Exchange's codes for it vary). */
async function probeArchive(client: EwsClient, archiveRoot: FolderRef, timeoutMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    const [archive] = await client.getFolder({ folders: [archiveRoot] }, { timeoutMs, ...(signal === undefined ? {} : { signal }) });
    return archive?.ok === true;
  } catch {
    return false;
  }
}
