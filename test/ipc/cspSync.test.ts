// Issue 14, point 7: the CSP in renderer/index.html's meta tag (what the page gets wherever it is
// loaded: the browser e2e harness, a dev server) says exactly what the app:// header says
// (electron/windowSecurity.ts, sent by main.ts). A directive added to one (frame-src for a
// sandboxed reading pane, say) must be added to the other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/windowSecurity';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    expect(map.has(name), `directive ${name} twice`).toBe(false);
    map.set(name.toLowerCase(), sources.sort());
  }
  return map;
}

function metaPolicy(html: string): string {
  const tag = /<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/i.exec(html)?.[0];
  const content = tag === undefined ? undefined : /content="([^"]*)"/i.exec(tag)?.[1];
  if (content === undefined) throw new Error('renderer/index.html has no CSP meta tag');
  return content.replace(/&#39;|&apos;/g, "'");
}

describe('CSP: meta tag and app:// header', () => {
  it('have the same directives with the same sources', () => {
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    expect(Object.fromEntries(directives(metaPolicy(html)))).toEqual(Object.fromEntries(directives(CONTENT_SECURITY_POLICY)));
  });

  it('the comparison notices a difference', () => {
    const loosened = CONTENT_SECURITY_POLICY.replace("default-src 'none'", "default-src 'self'");
    expect(Object.fromEntries(directives(loosened))).not.toEqual(Object.fromEntries(directives(CONTENT_SECURITY_POLICY)));
  });
});
