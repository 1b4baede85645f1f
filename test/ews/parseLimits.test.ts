// Issue 14, point 1: an answer cannot freeze the process that reads it. Each operation reads at
// most its own cap (a 1000-row page is 1–2 MB), one text node has a length limit, and a large
// answer is parsed on the parse worker's thread while this event loop keeps turning.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { BasicAuth, EwsClient, EwsError } from '../../electron/ews';
import { sharedParseOffload } from '../../electron/ews/parseOffload';
import { responseCapFor } from '../../electron/ews/responseLimits';
import type { EwsTransport, PostOptions, RawResponse } from '../../electron/ews/transportPort';
import { fault, faultValues, messageXml, opResponse, success } from './soapFixtures';

afterAll(() => sharedParseOffload().close());

/** Answers every post with `body`, recording the options each call passed. */
function fixedTransport(body: string, status = 200): EwsTransport & { calls: PostOptions[] } {
  const calls: PostOptions[] = [];
  return {
    host: 'mail.contoso.com',
    calls,
    post: async (_xml: string, options: PostOptions): Promise<RawResponse> => {
      calls.push(options);
      return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
    },
    close: () => undefined,
  };
}

function client(body: string, extra: Partial<ConstructorParameters<typeof EwsClient>[0]> = {}, status = 200): { client: EwsClient; calls: PostOptions[] } {
  const transport = fixedTransport(body, status);
  return {
    client: new EwsClient({ url: 'https://mail.contoso.com/EWS/Exchange.asmx', auth: new BasicAuth('a', 'b'), transport, ...extra }),
    calls: transport.calls,
  };
}

function page(rows: number): string {
  let items = '';
  for (let n = 0; n < rows; n++) items += messageXml(n);
  return opResponse(
    'FindItem',
    success(
      'FindItem',
      `<m:RootFolder IndexedPagingOffset="${rows}" TotalItemsInView="${rows}" IncludesLastItemInRange="true"><t:Items>${items}</t:Items></m:RootFolder>`,
    ),
  );
}

const INBOX = { distinguished: 'inbox' } as const;
const FIRST_PAGE = { folder: INBOX, page: { offset: 0, maxEntries: 1000 } };

async function rejection(promise: Promise<unknown>): Promise<EwsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EwsError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('per-operation response caps', () => {
  it('are a few times a full page, far below the old 64 MiB', () => {
    expect(responseCapFor('FindItem')).toBe(8 * 1024 * 1024);
    expect(responseCapFor('MoveItem')).toBe(4 * 1024 * 1024);
    expect(responseCapFor('GetItem')).toBe(16 * 1024 * 1024);
    expect(responseCapFor('SomethingNew')).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('are passed to the transport with each call, unless the caller set one cap for all', async () => {
    const plain = client(page(1));
    await plain.client.findItem(FIRST_PAGE);
    await plain.client.deleteItem({ items: [{ id: 'x' }], deleteType: 'SoftDelete' }).catch(() => undefined);
    expect(plain.calls.map((call) => call.maxResponseBytes)).toEqual([8 * 1024 * 1024, 4 * 1024 * 1024]);
    const capped = client(page(1), { maxResponseBytes: 123_456 });
    await capped.client.findItem(FIRST_PAGE);
    expect(capped.calls[0]?.maxResponseBytes).toBe(123_456);
  });

  describe('over HTTP', () => {
    let server: Server;
    let url = '';
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a FindItem answer past 8 MiB is refused before it is parsed', async () => {
      const huge = Buffer.alloc(9 * 1024 * 1024, 'a');
      server = createServer((_req, res) => {
        _req.resume();
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': huge.length });
        res.end(huge);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
      const ews = new EwsClient({ url, auth: new BasicAuth('a', 'b') });
      const error = await rejection(ews.findItem(FIRST_PAGE));
      ews.close();
      expect(error.kind).toBe('malformed');
      expect(error.message).toContain('larger than 8 MiB');
    });
  });
});

describe('text-node limit', () => {
  const longSubject = (length: number): string =>
    opResponse(
      'FindItem',
      success(
        'FindItem',
        `<m:RootFolder IndexedPagingOffset="1" TotalItemsInView="1" IncludesLastItemInRange="true"><t:Items>${messageXml(0).replace(/<t:Subject>[^<]*<\/t:Subject>/, `<t:Subject>${'s'.repeat(length)}</t:Subject>`)}</t:Items></m:RootFolder>`,
      ),
    );

  it('refuses one text node longer than the limit, inline and in the worker', async () => {
    for (const parseInWorkerAbove of [false, 1] as const) {
      const error = await rejection(client(longSubject(5000), { maxTextLength: 4000, parseInWorkerAbove }).client.findItem(FIRST_PAGE));
      expect(error.kind, String(parseInWorkerAbove)).toBe('malformed');
      expect(error.message).toContain('longer than 4000 characters');
    }
  });

  it("counts an element's text segments together", async () => {
    const split = opResponse(
      'GetFolder',
      `<m:GetFolderResponseMessage ResponseClass="Error"><m:MessageText>${'a'.repeat(3000)}<!-- -->${'b'.repeat(3000)}</m:MessageText><m:ResponseCode>ErrorAccessDenied</m:ResponseCode></m:GetFolderResponseMessage>`,
    );
    const error = await rejection(client(split, { maxTextLength: 4000, parseInWorkerAbove: false }).client.getFolder({ folders: [INBOX] }));
    expect(error.message).toContain('longer than 4000 characters');
  });

  it('lets text up to the limit through', async () => {
    const [result] = [await client(longSubject(3000), { maxTextLength: 4000, parseInWorkerAbove: false }).client.findItem(FIRST_PAGE)];
    expect(result?.ok && result.value.items[0]?.subject?.length).toBe(3000);
  });
});

describe('large answers are parsed off this event loop', () => {
  const big = page(6000);

  it('timers keep firing while a 6000-row answer is read, and the rows are the same as read here', async () => {
    expect(big.length).toBeGreaterThan(3 * 1024 * 1024);
    const inline = await client(big, { parseInWorkerAbove: false }).client.findItem(FIRST_PAGE);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let offloaded;
    try {
      offloaded = await client(big).client.findItem(FIRST_PAGE);
    } finally {
      clearInterval(timer);
    }
    // Read here, the parse runs in the same macrotask as the answer's arrival: no timer can fire.
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(offloaded).toEqual(inline);
  });

  it('keeps the error kind and details across the thread (a fault, an unusable answer)', async () => {
    const padding = `<!--${'p'.repeat(600 * 1024)}-->`;
    const busy = fault('ErrorServerBusy', 'The server cannot service this request right now.', faultValues({ BackOffMilliseconds: '2500' })).replace(
      '</s:Body>',
      `${padding}</s:Body>`,
    );
    const error = await rejection(client(busy, {}, 500).client.findItem(FIRST_PAGE));
    expect({ kind: error.kind, code: error.responseCode, backOff: error.backOffMs, retryable: error.retryable }).toEqual({
      kind: 'fault',
      code: 'ErrorServerBusy',
      backOff: 2500,
      retryable: true,
    });
    const truncated = await rejection(client(big.slice(0, -40)).client.findItem(FIRST_PAGE));
    expect(truncated.kind).toBe('malformed');
  });

  it('small answers stay on this thread (no timer fires before the result)', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    await client(page(3)).client.findItem(FIRST_PAGE);
    expect(fired).toBe(false);
  });
});
