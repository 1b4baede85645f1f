import { describe, expect, it } from 'vitest';
import { nestingDepth, parseBoundedJson } from '../../electron/graph/json';

describe('bounded JSON', () => {
  it('parses a body within bounds', () => {
    expect(parseBoundedJson('{"value":[{"id":"a"}]}')).toEqual({ ok: true, value: { value: [{ id: 'a' }] } });
  });

  it('refuses a body over the size limit before parsing it', () => {
    const result = parseBoundedJson(`"${'x'.repeat(100)}"`, { maxChars: 50, maxDepth: 10 });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    expect(parseBoundedJson(deep)).toMatchObject({ ok: false, reason: 'too-deep' });
    expect(parseBoundedJson(`${'['.repeat(64)}${']'.repeat(64)}`).ok).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestingDepth('{"a":"[[[[{{{{\\"[[[["}', 100)).toBe(1);
    expect(parseBoundedJson('{"a":"[[[[[[[[[[\\"[[["}', { maxChars: 100, maxDepth: 1 }).ok).toBe(true);
  });

  it('reports a syntax error as a value, not a throw', () => {
    expect(parseBoundedJson('{"value":')).toMatchObject({ ok: false, reason: 'syntax' });
  });
});
