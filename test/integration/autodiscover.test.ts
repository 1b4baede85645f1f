// The client's Autodiscover chain against the real simulator over TLS: an injected mapping sends
// contoso.com, autodiscover.contoso.com and mail.contoso.com to the simulator (Host and SNI keep
// the names, as on a real network), port 80 of autodiscover.contoso.com to its plain-HTTP redirect
// listener, and anything else to a closed port, so nothing leaves this computer. The EWS URL found
// must then work: a client connects to it and reads the folder tree.
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { connect as tcpConnect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  autodiscover,
  BasicAuth,
  EwsClient,
  HttpTransport,
  PasswordAuth,
  type AutodiscoverDns,
  type AutodiscoverOptions,
  type ConnectVia,
  type EwsAuth,
  type ExchangeRecord,
  type SrvRecord,
} from '../../electron/ews';
import { runAutodiscover } from '../../electron/backends/ews/autodiscover';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/sim';

const NAMES = ['contoso.com', 'autodiscover.contoso.com', 'mail.contoso.com'];
const DOMAIN_URL = 'https://contoso.com/autodiscover/autodiscover.xml';
const SUBDOMAIN_URL = 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml';

let basicSim: RunningSimulator;
let ntlmSim: RunningSimulator;
let closedPort = 0;

function simOptions(extra: Partial<SimulatorOptions>): SimulatorOptions {
  return {
    seed: 'demo',
    bulkItems: 0,
    demoScale: 0.05,
    throttling: false,
    tls: true,
    tlsHostnames: NAMES,
    redirectListener: true,
    onInternalError: () => undefined,
    ...extra,
  };
}

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  [basicSim, ntlmSim] = await Promise.all([
    startSimulator(simOptions({})),
    // NTLM only (Basic off), its redirect naming autodiscover.contoso.com so one URL is POSTed to more than once.
    startSimulator(simOptions({ auth: ['ntlm'], redirectHost: 'autodiscover.contoso.com' })),
  ]);
});
afterAll(async () => {
  await Promise.all([basicSim?.close(), ntlmSim?.close()]);
});

interface Network {
  connectVia: ConnectVia;
  /** Every TCP connection opened, as "host:port" of the URL. */
  opened: string[];
}

/** The contoso names reach `sim` (https) and its redirect listener (port 80); the https port of `down` names and every other name a closed port. */
function network(sim: RunningSimulator, down: readonly string[] = []): Network {
  const redirectPort = Number(new URL(sim.redirectUrl ?? 'http://127.0.0.1:1/').port);
  const opened: string[] = [];
  const connectVia: ConnectVia = (host, port) => {
    opened.push(`${host}:${port}`);
    if (host === '127.0.0.1') return { host, port };
    if (!NAMES.includes(host)) return { host: '127.0.0.1', port: closedPort };
    if (port === 80) return { host: '127.0.0.1', port: host === 'autodiscover.contoso.com' ? redirectPort : closedPort };
    return { host: '127.0.0.1', port: down.includes(host) ? closedPort : sim.port };
  };
  return { connectVia, opened };
}

const noSrv: AutodiscoverDns = { resolveSrv: () => Promise.reject(Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' })) };

function chainOptions(sim: RunningSimulator, net: Network, extra: Partial<AutodiscoverOptions> = {}): AutodiscoverOptions {
  return { auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), ca: sim.certificatePem ?? '', dns: noSrv, timeoutMs: 5000, connectVia: net.connectVia, ...extra };
}

const steps = (result: { steps: { step: string; outcome: string }[] }): string[] => result.steps.map((s) => `${s.outcome} ${s.step}`);

/** The found EWS URL works: a client reaches it (through the same mapping) and reads the folder tree. */
async function folderNames(sim: RunningSimulator, ewsUrl: string, net: Network, auth: EwsAuth): Promise<string[]> {
  const transport = new HttpTransport({ url: ewsUrl, auth, ca: sim.certificatePem ?? '', connectVia: net.connectVia });
  const client = new EwsClient({ url: ewsUrl, auth, transport });
  try {
    const [tree] = await client.findFolder({ parents: [{ distinguished: 'msgfolderroot' }], traversal: 'Deep' });
    if (tree === undefined || !tree.ok) throw new Error(`FindFolder failed: ${JSON.stringify(tree)}`);
    return tree.value.folders.map((folder) => folder.displayName ?? '');
  } finally {
    client.close();
  }
}

describe('Autodiscover chain against the simulator', () => {
  it('(a) finds the EWS URL at https://contoso.com, and that URL opens the mailbox', async () => {
    const net = network(basicSim);
    const result = await autodiscover(DEMO_ADMIN, chainOptions(basicSim, net));
    expect(result).toMatchObject({ ok: true, ewsUrl: 'https://contoso.com/EWS/Exchange.asmx', email: DEMO_ADMIN });
    expect(steps(result)).toEqual(['skipped SCP lookup (Active Directory)', `ok POX ${DOMAIN_URL}`]);
    expect(result.steps[1]?.detail).toBe('EWS URL https://contoso.com/EWS/Exchange.asmx (protocol EXCH)');
    if (!result.ok) return;
    expect(await folderNames(basicSim, result.ewsUrl, net, new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD))).toEqual(
      expect.arrayContaining(['Inbox', 'Deleted Items', 'Sent Items']),
    );
  });

  it('(b) goes on to autodiscover.contoso.com when contoso.com does not answer', async () => {
    const net = network(basicSim, ['contoso.com']);
    const result = await autodiscover(DEMO_ADMIN, chainOptions(basicSim, net));
    expect(result).toMatchObject({ ok: true, ewsUrl: 'https://autodiscover.contoso.com/EWS/Exchange.asmx' });
    expect(steps(result).slice(1)).toEqual([`failed POX ${DOMAIN_URL}`, `ok POX ${SUBDOMAIN_URL}`]);
    expect(result.steps[1]?.detail).toMatch(/refused/);
    if (!result.ok) return;
    expect(await folderNames(basicSim, result.ewsUrl, net, new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD))).toContain('Inbox');
  });

  it('(c) falls back to the HTTP redirect method and asks before following it outside the domain', async () => {
    const net = network(basicSim, ['contoso.com', 'autodiscover.contoso.com']);
    const target = `https://127.0.0.1:${basicSim.port}/autodiscover/autodiscover.xml`;
    const refused = await autodiscover(DEMO_ADMIN, chainOptions(basicSim, net, { confirmRedirect: () => Promise.resolve(false) }));
    expect(refused.ok).toBe(false);
    expect(steps(refused).slice(1)).toEqual([
      `failed POX ${DOMAIN_URL}`,
      `failed POX ${SUBDOMAIN_URL}`,
      'ok Redirect GET http://autodiscover.contoso.com/autodiscover/autodiscover.xml',
      `skipped POX ${target}`,
      'failed SRV _autodiscover._tcp.contoso.com',
    ]);
    expect(refused.steps[3]?.detail).toBe(`HTTP 302 to ${target}`);
    expect(net.opened).not.toContain(`127.0.0.1:${basicSim.port}`);

    const asked: string[][] = [];
    const allowed = await autodiscover(
      DEMO_ADMIN,
      chainOptions(basicSim, net, { confirmRedirect: (from, to) => (asked.push([from, to]), Promise.resolve(true)) }),
    );
    expect(asked).toEqual([['contoso.com', '127.0.0.1']]);
    expect(allowed).toMatchObject({ ok: true, ewsUrl: `https://127.0.0.1:${basicSim.port}/EWS/Exchange.asmx` });
    expect(steps(allowed).at(-1)).toBe(`ok POX ${target}`);
    if (!allowed.ok) return;
    expect(await folderNames(basicSim, allowed.ewsUrl, net, new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD))).toContain('Inbox');
  });

  it('(c) through the service: the host outside the domain comes back to ask, then is allowed; the POST is traced', async () => {
    const net = network(basicSim, ['contoso.com', 'autodiscover.contoso.com']);
    const traced: ExchangeRecord[] = [];
    const deps = {
      dns: noSrv,
      connectVia: net.connectVia,
      ca: basicSim.certificatePem ?? '',
      timeoutMs: 5000,
      environment: { onExchange: (r: ExchangeRecord) => traced.push(r) },
    };
    const request = { email: DEMO_ADMIN, authKind: 'basic' as const, user: DEMO_ADMIN, secret: DEMO_PASSWORD };
    const first = await runAutodiscover(request, deps);
    expect(first).toMatchObject({ ok: false, confirmHost: '127.0.0.1' });
    const second = await runAutodiscover({ ...request, allowHosts: ['127.0.0.1'] }, deps);
    expect(second).toMatchObject({ ok: true, url: `https://127.0.0.1:${basicSim.port}/EWS/Exchange.asmx` });
    expect(JSON.stringify([first, second])).not.toContain(DEMO_PASSWORD);
    // The POSTs reach the trace (which redacts them) like every other request.
    // Two runs: contoso.com and autodiscover.contoso.com refused the connection each time (no status); then 127.0.0.1 answered.
    expect(traced.filter((r) => r.operation === 'Autodiscover').map((r) => r.status)).toEqual([undefined, undefined, undefined, undefined, 200]);
  });

  it('(d) an address Exchange does not know ends with error 500, said plainly', async () => {
    const net = network(basicSim);
    const result = await autodiscover('ghost@contoso.com', chainOptions(basicSim, net));
    expect(result.ok).toBe(false);
    const notFound = 'Autodiscover error 500: The e-mail address cannot be found.';
    expect(result.steps.filter((s) => s.step.startsWith('POX') && s.outcome === 'failed').map((s) => s.detail)).toEqual([notFound, notFound]);
    expect(result.ok === false && result.message).toMatch(
      /^Exchange does not know ghost@contoso\.com \(Autodiscover error 500 from 2 servers\): check the address/,
    );
  });

  it('(e) signs in with NTLM (Basic off), and the URL found opens the mailbox with NTLM', async () => {
    const net = network(ntlmSim);
    const made: PasswordAuth[] = [];
    const auth = (): PasswordAuth => {
      const next = new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD });
      made.push(next);
      return next;
    };
    const result = await autodiscover(DEMO_ADMIN, chainOptions(ntlmSim, net, { auth }));
    expect(result).toMatchObject({ ok: true, ewsUrl: 'https://contoso.com/EWS/Exchange.asmx' });
    expect(made.map((a) => a.scheme)).toEqual(['ntlm']);
    const basicOnly = await autodiscover(DEMO_ADMIN, chainOptions(ntlmSim, network(ntlmSim)));
    expect(basicOnly.ok === false && basicOnly.message).toMatch(/refused the sign-in/);
    if (!result.ok) return;
    const ews = new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD });
    expect(await folderNames(ntlmSim, result.ewsUrl, net, ews)).toContain('Inbox');
    expect(ews.scheme).toBe('ntlm');
  });
});

/** A forward proxy on 127.0.0.1: CONNECT tunnels and absolute-form GETs, each target reached through `net`. */
async function startProxy(net: Network): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const target = new URL(req.url ?? '/');
    const to = net.connectVia(target.hostname, Number(target.port || 80));
    const upstream = httpRequest(
      { host: to.host, port: to.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    const to = net.connectVia(host, Number(port));
    const upstream = tcpConnect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Autodiscover through an explicit proxy', () => {
  it('POSTs through CONNECT tunnels and sends the redirect probe to the proxy; nothing else is reached', async () => {
    const behind = network(basicSim, ['contoso.com', 'autodiscover.contoso.com']);
    const proxy = await startProxy(behind);
    const opened: string[] = [];
    const toProxy: ConnectVia = (host, port) => (opened.push(`${host}:${port}`), { host: '127.0.0.1', port: proxy.port });
    try {
      const result = await autodiscover(
        DEMO_ADMIN,
        chainOptions(basicSim, behind, { connectVia: toProxy, proxy: { url: 'http://proxy.contoso.com:8080' }, confirmRedirect: () => Promise.resolve(true) }),
      );
      expect(result).toMatchObject({ ok: true, ewsUrl: `https://127.0.0.1:${basicSim.port}/EWS/Exchange.asmx` });
      expect(steps(result).slice(1, 4)).toEqual([
        `failed POX ${DOMAIN_URL}`,
        `failed POX ${SUBDOMAIN_URL}`,
        'ok Redirect GET http://autodiscover.contoso.com/autodiscover/autodiscover.xml',
      ]);
      expect(proxy.seen).toEqual([
        'CONNECT contoso.com:443',
        'CONNECT autodiscover.contoso.com:443',
        'GET http://autodiscover.contoso.com/autodiscover/autodiscover.xml',
        `CONNECT 127.0.0.1:${basicSim.port}`,
      ]);
      expect(new Set(opened)).toEqual(new Set(['proxy.contoso.com:8080']));
      expect(behind.opened).not.toContain('proxy.contoso.com:8080');

      // The connect screen's request carries the proxy; the service sends the run through it.
      const before = proxy.seen.length;
      const viaService = await runAutodiscover(
        {
          email: DEMO_ADMIN,
          authKind: 'basic',
          user: DEMO_ADMIN,
          secret: DEMO_PASSWORD,
          proxy: { url: 'http://proxy.contoso.com:8080' },
          allowHosts: ['127.0.0.1'],
        },
        { dns: noSrv, connectVia: toProxy, ca: basicSim.certificatePem ?? '', timeoutMs: 5000 },
      );
      expect(viaService).toMatchObject({ ok: true, url: `https://127.0.0.1:${basicSim.port}/EWS/Exchange.asmx` });
      expect(proxy.seen.slice(before)).toHaveLength(4);
      expect(new Set(opened)).toEqual(new Set(['proxy.contoso.com:8080']));
    } finally {
      await proxy.close();
    }
  });
});

describe('NTLM inside Autodiscover: one handshake per socket', () => {
  const isNegotiateMessage = (record: ExchangeRecord): boolean => /^NTLM TlRMTVNTUAABAAAA/.test(record.requestHeaders?.Authorization ?? '');

  it('POSTs to one URL more than once in a run over one signed-in socket', async () => {
    // ghost@ is unknown, so every place is tried: autodiscover.contoso.com directly, through the
    // redirect method (302 to the same URL) and as the SRV target (port 443, the same URL again).
    const net = network(ntlmSim);
    const records: ExchangeRecord[] = [];
    const srv: SrvRecord[] = [{ name: 'autodiscover.contoso.com', port: 443, priority: 0, weight: 0 }];
    const result = await autodiscover(
      'ghost@contoso.com',
      chainOptions(ntlmSim, net, {
        auth: () => new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD }),
        dns: { resolveSrv: () => Promise.resolve(srv) },
        onExchange: (record) => records.push(record),
      }),
    );
    expect(result.ok).toBe(false);
    expect(steps(result).filter((s) => s.endsWith(SUBDOMAIN_URL))).toEqual([
      `failed POX ${SUBDOMAIN_URL}`,
      `failed POX ${SUBDOMAIN_URL}`,
      `failed POX ${SUBDOMAIN_URL}`,
    ]);
    const posts = (status: number) => records.filter((r) => r.operation === 'Autodiscover' && r.status === status);
    // Every POST got its answer (error 500 in an HTTP 200 document)...
    expect(posts(200)).toHaveLength(4);
    // ...after one handshake per URL: the offer 401 and the challenge 401 each once per socket.
    expect(records.filter(isNegotiateMessage)).toHaveLength(2);
    expect(posts(401)).toHaveLength(4);
    expect(net.opened.filter((o) => o === 'autodiscover.contoso.com:443')).toHaveLength(1);
    expect(net.opened.filter((o) => o === 'contoso.com:443')).toHaveLength(1);
  });
});
