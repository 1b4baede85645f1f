// The Graph simulator's $filter grammar (electron/simGraph/filter.ts) and the $filter/$orderby and
// $search rules of parseCollectionQuery, on plain rows: what Outlook's $filter takes and refuses.
import { describe, expect, it } from 'vitest';
import { evaluate, filterProperties, parseFilterTree, type FilterRules, type Getter } from '../../electron/simGraph/filter';
import { parseCollectionQuery } from '../../electron/simGraph/query';

type Row = { subject: string; from: string | null; received: number; isRead: boolean; cls: string };
const getters: Record<string, Getter<Row>> = {
  subject: (r) => r.subject,
  'from/emailaddress/address': (r) => r.from,
  receiveddatetime: (r) => r.received,
  isread: (r) => r.isRead,
};
const rules: FilterRules = {
  properties: new Set(Object.keys(getters)),
  textProperties: new Set(['subject', 'from/emailaddress/address']),
  textFunctions: true,
};
const access = { getters, extended: (r: Row, id: string) => (id === 'String 0x001A' ? r.cls : undefined) };

const rows: Row[] = [
  { subject: 'Quarterly REPORT', from: 'megan@contoso.com', received: 300, isRead: false, cls: 'IPM.Note' },
  { subject: 'Lunch', from: 'alex@fabrikam.com', received: 200, isRead: true, cls: 'IPM.Note' },
  { subject: "It's a report", from: null, received: 100, isRead: true, cls: 'IPM.Appointment' },
];
const pick = (text: string, r: FilterRules = rules): string[] =>
  rows.filter((row) => evaluate(row, parseFilterTree(text, r), access)).map((row) => row.subject);

describe('Graph $filter grammar (simulator)', () => {
  it('contains and startswith on subject and sender address, ignoring case; quotes doubled inside literals', () => {
    expect(pick("contains(subject,'report')")).toEqual(['Quarterly REPORT', "It's a report"]);
    expect(pick("contains(subject, 'it''s')")).toEqual(["It's a report"]);
    expect(pick("startswith(subject,'quarter')")).toEqual(['Quarterly REPORT']);
    expect(pick("contains(from/emailAddress/address,'FABRIKAM.com')")).toEqual(['Lunch']);
    // A missing sender never contains anything.
    expect(pick("startswith(from/emailAddress/address,'')")).toEqual(['Quarterly REPORT', 'Lunch']);
  });

  it('and, or, not and parentheses with OData precedence (not > and > or)', () => {
    expect(pick("(receivedDateTime ge 1970-01-01T00:03:00Z) and (contains(subject,'report'))")).toEqual(['Quarterly REPORT']);
    expect(pick("isRead eq true and contains(subject,'report') or subject eq 'Lunch'")).toEqual(['Lunch', "It's a report"]);
    expect(pick("isRead eq true and (contains(subject,'report') or subject eq 'x')")).toEqual(["It's a report"]);
    expect(pick("not (contains(subject,'report'))")).toEqual(['Lunch']);
    expect(pick("not contains(subject,'report') and isRead eq true")).toEqual(['Lunch']);
    expect(pick('((isRead eq false))')).toEqual(['Quarterly REPORT']);
  });

  it('the documented single-value extended property lambda', () => {
    expect(pick("singleValueExtendedProperties/any(ep:ep/id eq 'String 0x001A' and ep/value eq 'ipm.appointment')")).toEqual(["It's a report"]);
    expect(pick("singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x001A' and ep/value eq 'IPM.Note') and isRead eq true")).toEqual(['Lunch']);
    expect(pick("singleValueExtendedProperties/any(ep:ep/id eq 'String 0x0037' and ep/value eq 'Lunch')")).toEqual([]);
  });

  it('refuses what Outlook refuses, as ErrorInvalidUrlQueryFilter', () => {
    for (const text of [
      "endswith(subject,'report')",
      "contains(isRead,'x')",
      "contains(body/content,'x')",
      "substringof('x',subject)",
      "(contains(subject,'x')",
      "contains(subject,'x'))",
      "contains(subject,'x'",
      "subject eq 'open",
      "subject eq 'x' and",
      "toRecipients/any(r:r/emailAddress/address eq 'a@b.c')",
      "singleValueExtendedProperties/any(ep:ep/value eq 'x')",
      'isRead eq maybe',
    ]) {
      expect(() => parseFilterTree(text, rules), text).toThrow(expect.objectContaining({ status: 400, code: 'ErrorInvalidUrlQueryFilter' }));
    }
    // Switch filterFunctions 'refused': the functions are invalid nodes, comparisons still work.
    const refused = { ...rules, textFunctions: false };
    expect(() => parseFilterTree("contains(subject,'x')", refused)).toThrow(expect.objectContaining({ code: 'ErrorInvalidUrlQueryFilter' }));
    expect(pick('isRead eq false', refused)).toEqual(['Quarterly REPORT']);
  });

  it('names its properties in written order, for the $orderby rule', () => {
    const tree = parseFilterTree(
      "(receivedDateTime ge 2020-01-01T00:00:00Z) and (contains(subject,'a') or not isRead eq true) and singleValueExtendedProperties/any(e:e/id eq 'String 0x001A' and e/value eq 'IPM.Note')",
      rules,
    );
    expect(filterProperties(tree)).toEqual(['receiveddatetime', 'subject', 'isread', 'singlevalueextendedproperties']);
  });
});

describe('$filter with $orderby, and $search (simulator)', () => {
  const q = (text: string) => parseCollectionQuery(new URLSearchParams(text), rules, new Set(['id', 'subject']));

  it('takes a function after the ordered property leads the filter, parenthesised or not', () => {
    expect(q("$filter=receivedDateTime ge 1900-01-01T00:00:00Z and contains(subject,'x')&$orderby=receivedDateTime desc").orderBy).toEqual([
      { property: 'receiveddatetime', descending: true },
    ]);
    expect(q("$filter=(receivedDateTime ge 1900-01-01T00:00:00Z) and (contains(subject,'x'))&$orderby=receivedDateTime desc").filter).toBeDefined();
  });

  it('refuses an ordered property the filter does not lead with: 400 InefficientFilter', () => {
    for (const text of [
      "$filter=contains(subject,'x')&$orderby=receivedDateTime desc",
      "$filter=contains(subject,'x') and receivedDateTime ge 1900-01-01&$orderby=receivedDateTime",
    ]) {
      expect(() => q(text), text).toThrow(expect.objectContaining({ status: 400, code: 'InefficientFilter' }));
    }
  });

  it('refuses $search in words (not modelled) instead of answering every message', () => {
    expect(() => q('$search="subject:report"')).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/does not model \$search/) }));
  });
});
