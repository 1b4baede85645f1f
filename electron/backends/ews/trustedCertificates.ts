// Which certificate authorities the EWS connection trusts: Node's bundled public roots (and any
// NODE_EXTRA_CA_CERTS) plus the operating system's own store (Windows certificate store, macOS
// Keychain, Linux's OpenSSL paths). On-premises Exchange is usually signed by an internal CA that
// the admin's machine already trusts; without the system store Node would refuse it.
// tls.getCACertificates exists from Node 22.15 (Electron's main process has it); older Node keeps
// its defaults.
import tls from 'node:tls';

type CaType = 'default' | 'system';

/** The part of node:tls used here (a stand-in in tests). */
export interface CaSource {
  getCACertificates?: (type: CaType) => string[];
}

let cached: readonly string[] | undefined | null = null;

/** Certificates for the `ca` option, or undefined to keep Node's defaults (no system store readable). */
export function trustedCertificates(source: CaSource = tls as CaSource): readonly string[] | undefined {
  const get = source.getCACertificates;
  if (typeof get !== 'function') return undefined;
  try {
    const system = get.call(source, 'system');
    if (system.length === 0) return undefined;
    return [...new Set([...get.call(source, 'default'), ...system])];
  } catch {
    return undefined;
  }
}

/** trustedCertificates() of this process, read once (the system store can be slow to read on Windows). */
export function processTrustedCertificates(): readonly string[] | undefined {
  if (cached === null) cached = trustedCertificates();
  return cached;
}
