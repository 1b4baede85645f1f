// ConvertId: ids between formats (EwsId ↔ EntryId / HexEntryId, e.g. for ids taken from Outlook or
// MAPI tools). One result per source id, in order; ChangeKeys are never part of an alternate id.
import { EwsError } from '../errors';
import { requireNonEmpty } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, type EwsResult } from '../responseMessages';
import { escapeXml } from '../xmlText';
import { attr, firstChild, type XNode } from '../xmlTree';

export type IdFormat = 'EwsLegacyId' | 'EwsId' | 'EntryId' | 'HexEntryId' | 'StoreId' | 'OwaId';
export const ID_FORMATS: readonly IdFormat[] = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'];

export interface AlternateId {
  format: IdFormat;
  id: string;
  /** Primary SMTP address of the mailbox the id belongs to. */
  mailbox: string;
  /** The id is of the mailbox's archive. */
  isArchive?: boolean;
}

export interface ConvertIdRequest {
  ids: readonly AlternateId[];
  destinationFormat: IdFormat;
}

function checkFormat(format: string): string {
  if (!(ID_FORMATS as readonly string[]).includes(format)) throw new EwsError('invalid-request', `"${format}" is not an id format.`);
  return format;
}

function alternateIdXml(source: AlternateId): string {
  if (source.mailbox === '') throw new EwsError('invalid-request', 'ConvertId needs the mailbox of each id.');
  const archive = source.isArchive === undefined ? '' : ` IsArchive="${source.isArchive ? 'true' : 'false'}"`;
  return `<t:AlternateId Format="${checkFormat(source.format)}" Id="${escapeXml(source.id)}" Mailbox="${escapeXml(source.mailbox)}"${archive}/>`;
}

function readAlternateId(message: XNode): AlternateId | undefined {
  const node = firstChild(message, 'AlternateId');
  const format = node === undefined ? undefined : attr(node, 'Format');
  const id = node === undefined ? undefined : attr(node, 'Id');
  const mailbox = node === undefined ? undefined : attr(node, 'Mailbox');
  if (node === undefined || format === undefined || id === undefined || mailbox === undefined || !(ID_FORMATS as readonly string[]).includes(format))
    return undefined;
  const archive = attr(node, 'IsArchive');
  const result: AlternateId = { format: format as IdFormat, id, mailbox };
  if (archive !== undefined) result.isArchive = archive.trim() === 'true' || archive.trim() === '1';
  return result;
}

export const convertIdOperation: EwsOperation<ConvertIdRequest, EwsResult<AlternateId | undefined>[]> = {
  name: 'ConvertId',
  buildBody(request) {
    requireNonEmpty(request.ids, 'id');
    return `<m:ConvertId DestinationFormat="${checkFormat(request.destinationFormat)}"><m:SourceIds>${request.ids.map(alternateIdXml).join('')}</m:SourceIds></m:ConvertId>`;
  },
  parseResponse(response, request) {
    return readResponseMessages(response, 'ConvertId', request.ids.length, readAlternateId);
  },
};
