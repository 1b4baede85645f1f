// Finds the EWS URL from an e-mail address the way Outlook does (POX Autodiscover,
// [MS-OXDSCLI]; places from "Generate a list of Autodiscover endpoints"): each place in turn
// until one answers with settings, following redirectUrl/302 hops (https only) and redirectAddr
// restarts, both bounded. Credentials go only over https, and never to a host outside the
// e-mail's domain unless confirmRedirect says yes. Every attempt becomes a diagnostics step.
// POSTs to one URL within a run share one transport (poxConnections.ts), so NTLM/Negotiate
// sign in once per socket rather than once per POST.
import type { ConnectVia } from '../agent';
import type { EwsAuth } from '../auth';
import { isEwsError } from '../errors';
import type { ProxySettings } from '../proxy';
import type { ExchangeRecord } from '../transportPort';
import { autodiscoverCandidates, emailDomain, isInDomain, orderSrvRecords, srvUrl, type SrvRecord } from './candidates';
import { withDeadline } from './deadline';
import { describeDnsFailure, systemDns, type AutodiscoverDns } from './dns';
import { PoxConnections } from './poxConnections';
import { postPox } from './poxPost';
import { probeRedirect } from './redirectProbe';
import { StepLog, type AutodiscoverStep } from './steps';

export interface AutodiscoverOptions {
  /** Credentials for the POSTs, or a factory giving fresh auth state per URL (asked once per URL and run). */
  auth: EwsAuth | ((url: string) => EwsAuth);
  /**
   * Asked before credentials go to a host outside the e-mail's domain (redirect method, SRV,
   * redirectUrl, 302, redirectAddr to another domain); once per host per run. Absent: refused.
   */
  confirmRedirect?: (fromEmailDomain: string, toHost: string) => Promise<boolean>;
  /** SRV lookups (default: the system resolver). */
  dns?: AutodiscoverDns;
  /** Where host names really connect (tests, diagnostics); passed to every request (with a proxy: maps the proxy). */
  connectVia?: ConnectVia;
  /** An explicit HTTP proxy: POSTs through its CONNECT tunnel, the redirect probe as a forward-proxy GET. */
  proxy?: ProxySettings;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | readonly string[];
  /** Time allowed per step (default 10 s). */
  timeoutMs?: number;
  /** Cancels the whole run. */
  signal?: AbortSignal;
  /** Sees every POX request and answer (the app's trace; it redacts them). */
  onExchange?: (record: ExchangeRecord) => void;
}

export type AutodiscoverResult =
  | { ok: true; ewsUrl: string; /** The address the settings are for (after any redirectAddr). */ email: string; steps: AutodiscoverStep[] }
  | { ok: false; steps: AutodiscoverStep[]; message: string };

export const DEFAULT_AUTODISCOVER_TIMEOUT_MS = 10_000;
/** URL hops (302 and redirectUrl) over one run; Microsoft says to stop after 10. */
export const MAX_AUTODISCOVER_URL_REDIRECTS = 10;
/** Restarts with a new address (redirectAddr) over one run. */
export const MAX_AUTODISCOVER_ADDRESS_REDIRECTS = 3;
/** SRV targets tried, in priority/weight order. */
export const MAX_SRV_TARGETS = 5;

/** [MS-OXDSCLI], ErrorCode element (child of Error, 2.2.4.1.1.3): 500, the email address cannot be found. */
const ADDRESS_NOT_FOUND = '500';

const SCP_REASON = 'not possible from this app: an SCP lookup reads Active Directory over LDAP from a domain-joined computer';

type Found = { kind: 'found'; ewsUrl: string } | { kind: 'redirect-addr'; address: string } | { kind: 'aborted' } | { kind: 'next' };

const NEXT: Found = { kind: 'next' };

function describeSrv(records: readonly SrvRecord[]): string {
  const list = records.map((r) => `${r.name}:${r.port} (priority ${r.priority}, weight ${r.weight})`).join(', ');
  return `${records.length} answer${records.length === 1 ? '' : 's'}: ${list}`;
}

class Chain {
  readonly log = new StepLog();
  signInRefusals = 0;
  /** Servers that answered ErrorCode 500: they do not know the address (or it is not this account's to open). */
  addressNotFound = 0;
  #urlHopsLeft = MAX_AUTODISCOVER_URL_REDIRECTS;
  readonly #confirmed = new Map<string, boolean>();
  readonly #timeoutMs: number;
  readonly #dns: AutodiscoverDns;

  constructor(
    /** The e-mail's own domain: hosts in it may receive credentials without asking. */
    readonly trustedDomain: string,
    readonly options: AutodiscoverOptions,
    readonly connections: PoxConnections,
  ) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_AUTODISCOVER_TIMEOUT_MS;
    this.#dns = options.dns ?? systemDns;
  }

  get aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  async discover(email: string, domain: string): Promise<Found> {
    for (const candidate of autodiscoverCandidates(domain)) {
      if (this.aborted) return { kind: 'aborted' };
      let found: Found;
      switch (candidate.kind) {
        case 'scp':
          this.log.add('SCP lookup (Active Directory)', 'skipped', SCP_REASON);
          continue;
        case 'pox':
          found = await this.pox(candidate.url, email);
          break;
        case 'redirect-probe':
          found = await this.probe(candidate.url, email);
          break;
        case 'srv':
          found = await this.srv(candidate.name, email);
          break;
      }
      if (found.kind !== 'next') return found;
    }
    return NEXT;
  }

  /** POSTs to one URL and follows its URL redirects. */
  async pox(startUrl: string, email: string): Promise<Found> {
    let url = startUrl;
    for (;;) {
      if (this.aborted) return { kind: 'aborted' };
      const step = `POX ${url}`;
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        this.log.add(step, 'skipped', 'not sent: credentials are only sent over https');
        return NEXT;
      }
      if (!isInDomain(target.hostname, this.trustedDomain) && !(await this.#confirm(target.hostname))) {
        this.log.add(step, 'skipped', `not sent: ${target.hostname} is outside ${this.trustedDomain} and sending the credentials there was not confirmed`);
        return NEXT;
      }
      const end = this.log.start(step);
      const attempt = await postPox(url, email, {
        connections: this.connections,
        timeoutMs: this.#timeoutMs,
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
      });
      switch (attempt.kind) {
        case 'found':
          end('ok', attempt.detail);
          return { kind: 'found', ewsUrl: attempt.ewsUrl };
        case 'redirect-addr':
          end('ok', attempt.detail);
          return { kind: 'redirect-addr', address: attempt.address };
        case 'redirect-url':
          if (this.#urlHopsLeft <= 0) {
            end('failed', `${attempt.detail}: not followed, more than ${MAX_AUTODISCOVER_URL_REDIRECTS} redirects`);
            return NEXT;
          }
          this.#urlHopsLeft--;
          end('ok', attempt.detail);
          url = attempt.url;
          continue;
        case 'failed':
          if (attempt.signInRefused) this.signInRefusals++;
          if (attempt.errorCode === ADDRESS_NOT_FOUND) this.addressNotFound++;
          end('failed', attempt.detail);
          return NEXT;
        case 'aborted':
          end('failed', attempt.detail);
          return { kind: 'aborted' };
      }
    }
  }

  /** The redirect method: an unauthenticated GET, then a POST to its https Location. */
  async probe(url: string, email: string): Promise<Found> {
    const end = this.log.start(`Redirect GET ${url}`);
    let location: string;
    try {
      const answer = await probeRedirect(url, {
        timeoutMs: this.#timeoutMs,
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        ...(this.options.connectVia === undefined ? {} : { connectVia: this.options.connectVia }),
        ...(this.options.proxy === undefined ? {} : { proxy: this.options.proxy }),
      });
      if (answer.status < 300 || answer.status >= 400) {
        end('failed', `HTTP ${answer.status}: no redirect`);
        return NEXT;
      }
      if (answer.location === undefined) {
        end('failed', `HTTP ${answer.status} without a usable Location`);
        return NEXT;
      }
      if (new URL(answer.location).protocol !== 'https:') {
        end('failed', `HTTP ${answer.status} to ${answer.location}: not followed, only a redirect to https is`);
        return NEXT;
      }
      location = answer.location;
      end('ok', `HTTP ${answer.status} to ${location}`);
    } catch (err) {
      end('failed', err instanceof Error ? err.message : String(err));
      return isEwsError(err) && err.kind === 'aborted' ? { kind: 'aborted' } : NEXT;
    }
    return this.pox(location, email);
  }

  /** The SRV record: its targets in priority/weight order, each POSTed to. */
  async srv(name: string, email: string): Promise<Found> {
    const end = this.log.start(`SRV ${name}`);
    let records: SrvRecord[];
    try {
      records = orderSrvRecords(await withDeadline(this.#dns.resolveSrv(name), this.#timeoutMs, this.options.signal, `The DNS lookup of ${name}`));
    } catch (err) {
      const aborted = isEwsError(err) && err.kind === 'aborted';
      end('failed', isEwsError(err) ? err.message : describeDnsFailure(name, err));
      return aborted ? { kind: 'aborted' } : NEXT;
    }
    if (records.length === 0) {
      end('failed', `no usable SRV answer for ${name}`);
      return NEXT;
    }
    end('ok', describeSrv(records));
    for (const record of records.slice(0, MAX_SRV_TARGETS)) {
      const found = await this.pox(srvUrl(record), email);
      if (found.kind !== 'next') return found;
    }
    return NEXT;
  }

  async #confirm(host: string): Promise<boolean> {
    const known = this.#confirmed.get(host);
    if (known !== undefined) return known;
    const ask = this.options.confirmRedirect;
    let answer = false;
    try {
      answer = ask === undefined ? false : (await ask(this.trustedDomain, host)) === true;
    } catch {
      answer = false;
    }
    this.#confirmed.set(host, answer);
    return answer;
  }
}

function failureMessage(email: string, chain: Chain): string {
  const tried = chain.log.steps.filter((s) => s.outcome !== 'skipped').length;
  if (chain.addressNotFound > 0) {
    return `Exchange does not know ${email} (Autodiscover error 500 from ${chain.addressNotFound === 1 ? 'a server' : `${chain.addressNotFound} servers`}): check the address, and that the account you sign in with may open that mailbox (its own, or by impersonation or full access).`;
  }
  if (chain.signInRefusals > 0) {
    return `Autodiscover found no EWS URL for ${email}: ${chain.signInRefusals === 1 ? 'a server' : `${chain.signInRefusals} servers`} refused the sign-in (HTTP 401). Check the user name and password, or enter the EWS URL by hand.`;
  }
  return `Autodiscover found no EWS URL for ${email} (${tried} ${tried === 1 ? 'attempt' : 'attempts'}; see the steps). Enter the EWS URL by hand, e.g. https://mail.example.com/EWS/Exchange.asmx.`;
}

/** Looks the EWS URL up from an e-mail address; never throws for network or server trouble. */
export async function autodiscover(email: string, options: AutodiscoverOptions): Promise<AutodiscoverResult> {
  const domain = emailDomain(email);
  if (domain === undefined) return { ok: false, steps: [], message: `"${email}" is not an e-mail address (name@domain).` };
  const connections = new PoxConnections({
    auth: options.auth,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.connectVia === undefined ? {} : { connectVia: options.connectVia }),
    ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
    ...(options.onExchange === undefined ? {} : { onExchange: options.onExchange }),
  });
  try {
    return await run(email, domain, new Chain(domain, options, connections));
  } finally {
    connections.close();
  }
}

async function run(email: string, domain: string, chain: Chain): Promise<AutodiscoverResult> {
  const seen = new Set([email.toLowerCase()]);
  let address = email;
  let addressDomain = domain;
  for (let restarts = 0; ; restarts++) {
    const found = await chain.discover(address, addressDomain);
    if (found.kind === 'found') return { ok: true, ewsUrl: found.ewsUrl, email: address, steps: chain.log.steps };
    if (found.kind === 'aborted') return { ok: false, steps: chain.log.steps, message: 'Autodiscover was cancelled.' };
    if (found.kind === 'next') break;
    const step = `Address ${found.address}`;
    const nextDomain = emailDomain(found.address);
    if (nextDomain === undefined) {
      chain.log.add(step, 'failed', 'the address Autodiscover redirected to is not an e-mail address');
      break;
    }
    if (seen.has(found.address.toLowerCase()) || restarts >= MAX_AUTODISCOVER_ADDRESS_REDIRECTS) {
      chain.log.add(step, 'failed', `not followed: the address redirects loop or exceed ${MAX_AUTODISCOVER_ADDRESS_REDIRECTS}`);
      break;
    }
    chain.log.add(step, 'ok', 'starting again with the address Autodiscover redirected to');
    seen.add(found.address.toLowerCase());
    address = found.address;
    addressDomain = nextDomain;
  }
  return { ok: false, steps: chain.log.steps, message: failureMessage(email, chain) };
}
