// The window's security policy as plain functions (no Electron import), so it is tested in Node:
// the app's own origin, the Content-Security-Policy, and how app:// URLs map to files.
import { extname, join, normalize, relative, sep, isAbsolute } from 'node:path';

/** The renderer is served from a privileged custom scheme so every response carries the CSP header. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sweeper';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Nothing remote, no inline script, no eval; the page talks to the main process only through
 * the preload bridge, so it needs no network access at all (connect-src 'none').
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');

/** True for URLs of the app's own page (any path under app://sweeper). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface RendererAsset {
  file: string;
  contentType: string;
}

/**
 * Maps an app:// request to a file under the renderer folder; undefined for anything outside
 * it (other hosts, `..` escapes, encoded separators) so the handler answers 404.
 */
export function resolveRendererAsset(rendererRoot: string, requestUrl: string): RendererAsset | undefined {
  if (!isAppUrl(requestUrl)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(rendererRoot, relativePath));
  const fromRoot = relative(rendererRoot, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) return undefined;
  const contentType = contentTypes[extname(file).toLowerCase()];
  if (contentType === undefined) return undefined;
  return { file, contentType };
}
