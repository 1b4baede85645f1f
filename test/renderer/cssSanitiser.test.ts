// CSS from a mail body keeps what loads nothing: the text check (escapes and comments decoded) in
// Node, and style sheets and style attributes through Chromium's own CSS parser, where the
// sanitiser runs in the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cssLoadsSomething, decodeCss } from '../../renderer/src/lib/cssSanitiser';
import type { CleanStyleSheet } from '../../renderer/src/lib/cssSanitiser';
import { openWithModules, type BrowserModules } from './support/browserModules';

type CssModule = typeof import('../../renderer/src/lib/cssSanitiser');
type Registry = { __modules: { cssSanitiser: CssModule } };

const T = 'http://tracker.invalid';

describe('the text check', () => {
  it('decodes escapes and drops comments', () => {
    expect(decodeCss('\\75 rl(x)')).toBe('url(x)');
    expect(decodeCss('\\000075rl(x)')).toBe('url(x)');
    expect(decodeCss('u\\rl(x)')).toBe('url(x)');
    expect(decodeCss('\\55 RL(x)')).toBe('URL(x)');
    expect(decodeCss('a/* hidden */b')).toBe('ab');
    expect(decodeCss('\\0 \\110000 \\d800 ')).toBe('\ufffd\ufffd\ufffd');
  });

  it('finds every fetching function and rule, however written', () => {
    for (const text of [
      `url(${T}/a.png)`,
      `URL("${T}/a.png")`,
      `\\75 rl(${T}/a.png)`,
      `u\\72l(${T}/a.png)`,
      `image-set("${T}/a.png" 1x)`,
      `-webkit-image-set(url(${T}/a.png) 1x)`,
      `src("${T}/a.png")`,
      `image("${T}/a.png")`,
      `cross-fade(url(a) 50%, url(b))`,
      `paint(tracker)`,
      `expression(alert(1))`,
      `@import "${T}/a.css";`,
      `@\\69mport "${T}/a.css";`,
      `@font-face { font-family: x; }`,
      `url/* split */(${T}/a.png)`,
    ]) {
      expect(cssLoadsSomething(text), text).toBe(true);
    }
  });

  it('lets plain CSS through', () => {
    for (const text of ['color: red', 'font-family: "Segoe UI", sans-serif', 'margin: 0 auto; border: 1px solid #ccc', 'content: "curl"']) {
      expect(cssLoadsSomething(text), text).toBe(false);
    }
  });
});

describe('in Chromium', () => {
  let browser: BrowserModules;
  beforeAll(async () => {
    browser = await openWithModules(['cssSanitiser']);
  });
  afterAll(async () => {
    expect(browser.requests).toEqual([]);
    await browser.close();
  });

  const sheet = (text: string): Promise<CleanStyleSheet> =>
    browser.page.evaluate((css) => (globalThis as unknown as Registry).__modules.cssSanitiser.cleanStyleSheet(css), text);

  /** The style attribute an element keeps (null when removed) and whether something was blocked. */
  const inline = (style: string): Promise<{ style: string | null; blocked: boolean }> =>
    browser.page.evaluate((value) => {
      const doc = new DOMParser().parseFromString('<div></div>', 'text/html');
      const div = doc.querySelector('div');
      if (!div) throw new Error('no div');
      div.setAttribute('style', value);
      const blocked = (globalThis as unknown as Registry).__modules.cssSanitiser.cleanStyleAttribute(div);
      return { style: div.getAttribute('style'), blocked };
    }, style);

  it('drops @import however written, and web fonts', async () => {
    for (const text of [
      `@import "${T}/a.css";`,
      `@import url(${T}/a.css) screen;`,
      `@\\69mport '${T}/a.css';`,
      `@font-face { font-family: x; src: url(${T}/f.woff); }`,
    ]) {
      const result = await sheet(`${text} p { color: red; }`);
      expect(result.blocked, text).toBe(true);
      expect(result.css, text).not.toContain('tracker');
      expect(result.css, text).toContain('p { color: red; }');
    }
  });

  it('drops fetching declarations and keeps the rest, inside groups, nesting and keyframes too', async () => {
    const result = await sheet(
      [
        `.a { color: red; background: \\75 rl(${T}/a.png) blue; }`,
        `@media screen { .b { list-style-image: url(${T}/b.png); margin: 1px; } }`,
        `@supports (display: grid) { .c { cursor: url(${T}/c.cur), auto; padding: 2px; } }`,
        `.d { --x: \\75 rl(${T}/d.png); background-image: var(--x); font-weight: bold; }`,
        `.e { background-image: image-set("${T}/e.png" 1x); border-top: 1px solid; }`,
        `.f { color: green; .g { content: url(${T}/g.png); color: navy; } }`,
        `@keyframes k { from { background: url(${T}/k.png); opacity: 0; } to { opacity: 1; } }`,
        `@layer base { .h { mask: url(${T}/m.svg); color: teal; } }`,
      ].join('\n'),
    );
    expect(result.blocked).toBe(true);
    expect(result.css).not.toMatch(/tracker|url\(|image-set/);
    for (const kept of [
      'color: red',
      'background-color: blue',
      'margin: 1px',
      'padding: 2px',
      'font-weight: bold',
      'border-top',
      'color: navy',
      'opacity: 0',
      'color: teal',
    ]) {
      expect(result.css, kept).toContain(kept);
    }
  });

  it('drops rule kinds that could hold a URL (@counter-style, @property, @page)', async () => {
    const result = await sheet(
      `@counter-style c { system: cyclic; symbols: url(${T}/s.png); } @property --p { syntax: '<url>'; inherits: false; initial-value: url(${T}/p.png); } @page { background: url(${T}/pg.png); } i { color: red; }`,
    );
    expect(result.css).toBe('i { color: red; }');
    expect(result.blocked).toBe(true);
  });

  it('never lets a string close the <style> element it is written into', async () => {
    const result = await sheet(`a::after { content: "\\3c/style><img src=${T}/x.gif>"; }`);
    expect(result.css).not.toContain('<');
    expect(result.css).toContain('\\3c ');
  });

  it('keeps clean CSS and says nothing was blocked', async () => {
    const result = await sheet('p { color: red; } @media (max-width: 600px) { td { display: block; } }');
    expect(result).toEqual({ css: 'p { color: red; }\n@media (max-width: 600px) {\n  td { display: block; }\n}', blocked: false });
  });

  it('rewrites style attributes to their declarations that load nothing', async () => {
    expect(await inline(`background: url(${T}/a.png) red; color: green`)).toMatchObject({ blocked: true });
    const mixed = await inline(`background: url(${T}/a.png) red; color: green`);
    expect(mixed.style).toContain('background-color: red');
    expect(mixed.style).toContain('color: green');
    expect(mixed.style).not.toContain('tracker');
    expect(await inline(`background-image: \\75 rl(${T}/b.png)`)).toEqual({ style: null, blocked: true });
    expect(await inline(`background-image: u\\rl('${T}/c.png')`)).toEqual({ style: null, blocked: true });
    expect(await inline(`background-image: image-set("${T}/d.png" 1x)`)).toEqual({ style: null, blocked: true });
    // The custom property goes; the var() left behind has nothing to substitute.
    expect(await inline(`--x: \\75 rl(${T}/e.png); background-image: var(--x)`)).toEqual({ style: 'background-image: var(--x);', blocked: true });
    expect(await inline(`color: red; font-size: 12px`)).toEqual({ style: 'color: red; font-size: 12px;', blocked: false });
  });
});
