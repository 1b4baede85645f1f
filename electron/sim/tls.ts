// HTTPS for the simulator: a self-signed certificate made at start (or one given, so a test can
// rotate it), its SHA-256 fingerprint as an admin would compare it, and the channel binding an
// NTLM client must send to a server with Extended Protection: MD5 of the gss_channel_bindings_struct
// whose application data is "tls-server-end-point:" ‖ hash of the certificate (RFC 5929: SHA-256
// for certificates signed with MD5, SHA-1 or SHA-256 — the simulator's own are SHA-256-signed;
// a given certificate must be too).
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

export function expectedChannelBindings(certPem: string): Buffer {
  const cert = new X509Certificate(certPem);
  const application = Buffer.concat([Buffer.from('tls-server-end-point:', 'latin1'), createHash('sha256').update(cert.raw).digest()]);
  const header = Buffer.alloc(20); // initiator and acceptor address types and lengths: all zero
  header.writeUInt32LE(application.length, 16);
  return createHash('md5').update(Buffer.concat([header, application])).digest();
}
