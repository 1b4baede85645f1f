// "Test connection": the connect, taken apart into the steps an admin would check by hand —
// name resolution, TCP, the server certificate, the sign-in schemes offered, signing in, the
// Exchange version, access to another user's mailbox and the dumpster — each with its outcome and time. It stops
// at the first step that makes the rest meaningless, and marks those as skipped.
// With an explicit proxy every step goes the way the connection will: this computer resolves and
// reaches the proxy only, the proxy's CONNECT tunnel reaches the server, and the certificate is
// read through that tunnel (a direct probe could meet another certificate, or no route at all).
// The admin's Cancel (deps.signal) ends the step under way, closing its socket or session, and
// skips the rest.
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { MailboxAccessMode } from '../../../shared/domain';
import type { CertificateInfo, DiagnosticStep, PasswordScheme, TestConnectionResult } from '../../../shared/ipc';
import { DEFAULT_PASSWORD_SCHEMES } from '../../../shared/ipc';
import { HttpTransport } from '../../ews';
import { proxyEndpoint } from '../../ews/proxy';
import type { ConnectionTestDeps, MailboxBackend } from '../port';
import { checkParams, type ConnectionParams } from '../connectionParams';
import { MailboxSession } from './session';
import { tunnelSettings } from './serverCertificate';
import { processTrustedCertificates } from './trustedCertificates';
import { TEST_CANCELLED, TestCancelled, tcpConnect, tunnelConnect, unlessCancelled } from './testReach';

export type { ConnectionTestDeps } from '../port';

type Outcome = DiagnosticStep['outcome'];
interface StepResult {
  outcome: Outcome;
  detail: string;
}

const DEFAULT_STEP_TIMEOUT_MS = 10_000;
const SCHEME_NAMES: Record<PasswordScheme, string> = { negotiate: 'negotiate', ntlm: 'ntlm', basic: 'basic' };

/** Runs one step; a cancel ends it at once as failed, "The test was cancelled." */
async function timed(name: string, run: () => Promise<StepResult>, signal?: AbortSignal): Promise<DiagnosticStep> {
  const started = Date.now();
  try {
    const { outcome, detail } = await unlessCancelled(run(), signal);
    if (signal?.aborted === true) return { name, outcome: 'failed', detail: TEST_CANCELLED, ms: Date.now() - started };
    return { name, outcome, detail, ms: Date.now() - started };
  } catch (error) {
    return { name, outcome: 'failed', detail: error instanceof Error ? error.message : String(error), ms: Date.now() - started };
  }
}

const skipped = (name: string, detail: string): DiagnosticStep => ({ name, outcome: 'skipped', detail, ms: 0 });

function defaultResolve(host: string): Promise<string[]> {
  return lookup(host, { all: true }).then((answers) => answers.map((answer) => answer.address));
}

/** The schemes a 401 offers: the first word of each WWW-Authenticate value. */
export function offeredSchemes(values: readonly string[]): string[] {
  return values.map((value) => value.trim().split(/[\s,]/, 1)[0] ?? '').filter((name) => name !== '');
}

async function schemesStep(params: ConnectionParams, timeoutMs: number, signal: AbortSignal | undefined): Promise<StepResult> {
  // An unauthenticated request, sent the way the connection will be (proxy, pinned certificate,
  // this computer's CAs): the server's 401 lists what it accepts.
  const https = params.url.startsWith('https:');
  const ca = https ? processTrustedCertificates() : undefined;
  const proxy = https ? tunnelSettings(params.proxy) : undefined;
  const transport = new HttpTransport({
    url: params.url,
    auth: { authorize: () => Promise.resolve({}) },
    maxSockets: 1,
    ...(ca === undefined ? {} : { ca }),
    ...(params.pinned === undefined ? {} : { pinnedSha256: params.pinned.sha256, pinnedPem: params.pinned.pem }),
    ...(proxy === undefined ? {} : { proxy }),
  });
  try {
    const response = await transport.post(
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
      {
        operation: 'SchemeProbe',
        timeoutMs,
        ...(signal === undefined ? {} : { signal }),
      },
    );
    if (response.status !== 401) return { outcome: 'warning', detail: `The server answered HTTP ${response.status} without asking for sign-in.` };
    const offered = offeredSchemes(response.wwwAuthenticate ?? []);
    if (offered.length === 0) return { outcome: 'failed', detail: 'The server refused the request (HTTP 401) without offering any sign-in scheme.' };
    const list = offered.join(', ');
    if (params.authKind === 'password') {
      const allowed = params.schemes ?? DEFAULT_PASSWORD_SCHEMES;
      const common = allowed.filter((scheme) => offered.some((name) => name.toLowerCase() === SCHEME_NAMES[scheme]));
      if (common.length === 0) return { outcome: 'failed', detail: `Offered: ${list}. None of them is allowed for this connection (${allowed.join(', ')}).` };
      return { outcome: 'ok', detail: `Offered: ${list}. Will use ${common[0] === 'ntlm' ? 'NTLM' : common[0] === 'negotiate' ? 'Negotiate' : 'Basic'}.` };
    }
    const needed = params.authKind === 'basic' ? 'basic' : params.authKind === 'bearer' || params.authKind === 'microsoft365' ? 'bearer' : undefined;
    if (needed !== undefined && !offered.some((name) => name.toLowerCase() === needed)) {
      return { outcome: 'failed', detail: `Offered: ${list}. The server does not offer ${needed === 'basic' ? 'Basic' : 'Bearer'}.` };
    }
    return { outcome: 'ok', detail: `Offered: ${list}.` };
  } finally {
    transport.close();
  }
}

/** Which right opened the other mailbox (the sign-in step chose: impersonation first, else delegate access). */
function mailboxAccessStep(other: string | undefined, mode: MailboxAccessMode | undefined): DiagnosticStep {
  const name = 'Mailbox access';
  if (other === undefined) return skipped(name, 'No other mailbox was given: the account opens its own mailbox.');
  if (mode === 'delegate') {
    return {
      name,
      outcome: 'ok',
      detail: `Delegate access: the account has FullAccess to ${other} but may not impersonate it (no ApplicationImpersonation role).`,
      ms: 0,
    };
  }
  return { name, outcome: 'ok', detail: `Impersonation: the account may impersonate ${other} (ApplicationImpersonation).`, ms: 0 };
}

export async function testConnection(params: ConnectionParams, deps: ConnectionTestDeps = {}): Promise<TestConnectionResult> {
  const timeoutMs = deps.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const signal = deps.signal;
  const steps: DiagnosticStep[] = [];
  const refused = checkParams(params);
  if (refused !== undefined) return { ok: false, steps: [{ name: 'Address and sign-in fields', outcome: 'failed', detail: refused.message, ms: 0 }] };
  const url = new URL(params.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const later = [
    'TCP connection',
    'TLS certificate',
    'Sign-in schemes offered',
    'Sign in and open the mailbox',
    'Exchange version',
    'Mailbox access',
    'Recoverable Items',
  ];
  const stop = (from: number): TestConnectionResult => ({
    ok: false,
    steps: [
      ...steps,
      ...later.slice(from).map((name) => skipped(name, signal?.aborted === true ? 'Not tried: the test was cancelled.' : 'Not tried: an earlier step failed.')),
    ],
  });

  // An explicit proxy carries https only (agent.ts); plain http goes direct.
  const proxy = url.protocol === 'https:' ? tunnelSettings(params.proxy) : undefined;
  // checkParams refused a malformed proxy address above, so this does not throw.
  const proxyAt = proxy === undefined ? undefined : proxyEndpoint(proxy);
  const resolveHost = proxyAt?.host ?? host;
  const byProxy = proxyAt === undefined ? '' : ` The proxy resolves ${host}, not this computer.`;
  steps.push(
    await timed(
      proxyAt === undefined ? `DNS: ${host}` : `DNS: ${resolveHost} (the proxy)`,
      async () => {
        if (net.isIP(resolveHost) !== 0) return { outcome: 'ok', detail: `${resolveHost} is an address; nothing to resolve.${byProxy}` };
        const addresses = await (deps.resolve ?? defaultResolve)(resolveHost);
        if (addresses.length === 0) return { outcome: 'failed', detail: `${resolveHost} has no address.` };
        return { outcome: 'ok', detail: `${addresses.join(', ')}${byProxy ? `.${byProxy}` : ''}` };
      },
      signal,
    ),
  );
  if (steps.at(-1)?.outcome === 'failed') return stop(0);

  steps.push(
    proxy === undefined || proxyAt === undefined
      ? await timed(
          `TCP connection to ${host}:${port}`,
          async () => {
            await tcpConnect(host, port, timeoutMs, signal);
            return { outcome: 'ok', detail: 'Connected.' };
          },
          signal,
        )
      : await timed(
          `TCP connection to ${host}:${port} via proxy ${proxyAt.label}`,
          async () => {
            await tunnelConnect(proxy, host, port, timeoutMs, signal);
            return { outcome: 'ok', detail: `The proxy opened a tunnel (CONNECT ${host}:${port} answered 200).` };
          },
          signal,
        ),
  );
  if (steps.at(-1)?.outcome === 'failed') return stop(1);

  let certificate: CertificateInfo | undefined;
  if (url.protocol !== 'https:') {
    steps.push(skipped('TLS certificate', 'Plain http: nothing is encrypted.'));
  } else if (deps.certificate === undefined) {
    steps.push(skipped('TLS certificate', 'Checked by the sign-in step below.'));
  } else {
    const read = deps.certificate;
    steps.push(
      await timed(
        'TLS certificate',
        async () => {
          const { info, trusted } = await read(params.url, timeoutMs, proxy === undefined ? undefined : params.proxy, signal);
          const pinned = params.pinned?.sha256 === info.sha256;
          const who = `${info.subject} (issued by ${info.issuer}, valid to ${info.validTo}), SHA-256 ${info.sha256}${proxyAt === undefined ? '' : `, read through the proxy's tunnel`}`;
          if (trusted) return { outcome: 'ok', detail: `Trusted by this computer: ${who}.` };
          if (pinned) return { outcome: 'ok', detail: `Trusted for this server (pinned in the profile): ${who}.` };
          certificate = info;
          const changed = params.pinned !== undefined ? ' It differs from the certificate pinned for this server.' : '';
          return { outcome: 'failed', detail: `Not trusted (${info.problem}): ${who}.${changed}` };
        },
        signal,
      ),
    );
    if (steps.at(-1)?.outcome === 'failed') return { ...stop(3), ...(certificate === undefined ? {} : { certificate }) };
  }

  steps.push(await timed('Sign-in schemes offered', () => schemesStep(params, timeoutMs, signal), signal));
  if (steps.at(-1)?.outcome === 'failed') return stop(3);

  let session: MailboxBackend | undefined;
  steps.push(
    await timed(
      'Sign in and open the mailbox',
      async () => {
        const opened = await MailboxSession.open({ ...params, connectTimeoutMs: timeoutMs }, deps.environment, signal);
        if (!opened.ok) {
          if (opened.error.kind === 'cancelled') throw new TestCancelled();
          if (opened.error.certificate !== undefined) certificate = opened.error.certificate;
          return { outcome: 'failed', detail: opened.error.message };
        }
        session = opened.session;
        const who = params.user ?? (params.authKind === 'windows' ? 'your Windows account' : 'the token');
        return {
          outcome: 'ok',
          detail: `Signed in with ${session.info.signedInWith ?? params.authKind} as ${who}; ${session.info.mailbox} opens${session.info.hasArchive ? ' (archive too)' : ''}.`,
        };
      },
      signal,
    ),
  );
  const opened = session;
  if (opened === undefined || signal?.aborted === true) {
    opened?.close();
    return { ...stop(4), ...(certificate === undefined ? {} : { certificate }) };
  }
  // A cancel during the dumpster check closes the session, which ends its request (and socket) too.
  const closeOnCancel = (): void => opened.close();
  signal?.addEventListener('abort', closeOnCancel, { once: true });
  try {
    const version = opened.info.serverVersion;
    steps.push({
      name: 'Exchange version',
      outcome: version ? 'ok' : 'warning',
      detail: version ? `Exchange ${version}` : 'The server did not say (no ServerVersionInfo).',
      ms: 0,
    });
    steps.push(mailboxAccessStep(params.impersonate, opened.info.mailboxAccess));
    steps.push(
      await timed(
        'Recoverable Items',
        async () => {
          const dumpster = await opened.checkRecoverableItems();
          return dumpster.ok ? { outcome: 'ok', detail: dumpster.detail } : { outcome: 'failed', detail: dumpster.detail };
        },
        signal,
      ),
    );
  } finally {
    signal?.removeEventListener('abort', closeOnCancel);
    opened.close();
  }
  return { ok: steps.every((step) => step.outcome !== 'failed'), steps };
}
