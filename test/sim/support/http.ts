// TEST-ONLY HTTP helper: one request on a given agent, with every WWW-Authenticate header kept
// apart, the socket it went over (numbered), and the peer certificate over TLS.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface Answer {
  status: number;
  wwwAuthenticate: string[];
  headers: IncomingMessage['headers'];
  text: string;
  /** The same number means the same TCP connection. */
  socket: number;
  peerCertificate?: Buffer;
}

const socketIds = new WeakMap<Socket, number>();
let nextSocket = 1;

/** One connection at a time, kept alive, so a handshake stays on its socket. */
export function oneSocketAgent(url: string, ca?: string): HttpAgent {
  return url.startsWith('https:')
    ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ...(ca ? { ca } : { rejectUnauthorized: false }) })
    : new HttpAgent({ keepAlive: true, maxSockets: 1 });
}

export interface RequestOptions {
  method?: string;
  authorization?: string;
  body?: string;
  headers?: Record<string, string>;
}

export function send(url: string, agent: HttpAgent, options: RequestOptions = {}): Promise<Answer> {
  const body = options.body ?? '';
  const headers: Record<string, string | number> = {
    'content-type': 'text/xml; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(options.headers ?? {}),
  };
  if (options.authorization) headers.authorization = options.authorization;
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers, agent, timeout: 5000 }, (res) => {
      const socket = res.socket;
      let id = socketIds.get(socket);
      if (id === undefined) {
        id = nextSocket++;
        socketIds.set(socket, id);
      }
      const peer = 'getPeerCertificate' in socket ? (socket as TLSSocket).getPeerCertificate().raw : undefined;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const www: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]?.toLowerCase() === 'www-authenticate') www.push(res.rawHeaders[i + 1] ?? '');
        resolve({
          status: res.statusCode ?? 0,
          wwwAuthenticate: www,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          socket: id,
          ...(peer ? { peerCertificate: peer } : {}),
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The token after `scheme ` in the one WWW-Authenticate header of that scheme. */
export function tokenOf(answer: Answer, scheme: string): Buffer {
  const header = answer.wwwAuthenticate.find((h) => h.toLowerCase().startsWith(`${scheme.toLowerCase()} `));
  if (!header) throw new Error(`no ${scheme} token in ${JSON.stringify(answer.wwwAuthenticate)}`);
  return Buffer.from(header.slice(scheme.length + 1), 'base64');
}
