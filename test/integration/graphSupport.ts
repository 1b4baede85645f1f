// The Graph client against the Graph simulator over https: a client trusting the simulator's
// certificate, with a token the simulator's authority signed (or one MSAL got from it).
import { GraphClient, type TokenSource } from '../../electron/graph/client';
import { HttpsTransport } from '../../electron/graph/transport';
import type { RunningGraphSimulator } from '../../electron/simGraph';

export const ADMIN = 'admin@contoso.com';

export interface SimClient {
  client: GraphClient;
  transport: HttpsTransport;
  close(): void;
}

export function simClient(sim: RunningGraphSimulator, token?: TokenSource): SimClient {
  const transport = new HttpsTransport({ ...(sim.certificatePem ? { ca: sim.certificatePem } : {}), maxSockets: 16 });
  const minted = sim.mintAccessToken({ user: ADMIN, permissions: ['Mail.ReadWrite'] });
  const client = new GraphClient({ baseUrl: sim.graphUrl, token: token ?? (() => Promise.resolve(minted)), http: transport });
  return { client, transport, close: () => transport.close() };
}

function htmlDecode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? '');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : htmlDecode(match[1]);
}

/**
 * A browser reduced to an HTTP client, for the authority's auto-approved sign-in: GET the
 * authorize URL, then submit its self-posting form (response_mode=form_post) to MSAL's loopback
 * as the page's script would. MSAL names http://localhost:PORT and listens on 127.0.0.1.
 */
export function httpBrowser(caPem: string, opened: string[] = []): (url: string) => Promise<void> {
  return async (url: string) => {
    opened.push(url);
    const transport = new HttpsTransport({ ca: caPem });
    const page = await transport.send({ method: 'GET', url: new URL(url), headers: {}, timeoutMs: 10_000, maxResponseBytes: 200_000 });
    transport.close();
    if (!page.ok) throw new Error(`authorize page: ${page.failure.message}`);
    const html = page.response.body;
    const formTag = /<form\b[^>]*>/i.exec(html)?.[0];
    const action = formTag ? attribute(formTag, 'action') : undefined;
    if (page.response.status !== 200 || !action) throw new Error(`authorize answered ${page.response.status} without a form: ${html.slice(0, 200)}`);
    const fields = new URLSearchParams();
    for (const tag of html.match(/<input\b[^>]*>/gi) ?? []) {
      const name = attribute(tag, 'name');
      if (name && attribute(tag, 'type')?.toLowerCase() === 'hidden') fields.append(name, attribute(tag, 'value') ?? '');
    }
    const target = new URL(action);
    if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
    const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
    await answer.text();
    if (answer.status !== 200) throw new Error(`the loopback answered ${answer.status}`);
  };
}
