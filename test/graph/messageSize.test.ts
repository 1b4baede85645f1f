// The size of a message over Graph: the message resource has no size property, so listings and
// lookups by id expand PR_MESSAGE_SIZE ("Integer 0x0E08") beside LastActiveParentEntryId, read its
// decimal text as the row's size, and leave a row without it at 0 as the EWS mapping does.
import { describe, expect, it } from 'vitest';
import { toItemRow, ROW_EXPAND } from '../../electron/backends/graph/rows';
import { detailsRequest, detailsShape, toItemDetails } from '../../electron/backends/graph/details';
import { extendedInteger, PR_MESSAGE_SIZE } from '../../electron/graph/extendedProperties';
import { getMessageRequest } from '../../electron/graph/operations/getMessage';
import { listMessagesPage, listMessagesRequest } from '../../electron/graph/operations/listMessages';
import { clientWith, GRAPH_BASE, json, sequence } from './support';

const BOTH = "singleValueExtendedProperties($filter=id eq 'Binary 0x348A' or id eq 'Integer 0x0E08')";
const expandOf = (path: string): string | null => new URL(`${GRAPH_BASE}${path}`).searchParams.get('$expand');

describe('PR_MESSAGE_SIZE in requests', () => {
  it('is PidTagMessageSize as Graph names it', () => {
    expect(PR_MESSAGE_SIZE).toBe('Integer 0x0E08');
  });

  it('joins the two expanded properties with or, on a listing and on a lookup by id', () => {
    expect(expandOf(listMessagesRequest('bob@contoso.com', { folder: 'inbox', ...ROW_EXPAND }).path)).toBe(BOTH);
    expect(expandOf(getMessageRequest('bob@contoso.com', 'AAMk', ROW_EXPAND).path)).toBe(BOTH);
    expect(expandOf(listMessagesRequest(undefined, { folder: 'inbox', withSize: true }).path)).toBe(
      "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')",
    );
    // Neither asked: no $expand at all.
    expect(expandOf(listMessagesRequest(undefined, { folder: 'inbox' }).path)).toBeNull();
    expect(expandOf(detailsRequest(undefined, 'AAMk', 'text').path)).toBe(BOTH);
  });
});

describe('PR_MESSAGE_SIZE in answers', () => {
  it('reads the size of each message into its row; a message without it says 0', async () => {
    const http = sequence(
      json(200, {
        value: [
          { id: 'm1', subject: 'big', singleValueExtendedProperties: [{ id: 'Integer 0x0e08', value: '73728' }] },
          {
            id: 'm2',
            subject: 'deleted',
            singleValueExtendedProperties: [
              { id: 'Binary 0x348a', value: 'AQID' },
              { id: 'Integer 0x0E08', value: '2048' },
            ],
          },
          { id: 'm3', subject: 'none', singleValueExtendedProperties: [] },
        ],
      }),
    );
    const page = await listMessagesPage(clientWith(http), 'bob@contoso.com', { folder: 'inbox', ...ROW_EXPAND });
    if (!page.ok) throw new Error('the page did not parse');
    expect(page.page.items.map(toItemRow).map((r) => [r.id, r.size, r.lastActiveParentEntryId])).toEqual([
      ['m1', 73728, undefined],
      ['m2', 2048, 'AQID'],
      ['m3', 0, undefined],
    ]);
  });

  it('takes only a whole non-negative number', () => {
    const props = (value: string | null) => [{ id: 'Integer 0x0E08', value }];
    expect(extendedInteger(props('0'), PR_MESSAGE_SIZE)).toBe(0);
    expect(extendedInteger(props(' 512 '), PR_MESSAGE_SIZE)).toBe(512);
    for (const bad of ['-1', '1.5', 'abc', '', '1e9', null]) expect(extendedInteger(props(bad), PR_MESSAGE_SIZE), String(bad)).toBeUndefined();
    expect(extendedInteger(undefined, PR_MESSAGE_SIZE)).toBeUndefined();
  });

  it("gives the reading pane the message's size", () => {
    const parsed = detailsShape.parse({ id: 'm1', subject: 's', singleValueExtendedProperties: [{ id: 'Integer 0x0E08', value: '4096' }] });
    expect(toItemDetails(parsed).size).toBe(4096);
    expect(toItemDetails(detailsShape.parse({ id: 'm2' }))).not.toHaveProperty('size');
  });
});
