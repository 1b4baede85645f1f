// Reads a server's certificate for the admin to look at before deciding to pin it. This is the
// only place a TLS connection is made without rejecting an untrusted certificate, and nothing is
// ever sent on it: the handshake completes, the certificate is read, the socket is destroyed.
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectVia } from './agent';
import { openTunnel, type ProxySettings } from './proxy';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Colon-separated uppercase hex, as used by pinnedSha256. */
  sha256: string;
  pem: string;
  selfSigned: boolean;
  subjectAltNames: string[];
  hostnameMatches: boolean;
  /** The chain verifies against the CAs the connection would trust (host name aside). */
  trustedByThisComputer: boolean;
  /** '' when nothing is wrong; else e.g. "self-signed", "issued by an unknown authority", "expired", "name mismatch". */
  problem: string;
}

export interface ProbeOptions {
  timeoutMs: number;
  connectVia?: ConnectVia;
  /** The CAs a real connection would trust (default: Node's). */
  ca?: string | readonly string[];
  proxy?: ProxySettings;
  /** Ends the probe at once (its socket closed), rejecting with a 'cancelled' message. */
  signal?: AbortSignal;
}

function problemOf(authorizationError: string, selfSigned: boolean, hostnameMatches: boolean): string {
  switch (authorizationError) {
    case '':
      return hostnameMatches ? '' : 'name mismatch';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'self-signed';
    case 'CERT_HAS_EXPIRED':
      return 'expired';
    case 'CERT_NOT_YET_VALID':
      return 'not yet valid';
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return selfSigned ? 'self-signed' : 'issued by an unknown authority';
    default:
      return authorizationError.toLowerCase().replace(/_/g, ' ');
  }
}

function describe(cert: tls.DetailedPeerCertificate, host: string, authorizationError: string): CertificateInfo {
  const x509 = new X509Certificate(cert.raw);
  // Issuer equal to subject and signed by its own key (OpenSSL's own test also looks at key ids, which not every self-signed certificate carries).
  const selfSigned = x509.subject === x509.issuer && x509.verify(x509.publicKey);
  const hostnameMatches = tls.checkServerIdentity(host, cert) === undefined;
  const subjectAltNames = (x509.subjectAltName ?? '').split(/,\s*/).filter((s) => s.length > 0);
  return {
    subject: x509.subject.replace(/\n/g, ', '),
    issuer: x509.issuer.replace(/\n/g, ', '),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    sha256: x509.fingerprint256,
    pem: x509.toString(),
    selfSigned,
    subjectAltNames,
    hostnameMatches,
    trustedByThisComputer: authorizationError === '',
    problem: problemOf(authorizationError, selfSigned, hostnameMatches),
  };
}

function timeoutError(host: string, ms: number): Error {
  return Object.assign(new Error(`${host} did not complete a TLS handshake within ${Math.round(ms / 100) / 10} s.`), { code: 'ETIMEDOUT' });
}

/** Connects to an https:// URL's server and returns its certificate; rejects on network errors and timeouts. */
export function probeCertificate(url: string, options: ProbeOptions): Promise<CertificateInfo> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') return Promise.reject(new TypeError('Only an https:// server has a certificate to read.'));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port ? Number(parsed.port) : 443;
  const address = options.connectVia && !options.proxy ? options.connectVia(host, port) : { host, port };
  const ca = options.ca === undefined ? undefined : typeof options.ca === 'string' ? options.ca : [...options.ca];
  return new Promise<CertificateInfo>((resolve, reject) => {
    let done = false;
    let open: net.Socket | undefined;
    const settle = (err: Error | undefined, info?: CertificateInfo): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      open?.destroy();
      if (err) reject(err);
      else if (info) resolve(info);
    };
    const timer = setTimeout(() => settle(timeoutError(host, options.timeoutMs)), options.timeoutMs);
    const onAbort = (): void => settle(new Error(`Reading the certificate of ${host} was cancelled.`));
    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const handshake = (socket: net.Socket | undefined): void => {
      if (done) {
        socket?.destroy();
        return;
      }
      const tlsSocket = tls.connect({
        ...(socket ? { socket } : { host: address.host, port: address.port }),
        ...(net.isIP(host) ? {} : { servername: host }),
        ...(ca === undefined ? {} : { ca }),
        // Display only: the certificate is read and the connection closed; no request is sent.
        rejectUnauthorized: false,
        // The host name is judged apart (hostnameMatches) so that authorizationError speaks of the chain only.
        checkServerIdentity: () => undefined,
      });
      open = tlsSocket;
      tlsSocket.once('secureConnect', () => {
        const cert = tlsSocket.getPeerCertificate(true);
        const error = tlsSocket.authorizationError;
        if (!cert.raw) return settle(new Error(`${host} presented no certificate.`));
        settle(undefined, describe(cert, host, error === null || error === undefined ? '' : String(error)));
      });
      tlsSocket.once('error', (err) => settle(err));
    };
    if (options.proxy) openTunnel(options.proxy, host, port, options.connectVia).then(handshake, (err: Error) => settle(err));
    else handshake(undefined);
  });
}
