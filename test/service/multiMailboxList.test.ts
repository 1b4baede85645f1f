// Choosing mailboxes without a server: CSV header detection, pasted lists, de-duplication, nested
// groups (with a cycle), names resolved or refused with the candidates, nothing dropped silently.
import { describe, expect, it } from 'vitest';
import {
  cleanEntry,
  dedupe,
  expandGroups,
  parseMailboxText,
  selectMailboxes,
  splitCsvLine,
  type DirectoryEntry,
  type MailboxDirectory,
} from '../../electron/service/multiMailboxList';

const mailbox = (smtp: string, name = smtp): DirectoryEntry => ({ kind: 'mailbox', smtp, name, type: 'Mailbox' });
const group = (smtp: string): DirectoryEntry => ({ kind: 'group', smtp, name: smtp, type: 'PublicDL' });

/** A small directory: all@ holds a, b and team@; team@ holds c and all@ again (a cycle) and a contact. */
const directory: MailboxDirectory = {
  async expandGroup(address) {
    const groups: Record<string, DirectoryEntry[]> = {
      'all@x.com': [mailbox('a@x.com'), mailbox('B@x.com'), group('team@x.com')],
      'team@x.com': [mailbox('c@x.com'), mailbox('b@x.com'), group('all@x.com'), { kind: 'other', smtp: 'vendor@y.com', type: 'Contact' }],
    };
    const members = groups[address.toLowerCase()];
    return members === undefined ? { ok: false, reason: `${address} is not a distribution group the directory knows.` } : { ok: true, members };
  },
  async resolve(entry) {
    if (entry === 'Carol') return { outcome: 'resolved', candidates: [mailbox('c@x.com', 'Carol')] };
    if (entry === 'Team') return { outcome: 'resolved', candidates: [group('team@x.com')] };
    if (entry === 'Al') return { outcome: 'ambiguous', candidates: [mailbox('al@x.com', 'Al One'), mailbox('alan@x.com', 'Alan')] };
    return { outcome: 'none', candidates: [] };
  },
};

describe('parseMailboxText', () => {
  it('takes the address column of a CSV export by its header (quoted cells, BOM, semicolons)', () => {
    expect(parseMailboxText('\uFEFFDisplayName,PrimarySmtpAddress\r\n"Smith, Ann",ann@x.com\r\nBo,SMTP:bo@x.com\r\n').entries).toEqual([
      'ann@x.com',
      'bo@x.com',
    ]);
    expect(parseMailboxText('Name;EmailAddress\nAnn;ann@x.com\n').entries).toEqual(['ann@x.com']);
    expect(parseMailboxText('name,mail\nAnn,ann@x.com\nEmpty,\n').problems[0]?.reason).toMatch(/Row 3 has no value in the mail column/);
  });

  it('refuses a CSV without an address column instead of reading names as entries', () => {
    const parsed = parseMailboxText('Name,Department\nAnn,ann@x.com sales\n');
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems[0]?.reason).toMatch(/No address column/);
  });

  it('reads a pasted list: lines, commas, semicolons and "Name <address>" forms; # comments skipped', () => {
    expect(parseMailboxText('# phishing targets\nann@x.com, bo@x.com;\n"Cy" <cy@x.com>\n\nCarol\n').entries).toEqual([
      'ann@x.com',
      'bo@x.com',
      'cy@x.com',
      'Carol',
    ]);
  });

  it('splits CSV lines with escaped quotes', () => {
    expect(splitCsvLine('"a ""b"", c",d', ',')).toEqual(['a "b", c', 'd']);
    expect(cleanEntry(' mailto:Ann@X.com ')).toBe('Ann@X.com');
    expect(dedupe(['a@x.com', 'A@X.com', 'b@x.com'])).toEqual(['a@x.com', 'b@x.com']);
  });
});

describe('groups and names', () => {
  it('expands nested groups once each (a cycle ends), de-duplicates, and lists non-mailbox members', async () => {
    const picked = await expandGroups(directory, ['all@x.com']);
    expect(picked.mailboxes).toEqual(['a@x.com', 'B@x.com', 'c@x.com']);
    expect(picked.problems).toEqual([{ entry: 'vendor@y.com', reason: expect.stringMatching(/team@x.com that is not a mailbox \(Contact\)/) }]);
  });

  it('combines every source; unknown groups, ambiguous and unknown names are problems with reasons', async () => {
    const picked = await selectMailboxes({ text: 'c@x.com\nCarol\nAl\nZed', groups: ['nope@x.com'], names: ['Team'] }, directory);
    // Team holds all@ again, so its members come too (once each).
    expect(picked.mailboxes).toEqual(['c@x.com', 'b@x.com', 'a@x.com']);
    expect(picked.problems.map((p) => [p.entry, p.reason])).toEqual([
      ['Al', expect.stringMatching(/Several entries match: Al One <al@x.com>, Alan <alan@x.com>/)],
      ['Zed', expect.stringMatching(/No mailbox or group/)],
      ['nope@x.com', expect.stringMatching(/not a distribution group/)],
      ['vendor@y.com', expect.stringMatching(/not a mailbox/)],
    ]);
  });

  it('without a directory, names and groups are listed as problems, never dropped', async () => {
    const picked = await selectMailboxes({ text: 'a@x.com\nCarol', groups: ['all@x.com'] });
    expect(picked.mailboxes).toEqual(['a@x.com']);
    expect(picked.problems.map((p) => p.entry)).toEqual(['Carol', 'all@x.com']);
  });
});
