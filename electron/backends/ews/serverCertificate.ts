// The server certificate when a TLS connection is refused: read it for the admin to judge
// (subject, issuer, validity, SHA-256) and, when they choose to trust it, pin exactly the one
// they saw. Verification stays on: a pinned certificate is trusted for its server only, and a
// different one is refused.
import type { CertificateInfo, ProxySettings } from '../../../shared/ipc';
import type { ConnectVia } from '../../ews/agent';
import { probeCertificate, type CertificateInfo as PresentedCertificate } from '../../ews/certificateProbe';
import type { ProxySettings as TunnelSettings } from '../../ews/proxy';
import type { PinnedCertificate } from '../connectionParams';
import { processTrustedCertificates } from './trustedCertificates';

const PROBE_TIMEOUT_MS = 10_000;

export function tunnelSettings(proxy: ProxySettings | undefined): TunnelSettings | undefined {
  if (proxy === undefined) return undefined;
  const settings: TunnelSettings = { url: proxy.url };
  if (proxy.user !== undefined) settings.username = proxy.user;
  if (proxy.password !== undefined) settings.password = proxy.password;
  return settings;
}

/** The certificate `url`'s server presents (through the proxy's tunnel when there is one; connectVia: tests only). */
export async function presentedCertificate(url: string, proxy?: ProxySettings, connectVia?: ConnectVia, signal?: AbortSignal): Promise<PresentedCertificate> {
  const ca = processTrustedCertificates();
  const tunnel = tunnelSettings(proxy);
  return probeCertificate(url, {
    timeoutMs: PROBE_TIMEOUT_MS,
    ...(signal === undefined ? {} : { signal }),
    ...(ca === undefined ? {} : { ca }),
    ...(tunnel === undefined ? {} : { proxy: tunnel }),
    ...(connectVia === undefined ? {} : { connectVia }),
  });
}

/** What the renderer is shown of a certificate (the PEM stays in the main process). */
export function describeCertificate(presented: PresentedCertificate): CertificateInfo {
  return {
    subject: presented.subject,
    issuer: presented.issuer,
    validFrom: presented.validFrom,
    validTo: presented.validTo,
    sha256: presented.sha256,
    subjectAltNames: presented.subjectAltNames,
    selfSigned: presented.selfSigned,
    hostnameMatches: presented.hostnameMatches,
    problem: presented.problem || (presented.trustedByThisComputer ? '' : 'not trusted by this computer'),
  };
}

/** The certificate the admin trusts, if the server still presents the one they were shown. */
export async function pinFor(
  url: string,
  sha256: string,
  proxy?: ProxySettings,
  connectVia?: ConnectVia,
  signal?: AbortSignal,
): Promise<{ ok: true; pinned: PinnedCertificate } | { ok: false; certificate: PresentedCertificate }> {
  const presented = await presentedCertificate(url, proxy, connectVia, signal);
  if (presented.sha256 !== sha256.toUpperCase()) return { ok: false, certificate: presented };
  return { ok: true, pinned: { sha256: presented.sha256, pem: presented.pem } };
}
