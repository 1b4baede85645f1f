import { describe, expect, it } from 'vitest';
import {
  and,
  compare,
  contains,
  dateLiteral,
  not,
  or,
  orderByClause,
  propertyPath,
  queryString,
  segment,
  selectClause,
  startsWith,
  stringLiteral,
} from '../../electron/graph/odata';

describe('OData literals and clauses', () => {
  it('doubles single quotes so a hostile subject stays one literal', () => {
    const hostile = "x' or 1 eq 1 or subject eq '";
    const filter = compare('subject', 'eq', hostile);
    expect(filter.odata).toBe("subject eq 'x'' or 1 eq 1 or subject eq '''");
    // Every quote inside the literal is doubled: stripping the outer pair leaves no lone quote.
    const inner = filter.odata.slice("subject eq '".length, -1);
    expect(inner.replaceAll("''", '')).not.toContain("'");
  });

  it('keeps quotes, parentheses and operators of values inside contains/startswith', () => {
    expect(contains('subject', "O'Brien) or (true")).toEqual({ odata: "contains(subject,'O''Brien) or (true')" });
    expect(startsWith('from/emailAddress/address', "'")).toEqual({ odata: "startswith(from/emailAddress/address,'''')" });
    expect(stringLiteral('')).toBe("''");
  });

  it('refuses property paths that are not identifiers', () => {
    for (const bad of ['subject eq 1', 'subject)', "subject'", '', 'a//b', '/a', 'a/', '1abc', 'sub ject']) {
      expect(() => propertyPath(bad), bad).toThrow(RangeError);
    }
    expect(propertyPath('from/emailAddress/address')).toBe('from/emailAddress/address');
    expect(() => selectClause(['id', 'subject,body'])).toThrow(RangeError);
    expect(() => orderByClause([{ path: 'receivedDateTime desc,id' }])).toThrow(RangeError);
  });

  it('writes scalars as OData literals', () => {
    expect(compare('isRead', 'eq', false).odata).toBe('isRead eq false');
    expect(compare('size', 'gt', 1024).odata).toBe('size gt 1024');
    expect(compare('subject', 'ne', null).odata).toBe('subject ne null');
    expect(compare('receivedDateTime', 'lt', new Date('2026-01-02T03:04:05Z')).odata).toBe('receivedDateTime lt 2026-01-02T03:04:05.000Z');
    expect(() => compare('size', 'gt', Number.NaN)).toThrow(RangeError);
    expect(() => dateLiteral(new Date('nope'))).toThrow(RangeError);
  });

  it('groups combined expressions', () => {
    const f = and(compare('isRead', 'eq', true), or(contains('subject', 'a'), not(compare('hasAttachments', 'eq', true))));
    expect(f.odata).toBe("(isRead eq true) and ((contains(subject,'a')) or (not (hasAttachments eq true)))");
  });

  it('builds $orderby and $select', () => {
    expect(orderByClause([{ path: 'receivedDateTime', descending: true }, { path: 'id' }])).toBe('receivedDateTime desc,id');
    expect(selectClause(['id', 'subject'])).toBe('id,subject');
  });

  it('percent-encodes query values so & # = + cannot start another parameter', () => {
    const qs = queryString([
      ['$filter', compare('subject', 'eq', 'a&$top=1#b+c=d%').odata],
      ['$top', '5'],
    ]);
    expect(qs).toBe("?$filter=subject%20eq%20'a%26%24top%3D1%23b%2Bc%3Dd%25'&$top=5");
    const parsed = new URL(`https://h/p${qs}`).searchParams;
    expect(parsed.get('$filter')).toBe("subject eq 'a&$top=1#b+c=d%'");
    expect(parsed.get('$top')).toBe('5');
    expect([...parsed.keys()]).toEqual(['$filter', '$top']);
    expect(queryString([])).toBe('');
  });

  it('encodes ids as one path segment', () => {
    expect(segment('AAMk/abc+def=')).toBe('AAMk%2Fabc%2Bdef%3D');
    expect(segment('a?b#c')).toBe('a%3Fb%23c');
    for (const bad of ['', '.', '..']) expect(() => segment(bad)).toThrow(RangeError);
  });
});
