// CSS from a mail body, cut down to what loads nothing: declarations whose value names a fetching
// function (url(), image-set(), …) and at-rules that fetch (@import, @font-face) are dropped.
// The browser's own CSS parser (CSSOM) reads the CSS, so escapes, comments and shorthands are
// understood the way the reading pane's frame will understand them; a text check after it
// (escapes decoded) is the second, stricter look. Nothing here fetches: inline styles are parsed
// on elements of an inert DOMParser document and style sheets in a CSSStyleSheet that is never
// adopted by any document.

/**
 * Functions that make the browser fetch: url() and src(), image-set() (a bare string in it is a
 * URL), image(), cross-fade() and element(), paint() (a worklet), IE's expression(); vendor
 * prefixes are covered as the names are not anchored. @import and @font-face fetch as rules.
 */
const FETCHING = /(?:url|src|image|image-set|cross-fade|element|paint|expression)\s*\(|@import|@font-face/i;

function codePoint(hex: string): string {
  const value = Number.parseInt(hex, 16);
  // CSS Syntax §4.3.7: zero, surrogates and values past U+10FFFF read as U+FFFD.
  if (value === 0 || (value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return '\ufffd';
  return String.fromCodePoint(value);
}

/** CSS text with comments removed and escapes (`\75 rl`, `\u`) decoded, for the text check. */
export function decodeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([\s\S]))/g, (_match, hex: string | undefined, other: string | undefined) =>
      hex !== undefined ? codePoint(hex) : (other ?? ''),
    );
}

/** True when CSS text (a value, a declaration list or a sheet) could make the browser fetch. */
export function cssLoadsSomething(text: string): boolean {
  return FETCHING.test(decodeCss(text));
}

/** url(#id): a reference to an element of the same document, as SVG paint and filter attributes use. */
const LOCAL_REFERENCE = /url\(\s*(['"]?)#[^'"()\s]*\1\s*\)/gi;

/** Like cssLoadsSomething, but allowing url(#id); for SVG attributes, where that is a local reference. */
export function svgValueLoadsSomething(text: string): boolean {
  return FETCHING.test(decodeCss(text).replace(LOCAL_REFERENCE, ''));
}

/** Removes the declarations that could fetch; true when one was removed. */
function cleanDeclarations(style: CSSStyleDeclaration): boolean {
  const names = Array.from({ length: style.length }, (_unused, index) => style.item(index));
  let removed = false;
  for (const name of names) {
    if (cssLoadsSomething(name) || cssLoadsSomething(style.getPropertyValue(name))) {
      style.removeProperty(name);
      removed = true;
    }
  }
  return removed;
}

/**
 * Rewrites an element's style attribute to its declarations that load nothing (dropping it when
 * none is left); true when something that could fetch was in it.
 */
export function cleanStyleAttribute(element: Element & ElementCSSInlineStyle): boolean {
  const raw = element.getAttribute('style');
  if (raw === null) return false;
  cleanDeclarations(element.style);
  const kept = element.style.cssText;
  if (kept === '' || cssLoadsSomething(kept)) element.removeAttribute('style');
  else element.setAttribute('style', kept);
  return cssLoadsSomething(raw);
}

/** The rule kinds kept: style rules and the groups and keyframes that hold them (not @page, a group too). */
function kept(rule: CSSRule): boolean {
  if (rule instanceof CSSPageRule) return false;
  return (
    rule instanceof CSSStyleRule ||
    rule instanceof CSSGroupingRule ||
    rule instanceof CSSKeyframesRule ||
    rule instanceof CSSKeyframeRule ||
    rule instanceof CSSLayerStatementRule ||
    rule instanceof CSSNestedDeclarations
  );
}

interface RuleList {
  readonly cssRules: CSSRuleList;
  deleteRule(index: number): void;
}

/** Group rules and (with CSS nesting) style rules hold rules; keyframes delete by key, not index. */
function holdsRules(rule: CSSRule): rule is CSSRule & RuleList {
  return !(rule instanceof CSSKeyframesRule) && 'cssRules' in rule && 'deleteRule' in rule;
}

/** Drops the rules of other kinds and the fetching declarations, depth first. */
function cleanRules(list: RuleList): void {
  for (let index = list.cssRules.length - 1; index >= 0; index -= 1) {
    const rule = list.cssRules[index];
    if (rule === undefined) continue;
    if (!kept(rule)) {
      list.deleteRule(index);
      continue;
    }
    if ('style' in rule && rule.style instanceof CSSStyleDeclaration) cleanDeclarations(rule.style);
    if (holdsRules(rule)) cleanRules(rule);
    else if (rule instanceof CSSKeyframesRule) {
      for (const frame of Array.from(rule.cssRules)) if (frame instanceof CSSKeyframeRule) cleanDeclarations(frame.style);
    }
  }
}

export interface CleanStyleSheet {
  css: string;
  /** Something in the original could have fetched (and was dropped). */
  blocked: boolean;
}

/**
 * A <style> element's text reduced to rules that load nothing. `<` is written as an escape so
 * the text can never close its <style> element when the frame parses it again.
 */
export function cleanStyleSheet(text: string): CleanStyleSheet {
  const blocked = cssLoadsSomething(text);
  const sheet = new CSSStyleSheet();
  try {
    // replaceSync ignores @import rules (it never fetches them).
    sheet.replaceSync(text);
  } catch {
    return { css: '', blocked };
  }
  cleanRules(sheet);
  const css = Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n');
  if (cssLoadsSomething(css)) return { css: '', blocked: true };
  return { css: css.replace(/</g, '\\3c '), blocked };
}
