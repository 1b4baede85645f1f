// The EWS backend's connect-time operations, as the port's EwsConnector: sign-in and the
// mailbox probe, the directory sign-in, Test connection, Autodiscover, and reading or pinning the
// server's certificate. electron/backends/index.ts registers it; the service reaches it by kind.
import type { EwsConnector } from '../port';
import { runAutodiscover } from './autodiscover';
import { testConnection } from './connectionTest';
import { openDirectory } from './directory';
import { describeCertificate, pinFor, presentedCertificate } from './serverCertificate';
import { MailboxSession } from './session';

export const ewsConnector: EwsConnector = {
  kind: 'ews',
  open: (params, environment, signal) => MailboxSession.open(params, environment, signal),
  openDirectory: (params, environment) => openDirectory(params, environment),
  testConnection: (params, deps) => testConnection(params, deps),
  autodiscover: (request, deps) => runAutodiscover(request, deps),
  // The certificate a server presents, through the explicit proxy's tunnel when there is one (Test connection's TLS step).
  readCertificate: async (url, _timeoutMs, proxy, signal) => {
    const presented = await presentedCertificate(url, proxy, undefined, signal);
    return { info: describeCertificate(presented), trusted: presented.trustedByThisComputer && presented.hostnameMatches };
  },
  pinCertificate: async (url, sha256, proxy, connectVia, signal) => {
    const pin = await pinFor(url, sha256, proxy, connectVia, signal);
    return pin.ok ? pin : { ok: false, certificate: describeCertificate(pin.certificate) };
  },
};
