// The DNS port of the Autodiscover chain: only SRV lookups are needed. Injectable so tests (and
// diagnostics) can answer for contoso.com without a real resolver.
import { promises as dnsPromises } from 'node:dns';
import type { SrvRecord } from './candidates';

export interface AutodiscoverDns {
  /** SRV answers for a name; rejects (ENOTFOUND, ENODATA…) when there are none. */
  resolveSrv(name: string): Promise<SrvRecord[]>;
}

/** The operating system's resolver (node:dns). */
export const systemDns: AutodiscoverDns = {
  resolveSrv: (name) => dnsPromises.resolveSrv(name),
};

const NO_RECORD_CODES = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

/** Why a lookup failed, for a diagnostics line. */
export function describeDnsFailure(name: string, err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (NO_RECORD_CODES.has(code)) return `no SRV record for ${name}`;
  if (code === 'ETIMEOUT') return `the DNS lookup of ${name} timed out`;
  const reason = err instanceof Error ? err.message : String(err);
  return `the DNS lookup of ${name} failed${code ? ` (${code})` : ''}: ${reason}`;
}
