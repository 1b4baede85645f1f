// A hostile HTML body loses everything that could load before it reaches the reading pane's
// frame: each vector on its own, obfuscated forms, markup that parses differently a second time,
// and, as proof, every cleaned vector rendered in a sandboxed frame with no CSP at all makes no
// request (while the same vectors uncleaned do). Runs in Chromium: the sanitiser relies on its
// DOMParser and CSS parser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanBody } from '../../renderer/src/lib/bodySanitiser';
import { openWithModules, type BrowserModules } from './support/browserModules';

type Modules = {
  bodySanitiser: typeof import('../../renderer/src/lib/bodySanitiser');
  readingPane: typeof import('../../renderer/src/lib/readingPane');
};
type Registry = { __modules: Modules };

const T = 'http://tracker.invalid';
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

/** Each loads (or runs) something from tracker.invalid when rendered as it is. */
const VECTORS: Record<string, string> = {
  'link stylesheet': `<link rel="stylesheet" href="${T}/style.css"><p>x</p>`,
  'link preload and prefetch': `<link rel="preload" as="image" href="${T}/pre.png"><link rel="prefetch" href="${T}/pf"><link rel="dns-prefetch" href="//tracker.invalid">`,
  'script src and inline': `<script src="${T}/s.js"></script><script>fetch('${T}/inline')</script>`,
  'meta refresh': `<meta http-equiv="refresh" content="0;url=${T}/refresh">`,
  'base href with a relative image': `<base href="${T}/"><img src="relative.gif">`,
  iframe: `<iframe src="${T}/frame.html"></iframe>`,
  object: `<object data="${T}/object.swf"></object>`,
  embed: `<embed src="${T}/embed.swf">`,
  img: `<img src="${T}/pixel.gif" width="1" height="1">`,
  'img uppercase': `<IMG SRC="${T.toUpperCase()}/UPPER.GIF">`,
  'img entities in the URL': `<img src="&#104;ttp&colon;&sol;&sol;tracker.invalid/entity.gif">`,
  'img spaces and newline in the URL': `<img src="  ht\ntp://tracker.invalid/newline.gif ">`,
  'img protocol-relative': `<img src="//tracker.invalid/relative.gif">`,
  'img srcset': `<img srcset="${T}/1x.gif 1x, ${T}/2x.gif 2x">`,
  'picture source': `<picture><source srcset="${T}/source.webp" type="image/webp"><img src="${PIXEL}"></picture>`,
  'input image': `<input type="image" src="${T}/input.gif">`,
  'video poster and source': `<video poster="${T}/poster.png" src="${T}/v.mp4"><source src="${T}/v2.mp4"></video>`,
  audio: `<audio src="${T}/a.mp3" autoplay></audio>`,
  'body background': `<body background="${T}/body.png"><p>x</p></body>`,
  'table background': `<table background="${T}/table.png"><tr><td background="${T}/td.png">x</td></tr></table>`,
  'form action': `<form action="${T}/form"><button formaction="${T}/button">go</button></form>`,
  'style attribute url': `<div style="background: url(${T}/bg.png)">x</div>`,
  'style attribute escaped url': `<div style="background-image: \\75 rl(${T}/escaped.png)">x</div>`,
  'style attribute image-set': `<div style="background-image: image-set('${T}/set.png' 1x)">x</div>`,
  'style element url': `<style>p { background: url(${T}/rule.png) }</style><p>x</p>`,
  'style element escaped url': `<style>p { background: \\000075rl(${T}/rule-escaped.png) }</style><p>x</p>`,
  'style element @import': `<style>@import "${T}/import.css";</style>`,
  'style element font': `<style>@font-face { font-family: t; src: url(${T}/font.woff); } p { font-family: t }</style><p>x</p>`,
  'svg image href': `<svg><image href="${T}/svg.png" width="10" height="10"/></svg>`,
  'svg image xlink:href': `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="${T}/xlink.png" width="10" height="10"/></svg>`,
  'svg use': `<svg><use href="${T}/use.svg#a"/></svg>`,
  'svg feImage': `<svg><filter id="f"><feImage href="${T}/fe.png"/></filter><rect filter="url(#f)" width="5" height="5"/></svg>`,
  'svg paint url': `<svg><rect fill="url(${T}/paint.svg#g)" filter="url(${T}/filter.svg#f)" width="5" height="5"/></svg>`,
  'svg style': `<svg><style>rect { fill: url(${T}/svgstyle.svg#p) }</style><rect width="5" height="5"/></svg>`,
  'svg set href': `<svg><image width="5" height="5"><set attributeName="href" to="${T}/set.png"/></image></svg>`,
  'declarative shadow root': `<div><template shadowrootmode="open"><img src="${T}/shadow.gif"></template></div>`,
  'link ping': `<a href="${T}/page" ping="${T}/ping">read more</a>`,
  'event handler': `<img src="x" onerror="fetch('${T}/onerror')"><body onload="fetch('${T}/onload')">`,
  'mXSS through svg and style': `<svg></p><style><a id="</style><img src=${T}/mxss.gif>">`,
  'mXSS through noscript': `<noscript><p title="</noscript><img src=${T}/noscript.gif>"></p></noscript>`,
};

describe('cleanBody', () => {
  let browser: BrowserModules;
  beforeAll(async () => {
    browser = await openWithModules(['cssSanitiser', 'bodySanitiser', 'readingPane']);
  });
  afterAll(async () => {
    await browser.close();
  });

  const clean = (html: string): Promise<CleanBody> =>
    browser.page.evaluate((body) => (globalThis as unknown as Registry).__modules.bodySanitiser.cleanBody(body), html);

  /**
   * What in a document, parsed as the frame parses it, could still load or run: elements that do,
   * event handlers, style text that fetches or could close its element, and attributes naming
   * tracker.invalid or a relative file (a tooltip or alt text excepted: they are only text).
   */
  const offenders = (html: string): Promise<string[]> =>
    browser.page.evaluate((body) => {
      const doc = new DOMParser().parseFromString(body, 'text/html');
      const found: string[] = [];
      for (const element of Array.from(doc.querySelectorAll('*'))) {
        const name = element.localName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'base', 'link', 'meta', 'template', 'video', 'audio', 'source', 'set'].includes(name)) found.push(name);
        if (name === 'style' && /url\(|@import|@font-face|</i.test(element.textContent ?? '')) found.push(`style: ${element.textContent}`);
        for (const attribute of Array.from(element.attributes)) {
          const text = attribute.name === 'title' || attribute.name === 'alt';
          if (attribute.name.startsWith('on') || (!text && /tracker\.invalid|relative\.gif/i.test(attribute.value)))
            found.push(`${name} ${attribute.name}=${attribute.value}`);
        }
      }
      return found;
    }, html);

  const trackerRequests = (urls: readonly string[]): number => urls.filter((url) => url.includes('tracker.invalid')).length;

  /**
   * Requests made while each body is shown in a sandboxed frame of its own, with no CSP anywhere: for a
   * second, or (with `enough`) until that many requests to tracker.invalid were seen, up to 15 s, since a loaded machine renders slowly.
   */
  async function requestsRendering(bodies: string[], enough?: number): Promise<string[]> {
    browser.requests.length = 0;
    await browser.page.evaluate((docs) => {
      for (const doc of docs) {
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', '');
        frame.srcdoc = doc;
        document.body.append(frame);
      }
    }, bodies);
    await browser.page.waitForTimeout(1000);
    for (let waited = 1000; enough !== undefined && trackerRequests(browser.requests) < enough && waited < 15_000; waited += 250)
      await browser.page.waitForTimeout(250);
    await browser.page.evaluate(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
    return [...browser.requests];
  }

  for (const [name, html] of Object.entries(VECTORS)) {
    it(`removes: ${name}`, async () => {
      const result = await clean(html);
      expect(await offenders(result.html)).toEqual([]);
      const counts = result.blocked;
      expect(counts.images + counts.styles + counts.other + counts.links, JSON.stringify(result)).toBeGreaterThan(0);
      // Cleaning the result again finds nothing more.
      expect((await clean(result.html)).blocked).toEqual({ images: 0, styles: 0, other: 0, links: 0 });
    });
  }

  it('cleaned, none of them loads anything even in a frame without any CSP; uncleaned, they do', async () => {
    const cleaned = await Promise.all(Object.values(VECTORS).map(async (html) => (await clean(html)).html));
    expect(await requestsRendering(cleaned)).toEqual([]);
    // The control: the same frames with the raw bodies do reach out, so the check can see a leak.
    const raw = await requestsRendering(Object.values(VECTORS), 11);
    // How many of the raw bodies' fetches Chromium makes varies from run to run (9, 10 and 11+ seen in CI, the same
    // URLs from several frames among them): most of them is enough to show the check sees a leak.
    expect(trackerRequests(raw)).toBeGreaterThanOrEqual(8);
  });

  it('the sanitiser itself fetches nothing', async () => {
    browser.requests.length = 0;
    for (const html of Object.values(VECTORS)) await clean(html);
    expect(browser.requests).toEqual([]);
  });

  it('keeps a CSS string from closing its <style> when written back (no img appears on reparse)', async () => {
    // Harmless as sent (\3c is an escape), but a naive re-serialisation writes a real "</style>".
    const result = await clean(`<style>a::after { content: "\\3c/style><img src=${T}/cssstring.gif>" }</style><p>x</p>`);
    expect(await offenders(result.html)).toEqual([]);
    expect(result.html).toContain('\\3c /style>');
  });

  it('replaces a remote image by a visible placeholder naming its alt text', async () => {
    const result = await clean(`<p>Hi</p><img src="${T}/logo.png" alt="Contoso logo"><img src="${T}/pixel.gif">`);
    expect(result.html).toContain('<span data-blocked="remote"');
    expect(result.html).toContain('>Remote image blocked: Contoso logo</span>');
    expect(result.html).toContain('>Remote image blocked</span>');
    expect(result.blocked).toEqual({ images: 2, styles: 0, other: 0, links: 0 });
  });

  it('makes links inert but shows where they led', async () => {
    const result = await clean(`<a href="${T}/phish" target="_blank">Verify your account</a><a href="#top">top</a>`);
    expect(result.html).toContain(`<a title="Link not followed here: ${T}/phish">Verify your account</a>`);
    expect(result.html).toContain('<a href="#top">top</a>');
    expect(result.blocked.links).toBe(1);
  });

  it('keeps what loads nothing: text, layout, inline colours, style rules, data: and cid: images', async () => {
    const html =
      `<html><head><style>p { color: navy; }</style></head><body bgcolor="#fff">` +
      `<table border="1"><tr><td style="color: red; padding: 2px;">cell</td></tr></table>` +
      `<p>Quarterly <b>numbers</b></p><img src="${PIXEL}" alt="inline"><img src="cid:logo@contoso.com">` +
      `<svg><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><rect fill="url(#g)" width="5" height="5"/><use href="#g"/></svg>` +
      `</body></html>`;
    const result = await clean(html);
    expect(result.blocked).toEqual({ images: 0, styles: 0, other: 0, links: 0 });
    expect(result.html).toContain('<style>p { color: navy; }</style>');
    expect(result.html).toContain('<body bgcolor="#fff">');
    expect(result.html).toContain('<td style="color: red; padding: 2px;">cell</td>');
    expect(result.html).toContain(`<img src="${PIXEL}" alt="inline">`);
    expect(result.html).toContain('<img src="cid:logo@contoso.com">');
    expect(result.html).toContain('fill="url(#g)"');
    expect(result.html).toContain('<use href="#g"></use>');
  });

  it("counts the e2e test's hostile mail: one image, two styles, a refresh and a script", async () => {
    const hostile =
      `<html><head><meta http-equiv="refresh" content="0;url=${T}/refresh"><link rel="stylesheet" href="${T}/style.css"></head>` +
      `<body><p>Quarterly <b>numbers</b> attached</p><script>alert("script")</script>` +
      `<img src="${T}/pixel.gif" onerror="alert('onerror')"><div style="background: url(${T}/bg.png)">styled</div></body></html>`;
    const result = await clean(hostile);
    expect(result.blocked).toEqual({ images: 1, styles: 2, other: 2, links: 0 });
    expect(result.html).toContain('<p>Quarterly <b>numbers</b> attached</p>');
  });

  it('shows a body that keeps producing something to remove as its text only', async () => {
    const result = await browser.page.evaluate(() => {
      // A parser whose every document grows a script: the passes never come out clean.
      const real = new DOMParser();
      const stubborn = {
        parseFromString(text: string, type: DOMParserSupportedType): Document {
          const doc = real.parseFromString(text, type);
          doc.body.append(doc.createElement('script'));
          return doc;
        },
      };
      return (globalThis as unknown as Registry).__modules.bodySanitiser.cleanBody('<p>Just <b>text</b></p>', stubborn as DOMParser);
    });
    expect(result.html).toBe('<html><head></head><body><pre>Just text</pre></body></html>');
    expect(result.blocked.other).toBeGreaterThan(0);
  });

  it('the frame parses the CSP-led document to the same tree as the cleaned body', async () => {
    const cleaned = await Promise.all(Object.values(VECTORS).map(async (html) => (await clean(html)).html));
    const differences = await browser.page.evaluate((bodies) => {
      const modules = (globalThis as unknown as Registry).__modules;
      const parser = new DOMParser();
      return bodies.filter((body) => {
        const alone = parser.parseFromString(body, 'text/html');
        const framed = parser.parseFromString(modules.readingPane.sandboxedDocument(body), 'text/html');
        framed.head.querySelectorAll('meta').forEach((meta) => meta.remove());
        return alone.documentElement.outerHTML !== framed.documentElement.outerHTML;
      });
    }, cleaned);
    expect(differences).toEqual([]);
  });
});
