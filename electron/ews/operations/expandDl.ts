// ExpandDL: the members of one distribution group, one level deep — a nested group comes back as
// a member with mailboxType PublicDL, to expand in turn. An address that is no group answers
// ErrorNameResolutionNoResults (a value in the result, like every per-request code).
import { EwsError } from '../errors';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { escapeXml } from '../xmlText';
import { childrenOf, firstChild, type XNode } from '../xmlTree';
import { boolAttr, intAttr, readDirectoryMailbox, type DirectoryMailbox } from './resolveNames';

export interface ExpandDLRequest {
  /** The group's primary SMTP address. */
  address: string;
}

export interface DistributionListExpansion {
  members: DirectoryMailbox[];
  totalItemsInView: number | undefined;
  includesLastItemInRange: boolean | undefined;
}

function readExpansion(message: XNode): DistributionListExpansion {
  const expansion = firstChild(message, 'DLExpansion');
  const members: DirectoryMailbox[] = [];
  for (const node of expansion === undefined ? [] : childrenOf(expansion)) {
    if (node.name === 'Mailbox') members.push(readDirectoryMailbox(node));
  }
  return {
    members,
    totalItemsInView: expansion === undefined ? undefined : intAttr(expansion, 'TotalItemsInView'),
    includesLastItemInRange: expansion === undefined ? undefined : boolAttr(expansion, 'IncludesLastItemInRange'),
  };
}

export const expandDLOperation: EwsOperation<ExpandDLRequest, EwsResult<DistributionListExpansion>> = {
  name: 'ExpandDL',
  buildBody(request) {
    if (request.address.trim() === '') throw new EwsError('invalid-request', 'The group address is required.');
    return `<m:ExpandDL><m:Mailbox><t:EmailAddress>${escapeXml(request.address)}</t:EmailAddress></m:Mailbox></m:ExpandDL>`;
  },
  parseResponse(response) {
    const [result] = readResponseMessages(response, 'ExpandDL', 1, readExpansion);
    return result as EwsResult<DistributionListExpansion>;
  },
};
