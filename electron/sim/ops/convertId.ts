// ConvertId (the ConvertId operation reference; EWS-FACTS §3, §5): one message per source id, in
// order. Conversion is pure id arithmetic — the item or folder need not exist, and the mailbox is
// only looked up when an entry id must be keyed by its GUID (EntryId/HexEntryId → EwsId):
//   EwsId      = base64 of the EwsId header (mailbox GUID) + PR_ENTRYID
//   EntryId    = base64 of the PR_ENTRYID
//   HexEntryId = upper-case hex of the PR_ENTRYID
// The Mailbox attribute is checked for SMTP syntax first (ErrorInvalidSmtpAddress); an id that is
// not valid in its stated format is ErrorInvalidIdMalformed. The answer is m:AlternateId with
// xsi:type="t:AlternateIdType" (the schema's base type is abstract), echoing Mailbox and IsArchive.
// EwsLegacyId, StoreId and OwaId layouts are not documented anywhere we could check: the simulator
// refuses them as a request it does not model (ErrorInvalidRequest fault) rather than invent them.
import { runBatch } from '../batch';
import type { RequestContext } from '../context';
import { itemError, SoapFault, type ItemError } from '../errors';
import { entryIdOfEwsId, ewsIdOfEntryId } from '../ids';
import { NS_TYPES } from '../namespaces';
import { booleanAttr, enumAttr, requireAttr, schemaFault, type XNode } from '../xmlRead';
import { attrs, responseMessage } from '../xmlWrite';
import { nonEmptyArray, type OperationHandler } from './operation';

const ID_FORMATS = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'] as const;
type IdFormat = (typeof ID_FORMATS)[number];
const MODELLED = new Set<IdFormat>(['EwsId', 'EntryId', 'HexEntryId']);
const SMTP = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function refuseUnmodelled(format: IdFormat): void {
  if (!MODELLED.has(format)) throw new SoapFault('ErrorInvalidRequest', `The simulator does not model the ${format} id format.`);
}

interface Source {
  format: IdFormat;
  id: string;
  mailbox: string;
  isArchive: boolean | undefined;
}

function readSource(node: XNode): Source {
  if (node.ns !== NS_TYPES || node.name !== 'AlternateId') {
    if (node.ns === NS_TYPES && (node.name === 'AlternatePublicFolderId' || node.name === 'AlternatePublicFolderItemId')) {
      throw new SoapFault('ErrorInvalidRequest', 'The simulator holds no public folders.');
    }
    throw schemaFault(`The element '${node.name}' is not a valid alternate id.`);
  }
  const format = enumAttr(node, 'Format', ID_FORMATS);
  const mailbox = requireAttr(node, 'Mailbox');
  if (mailbox === '') throw schemaFault("The 'Mailbox' attribute is invalid - The value '' is invalid according to its datatype 'NonEmptyStringType'.");
  return { format, id: requireAttr(node, 'Id'), mailbox, isArchive: booleanAttr(node, 'IsArchive', false) };
}

/** The PR_ENTRYID a source id names, with the mailbox GUID when the id carries one. */
function entryIdOf(source: Source): { entryId: Buffer; mailboxGuid?: string } | undefined {
  if (source.format === 'EwsId') return entryIdOfEwsId(source.id);
  const valid = source.format === 'HexEntryId' ? HEX.test(source.id) : BASE64.test(source.id) && source.id.length % 4 === 0;
  if (!valid) return undefined;
  const entryId = Buffer.from(source.id, source.format === 'HexEntryId' ? 'hex' : 'base64');
  // Only folder and message entry ids (checked by keying them with a placeholder GUID).
  return ewsIdOfEntryId('00000000-0000-4000-8000-000000000000', entryId) ? { entryId } : undefined;
}

function convert(ctx: RequestContext, source: Source, destination: IdFormat): string | ItemError {
  if (!SMTP.test(source.mailbox)) return itemError('ErrorInvalidSmtpAddress');
  const parsed = entryIdOf(source);
  if (!parsed) return itemError('ErrorInvalidIdMalformed');
  if (destination === 'EntryId') return parsed.entryId.toString('base64');
  if (destination === 'HexEntryId') return parsed.entryId.toString('hex').toUpperCase();
  let guid = parsed.mailboxGuid;
  if (guid === undefined) {
    const user = ctx.store.user(source.mailbox);
    const mailbox = user ? (source.isArchive ? user.archive : user.primary) : undefined;
    if (!mailbox) return itemError('ErrorNonExistentMailbox', `No mailbox with SMTP address ${source.mailbox}.`);
    guid = mailbox.keys.guid;
  }
  return ewsIdOfEntryId(guid, parsed.entryId) ?? itemError('ErrorInvalidIdMalformed');
}

export const convertId: OperationHandler = async (ctx, request) => {
  const destination = enumAttr(request, 'DestinationFormat', ID_FORMATS);
  refuseUnmodelled(destination);
  const sources = nonEmptyArray(request, 'SourceIds').map(readSource);
  for (const source of sources) refuseUnmodelled(source.format);
  const outcomes = await runBatch(
    ctx,
    sources,
    (source) => {
      const converted = convert(ctx, source, destination);
      if (typeof converted !== 'string') return { ok: false, error: converted };
      const attributes = attrs([
        ['Format', destination],
        ['Id', converted],
        ['Mailbox', source.mailbox],
        ['IsArchive', source.isArchive],
      ]);
      return { ok: true, payload: `<m:AlternateId xsi:type="t:AlternateIdType"${attributes}/>` };
    },
    { injectItemErrors: false },
  );
  return outcomes.map((o) => responseMessage('ConvertId', o)).join('');
};
