// Issue 14, points 4 and 5, at the job backend: a GetItem answer in another order than asked is
// matched by the ids its rows carry (never by position alone), rows for other items are never
// used; an id XML cannot carry fails that one item, while the rest of its batch is sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BasicAuth, EwsClient } from '../../electron/ews';
import type { EwsTransport, PostOptions, RawResponse } from '../../electron/ews/transportPort';
import { EwsJobBackend } from '../../electron/backends/ews/jobBackend';
import { makeEngine, outcomesOf, tempDir } from './helpers';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

function envelope(op: string, messages: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
    `<m:${op}Response xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${messages}</m:ResponseMessages></m:${op}Response></s:Body></s:Envelope>`
  );
}

const folderOf = (id: string): string => `folder-of-${id}`;

function row(id: string): string {
  return (
    `<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items><t:Message>` +
    `<t:ItemId Id="${id}" ChangeKey="CK"/><t:ParentFolderId Id="${folderOf(id)}" ChangeKey="FCK"/><t:ItemClass>IPM.Note</t:ItemClass><t:Subject>subject of ${id}</t:Subject>` +
    `</t:Message></m:Items></m:GetItemResponseMessage>`
  );
}

type Answering = 'in order' | 'reversed' | 'other items';

/** A scripted Exchange: GetItem rows in the chosen order, every DeleteItem a success; keeps each request. */
function scriptedTransport(answering: () => Answering): EwsTransport & { requests: string[] } {
  const requests: string[] = [];
  return {
    host: 'mail.contoso.com',
    requests,
    post: async (xml: string, options: PostOptions): Promise<RawResponse> => {
      requests.push(xml);
      const ids = [...xml.matchAll(/<t:ItemId Id="([^"]*)"/g)].map((m) => m[1] ?? '');
      let body: string;
      if (options.operation === 'GetItem') {
        const mode = answering();
        const answered = mode === 'reversed' ? [...ids].reverse() : mode === 'other items' ? ids.map((id) => `other-${id}`) : ids;
        body = envelope('GetItem', answered.map(row).join(''));
      } else if (options.operation === 'DeleteItem') {
        body = envelope(
          'DeleteItem',
          ids.map(() => '<m:DeleteItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:DeleteItemResponseMessage>').join(''),
        );
      } else {
        throw new Error(`unexpected ${options.operation}`);
      }
      return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
    },
    close: () => undefined,
  };
}

function backendWith(answering: Answering): { backend: EwsJobBackend; requests: string[] } {
  const transport = scriptedTransport(() => answering);
  const client = new EwsClient({ url: 'https://mail.contoso.com/EWS/Exchange.asmx', auth: new BasicAuth('a', 'b'), transport });
  return { backend: new EwsJobBackend(client, { part: 'primary' }), requests: transport.requests };
}

const signal = new AbortController().signal;
const IDS = ['AAA1', 'BBB2', 'CCC3', 'DDD4'];

describe('GetItem answers are matched by the ids they carry', () => {
  it('in order: each id gets its row and its folder', async () => {
    const lookups = await backendWith('in order').backend.getItems(IDS, signal);
    expect(lookups.map((l) => (l.status === 'found' ? [l.row.id, l.parentFolderId] : l.status))).toEqual(IDS.map((id) => [id, folderOf(id)]));
  });

  it("reversed: still each id with its own row and folder (never its neighbour's)", async () => {
    const lookups = await backendWith('reversed').backend.getItems(IDS, signal);
    expect(lookups.map((l) => (l.status === 'found' ? [l.row.id, l.row.subject, l.parentFolderId] : l.status))).toEqual(
      IDS.map((id) => [id, `subject of ${id}`, folderOf(id)]),
    );
  });

  it('rows for other items: no id is given a row, each is an unresolved error', async () => {
    const lookups = await backendWith('other items').backend.getItems(IDS, signal);
    expect(lookups.map((l) => l.status)).toEqual(IDS.map(() => 'error'));
    expect(lookups.map((l) => (l.status === 'error' ? l.code : ''))).toEqual(IDS.map(() => 'AnswerMismatch'));
  });
});

describe('ids XML cannot carry', () => {
  const BAD = ['\u0001x', 'a\uD800b', 'c\uFFFE'];

  it('fail alone: the rest of the batch is sent and answered in place', async () => {
    const { backend, requests } = backendWith('in order');
    const ids = ['AAA1', BAD[0] ?? '', 'BBB2', BAD[1] ?? '', 'CCC3', BAD[2] ?? ''];
    const deleted = await backend.deleteItems(ids, 'SoftDelete', signal);
    expect(deleted.map((r) => (r.status === 'error' ? r.code : r.status))).toEqual([
      'ok',
      'InvalidIdCharacters',
      'ok',
      'InvalidIdCharacters',
      'ok',
      'InvalidIdCharacters',
    ]);
    const lookups = await backend.getItems(ids, signal);
    expect(lookups.map((l) => (l.status === 'found' ? l.row.id : l.status))).toEqual(['AAA1', 'error', 'BBB2', 'error', 'CCC3', 'error']);
    expect(requests.every((xml) => !/[\u0001\uFFFE]/.test(xml))).toBe(true);
    // Only bad ids: nothing is sent at all.
    const before = requests.length;
    expect((await backend.deleteItems(BAD, 'HardDelete', signal)).every((r) => r.status === 'error')).toBe(true);
    expect(requests.length).toBe(before);
  });

  describe('in a job', () => {
    let dir: string;
    let cleanup: () => void;
    beforeEach(() => ({ dir, cleanup } = tempDir()));
    afterEach(() => cleanup());

    it('the job completes: the bad ids failed (not retryable), every other item done', async () => {
      const { backend } = backendWith('reversed');
      const ids = ['AAA1', '\u0001bad', 'BBB2', 'CCC3', 'x\uFFFF'];
      const job = await makeEngine(dir, backend).start({
        mailbox: { part: 'primary' },
        action: { kind: 'delete', mode: 'SoftDelete' },
        target: { kind: 'ids', ids },
      });
      const result = await job.done;
      expect(result.state).toBe('completed');
      const outcomes = await outcomesOf(dir, job.jobId);
      expect(outcomes.get('AAA1')?.outcome).toBe('done');
      expect(outcomes.get('CCC3')?.outcome).toBe('done');
      expect(outcomes.get('\u0001bad')?.outcome).toBe('failed');
      expect(outcomes.get('x\uFFFF')?.outcome).toBe('failed');
      expect(result.counts.done).toBe(3);
    });
  });
});
