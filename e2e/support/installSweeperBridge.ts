// Runs in the page before the app (an init script, so the CSP does not apply to it): builds
// `window.sweeper` from the contract's method and event lists, one function per method calling
// the binding the harness exposed, and an entry point through which the harness delivers events.
// It must not reference anything outside its own body: Playwright serialises it.

export interface BridgeNames {
  methods: readonly string[];
  events: readonly string[];
  invokeBinding: string;
  /** When set, calls are POSTed to this same-origin path instead of the binding. */
  invokePath?: string;
  deliverFunction: string;
}

export function installSweeperBridge(names: BridgeNames): void {
  type Listener = (payload: unknown) => void;
  const host = window as unknown as Record<string, unknown>;
  const invokeOverHttp = async (path: string, method: string, arg: unknown): Promise<unknown> => {
    const response = await fetch(path, { method: 'POST', body: JSON.stringify({ method, arg }) });
    if (!response.ok) throw new Error(`the harness answered HTTP ${response.status}: ${await response.text()}`);
    const answer = (await response.json()) as { value?: unknown; error?: string };
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.value;
  };
  const invoke = async (method: string, arg: unknown): Promise<unknown> => {
    if (names.invokePath !== undefined) return invokeOverHttp(names.invokePath, method, arg);
    const binding = host[names.invokeBinding] as (method: string, arg: unknown) => Promise<string>;
    // The harness answers with JSON text ({ value }); errors still arrive as rejections.
    return (JSON.parse(await binding(method, arg)) as { value?: unknown }).value;
  };
  const listeners = new Map<string, Set<Listener>>(names.events.map((event) => [event, new Set<Listener>()]));
  const api: Record<string, unknown> = {};
  for (const method of names.methods) api[method] = (arg?: unknown) => invoke(method, arg);
  for (const event of names.events) {
    // jobProgress → onJobProgress, as SweeperApi names its subscriptions.
    api[`on${event.charAt(0).toUpperCase()}${event.slice(1)}`] = (listener: Listener) => {
      listeners.get(event)?.add(listener);
      return () => listeners.get(event)?.delete(listener);
    };
  }
  host[names.deliverFunction] = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  host.sweeper = Object.freeze(api);
}
