// Fault injection, each kind at probability 1, and reproducibility from the seed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, deleteItems, fault, messages, post } from './helpers';

let sim: RunningSimulator;
let inbox = '';
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
});
afterAll(() => sim.close());
beforeEach(() => sim.setFaults(structuredClone(NO_FAULTS)));

const deleteOne = async (): Promise<{ id: string; answer: Promise<Awaited<ReturnType<typeof post>>> }> => {
  const [id] = sim.store.seedItems(inbox, 1);
  return { id: id ?? '', answer: post(sim, deleteItems([id ?? ''], 'HardDelete'), { timeoutMs: 400 }) };
};

describe('request-level faults', () => {
  it('http503: HTTP 503 without SOAP, nothing applied', async () => {
    sim.setFaults({ rates: { http503: 1 } });
    const { id, answer } = await deleteOne();
    const a = await answer;
    expect(a.status).toBe(503);
    expect(a.text).not.toContain('Envelope');
    expect(sim.store.locate(id)).toBeDefined();
  });

  it('internalErrorFault: HTTP 500 ErrorInternalServerError fault', async () => {
    sim.setFaults({ rates: { internalErrorFault: 1 } });
    const { id, answer } = await deleteOne();
    const a = await answer;
    expect(a.status).toBe(500);
    expect(fault(a.text)?.code).toBe('ErrorInternalServerError');
    expect(sim.store.locate(id)).toBeDefined();
  });

  it('connectionReset: the socket closes before any answer, nothing applied', async () => {
    sim.setFaults({ rates: { connectionReset: 1 } });
    const { id, answer } = await deleteOne();
    await expect(answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sim.store.locate(id)).toBeDefined();
  });

  it('noAnswer: the request is held until the client gives up, nothing applied', async () => {
    sim.setFaults({ rates: { noAnswer: 1 } });
    const { id, answer } = await deleteOne();
    await expect(answer).rejects.toThrow('client timeout');
    expect(sim.store.locate(id)).toBeDefined();
  });

  it('malformedXml: HTTP 200 with a cut-off envelope', async () => {
    sim.setFaults({ rates: { malformedXml: 1 } });
    const { answer } = await deleteOne();
    const a = await answer;
    expect(a.status).toBe(200);
    expect(a.contentType).toContain('text/xml');
    expect(a.text).not.toContain('</s:Envelope>');
  });

  it('htmlLoginPage: HTTP 200 text/html with a login form', async () => {
    sim.setFaults({ rates: { htmlLoginPage: 1 } });
    const { answer } = await deleteOne();
    const a = await answer;
    expect(a.status).toBe(200);
    expect(a.contentType).toContain('text/html');
    expect(a.text).toContain('<form');
  });

  it('lostResponse: the change is applied, then the connection resets', async () => {
    sim.setFaults({ rates: { lostResponse: 1 } });
    const { id, answer } = await deleteOne();
    await expect(answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sim.store.locate(id)).toBeUndefined();
  });
});

describe('latency', () => {
  it('adds request latency and per-item latency', async () => {
    sim.setFaults({ requestLatencyMs: 120 });
    let started = performance.now();
    await (
      await deleteOne()
    ).answer;
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    sim.setFaults({ requestLatencyMs: 0, itemLatencyMs: 40 });
    const ids = sim.store.seedItems(inbox, 4);
    started = performance.now();
    expect(codes((await post(sim, deleteItems(ids, 'HardDelete'))).text)).toEqual(['NoError', 'NoError', 'NoError', 'NoError']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe('per-item errors', () => {
  it('injects each code without touching the item', async () => {
    for (const code of ['ErrorItemNotFound', 'ErrorInternalServerError'] as const) {
      sim.setFaults({ itemErrorRates: { ...NO_FAULTS.itemErrorRates, [code]: 1 } });
      const ids = sim.store.seedItems(inbox, 2);
      const answer = await post(sim, deleteItems(ids, 'HardDelete'));
      expect(answer.status).toBe(200);
      expect(codes(answer.text)).toEqual([code, code]);
      for (const id of ids) expect(sim.store.locate(id)).toBeDefined();
    }
  });

  it('writes injected ErrorServerBusy the documented HTTP 200 way: ErrorInternalServerError with an inner ErrorServerBusy', async () => {
    sim.setFaults({ itemErrorRates: { ErrorServerBusy: 1 } });
    const [id] = sim.store.seedItems(inbox, 1);
    const answer = await post(sim, deleteItems([id ?? ''], 'HardDelete'));
    expect(codes(answer.text)).toEqual(['ErrorInternalServerError']);
    expect(answer.text).toContain('<t:Value Name="InnerErrorResponseCode">ErrorServerBusy</t:Value>');
  });

  it('is reproducible from the seed', async () => {
    const run = async (): Promise<string[]> => {
      sim.setFaults({ seed: 42, itemErrorRates: { ErrorItemNotFound: 0.3, ErrorInternalServerError: 0.3 } });
      const ids = sim.store.seedItems(inbox, 30);
      return messages((await post(sim, deleteItems(ids, 'HardDelete'))).text).map((m) => m.code);
    };
    const first = await run();
    expect(new Set(first).size).toBe(3);
    expect(await run()).toEqual(first);
  });
});
