// Test doubles for the Graph client: a scripted GraphHttp that records every request and answers
// from a handler, and fixture loading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphClient } from '../../electron/graph/client';
import type { GraphHttp, HttpOutcome, HttpRequest, HttpResponse } from '../../electron/graph/transport';

export const GRAPH_BASE = 'https://graph.microsoft.com/v1.0';
export const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.test-token';

export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export class ScriptedHttp implements GraphHttp {
  readonly requests: HttpRequest[] = [];

  constructor(private readonly handler: (request: HttpRequest, index: number) => HttpResponse | HttpOutcome) {}

  send(request: HttpRequest): Promise<HttpOutcome> {
    this.requests.push(request);
    const answer = this.handler(request, this.requests.length - 1);
    return Promise.resolve('ok' in answer ? answer : { ok: true, response: answer });
  }

  /** Query parameters of request `i`, decoded. */
  query(i: number): Record<string, string> {
    const request = this.requests[i];
    if (!request) throw new Error(`No request ${i}`);
    return Object.fromEntries(request.url.searchParams.entries());
  }
}

export function clientWith(http: GraphHttp, baseUrl = GRAPH_BASE): GraphClient {
  return new GraphClient({ baseUrl, token: () => Promise.resolve(TOKEN), http });
}

/** Answers a sequence of responses in order. */
export function sequence(...answers: HttpResponse[]): ScriptedHttp {
  return new ScriptedHttp((_request, index) => {
    const answer = answers[index];
    if (!answer) throw new Error(`Unexpected request ${index + 1}`);
    return answer;
  });
}
