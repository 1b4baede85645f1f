import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MsalNetwork } from '../../../electron/graph/auth/network';
import { HttpsTransport } from '../../../electron/graph/transport';
import { readBody, startHttpsServer, type TestServer } from '../httpsServer';

let server: TestServer;
let transport: HttpsTransport;

beforeAll(async () => {
  server = await startHttpsServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.url === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html></html>');
        return;
      }
      if (req.url === '/slow') return;
      res.writeHead(req.url === '/error' ? 400 : 200, { 'content-type': 'application/json', 'x-ms-request-id': 'r1' });
      res.end(
        JSON.stringify(req.url === '/error' ? { error: 'invalid_grant' } : { method: req.method, body, contentType: req.headers['content-type'] ?? null }),
      );
    });
  });
  transport = new HttpsTransport({ ca: server.cert });
});

afterAll(async () => {
  transport.close();
  await server.close();
});

describe('MSAL network module over the Graph transport', () => {
  it('GETs and POSTs, returning status, headers and the parsed body', async () => {
    const network = new MsalNetwork(transport);
    expect(await network.sendGetRequestAsync(`${server.url}/meta`)).toMatchObject({
      status: 200,
      body: { method: 'GET', body: '' },
      headers: { 'x-ms-request-id': 'r1' },
    });
    const post = await network.sendPostRequestAsync(`${server.url}/token`, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=x',
    });
    expect(post.body).toEqual({ method: 'POST', body: 'grant_type=x', contentType: 'application/x-www-form-urlencoded' });
  });

  it('hands OAuth error answers to MSAL as answers', async () => {
    expect(await new MsalNetwork(transport).sendPostRequestAsync(`${server.url}/error`)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('throws on a non-JSON answer, a timeout, or an untrusted server', async () => {
    await expect(new MsalNetwork(transport).sendGetRequestAsync(`${server.url}/html`)).rejects.toThrow(/not JSON/);
    await expect(new MsalNetwork(transport).sendGetRequestAsync(`${server.url}/slow`, undefined, 100)).rejects.toThrow(/within 100 ms/);
    const untrusting = new HttpsTransport();
    await expect(new MsalNetwork(untrusting).sendGetRequestAsync(`${server.url}/meta`)).rejects.toThrow(/failed/);
    untrusting.close();
  });
});
