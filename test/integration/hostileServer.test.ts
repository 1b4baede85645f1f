// The attack run kept as tests (issue 13 §3): a hostile EWS server on 127.0.0.1 answers a
// three-item MoveItem with what an attacker or a broken proxy could send. Every case must end in
// a typed error (never a success the client reads results from), within a bounded time. The last
// part puts a corrupting proxy in front of the simulator: the engine must verify a batch whose
// answer was malformed, and the mailbox and the report must agree.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, EwsClient, EwsError } from '../../electron/ews';
import { EwsJobBackend } from '../../electron/backends/ews/jobBackend';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { opResponse, success } from '../ews/soapFixtures';
import { makeEngine, outcomesOf, tempDir } from '../jobs/helpers';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const moved = (n: number): string => success('MoveItem', `<m:Items><t:Message><t:ItemId Id="new${n}" ChangeKey="ck"/></t:Message></m:Items>`);
const threeMoved = opResponse('MoveItem', moved(1) + moved(2) + moved(3));

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let url: string;
let requests = 0;

async function listen(h: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const s = createServer(h);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const l = await listen((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => handler(req, res));
  });
  server = l.server;
  url = `${l.base}/EWS/Exchange.asmx`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function xml(body: string, status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', ...headers });
    res.end(body);
  };
}

/** Moves three items through a client of the hostile server; the error it ends with. */
async function moveThree(opts: { timeoutMs?: number; maxResponseBytes?: number } = {}): Promise<EwsError> {
  const client = new EwsClient({
    url,
    auth: new BasicAuth('admin', 'secret'),
    parseInWorkerAbove: false,
    timeoutMs: opts.timeoutMs ?? 5_000,
    ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
  });
  try {
    const r = await client.moveItem({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], to: { id: 'dest' } });
    throw new Error(`accepted as a result: ${JSON.stringify(r)}`);
  } catch (err) {
    if (!(err instanceof EwsError)) throw err;
    return err;
  } finally {
    client.close();
  }
}

describe('hostile EWS server (127.0.0.1)', () => {
  it('a well-formed answer is read (the control)', async () => {
    handler = xml(threeMoved);
    const client = new EwsClient({ url, auth: new BasicAuth('admin', 'secret'), parseInWorkerAbove: false });
    const r = await client.moveItem({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], to: { id: 'dest' } });
    client.close();
    expect(r).toHaveLength(3);
  });

  it.each([
    ['mismatched tags', threeMoved.replace('</m:MoveItemResponseMessage>', '</m:ResponseMessages>'), /mismatched tags/],
    ['an unclosed element', threeMoved.replace('</m:ResponseMessages>', ''), /mismatched tags|never closed/],
    ['two envelopes', threeMoved + threeMoved.replace('<?xml version="1.0" encoding="utf-8"?>', ''), /more than one root element/],
    [
      'the wrong envelope namespace',
      threeMoved.replaceAll('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'),
      /SOAP 1\.1 namespace/,
    ],
    ['the wrong EWS namespace', threeMoved.replace(`xmlns:m="${M}"`, 'xmlns:m="urn:evil"'), /EWS messages namespace/],
    [
      'a repeated ResponseClass',
      threeMoved.replace('ResponseClass="Success"', 'ResponseClass="Error" ResponseClass="Success"'),
      /ResponseClass is given twice/,
    ],
    ['an undeclared prefix', threeMoved.replace(`xmlns:m="${M}" `, ''), /prefix of <m:MoveItemResponse> is not declared/],
    ['text outside the envelope', `${threeMoved}garbage`, /truncated|text outside/],
    [
      'a DOCTYPE with entities',
      threeMoved.replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY a "AAAA">]>'),
      /DOCTYPE/,
    ],
  ])('%s: malformed, nothing read', async (_name, body, reason) => {
    handler = xml(body);
    const err = await moveThree();
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(reason);
  });

  it('a redirect is not followed (credentials never go elsewhere)', async () => {
    const elsewhere = await listen((req, res) => {
      elsewhereHits++;
      res.end();
    });
    let elsewhereHits = 0;
    handler = (_req, res) => {
      res.writeHead(302, { location: `${elsewhere.base}/EWS/Exchange.asmx` });
      res.end();
    };
    const err = await moveThree();
    expect(err.kind).toBe('redirect');
    expect(elsewhereHits).toBe(0);
    await new Promise<void>((resolve) => elsewhere.server.close(() => resolve()));
  });

  it('a huge body is cut off at the size cap', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const more = (): void => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64 && !res.destroyed) res.once('drain', more);
        else res.end();
      };
      res.on('close', () => (sent = 64));
      more();
    };
    const err = await moveThree({ maxResponseBytes: 1024 * 1024 });
    expect(err.kind).toBe('malformed');
  });

  it('a gzip bomb is cut off at the size cap', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
      res.end(bomb);
    };
    const err = await moveThree({ maxResponseBytes: 1024 * 1024 });
    expect(['malformed', 'network']).toContain(err.kind);
  });

  it('a slow body is cut off by the deadline', async () => {
    const timers: NodeJS.Timeout[] = [];
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 50);
      timers.push(t);
      res.on('close', () => clearInterval(t));
    };
    const started = Date.now();
    const err = await moveThree({ timeoutMs: 600 });
    for (const t of timers) clearInterval(t);
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a count mismatch (two answers for three items) is not read as three results', async () => {
    handler = xml(opResponse('MoveItem', moved(1) + moved(2)));
    const client = new EwsClient({ url, auth: new BasicAuth('admin', 'secret'), parseInWorkerAbove: false });
    const backend = new EwsJobBackend(client, { part: 'primary' });
    await expect(backend.moveItems(['a', 'b', 'c'], 'dest', AbortSignal.timeout(5_000))).rejects.toMatchObject({ mayHaveExecuted: true });
    client.close();
  });

  it('counts requests (the server was reached for every case)', () => {
    expect(requests).toBeGreaterThan(10);
  });
});

// ---- a corrupting proxy in front of the simulator ------------------------------------------------

describe('malformed answers to a move job (proxy in front of the simulator)', () => {
  let sim: RunningSimulator;
  let proxy: Server;
  let proxyUrl: string;
  let dir: string;
  let cleanup: () => void;
  /** MoveItem requests seen; the second one is swallowed and answered with a malformed "success". */
  let moves = 0;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty', throttling: false });
    const target = new URL(sim.url);
    const l = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (body.includes('<m:MoveItem') && ++moves === 2) {
          // Not forwarded: nothing moved, yet the answer claims success for every item, in tags
          // that do not nest (fast-xml-parser alone reads them as successes).
          const n = (body.toString('utf8').match(/<t:ItemId /g) ?? []).length;
          const messages = Array.from({ length: n }, (_, i) => moved(i)).join('');
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
          res.end(opResponse('MoveItem', messages).replace('</m:MoveItemResponseMessage>', '</m:ResponseMessages>'));
          return;
        }
        fetch(new URL(req.url ?? '/', target), { method: req.method ?? 'POST', headers: req.headers as Record<string, string>, body })
          .then(async (r) => {
            res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/xml' });
            res.end(Buffer.from(await r.arrayBuffer()));
          })
          .catch(() => res.destroy());
      });
    });
    proxy = l.server;
    proxyUrl = `${l.base}/EWS/Exchange.asmx`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await sim.close();
  });
  afterEach(() => cleanup());

  it('the batch is verified against the mailbox: nothing reported done that did not move', async () => {
    ({ dir, cleanup } = tempDir('hostile-'));
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    if (!inbox) throw new Error('no inbox');
    const src = sim.store.createFolder(inbox.id, 'Hostile source').id;
    const dst = sim.store.createFolder(inbox.id, 'Hostile dest').id;
    const ids = sim.store.seedItems(src, 300, { subject: (i) => `hostile-${i}`, receivedStepSeconds: 1, received: '2025-06-01T00:00:00Z', size: 2048 });
    const client = new EwsClient({ url: proxyUrl, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), parseInWorkerAbove: false });
    const engine = makeEngine(dir, new EwsJobBackend(client, { part: 'primary' }), {
      initialConcurrency: 1,
      concurrencyCap: 1,
      batch: { initial: 100, min: 100, max: 100 },
      requestTimeoutMs: 10_000,
    });
    const job = await engine.start({ mailbox: { part: 'primary' }, action: { kind: 'move', toFolderId: dst }, target: { kind: 'ids', ids } });
    const res = await job.done;
    client.close();
    expect(moves).toBeGreaterThanOrEqual(4);
    expect(res.state).toBe('completed');
    const outcomes = await outcomesOf(dir, job.jobId);
    const inDest = new Set(sim.store.folderItems(dst).map((i) => i.subject));
    const inSrc = new Set(sim.store.folderItems(src).map((i) => i.subject));
    let done = 0;
    for (const [id, row] of outcomes) {
      expect(ids).toContain(id);
      if (row.outcome === 'done') {
        done++;
        expect(inDest.has(row.subject)).toBe(true);
      }
      if (row.outcome === 'failed' || row.outcome === 'notAttempted') expect(inSrc.has(row.subject)).toBe(true);
    }
    // The swallowed batch was found still in place and sent again: every item moved, once.
    expect(done).toBe(300);
    expect(inDest.size).toBe(300);
    expect(sim.store.itemCount(dst)).toBe(300);
  });
});
