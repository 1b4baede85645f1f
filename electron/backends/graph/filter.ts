// The domain's ItemFilter as a Graph $filter on messages, and the order that goes with it.
// Graph's rule for $filter with $orderby on messages (list messages page): the $orderby
// properties must come first in the $filter, in the same order, else 400 InefficientFilter. So a
// listing newest-first puts its receivedDateTime terms first, and adds `receivedDateTime ge
// 1900-01-01` when the filter has none of its own. Terms are joined by `and` without
// parentheses: every term is a single comparison or function call, so none are needed.
// "Subject contains" and "Sender contains" go as contains() in $filter, not as $search: $search on
// messages cannot be combined with $filter or $orderby, returns at most 1,000 results, ordered by
// sent date, without $skip paging (the $search query parameter page, "Using $search on message
// collections"), and matches KQL words, not substrings; a clean-up over "all matching" needs every
// match, paged newest first with the date filters beside it. contains() on subject and
// from/emailAddress/address is answered by Outlook (microsoft-graph-docs #4866, msgraph-sdk-dotnet
// #2572); where a tenant refuses it, filterRefusal names the filter Graph could not apply.
import { BackendRequestError } from '../../jobs/backend';
import type { GraphFailure } from '../../graph/errors';
import { compare, contains, stringLiteral, type Filter, type OrderBy } from '../../graph/odata';
import type { ItemFilter } from '../../../shared/domain';

/** PR_MESSAGE_CLASS (0x001A), Graph's extended-property id: messages have no itemClass property. */
export const MESSAGE_CLASS_PROPERTY = 'String 0x001A';

const EARLIEST = new Date('1900-01-01T00:00:00Z');

export interface GraphListQuery {
  filter?: Filter;
  orderBy?: OrderBy[];
}

function date(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw refused(`${field} is not a date: ${value}`);
  return d;
}

/** A filter Graph cannot apply: fatal for the job (asking again cannot help), named in words. */
export function refused(message: string): BackendRequestError {
  return new BackendRequestError({ kind: 'fatal', code: 'FilterUnavailableOverGraph', message, mayHaveExecuted: false });
}

/** `newestFirst`: order by receivedDateTime descending (the engine's keyset listing needs it). */
export function graphListQuery(filter: ItemFilter, newestFirst: boolean): GraphListQuery {
  const received: Filter[] = [];
  if (filter.receivedAfter) received.push(compare('receivedDateTime', 'ge', date(filter.receivedAfter, 'receivedAfter')));
  if (filter.receivedBefore) received.push(compare('receivedDateTime', 'lt', date(filter.receivedBefore, 'receivedBefore')));
  const rest: Filter[] = [];
  if (filter.deletedAfter) rest.push(compare('lastModifiedDateTime', 'ge', date(filter.deletedAfter, 'deletedAfter')));
  if (filter.deletedBefore) rest.push(compare('lastModifiedDateTime', 'lt', date(filter.deletedBefore, 'deletedBefore')));
  if (filter.sentAfter) rest.push(compare('sentDateTime', 'ge', date(filter.sentAfter, 'sentAfter')));
  if (filter.sentBefore) rest.push(compare('sentDateTime', 'lt', date(filter.sentBefore, 'sentBefore')));
  if (filter.read !== undefined) rest.push(compare('isRead', 'eq', filter.read === 'read'));
  if (filter.hasAttachments !== undefined) rest.push(compare('hasAttachments', 'eq', filter.hasAttachments));
  if (filter.importance) rest.push(compare('importance', 'eq', filter.importance.toLowerCase()));
  if (filter.messageId) rest.push(compare('internetMessageId', 'eq', filter.messageId.trim()));
  if (filter.subjectContains) rest.push(contains('subject', filter.subjectContains));
  if (filter.senderContains) rest.push(contains('from/emailAddress/address', filter.senderContains));
  if (filter.itemClass) {
    // Graph's documented form for filtering on a single-value extended property.
    rest.push({
      odata: `singleValueExtendedProperties/any(ep:ep/id eq ${stringLiteral(MESSAGE_CLASS_PROPERTY)} and ep/value eq ${stringLiteral(filter.itemClass)})`,
    });
  }
  if (filter.hasCategories !== undefined) {
    // No documented Graph filter for "has any category"; refused rather than guessed.
    throw refused('Filtering on "has categories" is not available over Microsoft Graph; use an EWS connection for it.');
  }
  if (newestFirst && received.length === 0 && rest.length > 0) received.push(compare('receivedDateTime', 'ge', EARLIEST));
  const terms = [...received, ...rest];
  const query: GraphListQuery = {};
  if (terms.length > 0) query.filter = { odata: terms.map((t) => t.odata).join(' and ') };
  if (newestFirst) query.orderBy = [{ path: 'receivedDateTime', descending: true }];
  return query;
}

/** Graph's codes for a $filter it will not run (invalid nodes; a restriction or sort too complex). */
const FILTER_REFUSALS: ReadonlySet<string> = new Set(['ErrorInvalidUrlQueryFilter', 'InefficientFilter']);

/** The quick and advanced filters that Graph takes as functions or lambdas, by their labels in the app. */
function functionFilters(filter: ItemFilter): string[] {
  const named: string[] = [];
  if (filter.subjectContains) named.push('"Subject contains"');
  if (filter.senderContains) named.push('"Sender contains"');
  if (filter.itemClass) named.push('"Item type"');
  return named;
}

/**
 * When Graph refused a listing's $filter, a sentence saying which filter it could not apply and
 * what to do; undefined for other failures (they keep their own messages).
 */
export function filterRefusal(filter: ItemFilter, failure: GraphFailure): string | undefined {
  if (failure.kind !== 'graph-error' || failure.status !== 400 || !FILTER_REFUSALS.has(failure.code)) return undefined;
  const named = functionFilters(filter);
  const which = named.length > 0 ? `the ${named.join(' and ')} filter${named.length > 1 ? 's' : ''}` : 'this filter';
  return `Microsoft Graph cannot apply ${which} on this mailbox (${failure.code}): clear ${named.length > 1 ? 'them' : 'it'}, or use an EWS connection for it.`;
}
