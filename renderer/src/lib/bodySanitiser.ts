// An HTML mail body made unable to load anything before it reaches the reading pane's frame, the
// way mail clients block remote content: a tracking pixel that fires tells the sender the mail
// was opened. The frame's CSP meta alone was not enough (Chromium's preload scanner can fetch a
// srcdoc's stylesheet or image before the meta applies), so the body is parsed in an inert
// DOMParser document (which fetches and runs nothing) and everything that could load is removed
// there: elements that load or run, URL attributes pointing anywhere but data: or cid:, and CSS
// that fetches (cssSanitiser.ts). Remote images become a visible placeholder. The result is
// parsed and checked again, so markup that parses differently the second time cannot slip through.
import { cleanStyleAttribute, cleanStyleSheet, svgValueLoadsSomething } from './cssSanitiser';

/** What was blocked, for the note above the body. */
export interface BlockedContent {
  images: number;
  /** Stylesheets, @import, web fonts and CSS images. */
  styles: number;
  /** Scripts, frames, objects, refreshes, <base>, form targets, event handlers. */
  other: number;
  /** Links made inert (a click must not load anything either). */
  links: number;
}

export interface CleanBody {
  /** The body as HTML that loads nothing. */
  html: string;
  blocked: BlockedContent;
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements dropped with their content: they load, embed or run something, or hide markup from this check. */
const DROPPED = new Set([
  'script',
  'base',
  'link',
  'meta',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'fencedframe',
  'param',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
]);
/** Media players: replaced by a placeholder. */
const MEDIA = new Set(['audio', 'video', 'bgsound']);
/** Alternative sources of a picture or a player: dropped, the <img> or player says what is missing. */
const SOURCES = new Set(['source', 'track']);
/** SVG animation elements can set an href or a paint to a URL later. */
const SVG_ANIMATION = new Set(['animate', 'animatemotion', 'animatetransform', 'set', 'discard']);
/** Attributes that load an image when they hold a URL. */
const IMAGE_URL_ATTRIBUTES = new Set(['src', 'lowsrc', 'dynsrc', 'background', 'poster']);
/** Attributes removed whatever their value: they load, send or point a form somewhere. */
const ALWAYS_REMOVED = new Set([
  'srcset',
  'imagesrcset',
  'action',
  'formaction',
  'ping',
  'srcdoc',
  'codebase',
  'classid',
  'archive',
  'longdesc',
  'manifest',
  'profile',
  'icon',
]);

function emptyCounts(): BlockedContent {
  return { images: 0, styles: 0, other: 0, links: 0 };
}

/** A URL as the URL parser reads it: outer C0 controls and spaces trimmed, tabs and newlines removed. */
function normalisedUrl(url: string): string {
  return url
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase();
}

/** data: and cid: (an attachment of the same message) load nothing from anywhere. */
export function isInlineUrl(url: string): boolean {
  const normalised = normalisedUrl(url);
  return normalised.startsWith('data:') || normalised.startsWith('cid:');
}

function isFragment(url: string): boolean {
  return normalisedUrl(url).startsWith('#');
}

function placeholder(doc: Document, text: string): HTMLElement {
  const element = doc.createElement('span');
  element.setAttribute('data-blocked', 'remote');
  element.setAttribute('style', 'display: inline-block; border: 1px dashed #888; padding: 1px 4px; color: #666; font: 12px sans-serif;');
  element.textContent = text;
  return element;
}

function imagePlaceholder(image: Element): HTMLElement {
  const alt = image.getAttribute('alt')?.trim();
  return placeholder(image.ownerDocument, alt ? `Remote image blocked: ${alt}` : 'Remote image blocked');
}

function isRemoteImage(image: Element): boolean {
  const src = image.getAttribute('src');
  const srcset = image.getAttribute('srcset');
  return (src !== null && src.trim() !== '' && !isInlineUrl(src)) || (srcset !== null && srcset.trim() !== '' && !isInlineUrl(srcset));
}

function hasStyle(element: Element): element is Element & ElementCSSInlineStyle {
  return 'style' in element && element.style instanceof CSSStyleDeclaration;
}

/** Links keep their text; the target moves to the tooltip so an admin can still see where it led. */
function neutraliseLink(element: Element, href: Attr, counts: BlockedContent): void {
  const target = href.value;
  element.removeAttributeNode(href);
  element.removeAttribute('target');
  if (!element.hasAttribute('title')) element.setAttribute('title', `Link not followed here: ${target}`);
  counts.links += 1;
}

function cleanAttributes(element: Element, counts: BlockedContent): void {
  const name = element.localName.toLowerCase();
  const isLink = (name === 'a' || name === 'area') && (element.namespaceURI === HTML_NS || element.namespaceURI === SVG_NS);
  const isSvgImage = element.namespaceURI === SVG_NS && (name === 'image' || name === 'feimage');
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.ownerElement !== element) continue;
    const local = attribute.localName.toLowerCase();
    if (local.startsWith('on')) {
      element.removeAttributeNode(attribute);
      counts.other += 1;
    } else if (local === 'style') {
      if (hasStyle(element) && cleanStyleAttribute(element)) counts.styles += 1;
      else if (!hasStyle(element)) element.removeAttributeNode(attribute);
    } else if (local === 'href') {
      // xlink:href and href alike: only in-document references stay (SVG <use href="#…">).
      if (isFragment(attribute.value) || (isSvgImage && isInlineUrl(attribute.value))) continue;
      if (isLink) neutraliseLink(element, attribute, counts);
      else if (isSvgImage) {
        element.removeAttributeNode(attribute);
        counts.images += 1;
      } else {
        element.removeAttributeNode(attribute);
        counts.other += 1;
      }
    } else if (IMAGE_URL_ATTRIBUTES.has(local)) {
      if (isInlineUrl(attribute.value)) continue;
      element.removeAttributeNode(attribute);
      counts.images += 1;
    } else if (ALWAYS_REMOVED.has(local)) {
      element.removeAttributeNode(attribute);
      counts.other += 1;
    } else if (element.namespaceURI !== HTML_NS && svgValueLoadsSomething(attribute.value)) {
      // SVG presentation attributes take CSS values: fill="url(http://…)", not fill="url(#g)".
      element.removeAttributeNode(attribute);
      counts.styles += 1;
    }
  }
}

/** Cleans one element in place, or removes or replaces it. */
function cleanElement(element: Element, counts: BlockedContent): void {
  const name = element.localName.toLowerCase();
  const html = element.namespaceURI === HTML_NS;
  if (DROPPED.has(name)) {
    if (name === 'link') {
      if (/\bstylesheet\b/i.test(element.getAttribute('rel') ?? '')) counts.styles += 1;
      else counts.other += 1;
    } else if (name !== 'meta' || element.hasAttribute('http-equiv')) counts.other += 1;
    element.remove();
    return;
  }
  if (html && MEDIA.has(name)) {
    element.replaceWith(placeholder(element.ownerDocument, 'Remote media blocked'));
    counts.images += 1;
    return;
  }
  if (html && SOURCES.has(name)) {
    const url = element.getAttribute('src') ?? element.getAttribute('srcset') ?? '';
    if (url.trim() !== '' && !isInlineUrl(url)) counts.images += 1;
    element.remove();
    return;
  }
  if (element.namespaceURI === SVG_NS && SVG_ANIMATION.has(name)) {
    element.remove();
    counts.other += 1;
    return;
  }
  if (html && name === 'img' && isRemoteImage(element)) {
    element.replaceWith(imagePlaceholder(element));
    counts.images += 1;
    return;
  }
  if (name === 'style') {
    const sheet = cleanStyleSheet(element.textContent ?? '');
    element.textContent = sheet.css;
    if (sheet.blocked) counts.styles += 1;
  }
  cleanAttributes(element, counts);
}

function cleanDocument(doc: Document): BlockedContent {
  const counts = emptyCounts();
  // A static list in document order: an element inside a removed one is no longer connected.
  for (const element of Array.from(doc.querySelectorAll('*'))) {
    if (element.isConnected) cleanElement(element, counts);
  }
  return counts;
}

function total(counts: BlockedContent): number {
  return counts.images + counts.styles + counts.other + counts.links;
}

function add(into: BlockedContent, more: BlockedContent): void {
  into.images += more.images;
  into.styles += more.styles;
  into.other += more.other;
  into.links += more.links;
}

/** Passes allowed before giving up on a body that keeps producing something to remove. */
const MAX_PASSES = 3;

/**
 * The body as HTML that loads nothing, with what was blocked. Each pass parses the previous
 * pass's output, so the result is known to be clean as the frame will parse it; a body that is
 * still not clean after MAX_PASSES is shown as its text only.
 */
export function cleanBody(html: string, parser: DOMParser = new DOMParser()): CleanBody {
  const blocked = emptyCounts();
  let current = html;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const doc = parser.parseFromString(current, 'text/html');
    const found = cleanDocument(doc);
    if (pass > 0 && total(found) === 0) return { html: current, blocked };
    add(blocked, found);
    current = doc.documentElement.outerHTML;
  }
  const text = parser.parseFromString(html, 'text/html').body.textContent ?? '';
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  blocked.other += 1;
  return { html: `<html><head></head><body><pre>${escaped}</pre></body></html>`, blocked };
}
