// Graph's directory as far as jobs over many mailboxes use it, over the EWS simulator's address
// book (electron/sim/directory.ts: the store's users and distribution groups):
//   GET /users/{id | userPrincipalName}                       (user-get)
//   GET /users?$filter=…                                       (user-list)
//   GET /groups?$filter=…                                      (group-list)
//   GET /groups/{id}/members, /groups/{id}/transitiveMembers   (group-list-members, -transitivemembers)
// $filter takes what works without advanced query parameters (aad-advanced-queries): `prop eq
// 'v'` and `startswith(prop,'v')` on displayName, mail and userPrincipalName, joined by `or`.
// $search needs `ConsistencyLevel: eventual`, a header the front does not pass here, so it is
// refused in words rather than answered differently from Graph. Directory requests are not mailbox
// requests: Outlook's per-mailbox throttle does not admit them.
import { directoryEntries, directoryEntry, type DirectoryEntry, type GroupConfig } from '../sim/directory';
import type { Store } from '../sim/store';
import type { Caller } from './access';
import { objectIdOf } from './authority/registry';
import { badRequest, GraphError } from './errors';
import type { GraphResponse } from './resources';

/** Directory objects come 100 a page by default, at most 999 (paging page, user-list). */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;

/** user-get / user-list permissions; the signed-in user may always read their own entry (User.Read). */
const USER_READERS = new Set(['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']);
/** group-list-transitivemembers permissions (GroupMember.Read.All least privileged). */
const GROUP_READERS = new Set(['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.ReadWrite.All', 'Directory.Read.All']);

const FILTERABLE = new Set(['displayName', 'mail', 'userPrincipalName']);

const json = (status: number, body: unknown): GraphResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body });

/** Graph's directory answers (Microsoft Entra codes, not Exchange's). */
const insufficient = (): GraphError => new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const notFound = (id: string): GraphError =>
  new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
const unsupported = (message: string): GraphError => new GraphError(400, 'Request_UnsupportedQuery', message);

function requireAny(caller: Caller, allowed: ReadonlySet<string>): void {
  if (![...caller.permissions].some((p) => allowed.has(p))) throw insufficient();
}

const groupId = (group: GroupConfig): string => objectIdOf({ smtp: `group:${group.smtp}` });

function entryJson(entry: DirectoryEntry): Record<string, unknown> {
  if (entry.kind === 'user') {
    return { '@odata.type': '#microsoft.graph.user', id: objectIdOf(entry.user), displayName: entry.name, mail: entry.smtp, userPrincipalName: entry.smtp };
  }
  return {
    '@odata.type': '#microsoft.graph.group',
    id: groupId(entry.group),
    displayName: entry.name,
    mail: entry.smtp,
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: [],
  };
}

/** `(x)` → `x`, as often as the parentheses wrap the whole clause (OData allows them anywhere). */
function unwrap(clause: string): string {
  let text = clause.trim();
  while (text.startsWith('(') && text.endsWith(')')) {
    const inner = text.slice(1, -1);
    let depth = 0;
    let quoted = false;
    let balanced = true;
    for (const c of inner) {
      if (c === "'") quoted = !quoted;
      else if (!quoted && c === '(') depth++;
      else if (!quoted && c === ')' && --depth < 0) balanced = false;
    }
    if (!balanced || depth !== 0) break;
    text = inner.trim();
  }
  return text;
}

type Clause = { property: string; op: 'eq' | 'startswith'; value: string };

/** `a eq 'x' or startswith(b,'y')`; anything else is a 400 as Graph gives for a filter it cannot run. */
function parseFilter(text: string): Clause[] {
  const clauses: Clause[] = [];
  const literal = "'((?:[^']|'')*)'";
  const eq = new RegExp(`^\\s*(\\w+)\\s+eq\\s+${literal}\\s*$`, 'i');
  const starts = new RegExp(`^\\s*startswith\\(\\s*(\\w+)\\s*,\\s*${literal}\\s*\\)\\s*$`, 'i');
  for (const raw of text.split(/\s+or\s+(?=(?:[^']*'[^']*')*[^']*$)/i)) {
    const part = unwrap(raw);
    const byEq = eq.exec(part);
    const m = byEq ?? starts.exec(part);
    const property = m?.[1];
    if (m === null || property === undefined || !FILTERABLE.has(property))
      throw unsupported(`Unsupported or invalid query filter clause specified: '${part.trim()}'.`);
    clauses.push({ property, op: byEq === null ? 'startswith' : 'eq', value: (m[2] ?? '').replaceAll("''", "'") });
  }
  return clauses;
}

function matches(entry: DirectoryEntry, clauses: readonly Clause[]): boolean {
  const valueOf = (property: string): string => (property === 'displayName' ? entry.name : entry.smtp).toLowerCase();
  return clauses.some((c) => (c.op === 'eq' ? valueOf(c.property) === c.value.toLowerCase() : valueOf(c.property).startsWith(c.value.toLowerCase())));
}

function page(serviceRoot: string, path: string, params: URLSearchParams, all: readonly DirectoryEntry[]): GraphResponse {
  const topText = params.get('$top');
  const top = topText === null ? DEFAULT_PAGE : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE)
    throw badRequest(`Invalid page size specified: '${topText ?? ''}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
  // The skip token is opaque to clients; here it is the offset.
  const skip = Number(params.get('$skiptoken') ?? '0');
  if (!Number.isInteger(skip) || skip < 0) throw badRequest('Invalid $skiptoken.');
  const body: Record<string, unknown> = { '@odata.context': `${serviceRoot}/$metadata#directoryObjects`, value: all.slice(skip, skip + top).map(entryJson) };
  if (params.get('$count') === 'true') body['@odata.count'] = all.length;
  if (skip + top < all.length) {
    const next = new URLSearchParams(params);
    next.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${serviceRoot}${path}?${next.toString()}`;
  }
  return json(200, body);
}

function listed(params: URLSearchParams, kind: DirectoryEntry['kind'], store: Store): DirectoryEntry[] {
  if (params.has('$search'))
    throw unsupported("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  const filter = params.get('$filter');
  const all = directoryEntries(store).filter((e) => e.kind === kind);
  return filter === null ? all : all.filter((e) => matches(e, parseFilter(filter)));
}

function groupById(store: Store, id: string): GroupConfig {
  for (const entry of directoryEntries(store)) if (entry.kind === 'group' && groupId(entry.group) === id.toLowerCase()) return entry.group;
  throw notFound(id);
}

/** Every member through nested groups, each once (nested groups are listed too, as Graph does). */
function transitiveMembers(store: Store, group: GroupConfig): DirectoryEntry[] {
  const seen = new Set<string>([group.smtp.toLowerCase()]);
  const out: DirectoryEntry[] = [];
  const queue = [...group.members];
  for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = directoryEntry(store, address);
    if (entry === undefined) continue;
    out.push(entry);
    if (entry.kind === 'group') queue.push(...entry.group.members);
  }
  return out;
}

/**
 * The directory's answer to a request, or undefined when the path is a mailbox's (`/users/{id}/…`)
 * and belongs to the mail resources.
 */
export function directoryResource(
  store: Store,
  caller: Caller,
  serviceRoot: string,
  method: string,
  segments: readonly string[],
  params: URLSearchParams,
): GraphResponse | undefined {
  const [collection, id, relation, ...extra] = segments;
  const isUsers = collection === 'users' && relation === undefined;
  const isGroups = collection === 'groups';
  if (!isUsers && !isGroups) return undefined;
  if (method.toUpperCase() !== 'GET') throw badRequest(`The HTTP method '${method}' is not allowed for this resource.`);
  if (isUsers) {
    if (id === undefined) {
      requireAny(caller, USER_READERS);
      return page(serviceRoot, '/users', params, listed(params, 'user', store));
    }
    const entry = directoryEntry(store, id) ?? directoryEntries(store).find((e) => e.kind === 'user' && objectIdOf(e.user) === id.toLowerCase());
    const own = caller.kind === 'delegated' && entry?.kind === 'user' && entry.user === caller.user;
    if (!own) requireAny(caller, USER_READERS);
    if (entry === undefined || entry.kind !== 'user') throw notFound(id);
    return json(200, { '@odata.context': `${serviceRoot}/$metadata#users/$entity`, ...entryJson(entry) });
  }
  requireAny(caller, GROUP_READERS);
  if (id === undefined) return page(serviceRoot, '/groups', params, listed(params, 'group', store));
  const group = groupById(store, id);
  if (relation === undefined && extra.length === 0)
    return json(200, {
      '@odata.context': `${serviceRoot}/$metadata#groups/$entity`,
      ...entryJson({ kind: 'group', smtp: group.smtp, name: group.name, group }),
    });
  const path = `/groups/${encodeURIComponent(id)}/${relation ?? ''}`;
  if (relation === 'transitiveMembers' && extra.length === 0) return page(serviceRoot, path, params, transitiveMembers(store, group));
  if (relation === 'members' && extra.length === 0) {
    const direct = group.members.map((a) => directoryEntry(store, a)).filter((e): e is DirectoryEntry => e !== undefined);
    return page(serviceRoot, path, params, direct);
  }
  throw badRequest(`Resource not found for the segment '${relation ?? ''}'.`);
}
