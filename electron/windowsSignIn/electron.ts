// Wires the Windows sign-in transport to the real Electron modules. The only file that imports
// `electron` for it. Integrated auth is allowed per server with session.allowNTLMCredentialsForDomains
// on a session of its own: it can change at run time (the --auth-server-allowlist switch must be
// set before the app is ready and applies to every session, the window's included), and it
// replaces the list each call, so this keeps every server asked for so far.
import { randomUUID } from 'node:crypto';
import { net, session, type Session } from 'electron';
import type { EwsTransport, ExchangeRecord } from '../ews/transportPort';
import { createWindowsSignInTransport, type NetRequest } from './transport';

const PARTITION = 'windows-sign-in';
const allowedHosts = new Set<string>();

function signInSession(): Session {
  return session.fromPartition(PARTITION, { cache: false });
}

/** Lets Chromium answer Negotiate/NTLM challenges from this host with the logged-on Windows user. */
export function allowIntegratedAuthFor(hostname: string): void {
  allowedHosts.add(hostname.toLowerCase());
  signInSession().allowNTLMCredentialsForDomains([...allowedHosts].join(','));
}

export interface ElectronWindowsSignInOptions {
  maxResponseBytes?: number;
  userAgent?: string;
  onExchange?: (record: ExchangeRecord) => void;
}

/** Call after app 'ready'. */
export function createElectronWindowsSignInTransport(url: string, options: ElectronWindowsSignInOptions = {}): EwsTransport {
  const ses = signInSession();
  allowIntegratedAuthFor(new URL(url).hostname);
  return createWindowsSignInTransport(url, {
    request: (requestOptions): NetRequest => net.request({ ...requestOptions, session: ses }),
    newRequestId: randomUUID,
    ...options,
  });
}
