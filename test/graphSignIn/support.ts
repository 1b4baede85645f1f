// Test support for the app's Graph sign-in: the Graph simulator over HTTPS with its authority,
// and a "browser" that answers MSAL's sign-in page as a browser would (the authority approves the
// user at once; its self-submitting form_post page is posted to MSAL's loopback listener).
import { request as httpsRequest } from 'node:https';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningGraphSimulator } from '../../electron/simGraph';

function httpsGet(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'GET', ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (text: string): string => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

/** An openUrl for GraphSignIn: fetches the authorize page and posts its form to the redirect URI. Counts its uses. */
export function scriptedBrowser(sim: RunningGraphSimulator): ((url: string) => Promise<void>) & { opened: string[] } {
  const opened: string[] = [];
  const open = async (url: string): Promise<void> => {
    opened.push(url);
    const page = await httpsGet(url, sim.certificatePem ?? '');
    const action = /<form method="POST" name="hiddenform" action="([^"]+)"/.exec(page)?.[1];
    if (action === undefined) throw new Error(`The authority showed no answer form: ${page.slice(0, 300)}`);
    const fields = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      (m) => [decode(m[1] ?? ''), decode(m[2] ?? '')] as [string, string],
    );
    // Not awaited by MSAL's flow: the loopback listener answers once it has the code.
    void fetch(decode(action), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }).catch(() => undefined);
  };
  return Object.assign(open, { opened });
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sweeper-graph-sign-in-'));
}

/** Every file under a folder with its bytes, for leak scans. */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (path) => ({ path, bytes: await readFile(path) })));
}
