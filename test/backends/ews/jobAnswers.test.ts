// The EWS answers in the job engine's words (backends/ews/jobAnswers.ts): per-item codes become
// retry-now, already-gone, final or retryable-later; ids XML cannot carry fail alone; lookups take
// the row that names them; folder-call failures are busy, transient or fatal.
import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../../../electron/backends/port';
import type { ResponseStatus } from '../../../electron/ews';
import { folderError, itemFailure, sendable, transferResult, UNSENDABLE } from '../../../electron/backends/ews/jobAnswers';

const status = (code: string, extra: Partial<ResponseStatus> = {}): ResponseStatus => ({
  responseClass: code === 'NoError' ? 'Success' : 'Error',
  responseCode: code,
  messageText: `${code} text`,
  messageXml: {},
  innerCode: undefined,
  effectiveCode: code,
  busy: false,
  backOffMs: undefined,
  ...extra,
});

describe('EWS job answers', () => {
  it('sorts per-item codes: gone, retry now (throttled or not), retryable later, final', () => {
    expect(itemFailure(status('ErrorItemNotFound'))).toMatchObject({ status: 'notFound', code: 'ErrorItemNotFound' });
    expect(itemFailure(status('ErrorServerBusy', { busy: true, backOffMs: 500 }))).toEqual({
      status: 'retry',
      code: 'ErrorServerBusy',
      message: 'ErrorServerBusy text',
      throttled: true,
      backOffMs: 500,
    });
    expect(itemFailure(status('ErrorBatchProcessingStopped'))).toMatchObject({ status: 'retry', throttled: false });
    expect(itemFailure(status('ErrorMailboxStoreUnavailable'))).toMatchObject({ status: 'error', retryable: true });
    expect(itemFailure(status('ErrorAccessDenied'))).toMatchObject({ status: 'error', retryable: false });
  });

  it('gives a transfer its new id when the server returned one', () => {
    expect(transferResult({ ok: true, status: status('NoError'), value: { newId: { id: 'N1' } } })).toEqual({ status: 'ok', newId: 'N1' });
    expect(transferResult({ ok: true, status: status('NoError'), value: { newId: undefined } })).toEqual({ status: 'ok' });
    expect(transferResult({ ok: false, status: status('ErrorItemNotFound') })).toMatchObject({ status: 'notFound' });
  });

  it('sends only ids XML can carry; the others fail in their place', async () => {
    const asked: string[][] = [];
    const answers = await sendable<ItemResult>(['a', 'b\u0001', 'c'], UNSENDABLE, async (sent) => {
      asked.push([...sent]);
      return sent.map(() => ({ status: 'ok' as const }));
    });
    expect(asked).toEqual([['a', 'c']]);
    expect(answers).toEqual([{ status: 'ok' }, UNSENDABLE, { status: 'ok' }]);
    expect(await sendable<ItemResult>(['\u0001'], UNSENDABLE, async () => [])).toEqual([UNSENDABLE]);
  });

  it('turns a folder call failure into busy, transient or fatal, never executed', () => {
    expect(folderError(status('ErrorServerBusy', { busy: true, backOffMs: 100 }))).toMatchObject({ kind: 'busy', backOffMs: 100, mayHaveExecuted: false });
    expect(folderError(status('ErrorTimeoutExpired'))).toMatchObject({ kind: 'transient', mayHaveExecuted: false });
    expect(folderError(status('ErrorFolderNotFound'))).toMatchObject({ kind: 'fatal', code: 'ErrorFolderNotFound' });
  });
});
