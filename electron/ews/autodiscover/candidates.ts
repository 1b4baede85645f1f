// Where Autodiscover is looked for, derived from an e-mail address, in Microsoft's order
// ("Generate a list of Autodiscover endpoints"; [MS-OXDISCO] 3.1.5): SCP objects in Active
// Directory first, then https://<domain> and https://autodiscover.<domain>, then the plain-HTTP
// redirect probe at http://autodiscover.<domain>, then the DNS SRV record _autodiscover._tcp.
import { domainToASCII } from 'node:url';

export const AUTODISCOVER_PATH = '/autodiscover/autodiscover.xml';

export type AutodiscoverCandidate =
  /** Service connection point lookup in Active Directory (LDAP from a domain-joined machine). */
  | { kind: 'scp' }
  /** An authenticated POST of the POX request. */
  | { kind: 'pox'; url: string }
  /** An unauthenticated GET whose 302 names the https Autodiscover URL. */
  | { kind: 'redirect-probe'; url: string }
  /** A DNS SRV lookup whose targets become https Autodiscover URLs. */
  | { kind: 'srv'; name: string };

/** One DNS SRV answer (the shape node:dns gives). */
export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

const URL_SYNTAX = /[\s/\\:?#@[\]%]/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host name in lower-case ASCII without a trailing dot, or undefined if it is not one. */
export function normalizeHost(host: string): string | undefined {
  const raw = host.trim().replace(/\.$/, '');
  // domainToASCII parses like a URL host and would drop a path or port: refuse those first.
  if (URL_SYNTAX.test(raw)) return undefined;
  const ascii = domainToASCII(raw);
  if (ascii === '' || ascii.length > 253) return undefined;
  return ascii.split('.').every((label) => LABEL.test(label)) ? ascii : undefined;
}

/** The domain of an e-mail address (after its last "@"), normalized; undefined if there is none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return undefined;
  return normalizeHost(email.slice(at + 1));
}

/** Whether a host is the domain itself or a name under it (mail.contoso.com is in contoso.com). */
export function isInDomain(host: string, domain: string): boolean {
  const h = normalizeHost(host);
  const d = normalizeHost(domain);
  if (h === undefined || d === undefined) return false;
  return h === d || h.endsWith(`.${d}`);
}

export function srvName(domain: string): string {
  return `_autodiscover._tcp.${domain}`;
}

/** Every place to look for the domain, in the order they are tried. */
export function autodiscoverCandidates(domain: string): AutodiscoverCandidate[] {
  return [
    { kind: 'scp' },
    { kind: 'pox', url: `https://${domain}${AUTODISCOVER_PATH}` },
    { kind: 'pox', url: `https://autodiscover.${domain}${AUTODISCOVER_PATH}` },
    { kind: 'redirect-probe', url: `http://autodiscover.${domain}${AUTODISCOVER_PATH}` },
    { kind: 'srv', name: srvName(domain) },
  ];
}

/**
 * Usable SRV answers in the order to try them: lowest priority first, and within one priority
 * the highest weight first (Microsoft's rule for Autodiscover; no random weighting, so a run can
 * be repeated). A target of "." means "no such service" (RFC 2782) and is dropped, as are
 * answers whose target is not a host name or whose port is out of range.
 */
export function orderSrvRecords(records: readonly SrvRecord[]): SrvRecord[] {
  const usable: SrvRecord[] = [];
  for (const record of records) {
    const name = normalizeHost(record.name);
    if (name === undefined || !Number.isInteger(record.port) || record.port < 1 || record.port > 65535) continue;
    usable.push({ ...record, name });
  }
  return usable.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
}

/** The Autodiscover URL an SRV answer points at (the port is left out when it is 443). */
export function srvUrl(record: SrvRecord): string {
  return new URL(`https://${record.name}:${record.port}${AUTODISCOVER_PATH}`).href;
}
