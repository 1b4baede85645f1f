// electron/sim/rights.ts on its own: grant normalisation and the access levels it derives.
import { describe, expect, it } from 'vitest';
import { grant, mailboxAccess, mayReach } from '../../electron/sim/rights';
import { Store } from '../../electron/sim/store';

const store = new Store([
  { smtp: 'Owner@contoso.com', name: 'Owner', password: 'x' },
  { smtp: 'full@contoso.com', name: 'Full', password: 'x', fullAccessTo: ['OWNER@contoso.com'] },
  { smtp: 'all@contoso.com', name: 'All', password: 'x', fullAccessTo: '*' },
  { smtp: 'reader@contoso.com', name: 'Reader', password: 'x', readAccessTo: ['owner@contoso.com'] },
  { smtp: 'svc@contoso.com', name: 'Service', password: 'x', canImpersonate: true },
]);
const user = (smtp: string) => {
  const found = store.user(smtp);
  if (!found) throw new Error(smtp);
  return found;
};

describe('rights', () => {
  it('normalises grants to lower case and keeps *', () => {
    expect(grant(['A@Contoso.com'])).toEqual(['a@contoso.com']);
    expect(grant('*')).toBe('*');
    expect(grant(undefined)).toEqual([]);
  });

  it('derives full, read or no access; impersonation alone opens nothing', () => {
    const owner = user('owner@contoso.com');
    expect(mailboxAccess(owner, owner)).toBe('full');
    expect(mailboxAccess(user('full@contoso.com'), owner)).toBe('full');
    expect(mailboxAccess(user('all@contoso.com'), owner)).toBe('full');
    expect(mailboxAccess(user('reader@contoso.com'), owner)).toBe('read');
    expect(mailboxAccess(user('svc@contoso.com'), owner)).toBe('none');
    expect(mailboxAccess(owner, user('full@contoso.com'))).toBe('none');
  });

  it('mayReach (Autodiscover): own, any grant, or impersonation', () => {
    const owner = user('owner@contoso.com');
    expect(mayReach(user('svc@contoso.com'), owner)).toBe(true);
    expect(mayReach(user('reader@contoso.com'), owner)).toBe(true);
    expect(mayReach(owner, user('reader@contoso.com'))).toBe(false);
  });
});
