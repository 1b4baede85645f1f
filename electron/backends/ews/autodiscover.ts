// Autodiscover for the connect screen: the sign-in the admin chose, made afresh for each URL the
// chain tries (and kept for that URL's later POSTs in the run), and a host outside the address's
// domain only when the admin allowed it — the first refused host comes back so the screen can ask
// and run the chain again.
import type { AutodiscoverRequest, AutodiscoverResult } from '../../../shared/ipc';
import { autodiscover, type EwsAuth } from '../../ews';
import { connectionAuth } from './connectionAuth';
import type { AutodiscoverDeps } from '../port';
import type { ConnectionParams } from '../connectionParams';
import { tunnelSettings } from './serverCertificate';
import { processTrustedCertificates } from './trustedCertificates';

export type { AutodiscoverDeps } from '../port';

export async function runAutodiscover(request: AutodiscoverRequest, deps: AutodiscoverDeps = {}): Promise<AutodiscoverResult> {
  const email = request.email.trim();
  const allowed = new Set((request.allowHosts ?? []).map((host) => host.toLowerCase()));
  let refusedHost: string | undefined;
  const authFor = (url: string): EwsAuth => {
    const params: ConnectionParams = { url, authKind: request.authKind, demo: false };
    if (request.user !== undefined) params.user = request.user;
    if (request.domain !== undefined) params.domain = request.domain;
    if (request.schemes !== undefined) params.schemes = request.schemes;
    if (request.secret !== undefined) params.secret = request.secret;
    const signIn = connectionAuth(params, deps.environment ?? {});
    if (!signIn.ok) throw new Error(signIn.error.message);
    return signIn.auth;
  };
  if (request.authKind === 'windows') {
    return {
      ok: false,
      message: 'Autodiscover with Windows sign-in is not available: enter the EWS URL, or find it with a user name and password.',
      steps: [],
    };
  }
  const ca = deps.ca ?? processTrustedCertificates();
  const connectVia = deps.connectVia ?? deps.environment?.connectVia;
  const proxy = tunnelSettings(request.proxy);
  const result = await autodiscover(email, {
    auth: authFor,
    confirmRedirect: (_domain, host) => {
      if (allowed.has(host.toLowerCase())) return Promise.resolve(true);
      refusedHost ??= host;
      return Promise.resolve(false);
    },
    ...(deps.dns === undefined ? {} : { dns: deps.dns }),
    ...(connectVia === undefined ? {} : { connectVia }),
    ...(proxy === undefined ? {} : { proxy }),
    ...(ca === undefined ? {} : { ca }),
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
    // The POX requests show in Help → Trace like every other request of the run.
    ...(deps.environment?.onExchange === undefined ? {} : { onExchange: deps.environment.onExchange }),
  });
  const steps = result.steps.map((step) => ({ name: step.step, outcome: step.outcome, detail: step.detail, ms: step.ms }));
  if (result.ok) return { ok: true, url: result.ewsUrl, steps };
  return refusedHost === undefined ? { ok: false, message: result.message, steps } : { ok: false, message: result.message, steps, confirmHost: refusedHost };
}
