// ResolveNames and ExpandDL over HTTP against the demo directory (users and the groups
// all-staff@contoso.com → alice, bob, sales@contoso.com → carol).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, iid, messages, post, unescapeXml } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(() => sim.close());

const resolve = (entry: string, attrs = 'ReturnFullContactData="true" SearchScope="ActiveDirectory"'): string =>
  `<m:ResolveNames ${attrs}><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`;
const expand = (address: string): string => `<m:ExpandDL><m:Mailbox><t:EmailAddress>${address}</t:EmailAddress></m:Mailbox></m:ExpandDL>`;
const addresses = (xml: string): string[] => [...xml.matchAll(/<t:EmailAddress>([^<]*)<\/t:EmailAddress>/g)].map((m) => unescapeXml(m[1] ?? ''));
const mailboxTypes = (xml: string): string[] => [...xml.matchAll(/<t:MailboxType>([^<]*)<\/t:MailboxType>/g)].map((m) => m[1] ?? '');

describe('ResolveNames', () => {
  it('resolves one user by address, alias prefix or surname, with full contact data when asked', async () => {
    for (const entry of ['alice@contoso.com', 'SMTP:alice@contoso.com', 'alic', 'Wilson']) {
      const answer = await post(sim, resolve(entry));
      expect(codes(answer.text), entry).toEqual(['NoError']);
      expect(answer.text).toContain('<m:ResolutionSet TotalItemsInView="1" IncludesLastItemInRange="true">');
      expect(answer.text).toContain(
        '<t:Mailbox><t:Name>Alice Wilson</t:Name><t:EmailAddress>alice@contoso.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>',
      );
      expect(answer.text).toContain('<t:Entry Key="EmailAddress1">SMTP:alice@contoso.com</t:Entry>');
      expect(answer.text).toContain('<t:ContactSource>ActiveDirectory</t:ContactSource><t:Surname>Wilson</t:Surname>');
    }
    const lean = await post(sim, resolve('alice@contoso.com', 'ReturnFullContactData="false" SearchScope="ActiveDirectory"'));
    expect(lean.text).not.toContain('<t:Contact>');
  });

  it('answers an ambiguous name with a Warning ErrorNameResolutionMultipleResults listing every candidate', async () => {
    const answer = await post(sim, resolve('a'));
    const [message] = messages(answer.text);
    expect(message?.cls).toBe('Warning');
    expect(message?.code).toBe('ErrorNameResolutionMultipleResults');
    // Sorted by display name: Alice Wilson, All Staff, Contoso Admin (alias admin).
    expect(addresses(answer.text)).toEqual(['alice@contoso.com', 'all-staff@contoso.com', 'admin@contoso.com']);
    expect(answer.text).toContain('TotalItemsInView="3" IncludesLastItemInRange="true"');
  });

  it('resolves a group as a PublicDL, and says ErrorNameResolutionNoResults with no ResolutionSet for no match', async () => {
    const group = await post(sim, resolve('sales@contoso.com'));
    expect(codes(group.text)).toEqual(['NoError']);
    expect(mailboxTypes(group.text)).toEqual(['PublicDL']);
    const none = await post(sim, resolve('zebra'));
    expect(codes(none.text)).toEqual(['ErrorNameResolutionNoResults']);
    expect(messages(none.text)[0]?.cls).toBe('Error');
    expect(none.text).not.toContain('ResolutionSet');
  });

  it('searches the contacts folder too in the default scope, returning the contact ItemId', async () => {
    const contacts = sim.store.folderByDistinguished(ADMIN, 'contacts')?.id ?? '';
    const [contactId] = sim.store.seedItems(contacts, 1, { subject: 'Zora Quill', itemClass: 'IPM.Contact' });
    const inDefault = await post(sim, resolve('Zora', 'ReturnFullContactData="true"'));
    expect(codes(inDefault.text)).toEqual(['NoError']);
    expect(inDefault.text).toContain(iid(contactId ?? '', sim.store.locate(contactId ?? '')?.item.changeKey));
    expect(mailboxTypes(inDefault.text)).toEqual(['Contact']);
    const adOnly = await post(sim, resolve('Zora'));
    expect(codes(adOnly.text)).toEqual(['ErrorNameResolutionNoResults']);
  });
});

describe('ExpandDL', () => {
  it('lists a group one level deep: users as Mailbox, the nested group as PublicDL', async () => {
    const answer = await post(sim, expand('all-staff@contoso.com'));
    expect(codes(answer.text)).toEqual(['NoError']);
    expect(answer.text).toContain('<m:DLExpansion TotalItemsInView="3" IncludesLastItemInRange="true">');
    expect(addresses(answer.text)).toEqual(['alice@contoso.com', 'bob@contoso.com', 'sales@contoso.com']);
    expect(mailboxTypes(answer.text)).toEqual(['Mailbox', 'Mailbox', 'PublicDL']);
    const nested = await post(sim, expand('SALES@contoso.com'));
    expect(addresses(nested.text)).toEqual(['carol@contoso.com']);
  });

  it('answers ErrorNameResolutionNoResults for an unknown address and for a user mailbox', async () => {
    expect(codes((await post(sim, expand('nobody@contoso.com'))).text)).toEqual(['ErrorNameResolutionNoResults']);
    expect(codes((await post(sim, expand('bob@contoso.com'))).text)).toEqual(['ErrorNameResolutionNoResults']);
  });

  it('a simulator started with its own users has no groups unless given some', async () => {
    const solo = await startSimulator({
      seed: 'empty',
      throttling: false,
      users: [{ smtp: 'solo@fabrikam.com', name: 'Solo', password: 'pw' }],
      groups: [{ smtp: 'team@fabrikam.com', name: 'Team', members: ['solo@fabrikam.com', 'gone@fabrikam.com'] }],
    });
    try {
      const answer = await post(solo, expand('team@fabrikam.com'), { user: 'solo@fabrikam.com', password: 'pw' });
      expect(mailboxTypes(answer.text)).toEqual(['Mailbox', 'OneOff']);
      const staff = await post(solo, expand('all-staff@contoso.com'), { user: 'solo@fabrikam.com', password: 'pw' });
      expect(codes(staff.text)).toEqual(['ErrorNameResolutionNoResults']);
    } finally {
      await solo.close();
    }
  });
});
