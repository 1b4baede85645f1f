// ExpandDL (the ExpandDL operation and element references): the members of ONE distribution group,
// not recursive — a nested group comes back as a member with MailboxType PublicDL, for the caller
// to expand in turn. m:DLExpansion carries TotalItemsInView and IncludesLastItemInRange (the whole
// list is returned). An address that names no group (unknown, or a user's mailbox):
// ErrorNameResolutionNoResults. An ItemId (a private DL in a contacts folder): the simulator holds
// no private DLs, so a resolvable item is ErrorInvalidItemForOperationExpandDL.
import { runBatch } from '../batch';
import { directoryEntry, type GroupConfig } from '../directory';
import { isItemError, itemError } from '../errors';
import { NS_MESSAGES, NS_TYPES } from '../namespaces';
import type { Store } from '../store';
import { child, requireChild } from '../xmlRead';
import { el, responseMessage } from '../xmlWrite';
import { checkItemIdSyntax, type OperationHandler } from './operation';

function member(store: Store, address: string): string {
  const entry = directoryEntry(store, address);
  if (!entry) return `<t:Mailbox>${el('t:EmailAddress', address)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>OneOff</t:MailboxType></t:Mailbox>`;
  const type = entry.kind === 'group' ? 'PublicDL' : 'Mailbox';
  return `<t:Mailbox>${el('t:Name', entry.name)}${el('t:EmailAddress', entry.smtp)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>${type}</t:MailboxType></t:Mailbox>`;
}

function expansion(store: Store, group: GroupConfig): string {
  const members = group.members.map((address) => member(store, address)).join('');
  return `<m:DLExpansion TotalItemsInView="${group.members.length}" IncludesLastItemInRange="true">${members}</m:DLExpansion>`;
}

export const expandDL: OperationHandler = async (ctx, request) => {
  const mailbox = requireChild(request, NS_MESSAGES, 'Mailbox');
  const itemIdNode = child(mailbox, NS_TYPES, 'ItemId');
  if (itemIdNode) checkItemIdSyntax([itemIdNode]);
  const outcomes = await runBatch(
    ctx,
    [mailbox],
    (node) => {
      if (itemIdNode) {
        const item = ctx.resolveItemRef(itemIdNode);
        return { ok: false, error: isItemError(item) ? item : itemError('ErrorInvalidItemForOperationExpandDL') };
      }
      const address = child(node, NS_TYPES, 'EmailAddress')?.text.trim() ?? '';
      const entry = address === '' ? undefined : directoryEntry(ctx.store, address);
      if (!entry || entry.kind !== 'group') return { ok: false, error: itemError('ErrorNameResolutionNoResults') };
      return { ok: true, payload: expansion(ctx.store, entry.group) };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('ExpandDL', o)).join('');
};
