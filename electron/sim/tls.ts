// HTTPS for the simulator: a self-signed certificate made at start (or one given, so a test can
// rotate it), its SHA-256 fingerprint as an admin would compare it, and the channel binding an
// NTLM client must send to a server with Extended Protection: MD5 of the gss_channel_bindings_struct
// whose application data is "tls-server-end-point:" ‖ hash of the certificate (RFC 5929 4.1:
// the hash of the certificate's signature algorithm, SHA-256 when that is MD5, SHA-1 or SHA-256).
import { createHash, X509Certificate } from 'node:crypto';
import selfsigned from 'selfsigned';

export interface SimCertificate {
  cert: string;
  key: string;
}

export async function generateCertificate(hostnames: readonly string[]): Promise<SimCertificate> {
  const names = ['localhost', ...hostnames];
  const pems = await selfsigned.generate([{ name: 'commonName', value: hostnames[0] ?? '127.0.0.1' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7 as const, ip: '127.0.0.1' }, ...names.map((value) => ({ type: 2 as const, value }))] }],
  });
  return { cert: pems.cert, key: pems.private };
}

export function fingerprintSha256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

// signatureAlgorithm OIDs (DER content) whose hash is stronger than SHA-256: RSA and ECDSA with SHA-384/512.
const STRONGER_HASHES: Readonly<Record<string, 'sha384' | 'sha512'>> = {
  '2a864886f70d01010c': 'sha384',
  '2a864886f70d01010d': 'sha512',
  '2a8648ce3d040303': 'sha384',
  '2a8648ce3d040304': 'sha512',
};

/** DER: the header length and content length of the element at `at` (definite lengths only). */
function derElement(der: Buffer, at: number): { start: number; end: number } {
  const first = der[at + 1] ?? 0;
  const count = first & 0x80 ? first & 0x7f : 0;
  const length = count === 0 ? first : der.readUIntBE(at + 2, count);
  const start = at + 2 + count;
  return { start, end: start + length };
}

/** The RFC 5929 hash for a certificate: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, … }. */
export function endPointHash(der: Buffer): 'sha256' | 'sha384' | 'sha512' {
  const certificate = derElement(der, 0);
  const tbs = derElement(der, certificate.start);
  const algorithm = derElement(der, tbs.end);
  const oid = derElement(der, algorithm.start);
  return STRONGER_HASHES[der.subarray(oid.start, oid.end).toString('hex')] ?? 'sha256';
}

export function expectedChannelBindings(certPem: string): Buffer {
  const cert = new X509Certificate(certPem);
  const application = Buffer.concat([Buffer.from('tls-server-end-point:', 'latin1'), createHash(endPointHash(cert.raw)).update(cert.raw).digest()]);
  const header = Buffer.alloc(20); // initiator and acceptor address types and lengths: all zero
  header.writeUInt32LE(application.length, 16);
  return createHash('md5')
    .update(Buffer.concat([header, application]))
    .digest();
}
