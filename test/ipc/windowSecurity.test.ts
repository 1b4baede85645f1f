// The window policy: which URLs count as the app, the CSP, and the app:// file mapping.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, isAppUrl, resolveRendererAsset } from '../../electron/windowSecurity';

describe('isAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://sweeper/assets/index.js')).toBe(true);
    for (const url of [
      'https://sweeper/index.html',
      'app://evil/index.html',
      'app://user:pass@sweeper/index.html',
      'file:///work/main/out/renderer/index.html',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows no inline or eval script, no remote content and no network from the page', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});

describe('resolveRendererAsset', () => {
  const root = join('/opt', 'app', 'out', 'renderer');

  it('maps app:// paths to files under the renderer folder with a content type', () => {
    expect(resolveRendererAsset(root, 'app://sweeper/')).toEqual({ file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveRendererAsset(root, 'app://sweeper/index.html?x=1#top')).toEqual({ file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveRendererAsset(root, 'app://sweeper/assets/index-abc.js')).toEqual({
      file: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererAsset(root, 'app://sweeper/assets/a%20b.css')?.file).toBe(join(root, 'assets', 'a b.css'));
  });

  it('clamps dot segments at the renderer folder, as URL parsing does', () => {
    for (const url of ['app://sweeper/../main/index.js', 'app://sweeper/%2e%2e/main/index.js', 'app://sweeper/assets/%2e%2e/%2e%2e/%2e%2e/main/index.js']) {
      expect(resolveRendererAsset(root, url)?.file, url).toBe(join(root, 'main', 'index.js'));
    }
  });

  it('refuses anything that escapes the folder, other hosts and unknown file types', () => {
    for (const url of [
      'app://sweeper/..%2f..%2fsecret.json',
      'app://sweeper/assets%5c..%5c..%5cmain%5cindex.js',
      'app://sweeper/index.html%00.js',
      'app://sweeper/%E0%A4%A',
      'app://other/index.html',
      'https://sweeper/index.html',
      'app://sweeper/profiles',
      'app://sweeper/run.exe',
    ]) {
      expect(resolveRendererAsset(root, url), url).toBeUndefined();
    }
  });
});
