// Serves the built renderer (out/renderer) on 127.0.0.1, as the page Electron would load.
// Optionally also one same-origin POST endpoint (the UI bench's answer channel, see
// wireSweeper.ts); only then is the page's CSP given connect-src 'self' instead of 'none'.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const rendererDir = join(__dirname, '..', '..', 'out', 'renderer');

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/index.html */
  indexUrl: string;
  origin: string;
  close(): Promise<void>;
}

/** A same-origin POST endpoint: request body text in, JSON text out. */
export interface PostEndpoint {
  path: string;
  handle(body: string): Promise<string>;
}

export interface ServeOptions {
  root?: string;
  endpoint?: PostEndpoint;
}

const STRICT_CONNECT = "connect-src 'none'";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function serveRenderer(options: ServeOptions = {}): Promise<StaticServer> {
  const root = options.root ?? rendererDir;
  const endpoint = options.endpoint;
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run \`npm run build:renderer\` first`);
  let indexHtml: string | undefined;
  if (endpoint !== undefined) {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    if (!html.includes(STRICT_CONNECT)) throw new Error(`index.html has no "${STRICT_CONNECT}" to open for the answer channel`);
    indexHtml = html.replace(STRICT_CONNECT, "connect-src 'self'");
  }
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (endpoint !== undefined && pathname === endpoint.path && req.method === 'POST') {
      readBody(req)
        .then((body) => endpoint.handle(body))
        .then((json) => res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(json))
        .catch((error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)));
      return;
    }
    if (indexHtml !== undefined && (pathname === '/' || pathname === '/index.html')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(indexHtml);
      return;
    }
    const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    indexUrl: `${origin}/index.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
