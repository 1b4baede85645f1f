// From a connect request to what a connection and a profile need: the settings a profile
// remembers (no secrets), and the certificate the admin chose to trust, pinned only if the
// server still presents exactly that one.
import type { CertificateInfo, ConnectError, EwsConnectRequest, ProxySettings } from '../../shared/ipc';
import { backendConnector, type ConnectVia, type PinResult } from '../backends/port';
import { CONNECT_CANCELLED } from './connectAttempts';
import type { ProfileSettings } from './profileStore';

/**
 * Pins the certificate the admin chose to trust, if the server still presents exactly that one;
 * otherwise the error to show (the certificate changed in between, or cannot be read, or the
 * admin cancelled while it was read: `signal`).
 */
export async function trustRequested(
  request: EwsConnectRequest,
  settings: ProfileSettings,
  connectVia?: ConnectVia,
  signal?: AbortSignal,
): Promise<ConnectError | undefined> {
  if (request.trustCertificate === undefined) return undefined;
  let pin: PinResult;
  try {
    pin = await backendConnector('ews').pinCertificate(settings.url, request.trustCertificate, request.proxy, connectVia, signal);
  } catch (error) {
    if (signal?.aborted === true) return CONNECT_CANCELLED;
    return { kind: 'tls', message: `The server's certificate could not be read again to trust it: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!pin.ok) {
    return {
      kind: 'tls',
      message: `The server now presents another certificate (${pin.certificate.sha256}) than the one you chose to trust: nothing was trusted. Check it before trusting it.`,
      certificate: pin.certificate,
      pinMismatch: true,
    };
  }
  settings.pinned = pin.pinned;
  return undefined;
}

/** What a connect request asks for that a profile would remember (no secrets). */
export function settingsFrom(request: EwsConnectRequest): ProfileSettings {
  const settings: ProfileSettings = { url: request.url.trim(), authKind: request.authKind };
  const user = request.user?.trim();
  if (user && request.authKind !== 'bearer' && request.authKind !== 'windows' && request.authKind !== 'microsoft365') settings.user = user;
  if (request.authKind === 'microsoft365' && request.microsoft365 !== undefined) {
    const authorityUrl = request.microsoft365.authorityUrl?.trim();
    settings.microsoft365 = {
      tenantId: request.microsoft365.tenantId.trim(),
      clientId: request.microsoft365.clientId.trim(),
      ...(authorityUrl ? { authorityUrl } : {}),
    };
  }
  const domain = request.domain?.trim();
  if (domain && request.authKind === 'password') settings.domain = domain;
  if (request.schemes !== undefined && request.authKind === 'password') settings.schemes = [...request.schemes];
  const impersonate = request.impersonate?.trim();
  if (impersonate) settings.impersonate = impersonate;
  if (request.proxy !== undefined) {
    settings.proxyUrl = request.proxy.url;
    if (request.proxy.user) settings.proxyUser = request.proxy.user;
  }
  if (request.allowInsecureHttp === true) settings.allowInsecureHttp = true;
  return settings;
}

/** The certificate a server presents, through the explicit proxy's tunnel when there is one (Test connection's TLS step). */
export function readCertificate(
  url: string,
  timeoutMs?: number,
  proxy?: ProxySettings,
  signal?: AbortSignal,
): Promise<{ info: CertificateInfo; trusted: boolean }> {
  return backendConnector('ews').readCertificate(url, timeoutMs, proxy, signal);
}
