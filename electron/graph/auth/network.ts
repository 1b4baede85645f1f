// MSAL's HTTP calls (token endpoint, metadata) over the same Node https transport as Graph, so
// they get a timeout, a size cap, and the extra CA the admin trusts (an inspecting proxy's, or
// the simulator's): MSAL's default client uses fetch, which takes no CA option.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { parseBoundedJson } from '../json';
import type { GraphHttp } from '../transport';

export interface MsalNetworkOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export class MsalNetwork implements INetworkModule {
  constructor(
    private readonly http: GraphHttp,
    private readonly options: MsalNetworkOptions = {},
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options, undefined);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> {
    const outcome = await this.http.send({
      method,
      url: new URL(url),
      headers: { ...options?.headers },
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      timeoutMs: timeout ?? this.options.timeoutMs ?? 30_000,
      maxResponseBytes: this.options.maxResponseBytes ?? 1024 * 1024,
    });
    // MSAL turns a thrown error into its network_error; it reads OAuth error bodies itself.
    if (!outcome.ok) throw new Error(`Sign-in request to ${new URL(url).host} failed: ${outcome.failure.message}`);
    const json = parseBoundedJson(outcome.response.body, { maxChars: 1024 * 1024, maxDepth: 32 });
    if (!json.ok) throw new Error(`Sign-in answer from ${new URL(url).host} is not JSON: ${json.message}`);
    return { status: outcome.response.status, headers: outcome.response.headers, body: json.value as T };
  }
}
