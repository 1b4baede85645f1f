// Issue 14, the simulator's side: the operation table answers only its own entries, a DOCTYPE is
// refused before parsing, and the demo's options (localHostOnly, maxRequestBytes) close the local
// exposure: a Host other than 127.0.0.1/localhost and an oversized body are refused unread.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { OPERATIONS, operationHandler } from '../../electron/sim/ops/index';
import { isLocalHost } from '../../electron/sim/server';
import { ADMIN, PASSWORD, basic, envelope, fault, post } from './helpers';

let sim: RunningSimulator;
let demoLike: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  demoLike = await startSimulator({ seed: 'empty', throttling: false, localHostOnly: true, maxRequestBytes: 64 * 1024 });
});
afterAll(async () => {
  await sim.close();
  await demoLike.close();
});

const GET_INBOX =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

interface RawAnswer {
  status: number;
  text: string;
}

/** A POST with a chosen Host header and, optionally, a declared length larger than what is sent. */
function rawPost(target: RunningSimulator, body: string, options: { host?: string; declaredLength?: number }): Promise<RawAnswer> {
  const url = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: {
          host: options.host ?? `127.0.0.1:${url.port}`,
          'content-type': 'text/xml; charset=utf-8',
          authorization: basic(ADMIN, PASSWORD),
          'content-length': options.declaredLength ?? Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // With a larger declared length the body is left unfinished: the answer must come anyway.
    if (options.declaredLength === undefined) req.end(body);
    else req.write(body);
  });
}

describe('operation table', () => {
  it('finds only its own entries, never Object.prototype members', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(operationHandler(name), name).toBeUndefined();
      expect(OPERATIONS[name], name).toBeUndefined();
    }
    expect(typeof operationHandler('GetFolder')).toBe('function');
  });

  it('answers m:constructor and m:toString as unknown requests, not internal errors', async () => {
    for (const name of ['constructor', 'toString']) {
      const answer = await post(sim, `<m:${name}/>`);
      expect(answer.status, name).toBe(500);
      expect(fault(answer.text)?.code, name).toBe('ErrorSchemaValidation');
    }
  });
});

describe('DOCTYPE', () => {
  it('is refused before parsing, as a schema-validation fault, and no entity is expanded', async () => {
    const body = envelope(GET_INBOX).replace('<soap:Envelope', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><soap:Envelope');
    const answer = await post(sim, body, { raw: true });
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorSchemaValidation');
    expect(answer.text).toContain('DTD is prohibited');
    expect(answer.text).not.toContain('aaaaaaaaaa');
    // After a comment, too; but the same characters inside the document are data, not a DOCTYPE.
    const afterComment = envelope(GET_INBOX).replace('<soap:Envelope', '<!-- x --><!DOCTYPE x><soap:Envelope');
    expect(fault((await post(sim, afterComment, { raw: true })).text)?.code).toBe('ErrorSchemaValidation');
    const inData = envelope(GET_INBOX).replace('</soap:Body>', '<!-- <!DOCTYPE html> --></soap:Body>');
    expect((await post(sim, inData, { raw: true })).status).toBe(200);
  });
});

describe('the demo options', () => {
  it('knows which Host headers are local', () => {
    expect(isLocalHost('127.0.0.1:8443')).toBe(true);
    expect(isLocalHost('localhost')).toBe(true);
    expect(isLocalHost('LOCALHOST:1')).toBe(true);
    expect(isLocalHost('evil.example:8443')).toBe(false);
    expect(isLocalHost('127.0.0.1.evil.example')).toBe(false);
    expect(isLocalHost(undefined)).toBe(false);
  });

  it("refuses a Host other than 127.0.0.1/localhost with HTTP.sys's 400, and serves local names", async () => {
    const port = new URL(demoLike.url).port;
    const foreign = await rawPost(demoLike, envelope(GET_INBOX), { host: `rebound.example:${port}` });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('Invalid Hostname');
    expect((await rawPost(demoLike, envelope(GET_INBOX), { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawPost(demoLike, envelope(GET_INBOX), {})).status).toBe(200);
  });

  it('leaves the Host unchecked without the option (host-mapped tests reach it by name)', async () => {
    const port = new URL(sim.url).port;
    expect((await rawPost(sim, envelope(GET_INBOX), { host: `mail.contoso.com:${port}` })).status).toBe(200);
  });

  it('refuses a body declared larger than the cap without reading it (IIS 404.13)', async () => {
    const answer = await rawPost(demoLike, 'x'.repeat(1000), { declaredLength: 30 * 1024 * 1024 });
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('404.13');
  });

  it('refuses a streamed body that grows past the cap', async () => {
    const big = envelope(GET_INBOX).replace('</soap:Body>', `<!--${'y'.repeat(100 * 1024)}--></soap:Body>`);
    const answer = await new Promise<RawAnswer | 'reset'>((resolve) => {
      const url = new URL(demoLike.url);
      const req = request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent: false,
          headers: { authorization: basic(ADMIN, PASSWORD), 'transfer-encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', () => resolve('reset'));
        },
      );
      req.on('error', () => resolve('reset'));
      req.end(big);
    });
    // The answer may race the upload; either way the request is never processed.
    if (answer !== 'reset') expect(answer.status).toBe(404);
    expect((await post(demoLike, GET_INBOX)).status).toBe(200);
  });
});
