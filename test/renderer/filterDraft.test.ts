// The quick filter's draft → ItemFilter: local days become UTC instants, the deleted dates only
// count in Recoverable Items, Message-IDs get their angle brackets, the condition count.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conditionCount, emptyDraft, hasAdvanced, normalizeMessageId, toFilter } from '../../renderer/src/lib/filterDraft';

const originalTz = process.env.TZ;
beforeEach(() => {
  // A zone west of UTC, so a local day visibly differs from the UTC day.
  process.env.TZ = 'America/New_York';
});
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('toFilter', () => {
  it('turns local days into the UTC instants they start at, "to" including the whole day', () => {
    const filter = toFilter({ ...emptyDraft, deletedFrom: '2025-10-01', deletedTo: '2025-10-02', sentFrom: '2025-01-15' }, true);
    expect(filter).toEqual({ deletedAfter: '2025-10-01T04:00:00.000Z', deletedBefore: '2025-10-03T04:00:00.000Z', sentAfter: '2025-01-15T05:00:00.000Z' });
  });

  it('leaves the deleted dates out outside Recoverable Items', () => {
    expect(toFilter({ ...emptyDraft, deletedFrom: '2025-10-01', read: 'unread' }, false)).toEqual({ read: 'unread' });
  });

  it('maps read state, categories, importance and Message-ID', () => {
    expect(toFilter({ ...emptyDraft, read: 'read', categories: 'no', importance: 'High', messageId: ' abc@contoso.com ' }, false)).toEqual({
      read: 'read',
      hasCategories: false,
      importance: 'High',
      messageId: '<abc@contoso.com>',
    });
    expect(toFilter({ ...emptyDraft, categories: 'yes' }, false)).toEqual({ hasCategories: true });
    expect(toFilter({ ...emptyDraft, attachments: 'yes' }, false)).toEqual({ hasAttachments: true });
    expect(toFilter({ ...emptyDraft, attachments: 'no' }, false)).toEqual({ hasAttachments: false });
  });
});

describe('helpers', () => {
  it('normalizes Message-IDs', () => {
    expect(normalizeMessageId('<a@b>')).toBe('<a@b>');
    expect(normalizeMessageId('a@b')).toBe('<a@b>');
    expect(normalizeMessageId('<a@b')).toBe('<a@b>');
    expect(normalizeMessageId('   ')).toBeUndefined();
  });

  it('counts a date range once', () => {
    expect(conditionCount({})).toBe(0);
    expect(conditionCount({ deletedAfter: 'x', deletedBefore: 'y', read: 'unread' })).toBe(2);
    expect(conditionCount({ receivedAfter: 'x', sentBefore: 'y', subjectContains: 's' })).toBe(3);
  });

  it('tells when the advanced fields hold something', () => {
    expect(hasAdvanced(emptyDraft)).toBe(false);
    expect(hasAdvanced({ ...emptyDraft, text: 'x' })).toBe(false);
    expect(hasAdvanced({ ...emptyDraft, importance: 'Low' })).toBe(true);
  });
});
