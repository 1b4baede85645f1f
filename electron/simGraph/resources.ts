// The mail resources of one user: /mailFolders, childFolders, messages (list, get, DELETE) and the
// message actions move, copy, permanentDelete. Paths come relative to /v1.0/{users/{id} | me}.
import { isAssociated, type Folder, type Item, type Mailbox } from '../sim/model';
import { checkMailboxAccess, folderVisible, resolveFolder, type GraphContext } from './context';
import { copyMessage, deleteMessage, moveMessage, permanentlyDeleteMessage } from './actions';
import { badRequest, GraphError, idMalformed, invalidRequest, itemNotFound } from './errors';
import { FOLDER_SELECTABLE, folderJson, visibleChildren } from './folderJson';
import { decodeGraphId, messageOfId } from './ids';
import { MESSAGE_FILTER_ACCESS, MESSAGE_GETTERS, MESSAGE_SELECTABLE, messageFilterRules, messageJson } from './messageJson';
import { matches, nextLinkQuery, NO_FILTER, parseCollectionQuery, sorter, type CollectionQuery } from './query';

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface ResourceRequest {
  method: string;
  /** Segments after the user (`mailFolders`, `{id}`, `messages`, …). */
  segments: string[];
  params: URLSearchParams;
  body: unknown;
  /** The path up to and including the user, for links (`/users/alice%40contoso.com`). */
  userPath: string;
}

/** Outlook's page limits: 10 by default, at most 1000 messages a page. */
const DEFAULT_PAGE = 10;
export const MAX_MESSAGE_PAGE = 1000;

const json = (status: number, body: unknown): GraphResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body });
const noContent = (): GraphResponse => ({ status: 204, headers: {} });

function pageOf<T>(
  ctx: GraphContext,
  req: ResourceRequest,
  query: CollectionQuery,
  all: readonly T[],
  write: (value: T) => unknown,
  maxTop: number | undefined,
  context: string,
): GraphResponse {
  let top = query.top ?? DEFAULT_PAGE;
  if (maxTop !== undefined && top > maxTop) {
    if (ctx.switches.topAboveMax === 'error') throw new GraphError(400, 'ErrorInvalidArgument', `The value of $top must be between 1 and ${maxTop}.`);
    top = maxTop;
  }
  const slice = all.slice(query.skip, query.skip + top);
  const body: Record<string, unknown> = { '@odata.context': `${ctx.serviceRoot}/$metadata#${context}` };
  if (query.count) body['@odata.count'] = all.length;
  body.value = slice.map(write);
  if (top > 0 && query.skip + top < all.length) {
    body['@odata.nextLink'] = `${ctx.serviceRoot}${req.userPath}/${req.segments.join('/')}?${nextLinkQuery(req.params, query.skip + top, top)}`;
  }
  return json(200, body);
}

function messagesOf(folders: readonly Folder[], query: CollectionQuery): readonly Item[] {
  const pick = (all: readonly Item[]): Item[] => {
    const kept = query.filter !== undefined ? all.filter((i) => matches(i, query.filter, MESSAGE_FILTER_ACCESS)) : [...all];
    return query.orderBy.length > 0 ? kept.sort(sorter(query.orderBy, MESSAGE_GETTERS)) : kept;
  };
  if (folders.length === 1) {
    const folder = folders[0] as Folder;
    if (query.filter === undefined && query.orderBy.length === 0) return folder.contents.all();
    // Cached per folder and query until the folder changes (paging a filtered million-item folder).
    const key = `graph:${JSON.stringify([query.filter, query.orderBy])}`;
    return folder.contents.view(key, pick);
  }
  const all = folders.flatMap((f) => f.contents.all());
  all.sort((a, b) => b.received - a.received);
  return pick(all);
}

function resolveMessage(ctx: GraphContext, mailbox: Mailbox, id: string): Item {
  const decoded = decodeGraphId(id);
  if (!decoded || decoded.kind !== 'message') throw idMalformed();
  const item = messageOfId(ctx.store, mailbox, decoded);
  // Messages of folders Graph does not show (Purges, Versions by default) are not found either.
  if (!item || isAssociated(item) || !item.folder || !folderVisible(ctx, item.folder)) throw itemNotFound();
  return item;
}

function destinationOf(ctx: GraphContext, mailbox: Mailbox, body: unknown): Folder {
  const destinationId = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).destinationId : undefined;
  if (typeof destinationId !== 'string' || destinationId === '') throw invalidRequest('The destinationId parameter is required.');
  return resolveFolder(ctx, mailbox, destinationId);
}

function messageRoute(ctx: GraphContext, req: ResourceRequest, mailbox: Mailbox, messageId: string, action: string | undefined): GraphResponse {
  const use = req.method === 'GET' ? 'read' : 'write';
  checkMailboxAccess(ctx, mailbox.owner, use);
  const item = resolveMessage(ctx, mailbox, messageId);
  if (action === undefined && req.method === 'GET') {
    const query = parseCollectionQuery(req.params, messageFilterRules(ctx.switches), MESSAGE_SELECTABLE);
    return json(200, {
      '@odata.context': `${ctx.serviceRoot}/$metadata#users('${mailbox.owner.smtp}')/messages/$entity`,
      ...messageJson(ctx.store, item, query.select, query.extendedProperties),
    });
  }
  if (action === undefined && req.method === 'DELETE') {
    deleteMessage(ctx, item);
    return noContent();
  }
  if (req.method !== 'POST') throw badRequest(`The HTTP method '${req.method}' is not allowed for this resource.`);
  if (action === 'permanentDelete') {
    permanentlyDeleteMessage(ctx, item);
    return noContent();
  }
  if (action === 'move' || action === 'copy') {
    const destination = destinationOf(ctx, mailbox, req.body);
    const result = action === 'move' ? moveMessage(ctx, item, destination) : copyMessage(ctx, item, destination);
    return json(201, {
      '@odata.context': `${ctx.serviceRoot}/$metadata#users('${mailbox.owner.smtp}')/messages/$entity`,
      ...messageJson(ctx.store, result, undefined, undefined),
    });
  }
  throw badRequest(`Resource not found for the segment '${action ?? ''}'.`);
}

export function userResource(ctx: GraphContext, req: ResourceRequest, mailbox: Mailbox): GraphResponse {
  const [first, second, third, fourth, fifth, ...extra] = req.segments;
  if (extra.length > 0) throw badRequest(`Resource not found for the segment '${extra[0] ?? ''}'.`);
  const context = `users('${mailbox.owner.smtp}')`;
  if (first === 'messages') {
    if (second !== undefined) return messageRoute(ctx, req, mailbox, second, third);
    if (req.method !== 'GET') throw badRequest(`The HTTP method '${req.method}' is not allowed for this resource.`);
    checkMailboxAccess(ctx, mailbox.owner, 'read');
    const query = parseCollectionQuery(req.params, messageFilterRules(ctx.switches), MESSAGE_SELECTABLE);
    const top = ctx.store.distinguished(mailbox, 'msgfolderroot');
    const folders = top ? [top, ...ctx.store.descendants(top)] : [];
    return pageOf(
      ctx,
      req,
      query,
      messagesOf(folders, query),
      (i) => messageJson(ctx.store, i, query.select, query.extendedProperties),
      MAX_MESSAGE_PAGE,
      `${context}/messages`,
    );
  }
  if (first !== 'mailFolders') throw badRequest(`Resource not found for the segment '${first ?? ''}'.`);
  checkMailboxAccess(ctx, mailbox.owner, req.method === 'GET' ? 'read' : 'write');
  if (second === undefined) {
    if (req.method !== 'GET') throw badRequest(`The HTTP method '${req.method}' is not allowed for this resource.`);
    const query = parseCollectionQuery(req.params, NO_FILTER, FOLDER_SELECTABLE);
    const top = ctx.store.distinguished(mailbox, 'msgfolderroot');
    return pageOf(
      ctx,
      req,
      query,
      top ? visibleChildren(ctx, top) : [],
      (f) => folderJson(ctx, f, query.select, query.extendedProperties),
      undefined,
      `${context}/mailFolders`,
    );
  }
  const folder = resolveFolder(ctx, mailbox, second);
  if (third === undefined && req.method === 'GET') {
    const query = parseCollectionQuery(req.params, NO_FILTER, FOLDER_SELECTABLE);
    return json(200, {
      '@odata.context': `${ctx.serviceRoot}/$metadata#${context}/mailFolders/$entity`,
      ...folderJson(ctx, folder, query.select, query.extendedProperties),
    });
  }
  if (third === 'childFolders' && fourth === undefined && req.method === 'GET') {
    const query = parseCollectionQuery(req.params, NO_FILTER, FOLDER_SELECTABLE);
    return pageOf(
      ctx,
      req,
      query,
      visibleChildren(ctx, folder),
      (f) => folderJson(ctx, f, query.select, query.extendedProperties),
      undefined,
      `${context}/mailFolders('${second}')/childFolders`,
    );
  }
  if (third === 'messages' && fourth === undefined && req.method === 'GET') {
    const query = parseCollectionQuery(req.params, messageFilterRules(ctx.switches), MESSAGE_SELECTABLE);
    return pageOf(
      ctx,
      req,
      query,
      messagesOf([folder], query),
      (i) => messageJson(ctx.store, i, query.select, query.extendedProperties),
      MAX_MESSAGE_PAGE,
      `${context}/mailFolders('${second}')/messages`,
    );
  }
  if (third === 'messages' && fourth !== undefined) {
    return messageRoute(ctx, req, mailbox, fourth, fifth);
  }
  throw badRequest(`Resource not found for the segment '${third ?? ''}'.`);
}
