// Extended Protection: the tls-server-end-point channel binding (RFC 5929 section 4) and the
// MsvAvChannelBindings value, the MD5 of a gss_channel_bindings_struct with no addresses and that
// binding as application data ([MS-NLMP] 2.2.2.1, RFC 4121 4.1.1.2).
import { createHash } from 'node:crypto';
import { TAG_OID, TAG_SEQUENCE, decodeOid, readChildren, readDer } from './der';

/** Signature algorithm OID → the hash it uses (RFC 5929: MD5 and SHA-1 are replaced by SHA-256). */
const SIGNATURE_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha256', // dsa-with-sha1
  '2.16.840.1.101.3.4.3.2': 'sha256', // dsa-with-sha256
};

/** The certificate's signatureAlgorithm OID (Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signature }). */
export function signatureAlgorithmOid(certificateDer: Buffer): string {
  const cert = readDer(certificateDer);
  if (cert.tag !== TAG_SEQUENCE) throw new RangeError('Not a DER certificate.');
  const [, algorithm] = readChildren(cert.content);
  if (algorithm?.tag !== TAG_SEQUENCE) throw new RangeError('The certificate has no signature algorithm.');
  const [oid] = readChildren(algorithm.content);
  if (oid?.tag !== TAG_OID) throw new RangeError('The certificate has no signature algorithm.');
  return decodeOid(oid.content);
}

/** The hash RFC 5929 picks; SHA-256 where the algorithm names none we know (RSASSA-PSS, EdDSA: undefined there, SHA-256 as Windows does). */
export function endPointHashName(certificateDer: Buffer): string {
  return SIGNATURE_HASHES[signatureAlgorithmOid(certificateDer)] ?? 'sha256';
}

/** tls-server-end-point channel binding data: H(server certificate DER). */
export function tlsServerEndPoint(certificateDer: Buffer): Buffer {
  return createHash(endPointHashName(certificateDer)).update(certificateDer).digest();
}

/** MD5(gss_channel_bindings_struct) with zero address fields and "tls-server-end-point:" ‖ hash as application data. */
export function channelBindingsHash(endPointHash: Buffer): Buffer {
  const application = Buffer.concat([Buffer.from('tls-server-end-point:', 'latin1'), endPointHash]);
  // initiator_addrtype, initiator_address.length, acceptor_addrtype, acceptor_address.length: all 0.
  const head = Buffer.alloc(20);
  head.writeUInt32LE(application.length, 16);
  return createHash('md5').update(head).update(application).digest();
}
