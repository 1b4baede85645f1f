// Certificate pinning for servers with a self-signed or privately issued certificate (Exchange
// installs one by default). The pinned certificate joins the trusted CAs, so the chain and the
// host name are still verified by Node as usual; on top of that the leaf must be exactly the
// pinned one, so a later, different certificate is refused even if some other CA vouches for it.
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';

export const PINNED_CERTIFICATE_CHANGED = 'ERR_TLS_PINNED_CERTIFICATE_CHANGED';

export interface CertificatePin {
  /** SHA-256 of the DER certificate, colon-separated uppercase hex (X509Certificate.fingerprint256). */
  pinnedSha256?: string;
  /** The pinned certificate itself (PEM); added to the trusted CAs. */
  pinnedPem?: string;
}

/** Accepts "ab:cd…", "ABCD…" or with spaces; returns "AB:CD:…". */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new TypeError('A SHA-256 fingerprint has 64 hexadecimal digits.');
  return hex.match(/../g)?.join(':') ?? hex;
}

export function fingerprintOfPem(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** The fingerprint the leaf must have, or undefined when nothing is pinned. */
export function expectedFingerprint(pin: CertificatePin): string | undefined {
  if (pin.pinnedSha256 !== undefined) {
    const wanted = normalizeFingerprint(pin.pinnedSha256);
    if (pin.pinnedPem !== undefined && fingerprintOfPem(pin.pinnedPem) !== wanted) {
      throw new TypeError('The pinned certificate does not have the pinned fingerprint.');
    }
    return wanted;
  }
  return pin.pinnedPem === undefined ? undefined : fingerprintOfPem(pin.pinnedPem);
}

export class PinnedCertificateChangedError extends Error {
  override readonly name = 'PinnedCertificateChangedError';
  readonly code = PINNED_CERTIFICATE_CHANGED;

  constructor(
    readonly host: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `The pinned certificate changed: ${host} now presents a certificate with SHA-256 ${actual}, not the pinned ${expected}. Check the new certificate before trusting it.`,
    );
  }
}

/** A checkServerIdentity that keeps Node's host-name check and then demands the pinned leaf. */
export function pinnedServerIdentity(expected: string): (host: string, cert: tls.PeerCertificate) => Error | undefined {
  return (host, cert) => {
    const nameError = tls.checkServerIdentity(host, cert);
    if (nameError) return nameError;
    if (cert.fingerprint256 !== expected) return new PinnedCertificateChangedError(host, expected, cert.fingerprint256);
    return undefined;
  };
}

/** The trusted CA list with the pinned certificate added (Node's bundled roots when none were given). */
export function caWithPin(ca: string | readonly string[] | undefined, pinnedPem: string | undefined): string | string[] | undefined {
  if (pinnedPem === undefined) return ca === undefined ? undefined : typeof ca === 'string' ? ca : [...ca];
  const base = ca === undefined ? [...tls.rootCertificates] : typeof ca === 'string' ? [ca] : [...ca];
  return [...base, pinnedPem];
}

/** TLS options for a connection that carries requests: verification always on. */
export function verifiedTlsOptions(options: CertificatePin & { ca?: string | readonly string[] }): tls.ConnectionOptions {
  const expected = expectedFingerprint(options);
  const ca = caWithPin(options.ca, options.pinnedPem);
  return {
    rejectUnauthorized: true,
    ...(ca === undefined ? {} : { ca }),
    ...(expected === undefined ? {} : { checkServerIdentity: pinnedServerIdentity(expected) }),
  };
}
